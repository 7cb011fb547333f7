"""The client told by e-mail at the steps chosen on the shipment: once per step, in the
partner's language, departure with the ETA, the latest news only."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from comptoir.shipping import services
from comptoir.shipping.inputs import EventValues, MilestonePlan
from comptoir.shipping.models import ShipmentNotice, Step

from .factories import partner, shipment

pytestmark = pytest.mark.django_db


def _event(s, user, step: str, days_ago: float, text: str = "") -> None:  # type: ignore[no-untyped-def]
    services.record_event(
        shipment=s,
        event=EventValues(
            occurred_at=timezone.now() - dt.timedelta(days=days_ago),
            description=text or step,
            step=step,
            location="Le Havre",
        ),
        user=user,
    )


def test_departure_is_told_once_in_the_partners_language_with_the_eta(
    assistant, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    assistant.email = "claire@maison-ferrand.example"
    assistant.save()
    client = partner(language="fr", email="achats@atlas-cuisine.example")
    s = shipment(
        client, vessel="MSC Aurora", voyage="AB612R", transport_document_number="MEDU8812345"
    )
    eta = timezone.localdate() + dt.timedelta(days=9)
    services.plan_milestones(
        shipment=s, plans=[MilestonePlan(step=Step.ARRIVAL, planned_on=eta)], user=assistant
    )
    with django_capture_on_commit_callbacks(execute=True):
        _event(s, assistant, Step.PICKUP, 2)  # not a step the client asked for
        _event(s, assistant, Step.DEPARTURE, 1, "Loaded on vessel")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["achats@atlas-cuisine.example"]
    assert mail.reply_to == ["claire@maison-ferrand.example"]
    assert s.number in mail.subject and "Départ" in mail.subject
    assert "Vos marchandises sont parties" in mail.body
    assert "MSC Aurora / AB612R" in mail.body and "MEDU8812345" in mail.body
    assert eta.strftime("%Y") in mail.body and "Arrivée prévue (ETA)" in mail.body
    notice = ShipmentNotice.objects.get(shipment=s)
    assert notice.step == Step.DEPARTURE and notice.status == ShipmentNotice.Status.SENT
    assert notice.recipient == "achats@atlas-cuisine.example" and notice.language == "fr"
    # the same step again (a correction) sends nothing more
    with django_capture_on_commit_callbacks(execute=True):
        _event(s, assistant, Step.DEPARTURE, 0.9, "Departed")
    assert len(mailoutbox) == 1


def test_arrival_in_english_to_the_company_address_when_no_contact(
    assistant, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    client = partner("Tanaka Trading KK", language="en")
    client.email = "import@tanaka.example"
    client.save()
    s = shipment(client, mode="air", flight="AF276")
    with django_capture_on_commit_callbacks(execute=True):
        _event(s, assistant, Step.DEPARTURE, 3)
        _event(s, assistant, Step.ARRIVAL, 1)
    assert [m.subject.split(": ")[-1] for m in mailoutbox] == ["Departure", "Arrival"]
    assert mailoutbox[1].to == ["import@tanaka.example"]
    assert "Your goods have arrived" in mailoutbox[1].body and "AF276" in mailoutbox[1].body


def test_a_report_bringing_departure_and_arrival_tells_the_arrival_only(
    assistant, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    s = shipment(partner(email="achats@atlas-cuisine.example"))
    day = timezone.localtime() - dt.timedelta(days=2)
    text = (
        "Shipment,Date,Status\n"
        f"{s.number},{day:%Y-%m-%d} 08:00,Departed\n"
        f"{s.number},{day + dt.timedelta(days=1):%Y-%m-%d} 08:00,Arrived\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.import_status_report(
            stream=io.BytesIO(text.encode()), filename="r.csv", time_zone="UTC", user=assistant
        )
    assert len(mailoutbox) == 1 and "arrivées" in mailoutbox[0].body
    skipped = ShipmentNotice.objects.get(shipment=s, step=Step.DEPARTURE)
    assert skipped.status == ShipmentNotice.Status.SKIPPED and "later step" in skipped.reason


def test_old_steps_and_partners_without_e_mail_are_recorded_not_sent(
    assistant, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    old = shipment(partner(email="a@b.example"))
    with django_capture_on_commit_callbacks(execute=True):
        _event(old, assistant, Step.DEPARTURE, 30)
    assert ShipmentNotice.objects.get(shipment=old).status == ShipmentNotice.Status.SKIPPED
    mute = shipment(partner("Sans Mail SA"))
    with django_capture_on_commit_callbacks(execute=True):
        _event(mute, assistant, Step.DEPARTURE, 1)
    notice = ShipmentNotice.objects.get(shipment=mute)
    assert notice.status == ShipmentNotice.Status.FAILED and "no e-mail" in notice.reason
    assert mailoutbox == []


def test_no_notice_when_the_shipment_asks_for_none(
    assistant, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    s = shipment(partner(email="a@b.example"), notify_steps=())
    with django_capture_on_commit_callbacks(execute=True):
        _event(s, assistant, Step.DEPARTURE, 1)
    assert mailoutbox == [] and not ShipmentNotice.objects.exists()


def test_a_registered_gate_refuses_the_departure_and_nothing_is_recorded(assistant) -> None:
    from django.core.exceptions import ValidationError

    from comptoir.common import gates

    s = shipment(partner(language="en", email="buyer@example.com"))
    gates.register(gates.SHIPMENT_DEPARTURE, "test", lambda *, shipment: ["No licence"])
    try:
        _event(s, assistant, Step.PICKUP, 2)
        with pytest.raises(ValidationError, match="No licence"):
            _event(s, assistant, Step.DEPARTURE, 1)
    finally:
        gates.unregister(gates.SHIPMENT_DEPARTURE, "test")
    assert not s.events.filter(step=Step.DEPARTURE).exists()
    _event(s, assistant, Step.DEPARTURE, 1)
    assert s.events.filter(step=Step.DEPARTURE).exists()
