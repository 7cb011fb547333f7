"""Jobs of the claims area, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import letters


@task()
def email_claim_letter(claim_id: int, letter: str, to: str, sender_id: int | None) -> str:
    """E-mail a claim letter with its PDF (recorded by ``services.record_letter``)."""
    return letters.send_letter_email(claim_id, letter, to, sender_id)
