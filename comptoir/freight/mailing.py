"""E-mails of freight quotes, written and sent by jobs (``tasks``): the request for
quotation to each provider, the booking to the chosen one, a word to the others. Each in the
provider's language, with the PDF attached."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.documents import freight as rendering

from . import documents, services
from .models import FreightRequest, Recipient


def _sender(sender_id: int | None) -> User | None:
    return get_user_model().objects.filter(pk=sender_id).first() if sender_id else None


def _signature(sender: User | None) -> str:
    return (sender.get_full_name() or sender.get_username()) if sender else ""


def _send(
    subject: str, body: str, to: str, sender: User | None, pdf: tuple[str, bytes] | None
) -> None:
    reply_to = [sender.email] if sender is not None and sender.email else None
    message = EmailMessage(subject, body, to=[to], reply_to=reply_to)
    if pdf is not None:
        message.attach(pdf[0], pdf[1], "application/pdf")
    message.send()


def request_pdf(recipient: Recipient, sender: User | None = None) -> bytes:
    return rendering.render(
        documents.request_document(
            recipient.request, recipient.provider, recipient.language or "en", sender
        )
    )


def booking_pdf(request: FreightRequest, sender: User | None = None) -> bytes:
    return rendering.render(documents.booking_document(request, sender))


def send_request_email(recipient_id: int, sender_id: int | None) -> str:
    recipient = Recipient.objects.select_related("request__shipment", "provider").get(
        pk=recipient_id
    )
    if not recipient.email:
        return ""
    sender = _sender(sender_id)
    request = recipient.request
    with translation.override(recipient.language or "en"):
        subject = _("Request for quotation %(number)s — %(route)s") % {
            "number": request.number,
            "route": f"{request.shipment.origin_country} → {request.shipment.destination_country}",
        }
        body = _(
            "Hello,\n\nPlease find attached our request for quotation %(number)s. We would be "
            "grateful for your offer by %(date)s.\n\nBest regards,\n%(name)s"
        ) % {
            "number": request.number,
            "date": request.reply_by.isoformat(),
            "name": _signature(sender),
        }
        pdf = request_pdf(recipient, sender)
    _send(subject, body, recipient.email, sender, (f"{request.number}.pdf", pdf))
    services.mark_emailed(recipient_id=recipient.pk, field="emailed_at")
    return recipient.email


def send_booking_email(request_id: int, sender_id: int | None) -> str:
    request = FreightRequest.objects.select_related("shipment", "chosen_quote__provider").get(
        pk=request_id
    )
    quote = request.chosen_quote
    if quote is None:
        return ""
    recipient = request.recipients.filter(provider=quote.provider).first()
    to = (recipient.email if recipient else "") or services.provider_email(quote.provider)
    if not to:
        return ""
    sender = _sender(sender_id)
    with translation.override(quote.provider.language or "en"):
        subject = _("Booking %(number)s — your quote %(quote)s") % {
            "number": request.number,
            "quote": quote.reference or quote.received_on.isoformat(),
        }
        body = _(
            "Hello,\n\nWe accept your quote and confirm the booking described in the attached "
            "document. Please confirm the pick-up date and send us the booking number.\n\n"
            "Best regards,\n%(name)s"
        ) % {"name": _signature(sender)}
        pdf = booking_pdf(request, sender)
    _send(subject, body, to, sender, (f"{request.number}-booking.pdf", pdf))
    return to


def send_not_chosen_email(recipient_id: int, sender_id: int | None) -> str:
    recipient = Recipient.objects.select_related("request", "provider").get(pk=recipient_id)
    if not recipient.email:
        return ""
    sender = _sender(sender_id)
    with translation.override(recipient.language or "en"):
        subject = _("Request for quotation %(number)s") % {"number": recipient.request.number}
        body = _(
            "Hello,\n\nThank you for your quote for our request %(number)s. We have chosen "
            "another offer this time and hope to work with you on a next shipment.\n\n"
            "Best regards,\n%(name)s"
        ) % {"number": recipient.request.number, "name": _signature(sender)}
    _send(subject, body, recipient.email, sender, None)
    services.mark_emailed(recipient_id=recipient.pk, field="informed_at")
    return recipient.email
