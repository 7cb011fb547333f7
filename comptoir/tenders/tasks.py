"""Jobs of the calls for tender, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import mailing


@task()
def email_request(invitation_id: int, sender_id: int | None) -> str:
    """E-mail the request for offers with its PDF to one supplier."""
    return mailing.send_request_email(invitation_id, sender_id)


@task()
def email_not_chosen(invitation_id: int, sender_id: int | None) -> str:
    """Thank a supplier whose offer was not chosen (no competitor's price)."""
    return mailing.send_not_chosen_email(invitation_id, sender_id)
