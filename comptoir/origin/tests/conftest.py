"""Our company with a REX number, clients in the UK, Japan, Canada and Switzerland, a
supplier, and the cast-iron casserole with EU preferential origin under the TCA."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comptoir.origin import services
from comptoir.origin.inputs import OriginValues
from comptoir.origin.models import Agreement
from comptoir.parties.models import Address, Company
from comptoir.sales.tests.conftest import clients, product, seller  # noqa: F401  (fixtures)


def firm(name: str, country: str, role: str = "client", language: str = "en") -> Company:
    company = Company(
        name=name,
        country=country,
        city="City",
        currency="EUR",
        credit_limit=Decimal("500000"),
        payment_days=30,
        language=language,
        default_incoterm="FCA",
        incoterm_place="Thiers",
    )
    company.role_list = [role]
    company.save()
    Address.objects.create(
        company=company,
        kind="billing",
        line1="1 High Street",
        postcode="1000",
        city="City",
        country=country,
    )
    return company


@pytest.fixture
def partners(db):  # type: ignore[no-untyped-def]
    return {
        "gb": firm("Cookshop London Ltd", "GB"),
        "jp": firm("Kitchen Tokyo KK", "JP"),
        "ca": firm("Cuisine Montréal Inc.", "CA", language="fr"),
        "ch": firm("Kochwelt AG", "CH"),
        "supplier": firm("Fonderie du Livradois", "FR", role="supplier", language="fr"),
    }


@pytest.fixture
def rex_seller(seller):  # type: ignore[no-untyped-def]  # noqa: F811
    seller.rex_number = "FRREX0055210055"
    seller.save()
    return seller


def agreement(code: str) -> Agreement:
    return Agreement.objects.get(code=code)


def give_origin(item, code: str, **values):  # type: ignore[no-untyped-def]
    return services.save_product_origin(
        product=item,
        values=OriginValues(
            agreement=agreement(code),
            basis=values.pop("basis", "sufficient_processing"),
            rule=values.pop("rule", "CTH"),
            **values,
        ),
        user=None,
    )


TODAY = dt.date.today()
