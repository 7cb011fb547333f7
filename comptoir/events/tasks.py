"""Jobs of the events area, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import mailing


@task()
def email_invitation(invitation_id: int, base_url: str, sender_id: int | None) -> str:
    """E-mail one invitation to a fair, in the contact's language."""
    return mailing.send_invitation_email(invitation_id, base_url, sender_id)
