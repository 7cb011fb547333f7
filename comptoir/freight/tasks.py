"""Jobs of freight quotes, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import mailing


@task()
def email_request(recipient_id: int, sender_id: int | None) -> str:
    """E-mail the request for quotation with its PDF to one provider."""
    return mailing.send_request_email(recipient_id, sender_id)


@task()
def email_booking(request_id: int, sender_id: int | None) -> str:
    """E-mail the booking with its PDF to the chosen provider."""
    return mailing.send_booking_email(request_id, sender_id)


@task()
def email_not_chosen(recipient_id: int, sender_id: int | None) -> str:
    """Tell a provider who quoted that another offer was chosen."""
    return mailing.send_not_chosen_email(recipient_id, sender_id)
