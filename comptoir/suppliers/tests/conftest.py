"""A Chinese supplier with its file, a product, for the supplier panel's tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comptoir.parties.models import Company, CountrySheet
from comptoir.sales.tests.conftest import product  # noqa: F401  (fixture)
from comptoir.suppliers import services
from comptoir.suppliers.inputs import FileValues
from comptoir.suppliers.models import SupplierFile

TODAY = dt.date.today()


def supplier_company(name: str = "Ningbo Enamel Co.", country: str = "CN") -> Company:
    firm = Company(name=name, country=country, city="Ningbo", currency="USD")
    firm.role_list = ["supplier"]
    firm.save()
    return firm


@pytest.fixture
def supplier_firm(db):  # type: ignore[no-untyped-def]
    CountrySheet.objects.create(country="CN", risk_level="moderate", risk_notes="Export licences")
    return supplier_company()


@pytest.fixture
def supplier(supplier_firm, assistant) -> SupplierFile:  # type: ignore[no-untyped-def]
    return services.open_file(
        company=supplier_firm,
        values=FileValues(
            status="approved",
            categories="enamelled lids, cast iron",
            buyer=assistant,
            instruments=("advance", "lc"),
            lead_time_days=45,
            on_time_tolerance_days=2,
            in_full_tolerance_pct=Decimal("1"),
        ),
        user=None,
    )
