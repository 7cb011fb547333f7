"""The events services: the checklist from a template, budget and receipts, invitations
(opt-outs honoured, the contact's language, the answer link), visitors recorded once
whatever the device re-sends, matched against the CRM, with their follow-up task; the deals
and the report's figures."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from comptoir.events import mailing, selectors, services
from comptoir.events.inputs import BudgetLineValues, ChecklistItemValues, VisitorValues
from comptoir.events.models import ChecklistTemplate, Invitation, Visitor
from comptoir.parties.models import Activity, Company, Contact, Task
from comptoir.sales.tests.conftest import make_order

from .conftest import END, START, event_values, firm, person, photo_bytes

pytestmark = pytest.mark.django_db

MET = timezone.make_aware(dt.datetime(2026, 2, 7, 11, 30))


def visitor(**changes: object) -> VisitorValues:
    values: dict[str, object] = {
        "client_id": uuid.uuid4(),
        "company_name": "Casa Bella SpA",
        "first_name": "Giulia",
        "last_name": "Rossi",
        "country": "IT",
        "temperature": "hot",
        "met_at": MET,
        "email": "g.rossi@casabella.it",
        "position": "Buyer",
        "interest": "Cast-iron casseroles for their 40 shops",
    }
    values.update(changes)
    return VisitorValues(**values)  # type: ignore[arg-type]


def test_the_default_templates_plan_the_fair(fair, assistant):  # type: ignore[no-untyped-def]
    template = ChecklistTemplate.objects.get(name="Trade fair abroad")
    added = services.apply_template(event=fair, template=template, owner=assistant, user=assistant)
    assert added == template.items.count() >= 12
    # a second time adds nothing
    assert services.apply_template(event=fair, template=template, owner=None, user=assistant) == 0
    ata = fair.checklist.get(title__contains="ATA carnet", anchor="start")
    assert ata.due_on == START - dt.timedelta(days=45)
    follow = fair.checklist.get(title__startswith="Follow up every visitor")
    assert follow.due_on == END + dt.timedelta(days=7)
    # moving the fair moves the plan
    services.save_event(
        event=fair,
        values=event_values(
            starts_on=START + dt.timedelta(days=7), ends_on=END + dt.timedelta(days=7)
        ),
        user=assistant,
    )
    ata.refresh_from_db()
    assert ata.due_on == START - dt.timedelta(days=38)


def test_late_items_reach_their_owner(fair, assistant, manager):  # type: ignore[no-untyped-def]
    item = services.save_checklist_item(
        event=fair,
        item=None,
        values=ChecklistItemValues(
            title="Badges", anchor="start", offset_days=-21, owner=assistant
        ),
        user=assistant,
    )
    day = START - dt.timedelta(days=10)
    assert selectors.late_items(assistant, day) == [item]
    assert selectors.late_items(manager, day) == []
    services.set_item_done(item=item, done=True, user=assistant, on=day)
    assert selectors.late_items(assistant, day) == []


def test_a_bad_item_or_event_names_the_field(fair, assistant):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        services.save_event(
            event=None, values=event_values(ends_on=START - dt.timedelta(days=1)), user=assistant
        )
    assert "ends_on" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.save_event(event=None, values=event_values(stand_type="shared"), user=assistant)
    assert "shared_with" in err.value.message_dict


def test_budget_receipts_are_checked_from_their_bytes(fair, assistant):  # type: ignore[no-untyped-def]
    line = services.save_budget_line(
        event=fair,
        line=None,
        values=BudgetLineValues(
            category="space",
            label="24 m² row stand",
            planned=Decimal("9800"),
            actual=Decimal("9950"),
        ),
        user=assistant,
    )
    receipt = services.add_receipt(
        line=line, upload=SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 test"), user=assistant
    )
    assert receipt.content_type == "application/pdf"
    with pytest.raises(ValidationError) as err:
        services.add_receipt(
            line=line, upload=SimpleUploadedFile("x.pdf", b"<script>"), user=assistant
        )
    assert "file" in err.value.message_dict
    summary = selectors.budget(fair)
    assert summary.total.variance == Decimal("150")


def test_invitations_leave_out_opted_out_and_erased_people(
    fair, assistant, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    bistro = firm("Bistrot Parisien", "FR", language="fr")
    anna = person(firm("Haushalt Plus", "DE"), "Weber", "anna@haushalt.de", language="en")
    paul = person(bistro, "Durand", "paul@bistrot.fr", language="fr")
    gone = person(bistro, "Martin", "m@bistrot.fr", opted_out=True)
    erased = person(bistro, "Petit", "p@bistrot.fr", erased_at=timezone.now())
    added, skipped = services.invite(
        event=fair, contacts=[anna, paul, gone, erased], user=assistant
    )
    assert (added, skipped) == (2, 2)
    assert services.invite(event=fair, contacts=[anna], user=assistant) == (0, 0)
    count = services.send_invitations(event=fair, base_url="http://testserver/", user=assistant)
    assert count == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"anna@haushalt.de", "paul@bistrot.fr"}
    french = by_to["paul@bistrot.fr"]
    assert "Invitation" in french.subject and "stand B45" in french.body
    assert "3.1" in french.body
    assert french.attachments[0][0] == "event.ics"
    assert "DTSTART;VALUE=DATE:20260206" in str(french.attachments[0][1])
    english = by_to["anna@haushalt.de"]
    assert "meet us at Ambiente" in english.subject
    # sent once: sending again writes to nobody
    assert services.send_invitations(event=fair, base_url="http://testserver/", user=assistant) == 0
    assert len(mail.outbox) == 2
    assert Invitation.objects.filter(status="sent").count() == 2


def test_the_answer_link_is_signed(fair, assistant):  # type: ignore[no-untyped-def]
    contact = person(firm("Haushalt Plus", "DE"), "Weber", "anna@haushalt.de")
    services.invite(event=fair, contacts=[contact], user=assistant)
    invitation = fair.invitations.get()
    token = mailing.answer_token(invitation)
    assert mailing.invitation_from_token(token) == invitation
    assert mailing.invitation_from_token(token[:-2] + "xx") is None
    services.record_answer(invitation=invitation, answer="accepted", user=None, online=True)
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.answered_online
    assert Activity.objects.filter(contact=contact, subject__contains="Ambiente").exists()
    with pytest.raises(ValidationError):
        services.record_answer(invitation=invitation, answer="sent", user=assistant)


def test_a_visitor_becomes_a_prospect_with_a_follow_up_task(fair, assistant):  # type: ignore[no-untyped-def]
    made, created = services.record_visitor(
        event=fair,
        values=visitor(card=photo_bytes((3000, 2000)), consent=True, consent_date=MET.date()),
        user=assistant,
    )
    assert created and not made.existing_company
    company = made.company
    assert company.name == "Casa Bella SpA" and company.role_list == ["prospect"]
    assert company.country == "IT" and company.language == "en"
    contact = made.contact
    assert contact.email == "g.rossi@casabella.it"
    assert contact.lawful_basis == "consent" and contact.consent_date == MET.date()
    task = made.task
    # hot: two French business days after Tuesday 10 February
    assert task.due_date == dt.date(2026, 2, 12) and task.assigned_to == assistant
    assert "Giulia Rossi" in task.title
    assert Activity.objects.filter(company=company, kind="meeting").count() == 1
    # the card is kept as a JPEG of at most 1600 px
    from PIL import Image

    with Image.open(made.card.open("rb")) as image:
        assert image.format == "JPEG" and max(image.size) == 1600


def test_sending_the_same_form_again_creates_nothing(fair, assistant):  # type: ignore[no-untyped-def]
    values = visitor()
    first, created = services.record_visitor(event=fair, values=values, user=assistant)
    counts = (
        Company.objects.count(),
        Contact.objects.count(),
        Task.objects.count(),
        Activity.objects.count(),
    )
    again, created_again = services.record_visitor(event=fair, values=values, user=assistant)
    assert created and not created_again and again.pk == first.pk
    assert counts == (
        Company.objects.count(),
        Contact.objects.count(),
        Task.objects.count(),
        Activity.objects.count(),
    )
    assert Visitor.objects.count() == 1


def test_a_known_company_gets_an_activity_not_a_duplicate(fair, assistant, clients):  # type: ignore[no-untyped-def]
    berger = clients["de"]
    person(berger, "Berger", "k.berger@kuechenhaus.de")
    by_email, _ = services.record_visitor(
        event=fair,
        values=visitor(
            company_name="Kuchenhaus B.",
            last_name="Berger",
            email="K.Berger@Kuechenhaus.de",
            country="DE",
            temperature="warm",
        ),
        user=assistant,
    )
    assert by_email.company == berger and by_email.existing_company
    assert by_email.contact.email == "k.berger@kuechenhaus.de"
    by_name, _ = services.record_visitor(
        event=fair,
        values=visitor(
            company_name="  küchenhaus berger gmbh ",
            last_name="Vogel",
            first_name="Jonas",
            email="",
            country="DE",
            temperature="cold",
        ),
        user=assistant,
    )
    assert by_name.company == berger and by_name.existing_company
    assert by_name.contact.last_name == "Vogel" and by_name.contact.company == berger
    assert Company.objects.filter(name__icontains="berger").count() == 1
    assert by_name.task.due_date == dt.date(2026, 2, 24)


def test_bad_visitor_forms_are_refused(fair, assistant, reader):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        services.record_visitor(event=fair, values=visitor(card=b"not a picture"), user=assistant)
    assert "card" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.record_visitor(
            event=fair, values=visitor(card=b"\xff" * (services.MAX_CARD_BYTES + 1)), user=assistant
        )
    assert "card" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.record_visitor(event=fair, values=visitor(consent=True), user=assistant)
    assert "consent_date" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        services.record_visitor(event=fair, values=visitor(), user=reader)
    assert Visitor.objects.count() == 0


def test_results_and_report(fair, assistant, clients, product, seller):  # type: ignore[no-untyped-def]
    berger = clients["de"]
    services.record_visitor(
        event=fair, values=visitor(company_name=berger.name, country="DE", email=""), user=assistant
    )
    services.record_visitor(event=fair, values=visitor(temperature="cold"), user=assistant)
    order = make_order(berger, product, status="confirmed")  # dated 2 November 2026
    services.save_budget_line(
        event=fair,
        line=None,
        values=BudgetLineValues(
            category="space", label="Space", planned=Decimal("9000"), actual=Decimal("9500")
        ),
        user=assistant,
    )
    fair.meetings_held = 4
    fair.save()
    figures = selectors.report(fair, dt.date(2026, 3, 1), "en")
    assert figures["leads"] == 2 and figures["known_companies"] == 1
    assert figures["cost_per_lead"] == Decimal("4750.00")
    assert figures["cost_per_meeting"] == Decimal("2375.00")
    assert figures["lead_pct"] == Decimal("5")
    assert figures["deals"] == []  # the order is dated after the 180-day window
    deal = services.link_deal(event=fair, order=order, user=assistant)
    deals = selectors.deals(fair)
    assert [d.reference for d in deals] == [order.number] and deals[0].by_hand
    services.unlink_deal(deal=deal, user=assistant)
    fair.sales_window_days = 365  # 2 November is within a year of the fair: found by itself
    fair.save()
    deals = selectors.deals(fair)
    assert [(d.reference, d.by_hand) for d in deals] == [(order.number, False)]


def test_deleting_an_event_is_a_managers(fair, assistant, manager):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.delete_event(event=fair, user=assistant)
    services.delete_event(event=fair, user=manager)
    assert not type(fair).objects.exists()
