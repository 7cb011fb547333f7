"""E-mails of order to cash (offers sent, dunning letters), written and sent by jobs.

Screens only queue the message (:mod:`comptoir.sales.tasks`); the worker renders the PDF and
talks to the mail server, so a slow SMTP server or a cold PDF engine never holds a request.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.documents.pdf import render_pdf

from . import documents
from .models import DunningLetter, Offer


def offer_recipient(offer: Offer) -> str:
    """Where the offer goes: its contact's e-mail, else the client's ('' when neither)."""
    return offer.contact.email if offer.contact and offer.contact.email else offer.client.email


def offer_pdf(offer: Offer) -> bytes:
    with translation.override(offer.language):
        title = _("OFFER %(ref)s") % {"ref": offer.reference}
        context = documents.commercial_context(offer, title) | {"kind": "offer"}
        return render_pdf("sales/pdf/commercial.html", context)


def queue_offer_email(offer: Offer, user: User | None) -> str:
    """Queue the e-mail of a sent offer; returns the address ('' when there is none)."""
    from .tasks import email_offer  # the task module imports this one

    to = offer_recipient(offer)
    if to:
        email_offer.enqueue(offer.pk, getattr(user, "pk", None))
    return to


def send_offer_email(offer_id: int, sender_id: int | None) -> str:
    offer = Offer.objects.select_related("client", "contact").get(pk=offer_id)
    to = offer_recipient(offer)
    if not to:
        return ""
    sender = get_user_model().objects.filter(pk=sender_id).first() if sender_id else None
    with translation.override(offer.language):
        subject = _("Our offer %(ref)s") % {"ref": offer.reference}
        body = _(
            "Hello,\n\nPlease find attached our offer %(ref)s, valid until %(date)s.\n\n"
            "Best regards,\n%(name)s"
        ) % {
            "ref": offer.reference,
            "date": offer.valid_until.isoformat(),
            "name": (sender.get_full_name() or sender.get_username()) if sender else "",
        }
    reply_to = [sender.email] if sender is not None and sender.email else None
    message = EmailMessage(subject, body, to=[to], reply_to=reply_to)
    message.attach(f"{offer.reference}.pdf", offer_pdf(offer), "application/pdf")
    message.send()
    return to


def send_dunning_email(letter_id: int) -> str:
    """Send a recorded dunning letter: its stored PDF, in the client's language."""
    letter = DunningLetter.objects.select_related("level").get(pk=letter_id)
    if not letter.email_to:
        return ""
    level, language = letter.level, letter.language
    numbers = ", ".join(
        number or ""
        for number in letter.invoices.order_by("number").values_list("number", flat=True)
    )
    with translation.override(language):
        subject = f"{level.name(language)} — {numbers}"
        text = level.text_fr if language == "fr" else level.text_en
        message = EmailMessage(subject, text, to=[letter.email_to])
        message.attach(
            f"{level.name_en.replace(' ', '-').lower()}-{letter.sent_on.isoformat()}.pdf",
            bytes(letter.pdf or b""),
            "application/pdf",
        )
        message.send()
    return letter.email_to
