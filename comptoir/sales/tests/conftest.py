"""Shared data of the order-to-cash tests: our company, three clients, two products."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comptoir.calculators.models import ExchangeRate
from comptoir.catalog.models import Product
from comptoir.parties.models import Address, Company
from comptoir.sales.models import Order, OrderLine, SellerProfile


@pytest.fixture
def seller(db):  # type: ignore[no-untyped-def]
    return SellerProfile.objects.create(
        legal_name="Maison Ferrand SAS",
        legal_form="SAS au capital de 250 000 €",
        street="12 rue de la Coutellerie",
        postcode="63300",
        city="Thiers",
        siren="552100554",
        registry="RCS Clermont-Ferrand 552 100 554",
        vat_number="FR96552100554",
        iban="FR7630006000011234567890189",
        bic="AGRIFRPP",
        bank_name="Crédit Agricole",
        email="adv@maison-ferrand.example",
        ecb_rate=Decimal("2.15"),
        max_overdue_days=30,
    )


def _client(name: str, country: str, vat: str, currency: str, credit: str, language: str = "en"):  # type: ignore[no-untyped-def]
    company = Company(
        name=name,
        country=country,
        city="City",
        vat_number=vat,
        currency=currency,
        credit_limit=Decimal(credit),
        payment_days=30,
        language=language,
        default_incoterm="FCA",
        incoterm_place="Thiers",
    )
    company.role_list = ["client"]
    company.save()
    Address.objects.create(
        company=company,
        kind="billing",
        line1="1 Main Street",
        postcode="1000",
        city="City",
        country=country,
    )
    return company


@pytest.fixture
def clients(db):  # type: ignore[no-untyped-def]
    return {
        "fr": _client("Cuisines Lyonnaises", "FR", "FR83404833048", "EUR", "20000", "fr"),
        "de": _client("Küchenhaus Berger GmbH", "DE", "DE136695976", "EUR", "20000"),
        "us": _client("Chef's Table Imports Inc.", "US", "", "USD", "50000"),
    }


@pytest.fixture
def product(db):  # type: ignore[no-untyped-def]
    return Product.objects.create(
        reference="CF-24-RG",
        name_fr="Cocotte ronde fonte 24 cm",
        name_en="Round cast-iron casserole 24 cm",
        hs_code="732392",
        cn_code="73239200",
        taric_code="7323920000",
        origin_country="FR",
        net_weight_kg=Decimal("4.3"),
        gross_weight_kg=Decimal("4.9"),
        units_per_carton=2,
        carton_length_cm=Decimal("54"),
        carton_width_cm=Decimal("33"),
        carton_height_cm=Decimal("20"),
        carton_gross_weight_kg=Decimal("10.4"),
        cost_price=Decimal("38.50"),
    )


@pytest.fixture
def usd_rate(db):  # type: ignore[no-untyped-def]
    # The bank's rates (EUR per USD) around the tests' dates.
    return ExchangeRate.objects.create(
        from_currency="USD", to_currency="EUR", valid_from=dt.date(2020, 1, 1), rate=Decimal("0.90")
    )


def make_order(client, product, quantity="100", price="79.00", **fields):  # type: ignore[no-untyped-def]
    from django.db import transaction

    from comptoir.sales import numbering

    with transaction.atomic():
        order = Order.objects.create(
            number=numbering.take_number("order", 2026),
            client=client,
            client_reference="PO-1",
            order_date=dt.date(2026, 11, 2),
            currency=client.currency,
            incoterm="FCA",
            incoterm_place="Thiers",
            language=client.language if client.language in ("fr", "en") else "en",
            **fields,
        )
        OrderLine.objects.create(
            order=order, product=product, quantity=Decimal(quantity), unit_price=Decimal(price)
        )
    return order
