"""The parties and catalog services take typed keyword-only values, never forms, check the
role themselves and record who changed what; parties never reads catalog."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from comptoir.catalog import services as catalog_services
from comptoir.catalog.models import PriceList, Product
from comptoir.catalog.values import PriceListValues, PriceValues, ProductValues
from comptoir.parties import services
from comptoir.parties.models import Company, CountrySheet, Task
from comptoir.parties.values import (
    AddressValues,
    CompanyValues,
    ContactValues,
    CountrySheetValues,
    TaskValues,
)

from .factories import company, contact

pytestmark = pytest.mark.django_db

SERVICES = [
    services.save_company,
    services.save_address,
    services.save_contact,
    services.save_task,
    services.save_country_sheet,
    services.erase_person,
    services.set_opt_out,
    services.import_table,
    catalog_services.save_product,
    catalog_services.save_price_list,
    catalog_services.add_price,
    catalog_services.remove_price,
    catalog_services.import_hs_nomenclature,
]


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.__name__)
def test_a_service_takes_keyword_only_values_and_no_form(service):
    parameters = inspect.signature(service).parameters.values()
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters)
    assert not any("Form" in str(p.annotation) for p in parameters)


def test_save_company_creates_a_company_with_its_author_and_reason(manager):
    values = CompanyValues(
        name="Casa Cucina S.r.l.",
        roles=("client", "prospect"),
        country="IT",
        time_zone="Europe/Rome",
        credit_limit=Decimal("50000"),
    )
    saved = services.save_company(company=None, values=values, user=manager, reason="API")
    saved.refresh_from_db()
    assert saved.role_list == ["client", "prospect"] and saved.credit_limit == Decimal("50000")
    entry = saved.history.get()
    assert entry.history_user == manager and entry.history_change_reason == "API"


def test_save_company_refuses_credit_terms_to_an_assistant_and_writes_nothing(assistant):
    firm = company(credit_limit=Decimal("20000"))
    values = CompanyValues(
        name=firm.name,
        roles=("client",),
        country=firm.country,
        time_zone=firm.time_zone,
        credit_limit=Decimal("900000"),
    )
    with pytest.raises(PermissionDenied):
        services.save_company(company=firm, values=values, user=assistant)
    assert Company.objects.get(pk=firm.pk).credit_limit == Decimal("20000")


def test_an_assistant_saves_contacts_addresses_and_tasks_but_not_country_sheets(assistant):
    firm = company()
    person = services.save_contact(
        contact=None, values=ContactValues(company=firm, last_name="Rossi"), user=assistant
    )
    address = services.save_address(
        company=firm,
        address=None,
        values=AddressValues(kind="billing", line1="Via Roma 1", city="Milano", country="IT"),
        user=assistant,
    )
    task = services.save_task(
        task=None,
        values=TaskValues(
            title="Call back", due_date=dt.date(2026, 12, 7), assigned_to=assistant, contact=person
        ),
        user=assistant,
    )
    assert address.company == firm and person.company == firm
    assert Task.objects.get(pk=task.pk).contact == person
    with pytest.raises(PermissionDenied):
        services.save_country_sheet(
            country="JP", values=CountrySheetValues(risk_notes="Low"), user=assistant
        )
    assert not CountrySheet.objects.filter(country="JP").exists()


def test_save_country_sheet_changes_the_existing_sheet(django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="pw-root")
    first = services.save_country_sheet(
        country="JP", values=CountrySheetValues(risk_notes="Low"), user=admin
    )
    again = services.save_country_sheet(
        country="JP", values=CountrySheetValues(risk_notes="Watch the yen"), user=admin
    )
    assert again.pk == first.pk and CountrySheet.objects.get().risk_notes == "Watch the yen"


def test_erase_and_opt_out_take_keywords(manager):
    person = contact(company())
    services.set_opt_out(contact=person, opted_out=True, user=manager)
    assert person.opted_out and person.opted_out_at is not None
    services.erase_person(contact=person, user=manager)
    assert person.last_name == services.ERASED


def test_catalog_services_save_products_lists_and_prices(assistant, manager):
    product = catalog_services.save_product(
        product=None,
        values=ProductValues(
            reference="CF-24",
            name_fr="Cocotte 24 cm",
            name_en="Casserole 24 cm",
            hs_code="732392",
            origin_country="FR",
            net_weight_kg=Decimal("4.3"),
            gross_weight_kg=Decimal("4.9"),
            cost_price=Decimal("38.5"),
        ),
        user=assistant,
    )
    price_list = catalog_services.save_price_list(
        price_list=None, values=PriceListValues(name="Export USD", currency="USD"), user=assistant
    )
    item = catalog_services.add_price(
        price_list=price_list,
        values=PriceValues(product=product, unit_price=Decimal("79"), min_quantity=10),
        user=assistant,
    )
    assert Product.objects.get().history.get().history_user == assistant
    assert PriceList.objects.get().items.get() == item
    with pytest.raises(PermissionDenied):  # removing a price is a manager's call
        catalog_services.remove_price(item=item, user=assistant)
    catalog_services.remove_price(item=item, user=manager)
    assert not price_list.items.exists()


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_parties_never_imports_catalog():
    """catalog builds on parties (countries, currencies); the reverse would be a cycle."""
    package = Path(services.__file__).parent
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts
        and any(m.startswith("comptoir.catalog") for m in _imported_modules(path))
    ]
    assert offenders == []
