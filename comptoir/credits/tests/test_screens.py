"""The credit pages in English and French: list, form, detail with the receipt findings,
amendments, the document check then the presentation, the bank's answer, the opening request
as PDF read by its text, the panels of the order, company and home pages; no write on GET."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from comptoir.credits import services
from comptoir.credits.models import Amendment, Credit, Presentation

from .conftest import TODAY, credit_values

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


def _form(world: Any, **changes: str) -> dict[str, str]:
    data = {
        "direction": "export",
        "partner": str(world.client.pk),
        "order": str(world.order.pk),
        "number": "ILC-0042",
        "applicant_name": "Atlas Cuisine SARL",
        "beneficiary_name": "Maison Ferrand SAS",
        "issuing_bank": "Attijariwafa Bank",
        "issuing_bank_bic": "bcma ma mc",
        "currency": "EUR",
        "amount": "7000",
        "issue_date": TODAY.isoformat(),
        "expiry_date": (TODAY.replace(year=TODAY.year + 1)).isoformat(),
        "expiry_country": "FR",
        "latest_shipment_date": (TODAY.replace(year=TODAY.year + 1)).isoformat(),
        "presentation_days": "21",
        "availability": "sight",
        "usance_days": "0",
        "available_with": "advising",
        "partial_shipments": "allowed",
        "transhipment": "allowed",
        "incoterm": "CIF",
        "named_place": "Casablanca",
        "charges": "usual",
        "doc-TOTAL_FORMS": "2",
        "doc-INITIAL_FORMS": "0",
        "doc-0-type": "commercial_invoice",
        "doc-0-originals": "3",
        "doc-0-copies": "0",
        "doc-1-type": "bill_of_lading",
        "doc-1-originals": "3",
        "doc-1-copies": "0",
        "doc-1-freight": "prepaid",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["en", "fr"])
def test_record_a_credit_on_the_order_and_see_what_does_not_fit(
    world: Any, assistant_client: Any, language: str
) -> None:
    assistant_client.post(reverse("set_language"), {"language": language})
    with translation.override(language):
        order_page = assistant_client.get(world.order.get_absolute_url())
        assert order_page.status_code == 200
        assert reverse("credits:credit_create") in order_page.content.decode()
        form = assistant_client.get(reverse("credits:credit_create") + f"?order={world.order.pk}")
        assert form.status_code == 200
        assert "Atlas Cuisine SARL" in form.content.decode()
        response = assistant_client.post(reverse("credits:credit_create"), _form(world))
        assert response.status_code == 302, response.content.decode()[:3000]
        credit = Credit.objects.get()
        assert credit.issuing_bank_bic == "BCMAMAMC"
        page = assistant_client.get(credit.get_absolute_url()).content.decode()
        assert 'data-code="AMOUNT_BELOW_ORDER"' in page
        assert ("increase the amount" if language == "en" else "augmenter le montant") in page


def test_bad_dates_are_refused_on_the_form(world: Any, assistant_client: Any) -> None:
    response = assistant_client.post(
        reverse("credits:credit_create"),
        _form(world, latest_shipment_date="2099-01-01", expiry_date="2098-01-01"),
    )
    assert response.status_code == 200
    assert Credit.objects.count() == 0
    assert "field-expiry_date" in response.content.decode()


def test_check_then_present_a_compliant_set_and_no_write_on_get(
    world: Any, assistant_client: Any
) -> None:
    credit = services.create_credit(values=credit_values(world), user=None)
    url = reverse("credits:presentation_new", args=[credit.pk])
    with CaptureQueriesContext(connection) as queries:
        assert assistant_client.get(url).status_code == 200
        assert assistant_client.get(credit.get_absolute_url()).status_code == 200
        assert assistant_client.get(reverse("credits:credit_list")).status_code == 200
        assert assistant_client.get(reverse("home")).status_code == 200
    assert not [q for q in queries.captured_queries if q["sql"].startswith(WRITES)]
    data = {
        "presented_on": TODAY.isoformat(),
        "bank": "Crédit Agricole",
        "documents": ["commercial_invoice"],
        "invoice_issuer": "Maison Ferrand SAS",
        "invoice_addressee": "Atlas Cuisine SARL",
        "invoice_date": TODAY.isoformat(),
        "invoice_currency": "EUR",
        "invoice_amount": "7900",
        "invoice_description": "Round cast-iron casseroles 24 cm",
        "invoice_incoterm": "CIF",
        "invoice_place": "Casablanca",
        "check": "1",
    }
    checked = assistant_client.post(url, data)
    assert checked.status_code == 200
    body = checked.content.decode()
    assert 'id="check-discrepant"' in body  # the B/L and the insurance are missing
    assert "DOCUMENT_MISSING" in body
    assert Presentation.objects.count() == 0
    refused = assistant_client.post(url, {**data, "present": "1"})
    assert refused.status_code == 200 and Presentation.objects.count() == 0


def test_opening_request_pdf_in_french_and_english(world: Any, assistant_client: Any) -> None:
    credit = services.create_credit(
        values=credit_values(world, direction="import", order=None, purchase_reference="PRO-118"),
        user=None,
    )
    for language, title in (
        ("fr", "Demande d'ouverture de crédit documentaire"),
        ("en", "Request to open a documentary credit"),
    ):
        response = assistant_client.get(
            reverse("credits:opening_request_pdf", args=[credit.pk]) + f"?lang={language}"
        )
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(
            page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
        )
        assert title in text and "PRO-118" in text


def test_the_company_page_lists_the_credits(world: Any, assistant_client: Any) -> None:
    services.create_credit(values=credit_values(world), user=None)
    page = assistant_client.get(world.client.get_absolute_url()).content.decode()
    assert 'id="company-credits"' in page


def test_a_reader_sees_but_cannot_record(world: Any, reader_client: Any) -> None:
    credit = services.create_credit(values=credit_values(world), user=None)
    assert reader_client.get(credit.get_absolute_url()).status_code == 200
    response = reader_client.post(reverse("credits:credit_create"), _form(world))
    assert response.status_code == 403
    assert Credit.objects.count() == 1


def test_an_amendment_shows_the_fields_label_and_formatted_values() -> None:
    """The page says "Amount → 22,680.00 (was 21,680.00)", not the field's code name."""
    amendment = Amendment(
        credit=Credit(),
        changes={"amount": "22680.00", "latest_shipment_date": "2026-12-10", "incoterm": "CIF"},
        previous={"amount": "21680.00", "latest_shipment_date": "2026-12-01", "incoterm": "FOB"},
    )
    rows = {str(r["label"]): (r["new"], r["old"]) for r in amendment.change_rows()}
    label = str(Credit._meta.get_field("amount").verbose_name)
    assert rows[label] == (Decimal("22680.00"), Decimal("21680.00"))
    shipment_label = str(Credit._meta.get_field("latest_shipment_date").verbose_name)
    assert rows[shipment_label] == (dt.date(2026, 12, 10), dt.date(2026, 12, 1))
    assert rows[str(Credit._meta.get_field("incoterm").verbose_name)] == ("CIF", "FOB")
