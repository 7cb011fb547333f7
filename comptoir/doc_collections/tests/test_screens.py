"""The collection screens: created from the invoice page, documents listed, followed up, the
instruction and the bill of exchange as PDF in French and English; sections on the invoice,
order and home pages; a GET never writes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from comptoir.doc_collections.models import Collection

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_from_invoice_to_payment(assistant_client, invoice, banks):  # type: ignore[no-untyped-def]
    page = assistant_client.get(invoice.get_absolute_url())
    assert b'id="documentary-collections"' in page.content
    assert f"/collections/new/?invoice={invoice.pk}".encode() in page.content
    form = assistant_client.get(f"/collections/new/?invoice={invoice.pk}")
    assert form.status_code == 200
    assert not Collection.objects.exists()
    response = assistant_client.post(
        "/collections/new/",
        {
            "client": invoice.client_id,
            "invoices": [invoice.pk],
            "kind": "da",
            "tenor": "days_after_sight",
            "tenor_days": "60",
            "remitting_bank": banks["ours"].pk,
            "collecting_bank": banks["theirs"].pk,
            "charges": "shared",
            "unpaid_instructions": "Protest and store the goods.",
            "advise_by": "SWIFT",
            "chase_after_days": "10",
        },
    )
    collection = Collection.objects.get()
    assert response.status_code == 302, response.content.decode()[:3000]
    assert collection.collecting_bank_bic == "BCMAMAMC"  # from the bank chosen
    assert collection.bill_of_exchange
    assistant_client.post(
        f"/collections/{collection.pk}/documents/",
        {"kind": "bill_of_exchange", "originals": "2", "copies": "0"},
    )
    assistant_client.post(
        f"/collections/{collection.pk}/documents/",
        {"kind": "bill_of_lading", "reference": "MEDU1234567", "originals": "3", "copies": "1"},
    )
    assert collection.documents.count() == 2
    detail = assistant_client.get(collection.get_absolute_url())
    assert b"RUE 522" in detail.content  # French by default
    en = _text(
        assistant_client.get(f"/collections/{collection.pk}/instruction.pdf?lang=en").content
    )
    assert "Documentary collection instruction" in en
    assert "ACCEPTANCE" in en and "MEDU1234567" in en and "BCMAMAMC" in en
    fr = _text(
        assistant_client.get(f"/collections/{collection.pk}/instruction.pdf?lang=fr").content
    )
    assert "remise documentaire" in fr.lower()
    bill = _text(assistant_client.get(f"/collections/{collection.pk}/bill.pdf?lang=en").content)
    assert "BILL OF EXCHANGE" in bill and "60 days after sight" in bill
    assert "thousand" in bill  # the amount in words
    bill_fr = _text(assistant_client.get(f"/collections/{collection.pk}/bill.pdf?lang=fr").content)
    assert "LETTRE DE CHANGE" in bill_fr and "mille" in bill_fr
    assistant_client.post(
        f"/collections/{collection.pk}/step/", {"step": "sent", "on": TODAY.isoformat()}
    )
    collection.refresh_from_db()
    assert collection.status == "sent"
    order_page = assistant_client.get(invoice.order.get_absolute_url())
    assert collection.number.encode() in order_page.content
    assert assistant_client.get("/collections/?q=Atlas").status_code == 200


def test_reader_sees_but_cannot_create(reader_client, invoice):  # type: ignore[no-untyped-def]
    assert reader_client.get("/collections/").status_code == 200
    assert reader_client.get(f"/collections/new/?invoice={invoice.pk}").status_code == 403
