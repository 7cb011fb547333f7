"""E-mail campaigns: merge, languages, GDPR exclusions at list and send time, never twice,
a stop in the middle resumed without duplicates, the unsubscribe link and headers."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.locmem import EmailBackend

from comptoir.parties import services as parties
from comptoir.parties.models import Contact
from comptoir.prospecting import mailing, selectors, services
from comptoir.prospecting.models import Campaign, Recipient, RecipientState

from .conftest import prospect

pytestmark = pytest.mark.django_db

BODY_EN = "Dear {{ first_name }} {{ last_name }},\nour cast-iron cookware for {{ company }}.\n{{ sender }}"
BODY_FR = (
    "Bonjour {{ first_name }},\nnos cocottes pour {{ company }} ({{ country }}).\n{{ sender }}"
)


def _campaign(target_list: Any, user: Any = None, **extra: Any) -> Campaign:
    return services.create_campaign(
        name="Germany spring",
        channel="email",
        target_list=target_list,
        subject_en="Cookware for {{ company }}",
        body_en=BODY_EN,
        subject_fr="Cocottes pour {{ company }}",
        body_fr=BODY_FR,
        user=user,
        **extra,
    )


def test_unknown_merge_field_is_refused_naming_it(crm_list: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.create_campaign(
            name="x",
            channel="email",
            subject_en="Hi",
            body_en="Hello {{ firstname }}",
            user=None,
        )
    assert "firstname" in error.value.message_dict["body_en"][0]


def test_sent_once_to_each_in_their_language_with_unsubscribe(
    run: Any, crm_list: Any, manager: Any
) -> None:
    manager.email, manager.first_name, manager.last_name = "claire@ferrand.fr", "Claire", "Roux"
    manager.save()
    campaign = _campaign(crm_list, manager)
    queued = run(services.start_sending, campaign=campaign, user=manager)
    assert queued == 4
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["anna@kuechenwelt.de", "jonas@hausundherd.de", "lea@kochkultur.de", "TOPF@topf-berlin.de"]
    )
    anna = next(m for m in mail.outbox if m.to == ["anna@kuechenwelt.de"])
    assert anna.subject == "Cookware for Küchenwelt GmbH"
    assert anna.body.startswith("Dear Anna Schmidt,") and "Claire Roux" in anna.body
    assert anna.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert anna.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/prospecting/unsubscribe/" in anna.body
    assert anna.reply_to == ["claire@ferrand.fr"]
    lea = next(m for m in mail.outbox if m.to == ["lea@kochkultur.de"])
    assert lea.subject == "Cocottes pour Kochkultur AG"
    assert "(Allemagne)" in lea.body and "professionnel" in lea.body
    result = selectors.results(campaign)
    assert (result.sent, result.listed, result.excluded) == (4, 4, 0)


def test_sending_is_a_managers_decision(run: Any, crm_list: Any, assistant: Any) -> None:
    campaign = _campaign(crm_list, assistant)
    with pytest.raises(PermissionDenied):
        run(services.start_sending, campaign=campaign, user=assistant)
    assert not mail.outbox


def test_gdpr_exclusions_at_list_time(run: Any, crm_list: Any, german_retailers: Any) -> None:
    (_c1, anna), (_c2, jonas), (_c3, lea), _topf = german_retailers
    parties.set_opt_out(contact=anna, opted_out=True, user=None)
    parties.erase_person(contact=jonas, user=None)
    services.record_event(
        campaign=_campaign(crm_list),
        values=services.EventValues(
            address="LEA@kochkultur.de", kind="hard_bounce", occurred_on=dt.date.today()
        ),
        user=None,
    )
    # a private mailbox without consent, one with a dated consent
    company, _gmx = prospect("Privat", "anna.s@gmx.de", first="Ann")
    company2, _ok = prospect("Privat2", "b.s@gmx.de", first="Bea", consent=dt.date(2026, 1, 5))
    services.add_from_crm(
        target_list=crm_list,
        criteria=services.CrmCriteria(countries=("DE",)),
        user=None,
    )
    campaign = _campaign(crm_list)
    run(services.start_sending, campaign=campaign, user=None)
    assert sorted(m.to[0] for m in mail.outbox) == ["TOPF@topf-berlin.de", "b.s@gmx.de"]
    reasons = dict(
        campaign.recipients.filter(state=RecipientState.EXCLUDED).values_list("address", "error")
    )
    assert reasons["anna@kuechenwelt.de"] == "Unsubscribed."
    assert reasons["lea@kochkultur.de"] == "The address bounced: it does not exist."
    assert "L34-5" in reasons["anna.s@gmx.de"]
    assert any(r == "Erased (GDPR)." for r in reasons.values())
    consented = campaign.recipients.get(address="b.s@gmx.de")
    assert consented.lawful_basis == "consent"


def test_opt_out_between_listing_and_sending_is_honoured(
    run: Any, crm_list: Any, german_retailers: Any
) -> None:
    campaign = _campaign(crm_list, batch_size=1)
    anna = german_retailers[0][1]
    real = mailing.send_batch
    calls = {"n": 0}

    def opt_out_after_first(campaign_id: int) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            parties.set_opt_out(contact=anna, opted_out=True, user=None)
        return real(campaign_id)

    with mock.patch.object(mailing, "send_batch", opt_out_after_first):
        run(services.start_sending, campaign=campaign, user=None)
    sent_to = [m.to[0] for m in mail.outbox]
    recipient = campaign.recipients.get(contact=anna)
    if recipient.state == RecipientState.SENT:  # Anna was in the first batch
        assert sent_to.count("anna@kuechenwelt.de") == 1
    else:
        assert "anna@kuechenwelt.de" not in sent_to
        assert recipient.state == RecipientState.EXCLUDED


def test_never_twice_to_the_same_address(run: Any, crm_list: Any, german_retailers: Any) -> None:
    company = german_retailers[0][0]
    # the same person recorded twice, the address spelt differently
    parties.save_contact(
        contact=None,
        values=parties.ContactValues(
            company=company, first_name="Anna", last_name="Schmidt", email="Anna@Kuechenwelt.de"
        ),
        user=None,
    )
    services.add_from_crm(
        target_list=crm_list, criteria=services.CrmCriteria(countries=("DE",)), user=None
    )
    campaign = _campaign(crm_list)
    run(services.start_sending, campaign=campaign, user=None)
    assert [m.to[0].lower() for m in mail.outbox].count("anna@kuechenwelt.de") == 1
    # and the database refuses a second row for one address
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Recipient.objects.create(campaign=campaign, company=company, address="anna@kuechenwelt.de")


class FlakyBackend(EmailBackend):
    """The mail server goes down at the third message."""

    sent = 0

    def send_messages(self, messages: Any) -> int:
        FlakyBackend.sent += len(messages)
        if FlakyBackend.sent == 3:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_a_stop_mid_campaign_resumes_without_duplicates(
    run: Any, crm_list: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "comptoir.prospecting.tests.test_sending.FlakyBackend"
    FlakyBackend.sent = 0
    campaign = _campaign(crm_list, batch_size=10)
    run(services.start_sending, campaign=campaign, user=None)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENDING
    assert len(mail.outbox) == 2
    states = list(campaign.recipients.values_list("state", flat=True))
    assert states.count(RecipientState.SENT) == 2 and states.count(RecipientState.QUEUED) == 2
    # a worker killed between "sending" and "sent": that one is not sent again by itself
    stuck = campaign.recipients.filter(state=RecipientState.QUEUED).first()
    assert stuck is not None
    Recipient.objects.filter(pk=stuck.pk).update(state=RecipientState.SENDING)
    queued = run(services.resume, campaign=campaign, user=None)
    assert queued == 1
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == len(set(addresses)) == 3
    stuck.refresh_from_db()
    assert stuck.state == RecipientState.FAILED and "Interrupted" in stuck.error
    # the user checked: it did not leave; retrying sends it, once
    run(services.resume, campaign=campaign, user=None, retry_failed=True)
    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == len(set(addresses)) == 4


def test_a_refused_address_fails_alone(run: Any, crm_list: Any) -> None:
    campaign = _campaign(crm_list)
    real = mailing.message_for

    def refusing(c: Any, recipient: Recipient, connection: Any = None) -> Any:
        message = real(c, recipient, connection)
        if recipient.address.startswith("jonas"):
            message.send = mock.Mock(  # type: ignore[method-assign]
                side_effect=smtplib.SMTPRecipientsRefused({"jonas@hausundherd.de": (550, b"no")})
            )
        return message

    with mock.patch.object(mailing, "message_for", refusing):
        run(services.start_sending, campaign=campaign, user=None)
    failed = campaign.recipients.get(address="jonas@hausundherd.de")
    assert failed.state == RecipientState.FAILED
    assert len(mail.outbox) == 3


def test_unsubscribe_page_confirms_then_records(run: Any, crm_list: Any, client: Any) -> None:
    campaign = _campaign(crm_list)
    run(services.start_sending, campaign=campaign, user=None)
    recipient = campaign.recipients.get(address="lea@kochkultur.de")
    url = mailing.unsubscribe_url(recipient.pk)
    path = url[url.index("/prospecting/") :]
    page = client.get(path)  # no login
    assert page.status_code == 200
    assert "Se désinscrire" in page.content.decode()  # Léa's language
    contact = Contact.objects.get(email="lea@kochkultur.de")
    assert not contact.opted_out  # a GET writes nothing
    done = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    contact.refresh_from_db()
    assert contact.opted_out and contact.opted_out_at is not None
    assert selectors.results(campaign).opt_outs == 1
    # next campaign: left out
    mail.outbox.clear()
    run(services.start_sending, campaign=_campaign(crm_list), user=None)
    assert "lea@kochkultur.de" not in [m.to[0] for m in mail.outbox]
    assert client.get("/prospecting/unsubscribe/forged:token/").status_code == 404


def test_preview_and_test_send(crm_list: Any, assistant: Any) -> None:
    campaign = _campaign(crm_list, assistant)
    target = crm_list.targets.get(email="lea@kochkultur.de")
    preview = mailing.preview(campaign, target=target)
    assert preview.subject == "Cocottes pour Kochkultur AG" and preview.language == "fr"
    assert mailing.preview(campaign, target=target, language="en").subject.startswith("Cookware")
    with pytest.raises(ValidationError):
        mailing.send_test(campaign=campaign, user=assistant, target=target)
    assistant.email = "me@ferrand.fr"
    assistant.save()
    assert mailing.send_test(campaign=campaign, user=assistant, target=target) == "me@ferrand.fr"
    assert mail.outbox[-1].subject == "[TEST] Cocottes pour Kochkultur AG"
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT and not campaign.recipients.exists()


def test_newsletter_body_from_marketing_is_sanitised(run: Any, crm_list: Any) -> None:
    campaign = services.create_campaign(
        name="Newsletter",
        channel="email",
        origin="newsletter",
        html=True,
        target_list=crm_list,
        subject_en="News",
        body_en="<h1>Hello {{ first_name }}</h1><script>alert(1)</script>",
        user=None,
    )
    run(services.start_sending, campaign=campaign, user=None)
    message = mail.outbox[0]
    html = message.alternatives[0][0]  # type: ignore[attr-defined]
    assert "<script>" not in html and "<h1>Hello" in html
    assert "unsubscribe" in message.body
