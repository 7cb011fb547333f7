"""Jobs of order to cash, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import mailing


@task()
def email_offer(offer_id: int, sender_id: int | None) -> str:
    """E-mail a sent offer with its PDF to the client's contact."""
    return mailing.send_offer_email(offer_id, sender_id)


@task()
def email_dunning_letter(letter_id: int) -> str:
    """E-mail a dunning letter recorded by :func:`comptoir.sales.collection.send_dunning`."""
    return mailing.send_dunning_email(letter_id)
