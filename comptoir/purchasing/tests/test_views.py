"""The purchasing pages: list, form, order page, PDF in the supplier's language, receipt."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from comptoir.parties.models import Company
from comptoir.purchasing import selectors
from comptoir.purchasing.models import PurchaseOrder, SupplierClaim

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pages_render_and_never_write(assistant_client, issued) -> None:  # type: ignore[no-untyped-def]
    urls = [
        reverse("purchasing:order_list"),
        reverse("purchasing:order_list") + "?status=open&q=PO",
        reverse("purchasing:order_create"),
        issued.get_absolute_url(),
        reverse("purchasing:order_edit", args=[issued.pk]),
        "/",
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = assistant_client.get(url)
        assert response.status_code == 200, url
        writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE")]
        assert not writes, (url, writes)
    page = assistant_client.get(issued.get_absolute_url()).content.decode()
    flat = page.replace("\u202f", "").replace("\xa0", "").replace("&nbsp;", "")
    assert "PO-2026-00001" in page and "4665,00" in flat  # the 30 % deposit, in French


def test_create_a_draft_from_the_form_then_issue(assistant_client, supplier, lids) -> None:  # type: ignore[no-untyped-def]
    data = {
        "supplier": supplier.pk,
        "order_date": "2026-03-02",
        "currency": "USD",
        "incoterm": "FOB",
        "named_place": "Ningbo",
        "transport_mode": "sea",
        "payment_instrument": "lc",
        "balance_trigger": "documents",
        "payment_days": "60",
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "200",
        "lines-0-product": lids[0].pk,
        "lines-0-quantity": "1000",
        "lines-0-unit": "pcs",
        "lines-0-unit_price": "1.90",
        "lines-1-unit": "pcs",
    }
    response = assistant_client.post(reverse("purchasing:order_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    order = PurchaseOrder.objects.get()
    assert (order.payment_instrument, order.lines.count()) == ("lc", 1)
    assistant_client.post(reverse("purchasing:order_issue", args=[order.pk]))
    order.refresh_from_db()
    assert order.number == "PO-2026-00001"
    payment = order.payments.get()
    assert (payment.kind, payment.trigger, payment.due_on) == ("full", "documents", None)


def test_a_bad_form_says_which_field(assistant_client, supplier) -> None:  # type: ignore[no-untyped-def]
    response = assistant_client.post(
        reverse("purchasing:order_create"),
        {
            "supplier": supplier.pk,
            "order_date": "2026-03-02",
            "currency": "USD",
            "incoterm": "FOB",
            "named_place": "",
            "transport_mode": "sea",
            "payment_instrument": "deposit",
            "balance_trigger": "bl_copy",
            "payment_days": "0",
            "lines-TOTAL_FORMS": "0",
            "lines-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "field-named_place" in response.content.decode()
    assert not PurchaseOrder.objects.exists()


@pytest.mark.parametrize(
    ("language", "words"), [("en", "PURCHASE ORDER"), ("fr", "BON DE COMMANDE")]
)
def test_pdf_in_the_suppliers_language(  # type: ignore[no-untyped-def]
    assistant_client, issued, language, words
) -> None:
    PurchaseOrder.objects.filter(pk=issued.pk).update(language=language)
    response = assistant_client.get(reverse("purchasing:order_pdf", args=[issued.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert words in text and "PO-2026-00001" in text
    assert "FOB Ningbo" in text and "NB-EL-24" in text  # Incoterm with place, their reference
    assert "Incoterms® 2020" in text


def test_receipt_from_the_page_with_a_shortage_and_a_refusal(assistant_client, issued) -> None:  # type: ignore[no-untyped-def]
    first, second = selectors.order_lines(issued)
    base = {"received_on": dt.date.today().isoformat(), "quality_result": "pass"}
    too_much = base | {
        f"r{first.pk}-received": "5001",
        f"r{first.pk}-condition": "good",
        f"r{second.pk}-condition": "good",
    }
    response = assistant_client.post(
        reverse("purchasing:receipt_add", args=[issued.pk]), too_much, follow=True
    )
    assert "pcs de plus peuvent être reçus" in response.content.decode()  # in French
    assert not issued.receipts.exists()
    short = base | {
        f"r{first.pk}-received": "4800",
        f"r{first.pk}-condition": "good",
        f"r{second.pk}-received": "3000",
        f"r{second.pk}-condition": "good",
    }
    response = assistant_client.post(
        reverse("purchasing:receipt_add", args=[issued.pk]), short, follow=True
    )
    assert "1 réclamation(s) au fournisseur ouverte(s)" in response.content.decode()
    assert SupplierClaim.objects.get().kind == "shortage"


def test_reader_sees_but_cannot_issue(reader_client, draft) -> None:  # type: ignore[no-untyped-def]
    assert reader_client.get(draft.get_absolute_url()).status_code == 200
    response = reader_client.post(reverse("purchasing:order_issue", args=[draft.pk]))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.number is None


def test_company_page_lists_the_suppliers_orders(assistant_client, issued) -> None:  # type: ignore[no-untyped-def]
    supplier = Company.objects.get(pk=issued.supplier_id)
    page = assistant_client.get(supplier.get_absolute_url()).content.decode()
    assert "PO-2026-00001" in page
