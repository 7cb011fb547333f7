"""A sea FCL shipment to Casablanca under a documentary credit, CIF, with its issued invoice,
and an air shipment of dangerous goods to Tokyo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from comptoir.catalog.models import Product
from comptoir.parties.models import Address, Company
from comptoir.sales import billing, services
from comptoir.sales.tests.conftest import make_order, product, seller  # noqa: F401
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import ContainerValues
from comptoir.shipping.models import Shipment

TODAY = dt.date.today()


def company(name: str, country: str, language: str, roles: list[str]) -> Company:
    firm = Company(
        name=name,
        country=country,
        city="Casablanca" if country == "MA" else "Tokyo",
        currency="EUR",
        credit_limit=Decimal("500000"),
        payment_days=30,
        language=language,
    )
    firm.role_list = roles
    firm.save()
    Address.objects.create(
        company=firm,
        kind="billing",
        line1="45 boulevard d'Anfa" if country == "MA" else "1-2-3 Marunouchi",
        postcode="20000" if country == "MA" else "100-0005",
        city=firm.city,
        country=country,
    )
    return firm


def shipment_for(
    client: Company, goods: Product, mode: str, *, incoterm: str, place: str, instrument: str
) -> Shipment:
    order = make_order(
        client,
        goods,
        "40",
        "79",
        **{"payment_instrument": instrument},
    )
    order.incoterm, order.incoterm_place = incoterm, place
    order.save()
    order = services.confirm_order(order=order, user=None)
    line = order.lines.get()
    delivery = services.create_delivery(
        order=order, user=None, planned_date=TODAY, quantities={line.pk: line.quantity}
    )
    invoice = billing.draft_from_delivery(delivery=delivery, user=None)
    billing.issue(invoice=invoice, user=None, issue_date=TODAY)
    return shipping.create_from_deliveries(deliveries=[delivery], mode=mode, user=None)


@pytest.fixture
def casa(seller: Any, product: Product) -> Shipment:  # noqa: F811
    client = company("Atlas Cuisine SARL", "MA", "fr", ["client"])
    shipment = shipment_for(
        client, product, "sea_fcl", incoterm="CIF", place="Casablanca", instrument="lc"
    )
    forwarder = company("Transit Rhône SA", "FR", "fr", ["forwarder"])
    shipping.set_providers(shipment=shipment, user=None, carrier=None, forwarder=forwarder)
    Shipment.objects.filter(pk=shipment.pk).update(
        place_of_loading="Marseille",
        loading_locode="FRMRS",
        place_of_discharge="Casablanca",
        discharge_locode="MACAS",
        vessel="CMA CGM TANGER",
        voyage="0MX3AN1MA",
    )
    shipping.save_containers(
        shipment=shipment,
        containers=[
            ContainerValues(number="MSCU1234566", seal_number="SL-778812", equipment_code="22G1")
        ],
        user=None,
    )
    shipment.refresh_from_db()
    return shipment


@pytest.fixture
def tokyo(seller: Any, product: Product) -> Shipment:  # noqa: F811
    client = company("Tokyo Kitchen KK", "JP", "en", ["client"])
    lighter = Product.objects.create(
        reference="GAS-190",
        name_fr="Cartouche de gaz 190 g",
        name_en="Gas cartridge 190 g",
        hs_code="271111",
        origin_country="FR",
        net_weight_kg=Decimal("0.19"),
        gross_weight_kg=Decimal("0.3"),
        units_per_carton=24,
        carton_length_cm=Decimal("40"),
        carton_width_cm=Decimal("30"),
        carton_height_cm=Decimal("20"),
        carton_gross_weight_kg=Decimal("7.6"),
        cost_price=Decimal("1.50"),
        un_number="2037",
        dangerous_class="2.1",
        packing_group="",
    )
    return shipment_for(
        client, lighter, "air", incoterm="CPT", place="Tokyo", instrument="open_account"
    )


@pytest.fixture
def geneva(seller: Any, product: Product) -> Shipment:  # noqa: F811
    client = company("Cuisines du Léman SA", "CH", "fr", ["client"])
    return shipment_for(
        client, product, "road_full", incoterm="DAP", place="Genève", instrument="open_account"
    )
