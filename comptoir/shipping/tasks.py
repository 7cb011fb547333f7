"""Jobs of the shipping area, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import notices


@task()
def email_step_notice(notice_id: int) -> str:
    """E-mail the partner that the goods reached a step (departure with the ETA, arrival)."""
    return notices.send_notice(notice_id)
