"""A controlled freeze-dryer (2B352.e), a kitchen product, a client in Korea, an SBDU licence
for Korea, and an export shipment to Seoul with both products, for the export control tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from comptoir.catalog.models import Product
from comptoir.export_control import services
from comptoir.export_control.inputs import ClassificationValues, LicenceValues
from comptoir.parties.models import Address, Company
from comptoir.sales.tests.conftest import clients, product, seller  # noqa: F401  (fixtures)
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import ShipmentDetails, ShipmentLineValues

TODAY = dt.date.today()


def korean_client() -> Company:
    firm = Company(name="Seoul Home Living", country="KR", city="Seoul", currency="EUR")
    firm.role_list = ["client"]
    firm.save()
    Address.objects.create(
        company=firm,
        kind="billing",
        line1="1 Gangnam-daero",
        postcode="06000",
        city="Seoul",
        country="KR",
    )
    return firm


def freeze_dryer() -> Product:
    return Product.objects.create(
        reference="LYO-12",
        name_fr="Lyophilisateur 12 kg/24 h stérilisable vapeur",
        name_en="Steam-sterilisable freeze-dryer 12 kg/24 h",
        hs_code="841939",
        hs_national="8419390000",
        origin_country="FR",
        net_weight_kg=Decimal("310"),
        gross_weight_kg=Decimal("380"),
        cost_price=Decimal("31000"),
    )


def licence_values(**changes: Any) -> LicenceValues:
    values: dict[str, Any] = {
        "number": "FR-SBDU-2026-00417",
        "kind": "individual",
        "countries": "KR",
        "control_numbers": "2B352",
        "valid_from": TODAY - dt.timedelta(days=30),
        "valid_until": TODAY + dt.timedelta(days=700),
        "quantity_limit": Decimal("4"),
        "value_limit": Decimal("200000"),
    }
    values.update(changes)
    return LicenceValues(**values)


def export_shipment(client: Company, lines: list[tuple[Product, str, str]], country: str = "KR"):  # type: ignore[no-untyped-def]
    return shipping.create_shipment(
        details=ShipmentDetails(
            mode="sea_fcl",
            partner=client,
            incoterm="CIF",
            origin_country="FR",
            destination_country=country,
            value=sum((Decimal(v) for _p, _q, v in lines), Decimal("0")),
            reference="Seoul",
        ),
        lines=[
            ShipmentLineValues(
                product=item,
                description=item.name_en,
                quantity=Decimal(quantity),
                net_weight_kg=Decimal("10"),
                gross_weight_kg=Decimal("12"),
                value=Decimal(value),
            )
            for item, quantity, value in lines
        ],
        user=None,
    )


@pytest.fixture
def world(seller, product):  # type: ignore[no-untyped-def]  # noqa: F811
    client = korean_client()
    dryer = freeze_dryer()
    services.classify_product(
        product=dryer,
        values=ClassificationValues(control_number="2b352.E", basis="Condenser 12 kg/24 h"),
        user=None,
    )
    licence = services.save_licence(licence=None, values=licence_values(), user=None)
    shipment = export_shipment(client, [(dryer, "2", "96000"), (product, "50", "3950")])
    return SimpleNamespace(
        client=client,
        dryer=dryer,
        pan=product,
        licence=licence,
        shipment=shipment,
        dryer_line=shipment.lines.get(product=dryer),
        pan_line=shipment.lines.get(product=product),
    )
