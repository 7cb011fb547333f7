"""Freight pages: every page in French and English writes nothing on GET; a request made
from the shipment page, a quote entered with its lines, the choice, the invoice entered and
its differences shown; a read-only user changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from comptoir.freight import services
from comptoir.freight.inputs import ChargeValues, InvoiceValues
from comptoir.freight.models import FreightRequest, Quote

from .conftest import TODAY, pdf_text

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


def _speaks(user: Any, language: str) -> None:
    user.profile.language = language
    user.profile.save()


def _lines(*rows: tuple[str, str, str]) -> dict[str, str]:
    data = {
        "lines-TOTAL_FORMS": str(len(rows) + 1),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "40",
    }
    for i, (kind, amount, currency) in enumerate(rows):
        data |= {
            f"lines-{i}-kind": kind,
            f"lines-{i}-amount": amount,
            f"lines-{i}-currency": currency,
        }
    data[f"lines-{len(rows)}-currency"] = "EUR"  # an empty line, left out
    return data


def test_pages_in_both_languages_write_nothing(
    assistant_client: Any,
    assistant: Any,
    three_quotes: Any,
    seller: Any,
) -> None:
    request, a, b, c = three_quotes
    request = services.choose_quote(request=request, quote=a, user=None)
    invoice = services.save_provider_invoice(
        request=request,
        values=InvoiceValues(
            number="F-1",
            invoice_date=TODAY,
            currency="EUR",
            lines=(
                ChargeValues(
                    kind="main_carriage", amount=request.chosen_quote.lines.first().amount
                ),
            ),
        ),
        user=None,
    )
    recipient = request.recipients.first()
    urls = [
        reverse("freight:request_list"),
        reverse("freight:request_list") + "?status=decided&q=RFQ",
        request.get_absolute_url(),
        reverse("freight:request_edit", args=[request.pk]),
        reverse("freight:request_create") + f"?shipment={request.shipment_id}",
        reverse("freight:quote_create", args=[request.pk]),
        reverse("freight:quote_edit", args=[request.pk, b.pk]),
        reverse("freight:invoice_create", args=[request.pk]),
        reverse("freight:invoice_list"),
        invoice.get_absolute_url(),
        reverse("freight:provider_kpis"),
        request.shipment.get_absolute_url(),
    ]
    assistant_client.get("/")
    for language, words in (
        ("fr", ["Comparaison des cotations", "Calcul du score", "retenue"]),
        ("en", ["Quotes compared", "How the score is computed", "chosen"]),
    ):
        _speaks(assistant, language)
        assistant_client.get("/")
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = assistant_client.get(url)
            assert response.status_code == 200, url
            writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
            assert writes == [], url
        detail = assistant_client.get(request.get_absolute_url()).content.decode()
        for word in words[:2]:
            assert word in detail
        shipment_page = assistant_client.get(request.shipment.get_absolute_url()).content.decode()
        assert 'id="freight-panel"' in shipment_page and request.number in shipment_page
    # the PDFs: a GET renders, writes nothing
    with CaptureQueriesContext(connection) as queries:
        pdf = assistant_client.get(reverse("freight:request_pdf", args=[request.pk, recipient.pk]))
        booking = assistant_client.get(reverse("freight:booking_pdf", args=[request.pk]))
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert pdf["Content-Type"] == "application/pdf"
    assert request.number in pdf_text(pdf.content)
    assert "CONFIRMATION DE RÉSERVATION" in pdf_text(booking.content)  # Alpha writes French
    translation.activate("en")


def test_request_quote_choice_and_invoice_through_the_screens(
    assistant_client: Any, assistant: Any, shipment: Any, providers: dict[str, Any], usd: Any
) -> None:
    _speaks(assistant, "en")
    page = assistant_client.get(shipment.get_absolute_url())
    assert b'id="ask-freight-quotes"' in page.content
    url = reverse("freight:request_create") + f"?shipment={shipment.pk}"
    bad = assistant_client.post(url, {"reply_by": (TODAY - dt.timedelta(days=1)).isoformat()})
    assert bad.status_code == 200 and "This field is required." in bad.content.decode()
    response = assistant_client.post(
        url,
        {
            "providers": [providers["alpha"].pk, providers["charlie"].pk],
            "reply_by": (TODAY + dt.timedelta(days=2)).isoformat(),
            "services_asked": "Door to port",
        },
    )
    request = FreightRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    send = assistant_client.post(reverse("freight:request_action", args=[request.pk, "send"]))
    assert send.status_code == 302
    assert request.recipients.filter(sent_at__isnull=False).count() == 2
    quote_url = reverse("freight:quote_create", args=[request.pk])
    header = {
        "provider": providers["charlie"].pk,
        "received_on": TODAY.isoformat(),
        "currency": "USD",
        "transit_days": "12",
        "valid_until": (TODAY + dt.timedelta(days=15)).isoformat(),
        "service_grade": "7",
    }
    no_lines = assistant_client.post(quote_url, header | _lines())
    assert "Enter at least one price line." in no_lines.content.decode()
    saved = assistant_client.post(
        quote_url,
        header | _lines(("main_carriage", "1500", "USD"), ("origin_charges", "210", "EUR")),
    )
    assert saved.status_code == 302
    quote = Quote.objects.get()
    assert [(x.kind, x.amount, x.currency) for x in quote.lines.all()] == [
        ("main_carriage", 1500, "USD"),
        ("origin_charges", 210, "EUR"),
    ]
    detail = assistant_client.get(request.get_absolute_url()).content.decode()
    assert "1 USD = 0.900000 EUR" in detail and "1,560.00" in detail  # 1500 x 0.90 + 210
    chosen = assistant_client.post(
        reverse("freight:request_action", args=[request.pk, "choose"]),
        {"quote": quote.pk, "reason": "", "send_booking": "on"},
    )
    assert chosen.status_code == 302
    request.refresh_from_db()
    assert request.chosen_quote == quote and request.status == "decided"
    invoice_url = reverse("freight:invoice_create", args=[request.pk])
    form = assistant_client.get(invoice_url).content.decode()
    assert 'value="1500.00"' in form  # the quote's lines are filled in
    response = assistant_client.post(
        invoice_url,
        {"number": "INV-77", "invoice_date": TODAY.isoformat(), "currency": "USD"}
        | _lines(("main_carriage", "1500", "USD"), ("origin_charges", "240", "USD")),
    )
    invoice = request.invoices.get()
    assert response.status_code == 302 and invoice.has_differences
    page = assistant_client.get(invoice.get_absolute_url()).content.decode()
    assert "as quoted" in page and "other currency" in page
    refused = assistant_client.post(
        reverse("freight:invoice_status", args=[invoice.pk]), {"status": "accepted"}, follow=True
    )
    assert "say why you accept it" in refused.content.decode()
    invoice.refresh_from_db()
    assert invoice.status == "to_check"


def test_choosing_without_reason_shows_the_rule(
    assistant_client: Any,
    assistant: Any,
    three_quotes: Any,
) -> None:
    _speaks(assistant, "fr")
    request, a, b, c = three_quotes
    response = assistant_client.post(
        reverse("freight:request_action", args=[request.pk, "choose"]), {"quote": c.pk}, follow=True
    )
    assert "elle n&#x27;a pas le meilleur score" in response.content.decode()
    request.refresh_from_db()
    assert request.chosen_quote is None
    translation.activate("en")


def test_a_reader_sees_but_changes_nothing(
    reader_client: Any,
    reader: Any,
    three_quotes: Any,
) -> None:
    request, a, b, c = three_quotes
    _speaks(reader, "en")
    page = reader_client.get(request.get_absolute_url()).content.decode()
    assert "Quotes compared" in page and 'id="enter-quote"' not in page and "choose-" not in page
    response = reader_client.post(
        reverse("freight:request_action", args=[request.pk, "choose"]), {"quote": a.pk}
    )
    assert response.status_code == 403
    assert reader_client.get(reverse("freight:quote_create", args=[request.pk])).status_code == 403
    request.refresh_from_db()
    assert request.chosen_quote is None
