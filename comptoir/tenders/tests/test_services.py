"""Tender services: a tender sent (task at the deadline, e-mails in the supplier's language
with the PDF), answers checked whole before anything is written, the comparison's figures
worked by hand, the decision with its reason, the losers thanked without any price, and
``awarded_lines`` for the purchasing area."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from comptoir.parties.models import Task
from comptoir.tenders import mailing, selectors, services
from comptoir.tenders.inputs import (
    AnswerValues,
    DecisionValues,
    LineValues,
    PriceValues,
    TenderValues,
    Weights,
)
from comptoir.tenders.models import Answer, Invitation, Tender

from .conftest import TODAY, answer, new_tender, pdf_text

pytestmark = pytest.mark.django_db
D = Decimal


def test_send_opens_the_deadline_task_and_mails_in_the_supplier_language(
    suppliers: Any, lid: Any, assistant: Any, seller: Any, django_capture_on_commit_callbacks: Any
) -> None:
    tender = new_tender(suppliers, lid, assistant)
    assert tender.number and tender.number.startswith("AO-")
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_tender(tender=tender, user=assistant)
    assert {i.status for i in sent} == {"sent"}
    task = Task.objects.get(assigned_to=assistant)
    assert task.due_date == tender.reply_by and tender.number in task.title
    # the worker's part, run here: one mail per supplier with an address
    for invitation in sent:
        mailing.send_request_email(invitation.pk, assistant.pk)
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"sales@ningbo.example", "vendas@porto.example"}
    french = by_to["vendas@porto.example"]
    assert "Demande d'offres" in french.subject or "offre" in french.body.lower()
    text = pdf_text(french.attachments[0][1])
    assert "DEMANDE D" in text and "CV-24" in text and "2000" in text.replace(" ", "")
    english = pdf_text(by_to["sales@ningbo.example"].attachments[0][1])
    assert "REQUEST FOR OFFERS" in english and "Thiers warehouse" in english


def test_bad_tender_refused_with_fields(suppliers: Any, lid: Any) -> None:
    customer = suppliers["cn"]
    customer.role_list = ["client"]
    customer.save()
    with pytest.raises(ValidationError) as info:
        services.create_tender(
            values=TenderValues(
                title="",
                reply_by=TODAY - dt.timedelta(days=1),
                delivery_date=TODAY,
                delivery_place="Thiers",
                lines=tuple(LineValues(product=lid, quantity=D(1)) for _ in range(101)),
                suppliers=(customer,),
            ),
            user=None,
        )
    errors = info.value.message_dict
    assert {"title", "reply_by", "lines", "suppliers"} <= set(errors)
    assert not Tender.objects.exists()


def test_comparison_worked_figures(answered: Tender) -> None:
    table = selectors.comparison(answered)
    rows = {r.invitation.supplier.country: r for r in table.rows}
    cn, india, pt = rows["CN"], rows["IN"], rows["PT"]
    assert cn.result is not None and india.result is not None and pt.result is not None
    # EXW Ningbo: 3,690.00 + 180 + 1,450 + 12.18 + 380 + 520 + duty 3.2 % of 5,332.18
    assert cn.result.goods == D("3690.00")
    assert cn.result.duty == D("170.63")
    assert cn.result.delivered == D("6402.81")
    assert cn.unit_delivered(1) == D("3.2014")
    assert "third-country rate" in cn.duty_notes[1]
    # FOB Mumbai: no pre-carriage for us
    assert india.result.delivered == D("7242.09")
    # FCA Porto: within the EU, no duty, no import VAT; 0.28 EUR/kg x 1,400 kg
    assert pt.result.duty == 0 and pt.result.import_vat == 0
    assert pt.result.delivered == D("8692.00")
    assert table.best_per_line == {1: cn.invitation.supplier_id}
    assert cn.grades["price"] == D(10)
    assert pt.grades["payment"] == D(10) and cn.grades["payment"] == D(0)
    assert all(r.rank is not None for r in (cn, india, pt))


def test_answer_in_a_currency_without_rate_refused_whole(answered: Tender) -> None:
    invitation = answered.invitations.get(supplier__country="IN")
    before = Answer.objects.get(invitation=invitation)
    with pytest.raises(ValidationError) as info:
        answer(invitation, incoterm="FOB", currency="INR", price="-3", lead=900)
    errors = info.value.message_dict
    assert "INR" in errors["currency"][0]
    assert "prices.0.unit_price" in errors and "lead_time_days" in errors
    assert Answer.objects.get(invitation=invitation).currency == before.currency == "USD"


def test_answer_line_out_of_the_tender_refused(answered: Tender) -> None:
    invitation = answered.invitations.get(supplier__country="IN")
    with pytest.raises(ValidationError) as info:
        services.save_answer(
            invitation=invitation,
            values=AnswerValues(
                received_on=TODAY,
                currency="USD",
                incoterm="FOB",
                incoterm_place="Mumbai",
                lead_time_days=10,
                valid_until=TODAY,
                prices=(PriceValues(line=7, unit_price=D(1)),),
            ),
            user=None,
        )
    assert "prices.0.line" in info.value.message_dict


def test_decision_needs_a_reason_unless_best_and_thanks_the_others(
    answered: Tender, assistant: Any, django_capture_on_commit_callbacks: Any
) -> None:
    table = selectors.comparison(answered)
    best = next(r for r in table.rows if r.rank == 1).invitation.supplier
    other = next(r for r in table.rows if r.rank != 1).invitation.supplier
    with pytest.raises(ValidationError) as info:
        services.decide(tender=answered, values=DecisionValues(overall=other), user=assistant)
    assert "reason" in info.value.message_dict
    assert not answered.awards.exists()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.decide(tender=answered, values=DecisionValues(overall=best), user=assistant)
    answered.refresh_from_db()
    assert answered.status == "decided" and answered.decided_by == assistant
    assert len(callbacks) == 2  # the two others are thanked
    lost = answered.invitations.exclude(supplier=best).get(supplier__email__gt="")
    mailing.send_not_chosen_email(lost.pk, assistant.pk)
    message = mail.outbox[-1]
    assert "Merci" in message.body or "Thank" in message.body
    assert (
        "2.05" not in message.body and "4.15" not in message.body and best.name not in message.body
    )
    lines = selectors.awarded_lines(answered)
    assert len(lines) == 1
    assert lines[0].supplier == best and lines[0].quantity == D(2000)
    assert lines[0].unit_delivered_eur == table.row_of(best).unit_delivered(1)  # type: ignore[union-attr]
    with pytest.raises(ValidationError):
        services.set_weights(tender=answered, weights=Weights(), user=assistant)


def test_choosing_line_by_line_other_than_the_best_needs_a_reason(answered: Tender) -> None:
    table = selectors.comparison(answered)
    pt = next(r for r in table.rows if r.rank != 1).invitation.supplier
    with pytest.raises(ValidationError):
        services.decide(tender=answered, values=DecisionValues(per_line=((1, pt),)), user=None)
    services.decide(
        tender=answered,
        values=DecisionValues(per_line=((1, pt),), reason="Shorter lead time", inform_losers=False),
        user=None,
    )
    assert selectors.awarded_lines(answered)[0].supplier == pt


def test_declined_and_no_answer_status(suppliers: Any, lid: Any) -> None:
    tender = new_tender(suppliers, lid)
    services.send_tender(tender=tender, user=None, email=False)
    invitation = tender.invitations.get(supplier__country="IN")
    services.decline(invitation=invitation, user=None, reason="No capacity")
    assert Invitation.objects.get(pk=invitation.pk).status == "declined"
    other = tender.invitations.get(supplier__country="CN")
    later = tender.reply_by + dt.timedelta(days=1)
    assert str(selectors.invitation_status(other, later)) == "No answer"


def test_weights_bounded(answered: Tender) -> None:
    with pytest.raises(ValidationError) as info:
        services.set_weights(tender=answered, weights=Weights(price=101, quality=-1), user=None)
    assert {"weight_price", "weight_quality"} <= set(info.value.message_dict)


def test_reliability_and_csr_read_from_the_supplier_panel(answered: Tender) -> None:
    from comptoir.common.dates import today
    from comptoir.suppliers import services as panel
    from comptoir.suppliers.inputs import CsrValues

    suppliers = {i.supplier.country: i.supplier for i in answered.invitations.all()}
    day = today() - dt.timedelta(days=30)
    for n in range(10):  # nine of ten deliveries on time in full: OTIF 90 %
        panel.record_delivery(
            suppliers["CN"],
            order_ref=f"PO-{n}",
            promised_date=day,
            delivered_date=day + dt.timedelta(days=0 if n else 20),
            quantity_ordered=Decimal(100),
            quantity_received=Decimal(100),
            quantity_accepted=Decimal(100),
        )
    portugal = panel.file_for(suppliers["PT"], None)
    codes = ["code_of_conduct", "child_labour", "forced_labour", "wages_hours"]
    panel.set_csr(
        supplier=portugal,
        checks=[CsrValues(criterion=c, met=True, evidence="audit 2026") for c in codes],
        user=None,
    )
    rows = {r.invitation.supplier.country: r for r in selectors.comparison(answered).rows}
    assert rows["CN"].grades["reliability"] == D("9.00")
    assert rows["IN"].grades["reliability"] == D(5)  # no delivery yet: neutral
    assert rows["PT"].grades["csr"] == D("4.00")  # 4 of the 10 CSR lines met
