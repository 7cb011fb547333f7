"""The freight services: request sent per provider in their language, quotes, the comparison
converted to EUR and scored (figures by hand), the choice with its reason, the booking, the
provider's invoice checked against the quote."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from comptoir.freight import selectors, services
from comptoir.freight.inputs import ChargeValues, InvoiceValues, QuoteValues, RequestValues, Weights
from comptoir.freight.models import FreightRequest, ProviderInvoice
from comptoir.parties.models import Company
from comptoir.shipping.models import Shipment

from .conftest import TODAY, new_request, pdf_text, quote

pytestmark = pytest.mark.django_db
D = Decimal


def test_send_records_the_date_per_provider_and_emails_each_in_their_language(
    shipment: Shipment,
    providers: dict[str, Any],
    seller: Any,
    assistant: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    request = new_request(shipment, providers, assistant)
    assert request.number.startswith("RFQ-") and request.status == "draft"
    assert request.ready_on == TODAY + dt.timedelta(days=10)  # the shipment's "ready" step
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_request(request=request, user=assistant)
    assert len(sent) == 3 and all(r.sent_at for r in sent)
    request.refresh_from_db()
    assert request.status == "sent"
    by_address = {m.to[0]: m for m in mail.outbox}
    # Bravo has no company e-mail: its contact's address is used
    assert set(by_address) == {
        "cotations@alpha.example",
        "quotes@bravo.example",
        "booking@charlie.example",
    }
    french = by_address["cotations@alpha.example"]
    assert french.subject.startswith("Demande de cotation")
    name, content, mime = french.attachments[0]
    assert mime == "application/pdf"
    text = pdf_text(content)
    assert "DEMANDE DE COTATION" in text and request.number in text
    assert "FRLEH" in text and "MACAS" in text and "UN 1263" in text
    english = pdf_text(by_address["booking@charlie.example"].attachments[0][1])
    assert "REQUEST FOR QUOTATION" in english and "Keep dry" in english
    assert all(r.emailed_at for r in request.recipients.all())
    with pytest.raises(ValidationError):
        services.send_request(request=request, user=assistant)  # everyone has it


def test_request_input_is_checked(shipment: Shipment, providers: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as err:
        services.create_request(
            shipment=shipment,
            values=RequestValues(providers=(), reply_by=TODAY - dt.timedelta(days=1)),
            user=None,
        )
    assert set(err.value.message_dict) == {"providers", "reply_by"}
    with pytest.raises(ValidationError) as err:
        services.set_weights(
            request=new_request(shipment, providers),
            weights=Weights(cost=0, transit=0, reliability=0, service=0),
            user=None,
        )
    assert "weight_cost" in err.value.message_dict


def test_comparison_in_eur_and_scores_computed_by_hand(three_quotes: Any) -> None:
    request, a, b, c = three_quotes
    table = selectors.comparison_table(request)
    rows = {row.quote.pk: row for row in table.rows}
    assert rows[b.pk].totals == {"USD": D("2000")}
    assert rows[b.pk].total_eur == D("1800.00")  # 2000 USD x 0.90
    assert [r["currency"] for r in table.rates] == ["USD"]
    assert table.rates[0]["rate"] == D("0.9")
    assert rows[a.pk].history.both_known == 2 and rows[a.pk].history.both_on_time == 2
    assert rows[c.pk].history.both_known == 1 and rows[c.pk].history.both_on_time == 0
    assert rows[a.pk].grades == {
        "cost": D("9.00"),
        "transit": D("8.33"),
        "reliability": D("10.00"),
        "service": D(6),
    }
    assert (rows[a.pk].score, rows[b.pk].score, rows[c.pk].score) == (
        D("8.58"),
        D("7.99"),
        D("6.13"),
    )
    assert [r.quote.pk for r in table.rows] == [a.pk, b.pk, c.pk]
    assert table.is_best(a) and not table.is_best(b)


def test_weights_change_the_ranking(three_quotes: Any) -> None:
    request, a, b, c = three_quotes
    request = services.set_weights(
        request=request, weights=Weights(cost=0, transit=100, reliability=0, service=0), user=None
    )
    table = selectors.comparison_table(request)
    assert table.rows[0].quote.pk == c.pk and table.rows[0].score == D("10.00")


def test_an_expired_quote_is_not_scored_and_cannot_be_chosen(
    shipment: Shipment, providers: dict[str, Any]
) -> None:
    request = new_request(shipment, providers)
    old = services.save_quote(
        request=request,
        values=QuoteValues(
            provider=providers["alpha"],
            received_on=TODAY - dt.timedelta(days=30),
            currency="EUR",
            transit_days=20,
            valid_until=TODAY - dt.timedelta(days=1),
            lines=(ChargeValues(kind="main_carriage", amount=D("900")),),
        ),
        user=None,
    )
    table = selectors.comparison_table(request)
    assert table.rows[0].expired and table.rows[0].score is None
    with pytest.raises(ValidationError) as err:
        services.choose_quote(request=request, quote=old, reason="cheapest", user=None)
    assert "expired" in err.value.message_dict["quote"][0]
    shipment.refresh_from_db()
    assert shipment.freight_cost is None


def test_choosing_other_than_the_best_needs_a_reason(
    three_quotes: Any, assistant: Any, seller: Any, django_capture_on_commit_callbacks: Any
) -> None:
    request, a, b, c = three_quotes
    with pytest.raises(ValidationError) as err:
        services.choose_quote(request=request, quote=b, user=assistant)
    assert "reason" in err.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        services.send_request(request=request, user=assistant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.choose_quote(
            request=request,
            quote=b,
            user=assistant,
            reason="Weekly sailing fits the L/C shipment date",
            inform_others=True,
        )
    assert decided.status == "decided" and decided.chosen_by == assistant
    assert decided.chosen_rank == 2 and decided.chosen_score == D("7.99")
    assert decided.rate_day == TODAY and decided.booking_sent_at is not None
    shipment = Shipment.objects.get(pk=request.shipment_id)
    assert shipment.forwarder == b.provider  # a forwarder is named forwarder
    assert (shipment.freight_cost, shipment.freight_currency) == (D("2000.00"), "USD")
    assert shipment.history.first().history_change_reason.startswith("Freight quote")
    booking = next(m for m in mail.outbox if m.to == ["quotes@bravo.example"])
    assert booking.subject.startswith("Booking")
    text = pdf_text(booking.attachments[0][1])
    assert "BOOKING CONFIRMATION" in text
    assert "1700.00 USD" in text and "Weekly sailing" not in text
    told = {m.to[0]: m for m in mail.outbox if not m.attachments}
    assert set(told) == {"cotations@alpha.example", "booking@charlie.example"}
    assert told["cotations@alpha.example"].subject == f"Demande de cotation {request.number}"
    assert all(r.informed_at for r in request.recipients.exclude(provider=b.provider))
    with pytest.raises(ValidationError):
        services.choose_quote(request=request, quote=b, user=assistant, reason="again")


def test_best_score_is_chosen_without_reason_and_a_carrier_becomes_the_carrier(
    shipment: Shipment, providers: dict[str, Any]
) -> None:
    request = new_request(shipment, providers)
    c = quote(request, providers["charlie"], [("main_carriage", "2500", "EUR")], days=25, grade=5)
    services.choose_quote(request=request, quote=c, user=None)
    shipment.refresh_from_db()
    assert shipment.carrier == providers["charlie"] and shipment.status == "booked"
    assert (shipment.freight_cost, shipment.freight_currency) == (D("2500.00"), "EUR")


def test_mixed_currencies_become_the_freight_cost_in_eur(
    shipment: Shipment, providers: dict[str, Any], usd: Any
) -> None:
    request = new_request(shipment, providers)
    q = quote(
        request,
        providers["charlie"],
        [("main_carriage", "1000", "USD"), ("origin_charges", "250", "EUR")],
        days=20,
        grade=7,
    )
    services.choose_quote(request=request, quote=q, user=None)
    shipment.refresh_from_db()
    assert (shipment.freight_cost, shipment.freight_currency) == (D("1150.00"), "EUR")


def test_quote_input_is_checked(shipment: Shipment, providers: dict[str, Any]) -> None:
    request = new_request(shipment, providers)
    with pytest.raises(ValidationError) as err:
        services.save_quote(
            request=request,
            values=QuoteValues(
                provider=providers["alpha"],
                received_on=TODAY + dt.timedelta(days=2),
                currency="XXQ",
                transit_days=400,
                valid_until=TODAY,
                service_grade=11,
                lines=(ChargeValues(kind="main_carriage", amount=D("100")),),
            ),
            user=None,
        )
    assert set(err.value.message_dict) == {
        "received_on",
        "valid_until",
        "transit_days",
        "service_grade",
        "currency",
    }
    with pytest.raises(ValidationError) as err:
        quote(request, providers["alpha"], [("other", "50", "EUR")], days=3, grade=5)
    assert "lines.0.description" in err.value.message_dict


def test_an_unasked_provider_becomes_a_recipient(
    shipment: Shipment, providers: dict[str, Any], clients: Any
) -> None:
    request = services.create_request(
        shipment=shipment,
        values=RequestValues(providers=(providers["alpha"],), reply_by=TODAY),
        user=None,
    )
    quote(request, providers["charlie"], [("main_carriage", "900", "EUR")], days=3, grade=5)
    assert request.recipients.count() == 2


def test_invoice_checked_against_the_accepted_quote(three_quotes: Any, manager: Any) -> None:
    request, a, b, c = three_quotes
    services.choose_quote(request=request, quote=a, user=manager)
    values = InvoiceValues(
        number="F-2026-118",
        invoice_date=TODAY,
        currency="EUR",
        lines=(
            ChargeValues(kind="main_carriage", amount=D("1500.00")),
            ChargeValues(kind="origin_charges", amount=D("350.00")),
            ChargeValues(kind="customs", amount=D("80.00")),
        ),
    )
    invoice = services.save_provider_invoice(request=request, values=values, user=manager)
    assert invoice.provider == a.provider and invoice.status == "to_check"
    assert invoice.has_differences and invoice.difference_eur == D("-70.00")
    check = selectors.invoice_check(invoice)
    assert {line.kind: line.outcome for line in check.lines} == {
        "main_carriage": "same",
        "origin_charges": "different",
        "documentation": "missing",
        "customs": "extra",
    }
    with pytest.raises(ValidationError) as err:
        services.save_provider_invoice(request=request, values=values, user=manager)
    assert "number" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.set_invoice_status(invoice=invoice, status="accepted", user=manager)
    assert "note" in err.value.message_dict
    disputed = services.set_invoice_status(
        invoice=invoice, status="disputed", note="THC +50 not agreed", user=manager
    )
    assert disputed.status == "disputed" and "THC +50 not agreed" in disputed.notes
    assert disputed.checked_by == manager
    with pytest.raises(ValidationError):  # an invoice exists: the choice stays
        services.choose_quote(request=request, quote=c, user=manager, reason="cheaper")


def test_invoice_needs_a_chosen_quote(shipment: Shipment, providers: dict[str, Any]) -> None:
    request = new_request(shipment, providers)
    with pytest.raises(ValidationError):
        services.save_provider_invoice(
            request=request,
            values=InvoiceValues(
                number="1",
                invoice_date=TODAY,
                currency="EUR",
                lines=(ChargeValues(kind="main_carriage", amount=D("1")),),
            ),
            user=None,
        )


def test_kpis_of_the_providers(three_quotes: Any) -> None:
    request, a, b, c = three_quotes
    rows = {row.provider.name: row for row in selectors.provider_kpis()}
    alpha, charlie = rows["Alpha Transit"], rows["Charlie Lines"]
    assert alpha.shipments == 2 and alpha.pickup_rate == D("100.00")
    assert alpha.delivery_rate == D("100.00") and alpha.average_transit_days == D("9.0")
    # 2 x 1000 EUR over 2 x 2480 kg
    assert alpha.cost_per_kg_eur == D("0.403") and alpha.cost_per_shipment_eur == D("1000.00")
    assert charlie.delivery_rate == D("0.00") and charlie.average_transit_days == D("12.0")
    assert rows["Bravo Global Forwarding"].shipments == 0  # asked, never used
    assert alpha.claims == 0 and charlie.claims == 0


def test_kpis_count_the_claims_against_a_carrier(three_quotes: Any, shipment: Shipment) -> None:
    from comptoir.claims import services as claims
    from comptoir.claims.inputs import ClaimFacts

    _request, _a, _b, _c = three_quotes
    charlie = Company.objects.get(name="Charlie Lines")
    delivered = dt.date.today() - dt.timedelta(days=1)
    claims.create_claim(
        shipment=shipment,
        facts=ClaimFacts(
            kind="damage",
            apparent=True,
            description="Two cartons crushed",
            discovered_on=delivered,
            delivery_date=delivered,
            weight_affected_kg=D("20"),
            amount_claimed=D("300"),
            currency="EUR",
            carrier=charlie,
            convention="CMR",
            convention_reason="International road leg",
        ),
        user=None,
    )
    rows = {row.provider.name: row for row in selectors.provider_kpis()}
    assert rows["Charlie Lines"].claims == 1 and rows["Alpha Transit"].claims == 0


def test_a_reader_cannot_write(shipment: Shipment, providers: dict[str, Any], reader: Any) -> None:
    with pytest.raises(PermissionDenied):
        new_request(shipment, providers, reader)
    assert not FreightRequest.objects.exists()
    assert not ProviderInvoice.objects.exists()
