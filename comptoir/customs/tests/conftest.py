"""An import from China (two lines), an export to Japan, the tariff rates they need."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from comptoir.customs import services
from comptoir.customs.inputs import TariffValues
from comptoir.parties.models import Company
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import ShipmentDetails, ShipmentLineValues

TODAY = dt.date.today()
D = Decimal


def firm(name: str, country: str, role: str) -> Company:
    company = Company(name=name, country=country, city="City", language="en")
    company.role_list = [role]
    company.save()
    return company


def mrn(body: str) -> str:
    from comptoir.trade.mrn import check_character

    return body + check_character(body)


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    supplier = firm("Ningbo Cookware Co.", "CN", "supplier")
    client = firm("Tokyo Kitchen KK", "JP", "client")
    broker = firm("Transitaire Havre", "FR", "customs_broker")
    inbound = shipping.create_shipment(
        details=ShipmentDetails(
            mode="sea_fcl",
            partner=supplier,
            incoterm="FOB",
            origin_country="CN",
            destination_country="FR",
            value=D("12000"),
            currency="USD",
            direction="import",
            customs_broker=broker,
        ),
        lines=[
            ShipmentLineValues(
                description="Steel screws",
                quantity=D("10000"),
                net_weight_kg=D("500"),
                gross_weight_kg=D("520"),
                value=D("2000"),
                hs_code="731815",
                origin_country="CN",
            ),
            ShipmentLineValues(
                description="Cast-iron pans",
                quantity=D("400"),
                net_weight_kg=D("1200"),
                gross_weight_kg=D("1300"),
                value=D("10000"),
                hs_code="732391",
                origin_country="CN",
            ),
        ],
        user=None,
    )
    outbound = shipping.create_shipment(
        details=ShipmentDetails(
            mode="air",
            partner=client,
            incoterm="CPT",
            origin_country="FR",
            destination_country="JP",
            value=D("8000"),
        ),
        lines=[
            ShipmentLineValues(
                description="Casseroles",
                quantity=D("100"),
                net_weight_kg=D("300"),
                gross_weight_kg=D("340"),
                value=D("8000"),
            )
        ],
        user=None,
    )
    for values in (
        TariffValues(code="731815", kind="third_country", ad_valorem_pct=D("3.7")),
        TariffValues(code="731815", kind="anti_dumping", origin="CN", ad_valorem_pct=D("22.1")),
        TariffValues(code="7323", kind="third_country", ad_valorem_pct=D("3.2")),
        TariffValues(
            code="73239100", kind="third_country", ad_valorem_pct=D("3.2"), source="TARIC"
        ),
    ):
        services.save_rate(values=values, user=None)
    return SimpleNamespace(
        supplier=supplier, client=client, broker=broker, inbound=inbound, outbound=outbound
    )
