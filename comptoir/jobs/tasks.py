"""Jobs of the queue itself: the daily run, a queued import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_tasks import task

from . import daily, imports


@task()
def daily_jobs(day: str) -> dict[str, Any]:
    """The day's jobs (see :mod:`comptoir.jobs.daily`)."""
    return daily.run_daily(dt.date.fromisoformat(day))


@task()
def import_file(job_id: int) -> None:
    """A large import queued by the import page."""
    imports.run_import(job_id)
