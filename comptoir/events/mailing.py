"""The invitation e-mail, written and sent by a job in the contact's language, with the
stand, the dates, an answer link that needs no login and the dates as a calendar file."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from comptoir.common import countries

from . import services
from .models import Event, Invitation

SALT = "comptoir.events.invitation"
#: An answer link stays valid this long (a year covers any fair's invitation).
LINK_MAX_AGE = 400 * 24 * 3600


def answer_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=SALT)


def invitation_from_token(token: str) -> Invitation | None:
    try:
        pk = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("event", "contact", "contact__company")
        .filter(pk=pk)
        .first()
    )


def answer_url(invitation: Invitation, base_url: str) -> str:
    return base_url.rstrip("/") + reverse(
        "events:invitation_answer", args=[answer_token(invitation)]
    )


def where(event: Event, language: str) -> str:
    place = ", ".join(
        p
        for p in (
            event.venue,
            event.city,
            countries.country_name(event.country, language) if event.country else "",
        )
        if p
    )
    return place


def stand_text(event: Event) -> str:
    parts = []
    if event.hall:
        parts.append(_("hall %(hall)s") % {"hall": event.hall})
    if event.stand_number:
        parts.append(_("stand %(number)s") % {"number": event.stand_number})
    return ", ".join(parts)


def calendar_file(event: Event) -> bytes:
    """The fair's days as an iCalendar event (RFC 5545, all-day: DTEND is the day after)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    location = where(event, "en").replace(",", "\\,")
    summary = event.name.replace(",", "\\,")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Comptoir//Events//EN",
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@comptoir",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{event.starts_on:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.ends_on + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{summary}",
        f"LOCATION:{location}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def invitation_message(invitation: Invitation, base_url: str, sender_name: str) -> EmailMessage:
    contact = invitation.contact
    event = invitation.event
    language = contact.language or contact.company.language or "en"
    with translation.override(language):
        dates = _("from %(start)s to %(end)s") % {
            "start": formats.date_format(event.starts_on, "DATE_FORMAT"),
            "end": formats.date_format(event.ends_on, "DATE_FORMAT"),
        }
        stand = stand_text(event)
        subject = _("Invitation: meet us at %(event)s") % {"event": event.name}
        body = _(
            "Dear %(name)s,\n\n"
            "We are pleased to invite you to meet us at %(event)s, %(dates)s, %(place)s.\n"
            "%(stand_line)s\n"
            "Please tell us whether you will come (one click, no account needed):\n%(link)s\n\n"
            "We look forward to seeing you.\n\nBest regards,\n%(sender)s"
        ) % {
            "name": f"{contact.first_name} {contact.last_name}".strip(),
            "event": event.name,
            "dates": dates,
            "place": where(event, language),
            "stand_line": (_("You will find us %(stand)s.") % {"stand": stand}) if stand else "",
            "link": answer_url(invitation, base_url),
            "sender": sender_name,
        }
    message = EmailMessage(subject, body, to=[contact.email])
    message.attach("event.ics", calendar_file(event), "text/calendar")
    return message


def send_invitation_email(invitation_id: int, base_url: str, sender_id: int | None) -> str:
    """Send one invitation once; the address written to ('' when it was not sent: already
    sent, or the contact opted out or was erased in the meantime)."""
    invitation = (
        Invitation.objects.select_related("event", "contact", "contact__company")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.status != Invitation.Status.TO_SEND:
        return ""
    contact = invitation.contact
    if contact.opted_out or contact.erased_at is not None or not contact.email:
        return ""
    sender = get_user_model().objects.filter(pk=sender_id).first() if sender_id else None
    name = (sender.get_full_name() or sender.get_username()) if sender else ""
    message = invitation_message(invitation, base_url, name)
    if sender is not None and sender.email:
        message.reply_to = [sender.email]
    if services.mark_sent(invitation.pk, message.send) is None:
        return ""
    return contact.email
