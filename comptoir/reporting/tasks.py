"""Jobs of the reporting area, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import monthly


@task()
def email_monthly_report(report_id: int) -> int:
    """E-mail a sent monthly report (its stored PDF) to the people it was sent to."""
    return monthly.email_report(report_id)


@task()
def monthly_report_job(report_id: int) -> str:
    """Make a monthly report's draft PDF, or send it (queued by "Prepare the PDF" and "Send
    now", the screens' and the API's): the request answers at once, the page shows the state."""
    return monthly.run_job(report_id)
