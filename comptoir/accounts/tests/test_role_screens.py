"""The role matrix on the screens: buttons a role cannot use are not offered, protected
fields are read-only, and a refused action says what was refused."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from comptoir.catalog.models import PriceList, PriceListItem
from comptoir.parties import services as parties
from comptoir.parties.models import Company, CountrySheet
from comptoir.parties.tests.factories import company
from comptoir.sales import billing, services
from comptoir.sales.models import Order
from comptoir.sales.tests.conftest import make_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):  # type: ignore[no-untyped-def]
    client.cookies["comptoir_language"] = "en"


def test_a_refused_action_says_what_is_refused(client, assistant, manager, product):
    prices = PriceList.objects.create(name="Export", currency="EUR")
    item = PriceListItem.objects.create(price_list=prices, product=product, unit_price=79)
    client.force_login(assistant)
    page = client.get(prices.get_absolute_url()).content.decode()
    assert reverse("catalog:pricelist_item_delete", args=[item.pk]) not in page
    response = client.post(reverse("catalog:pricelist_item_delete", args=[item.pk]))
    assert response.status_code == 403
    assert "may not delete price lists and their prices" in response.content.decode()
    assert PriceListItem.objects.filter(pk=item.pk).exists()
    client.force_login(manager)
    assert (
        reverse("catalog:pricelist_item_delete", args=[item.pk])
        in client.get(prices.get_absolute_url()).content.decode()
    )
    assert client.post(reverse("catalog:pricelist_item_delete", args=[item.pk])).status_code == 302
    assert not PriceListItem.objects.filter(pk=item.pk).exists()


def test_credit_terms_are_read_only_for_an_assistant(client, assistant, manager):
    firm = company(credit_limit=Decimal("20000"), payment_days=30)
    url = reverse("parties:company_edit", args=[firm.pk])
    client.force_login(assistant)
    form = client.get(url).context["form"]
    assert form.fields["credit_limit"].disabled and form.fields["payment_days"].disabled
    assert not form.fields["city"].disabled
    data = {
        "name": firm.name,
        "roles_field": ["client"],
        "country": "DE",
        "city": "Hamburg",
        "language": "en",
        "currency": "EUR",
        "time_zone": "Europe/Berlin",
        "payment_days": "120",
        "credit_limit": "900000",
        "is_active": "on",
    }
    assert client.post(url, data).status_code == 302
    firm.refresh_from_db()
    assert firm.city == "Hamburg"
    assert firm.credit_limit == Decimal("20000") and firm.payment_days == 30
    client.force_login(manager)
    assert not client.get(url).context["form"].fields["credit_limit"].disabled
    assert client.post(url, data).status_code == 302
    firm.refresh_from_db()
    assert firm.credit_limit == Decimal("900000") and firm.payment_days == 120


def test_an_order_form_refuses_secured_payment_with_a_message(
    client, assistant, seller, clients, product
):
    client.force_login(assistant)
    data = {
        "client": clients["fr"].pk,
        "client_reference": "PO-1",
        "order_date": dt.date.today().isoformat(),
        "currency": "EUR",
        "incoterm": "FCA",
        "incoterm_place": "Thiers",
        "payment_days": "30",
        "payment_instrument": "confirmed_lc",
        "transport_mode": "road",
        "language": "en",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-product": product.pk,
        "lines-0-quantity": "10",
        "lines-0-unit_price": "79",
        "lines-0-discount_pct": "0",
    }
    response = client.post(reverse("sales:order_create"), data)
    assert response.status_code == 200
    assert "payment instrument" in response.content.decode()
    assert "Manager" in response.content.decode()
    assert not Order.objects.exists()


def test_draft_invoice_buttons_follow_the_role(
    client, assistant, manager, seller, clients, product
):
    order = services.confirm_order(order=make_order(clients["fr"], product, "10", "79"), user=None)
    draft = billing.draft_from_order(order=order, user=None)
    client.force_login(assistant)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'id="issue-invoice"' in page and 'id="delete-draft"' not in page
    response = client.post(reverse("sales:invoice_action", args=[draft.pk, "delete"]))
    assert response.status_code == 403 and "may not delete invoices" in response.content.decode()
    client.force_login(manager)
    assert 'id="delete-draft"' in client.get(draft.get_absolute_url()).content.decode()


def test_reference_data_is_for_administrators(client, assistant, admin_client):
    client.force_login(assistant)
    assert (
        reverse("logistics:equipment_create")
        not in client.get(reverse("logistics:equipment_list")).content.decode()
    )
    response = client.post(
        "/calculators/exchange-rates/",
        {
            "from_currency": "USD",
            "to_currency": "EUR",
            "valid_from": "2026-01-01",
            "rate": "2",
            "kind": "bank",
        },
    )
    assert response.status_code == 403 and "exchange rates" in response.content.decode()
    response = client.post(
        reverse("parties:country_edit", args=["JP"]), {"risk_notes": "changed by an assistant"}
    )
    assert response.status_code == 403 and "country sheets" in response.content.decode()
    assert (
        reverse("logistics:equipment_create")
        in admin_client.get(reverse("logistics:equipment_list")).content.decode()
    )


COMPANIES_WITH_TERMS = (
    "name;roles;country;city;currency;credit_limit;payment_days\n"
    "Küchenhaus Berger GmbH;client;DE;Munich;EUR;150000;60\n"
    "Harcourt Kitchen Supplies Ltd;client;GB;London;GBP;;\n"
)


def test_an_assistant_imports_companies_without_credit_terms(assistant, manager):
    report = parties.import_table(
        kind="companies",
        stream=io.BytesIO(COMPANIES_WITH_TERMS.encode()),
        filename="c.csv",
        user=assistant,
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "credit_limit"), (2, "payment_days")]
    assert "manager" in report.errors[0].message
    assert not Company.objects.exists()
    report = parties.import_table(
        kind="companies",
        stream=io.BytesIO(COMPANIES_WITH_TERMS.encode()),
        filename="c.csv",
        user=manager,
    )
    assert report.ok and Company.objects.get(country="DE").credit_limit == Decimal("150000")


def test_the_import_screen_names_the_refused_row(client, assistant):
    client.force_login(assistant)
    upload = io.BytesIO(COMPANIES_WITH_TERMS.encode())
    upload.name = "companies.csv"
    response = client.post(reverse("parties:import"), {"kind": "companies", "file": upload})
    page = response.content.decode()
    assert "credit_limit" in page and "manager" in page
    assert not Company.objects.exists()


def test_a_country_sheet_saved_by_an_administrator(admin_client):
    response = admin_client.post(
        reverse("parties:country_edit", args=["JP"]), {"risk_notes": "Stable"}
    )
    assert response.status_code == 302
    assert CountrySheet.objects.get(country="JP").risk_notes == "Stable"


def test_the_refusal_is_said_in_the_users_language(client, assistant, product):
    prices = PriceList.objects.create(name="Export", currency="EUR")
    item = PriceListItem.objects.create(price_list=prices, product=product, unit_price=79)
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "fr"
    page = client.post(reverse("catalog:pricelist_item_delete", args=[item.pk])).content.decode()
    assert "« supprimer » sur les listes de prix et leurs prix" in page
    assert "Responsable" in page
