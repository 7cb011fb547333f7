"""An export order CIF Casablanca (EUR 7,900, 100 casseroles) to a Moroccan client, and the
credit values that fit it, for the credits tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from comptoir.credits.inputs import CreditValues, DocumentValues
from comptoir.parties.models import Address, Company
from comptoir.purchasing.tests.conftest import lids, supplier  # noqa: F401  (fixtures)
from comptoir.sales.tests.conftest import make_order, product, seller, usd_rate  # noqa: F401  (fixtures)

TODAY = dt.date.today()


def moroccan_client() -> Company:
    company = Company(
        name="Atlas Cuisine SARL",
        legal_name="Atlas Cuisine SARL",
        country="MA",
        city="Casablanca",
        currency="EUR",
        credit_limit=Decimal("50000"),
        language="fr",
    )
    company.role_list = ["client"]
    company.save()
    Address.objects.create(
        company=company,
        kind="billing",
        line1="12 bd Zerktouni",
        postcode="20000",
        city="Casablanca",
        country="MA",
    )
    return company


def credit_values(world: SimpleNamespace, **changes: object) -> CreditValues:
    values: dict[str, object] = {
        "direction": "export",
        "partner": world.client,
        "order": world.order,
        "currency": "EUR",
        "amount": Decimal("7900"),
        "expiry_date": TODAY + dt.timedelta(days=60),
        "latest_shipment_date": TODAY + dt.timedelta(days=30),
        "issue_date": TODAY,
        "issuing_bank": "Attijariwafa Bank",
        "issuing_bank_bic": "BCMAMAMC",
        "advising_bank": "Crédit Agricole",
        "advising_bank_bic": "AGRIFRPP",
        "confirmed": True,
        "confirming_bank": "Crédit Agricole",
        "applicant_name": "Atlas Cuisine SARL",
        "beneficiary_name": "Maison Ferrand SAS",
        "incoterm": "CIF",
        "named_place": "Casablanca",
        "port_of_loading": "Marseille",
        "port_of_discharge": "Casablanca",
        "goods_description": "Round cast-iron casseroles 24 cm",
        "documents": (
            DocumentValues("commercial_invoice", originals=3),
            DocumentValues(
                "bill_of_lading",
                originals=3,
                issuer="carrier",
                freight="prepaid",
                clean_on_board=True,
            ),
            DocumentValues("insurance", cover_pct=Decimal("110"), risks="ICC (A)"),
        ),
    }
    values.update(changes)
    return CreditValues(**values)  # type: ignore[arg-type]


@pytest.fixture
def world(seller, product):  # type: ignore[no-untyped-def]  # noqa: F811
    client = moroccan_client()
    order = make_order(client, product, quantity="100", price="79.00", status="confirmed")
    order.incoterm = "CIF"
    order.incoterm_place = "Casablanca"
    order.transport_mode = "sea"
    order.payment_instrument = "confirmed_lc"
    order.payment_days = 0
    order.requested_date = TODAY + dt.timedelta(days=20)
    order.save()
    return SimpleNamespace(client=client, order=order, seller=seller, product=product)
