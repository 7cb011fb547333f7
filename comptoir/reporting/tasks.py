"""Jobs of the reporting area, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import monthly


@task()
def email_monthly_report(report_id: int) -> int:
    """E-mail a sent monthly report (its stored PDF) to the people it was sent to."""
    return monthly.email_report(report_id)
