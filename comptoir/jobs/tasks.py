"""Jobs of the schedule: the daily run and the reminders it sends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_tasks import task

from . import daily, imports, reminders


@task()
def daily_jobs(day: str) -> dict[str, Any]:
    """The day's jobs (see :mod:`comptoir.jobs.daily`)."""
    return daily.run_daily(dt.date.fromisoformat(day))


@task()
def email_task_reminder(user_id: int, day: str) -> int:
    """One user's morning e-mail of open tasks due."""
    return reminders.send_task_reminder(user_id, dt.date.fromisoformat(day))


@task()
def import_file(job_id: int) -> None:
    """A large import queued by the import page."""
    imports.run_import(job_id)
