"""The morning reminder: each user's open tasks due today or late, by e-mail."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Task
from .selectors import tasks_due


def users_with_tasks_due(day: dt.date) -> list[int]:
    """Active users with an e-mail address and at least one open task due by ``day``."""
    return sorted(
        set(
            tasks_due(day=day)
            .exclude(assigned_to__email="")
            .values_list("assigned_to_id", flat=True)
        )
    )


def send_task_reminder(user_id: int, day: dt.date) -> int:
    """E-mail one user the list of their open tasks due by ``day``; returns how many."""
    user = get_user_model().objects.get(pk=user_id)
    tasks = list(tasks_due(day=day, assigned_to=user))
    if not tasks or not user.email:
        return 0
    profile = getattr(user, "profile", None)
    language = getattr(profile, "language", None) or "fr"
    by_day: dict[dt.date, list[Task]] = defaultdict(list)
    for task in tasks:
        by_day[task.due_date].append(task)
    with translation.override(language):
        subject = ngettext("Comptoir: %(n)d task due", "Comptoir: %(n)d tasks due", len(tasks)) % {
            "n": len(tasks)
        }
        lines = [_("Hello,"), "", _("Your open tasks due today or late:"), ""]
        for due, group in sorted(by_day.items()):
            for task in group:
                company = f" — {task.company}" if task.company else ""
                lines.append(f"- {due.isoformat()}: {task.title}{company}")
        EmailMessage(subject, "\n".join(lines), to=[user.email]).send()
    return len(tasks)


def queue_reminders(day: dt.date) -> int:
    """The daily step: queue the morning e-mail of every user with tasks due; how many."""
    from .tasks import email_task_reminder

    users = users_with_tasks_due(day)
    for user_id in users:
        email_task_reminder.enqueue(user_id, day.isoformat())
    return len(users)
