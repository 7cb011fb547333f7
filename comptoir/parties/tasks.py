"""Background work of parties, on the job queue."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from . import reminders


@task()
def email_task_reminder(user_id: int, day: str) -> int:
    """One user's morning e-mail of open tasks due."""
    return reminders.send_task_reminder(user_id, dt.date.fromisoformat(day))
