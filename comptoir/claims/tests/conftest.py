"""A road shipment to Munich, an air shipment to Tokyo, a carrier (German, writes in English),
a French carrier and an insurer, for the claims tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from comptoir.parties.models import Address, Company, Contact
from comptoir.sales.tests.conftest import clients, seller  # noqa: F401  (fixtures)
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import ShipmentDetails, ShipmentLineValues

TODAY = dt.date.today()


def company(name: str, country: str, role: str, language: str = "en", email: str = "") -> Company:
    firm = Company(name=name, country=country, city="City", language=language)
    firm.role_list = [role]
    firm.save()
    Address.objects.create(
        company=firm,
        kind="billing",
        line1="5 Hafenstraße",
        postcode="80331",
        city="City",
        country=country,
    )
    if email:
        Contact.objects.create(company=firm, last_name="Claims desk", email=email)
    return firm


def shipment(client, carrier, *, mode: str, origin: str, destination: str, reference: str):  # type: ignore[no-untyped-def]
    made = shipping.create_shipment(
        details=ShipmentDetails(
            mode=mode,
            partner=client,
            incoterm="DAP",
            origin_country=origin,
            destination_country=destination,
            value=Decimal("18400"),
            reference=reference,
            carrier=carrier,
            packages=12,
            gross_weight_kg=Decimal("2400"),
            net_weight_kg=Decimal("2100"),
            transport_document_number="CMR 4711",
            place_of_loading="Thiers",
            place_of_delivery="München",
            insured_value=Decimal("20240"),
        ),
        lines=[
            ShipmentLineValues(
                description="Cast-iron casseroles",
                quantity=Decimal("480"),
                net_weight_kg=Decimal("2100"),
                gross_weight_kg=Decimal("2400"),
                value=Decimal("18400"),
            )
        ],
        user=None,
    )
    return shipping.set_providers(
        shipment=made,
        user=None,
        carrier=carrier,
        freight_cost=Decimal("850"),
        freight_currency="EUR",
    )


@pytest.fixture
def world(seller, clients):  # type: ignore[no-untyped-def]  # noqa: F811
    carrier = company("Spedition Huber GmbH", "DE", "carrier", "en", "claims@huber.example")
    french_carrier = company("Transports Auvergne", "FR", "carrier", "fr", "litiges@ta.example")
    insurer = company("Hiscox Cargo", "FR", "insurer", "fr", "sinistres@assur.example")
    return SimpleNamespace(
        carrier=carrier,
        french_carrier=french_carrier,
        insurer=insurer,
        road=shipment(
            clients["de"],
            carrier,
            mode="road_groupage",
            origin="FR",
            destination="DE",
            reference="MUC groupage",
        ),
        domestic=shipment(
            clients["fr"],
            french_carrier,
            mode="road_full",
            origin="FR",
            destination="FR",
            reference="Lyon",
        ),
        air=shipment(
            clients["us"], carrier, mode="air", origin="FR", destination="JP", reference="TYO"
        ),
        rail=shipment(
            clients["de"], carrier, mode="rail", origin="FR", destination="DE", reference="rail"
        ),
    )
