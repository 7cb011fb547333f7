"""E-mails of the calls for tender, written and sent by jobs (``tasks``): the request for
offers to each supplier (PDF attached) and the thanks to those not chosen, each in the
supplier's language. The thanks name no competitor and no price."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.documents import tenders as rendering

from . import documents, services
from .models import Invitation


def _sender(sender_id: int | None) -> User | None:
    return get_user_model().objects.filter(pk=sender_id).first() if sender_id else None


def _signature(sender: User | None) -> str:
    return (sender.get_full_name() or sender.get_username()) if sender else ""


def request_pdf(invitation: Invitation, sender: User | None = None) -> bytes:
    return rendering.render(documents.request_document(invitation, sender))


def _send(
    subject: str, body: str, to: str, sender: User | None, pdf: tuple[str, bytes] | None
) -> None:
    reply_to = [sender.email] if sender is not None and sender.email else None
    message = EmailMessage(subject, body, to=[to], reply_to=reply_to)
    if pdf is not None:
        message.attach(pdf[0], pdf[1], "application/pdf")
    message.send()


def send_request_email(invitation_id: int, sender_id: int | None) -> str:
    invitation = Invitation.objects.select_related("tender", "supplier").get(pk=invitation_id)
    if not invitation.email:
        return ""
    sender = _sender(sender_id)
    tender = invitation.tender
    with translation.override(invitation.language or "en"):
        subject = _("Request for offers %(number)s — %(title)s") % {
            "number": tender.number,
            "title": tender.title,
        }
        body = _(
            "Hello,\n\nPlease find attached our request for offers %(number)s. We would be "
            "grateful for your offer by %(date)s, with your unit prices, Incoterm and place, "
            "lead time, payment terms and validity.\n\nBest regards,\n%(name)s"
        ) % {
            "number": tender.number,
            "date": tender.reply_by.isoformat(),
            "name": _signature(sender),
        }
        pdf = request_pdf(invitation, sender)
    _send(subject, body, invitation.email, sender, (f"{tender.number}.pdf", pdf))
    services.mark_emailed(invitation_id=invitation.pk, field="emailed_at")
    return invitation.email


def send_not_chosen_email(invitation_id: int, sender_id: int | None) -> str:
    invitation = Invitation.objects.select_related("tender", "supplier").get(pk=invitation_id)
    to = invitation.email or services.supplier_email(invitation.supplier)
    if not to:
        return ""
    sender = _sender(sender_id)
    with translation.override(invitation.language or "en"):
        subject = _("Request for offers %(number)s") % {"number": invitation.tender.number}
        body = _(
            "Hello,\n\nThank you for your offer in answer to our request %(number)s and for "
            "the time you gave it. We have chosen another offer this time and hope to work "
            "with you on a next request.\n\nBest regards,\n%(name)s"
        ) % {"number": invitation.tender.number, "name": _signature(sender)}
    _send(subject, body, to, sender, None)
    services.mark_emailed(invitation_id=invitation.pk, field="informed_at")
    return to
