"""The campaign's e-mails: merged for each recipient in their language, with the
unsubscribe link in the text and in the ``List-Unsubscribe`` headers (RFC 2369, one-click
RFC 8058), sent by the job queue in batches (:mod:`.tasks`).

Each recipient moves queued -> sending -> sent | failed, each step in its own transaction
(:func:`services.claim`, :func:`services.mark`): a job that stops half-way leaves the others
queued, and the next run sends only those. Just before an e-mail leaves, the person is
checked again (unsubscribed, erased or bounced meanwhile: left out).
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass
from typing import Any

import nh3
from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.common import countries
from comptoir.trade import prospecting as core

from . import services
from .models import Campaign, Recipient, RecipientState, Target

SALT = "comptoir.prospecting.unsubscribe"
#: The links' start when ``COMPTOIR_PUBLIC_URL`` is not set (a laptop, the tests).
LOCAL_URL = "http://127.0.0.1:8000"
#: Errors that say the mail server is not there: the job stops, the recipient stays queued.
SERVER_DOWN = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError)


def public_url() -> str:
    """Where Comptoir answers from outside (the unsubscribe links): ``COMPTOIR_PUBLIC_URL``."""
    return (getattr(settings, "COMPTOIR_PUBLIC_URL", "") or LOCAL_URL).rstrip("/")


def unsubscribe_token(recipient_id: int) -> str:
    return signing.dumps(recipient_id, salt=SALT)


def recipient_of_token(token: str) -> Recipient | None:
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Recipient.objects.select_related("campaign", "contact", "company").filter(pk=pk).first()


def unsubscribe_url(recipient_id: int) -> str:
    return public_url() + reverse("prospecting:unsubscribe", args=[unsubscribe_token(recipient_id)])


def _sender_name(user: User | None) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def merge_values(
    *,
    company: Any,
    contact: Any,
    sender: User | None,
    language: str,
    url: str,
    target: Target | None = None,
) -> dict[str, str]:
    first = contact.first_name if contact else (target.first_name if target else "")
    last = contact.last_name if contact else (target.last_name if target else "")
    country = company.country if company else (target.country if target else "")
    return {
        "first_name": first,
        "last_name": last,
        "full_name": f"{first} {last}".strip(),
        "position": contact.position if contact else (target.position if target else ""),
        "company": company.name if company else (target.company_name if target else ""),
        "country": countries.country_name(country, language) if country else "",
        "city": company.city if company else "",
        "sender": _sender_name(sender),
        "sender_email": sender.email if sender else "",
        "unsubscribe_url": url,
    }


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str | None
    language: str


def render(campaign: Campaign, language: str, values: dict[str, str]) -> Rendered:
    """The e-mail in ``language`` ("fr" or "en"; the other one when that one is empty),
    merged, with the footer that says why the person receives it and how to stop."""
    language = "fr" if language == "fr" and campaign.subject_fr else "en"
    if not campaign.subject_en and campaign.subject_fr:
        language = "fr"
    subject = core.merge(campaign.subject(language), values)
    body = core.merge(campaign.body(language), values)
    with translation.override(language):
        footer = _(
            "You receive this message as a professional, about your work. To receive no "
            "more e-mails from us: %(url)s"
        ) % {"url": values["unsubscribe_url"]}
    if campaign.html:
        safe = nh3.clean(body)
        html = f'{safe}<hr><p style="font-size:small">{footer}</p>'
        text = strip_tags(safe) + "\n\n-- \n" + footer
        return Rendered(subject, text, html, language)
    return Rendered(subject, body + "\n\n-- \n" + footer, None, language)


def message_for(
    campaign: Campaign, recipient: Recipient, connection: Any = None
) -> EmailMultiAlternatives:
    url = unsubscribe_url(recipient.pk)
    values = merge_values(
        company=recipient.company,
        contact=recipient.contact,
        sender=campaign.sender,
        language=recipient.language,
        url=url,
    )
    rendered = render(campaign, recipient.language, values)
    sender = campaign.sender
    message = EmailMultiAlternatives(
        rendered.subject,
        rendered.text,
        to=[recipient.contact.email if recipient.contact else recipient.address],
        reply_to=[sender.email] if sender is not None and sender.email else None,
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        connection=connection,
    )
    if rendered.html is not None:
        message.attach_alternative(rendered.html, "text/html")
    return message


def _still_allowed(recipient: Recipient) -> str:
    """Checked again just before sending: the person may have left meanwhile."""
    contact = recipient.contact
    if contact is not None:
        contact.refresh_from_db(
            fields=["opted_out", "erased_at", "email", "consent_date", "lawful_basis"]
        )
    address = contact.email if contact else ""
    if address and core.normalise_email(address) != recipient.address:
        return _("The contact's address changed since the list was made.")
    return services.exclusion(contact, address, services.blocked_addresses([address]))


def send_batch(campaign_id: int) -> int:
    """Send the next batch of queued e-mails of the campaign; returns how many were sent.
    A server that is down stops the job (its recipient goes back to the queue); a refused
    address fails that recipient only."""
    campaign = Campaign.objects.select_related("sender").get(pk=campaign_id)
    if campaign.status != Campaign.Status.SENDING:
        return 0
    ids = list(
        campaign.recipients.filter(state=RecipientState.QUEUED)
        .order_by("id")
        .values_list("id", flat=True)[: campaign.batch_size]
    )
    sent = 0
    connection = get_connection()
    for recipient_id in ids:
        if not services.claim(recipient_id):
            continue
        recipient = Recipient.objects.select_related("company", "contact").get(pk=recipient_id)
        reason = _still_allowed(recipient)
        if reason:
            services.mark(recipient_id, RecipientState.EXCLUDED, reason)
            continue
        try:
            with translation.override(recipient.language):
                message_for(campaign, recipient, connection).send()
        except SERVER_DOWN:
            services.mark(recipient_id, RecipientState.QUEUED)
            raise
        except (smtplib.SMTPException, ValueError) as exc:
            services.mark(recipient_id, RecipientState.FAILED, str(exc) or type(exc).__name__)
            continue
        services.mark(recipient_id, RecipientState.SENT)
        sent += 1
    return sent


def send_campaign(campaign_id: int) -> int:
    """Send the whole campaign, batch after batch. With a queue that can wait (the
    database queue of ``comptoir worker``) the next batch is a new job after the pause;
    otherwise the batches follow each other."""
    from . import tasks

    total = 0
    while True:
        sent = send_batch(campaign_id)
        total += sent
        campaign = Campaign.objects.get(pk=campaign_id)
        if not campaign.recipients.filter(state=RecipientState.QUEUED).exists():
            services.finish(campaign_id)
            return total
        if campaign.status != Campaign.Status.SENDING:
            return total
        backend = tasks.send_campaign.get_backend()
        if campaign.pause_seconds and backend.supports_defer:
            later = timezone.now() + dt.timedelta(seconds=campaign.pause_seconds)
            tasks.send_campaign.using(run_after=later).enqueue(campaign_id)
            return total


# --------------------------------------------------------------------------- previews


def preview(campaign: Campaign, *, target: Target | None = None, language: str = "") -> Rendered:
    """The e-mail as ``target`` would receive it (a sample person when None)."""
    contact = target.contact if target else None
    company = target.company if target else None
    lang = language or ((contact.language if contact else target.language) if target else "en")
    values = merge_values(
        company=company,
        contact=contact,
        sender=campaign.sender,
        language=lang,
        url=public_url() + "/prospecting/unsubscribe/…/",
        target=target,
    )
    if target is None:
        values.update(
            first_name="Erika",
            last_name="Mustermann",
            full_name="Erika Mustermann",
            position="Einkäuferin",
            company="Musterhaus GmbH",
            country=countries.country_name("DE", lang),
            city="Köln",
        )
    return render(campaign, "fr" if lang == "fr" else "en", values)


def send_test(
    *, campaign: Campaign, user: Actor, target: Target | None = None, language: str = ""
) -> str:
    """The preview sent to oneself, subject marked [TEST]; returns the address."""
    require(user, Action.CHANGE, Record.CAMPAIGN)
    address = getattr(user, "email", "") if isinstance(user, User) else ""
    if not address:
        raise ValidationError(_("Your user has no e-mail address: add it in your profile."))
    rendered = preview(campaign, target=target, language=language)
    message = EmailMultiAlternatives(
        "[TEST] " + rendered.subject,
        rendered.text,
        to=[address],
        headers={"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    if rendered.html is not None:
        message.attach_alternative(rendered.html, "text/html")
    message.send()
    return address
