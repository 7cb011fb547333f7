"""The job queue: a job waits in the database until a worker runs it, even across a restart."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comptoir.jobs import daily
from comptoir.jobs.models import DailyRun
from comptoir.logistics import runner
from comptoir.logistics.models import LoadPlan
from comptoir.logistics.tests.test_load_plans import make_plan, product
from comptoir.parties import reminders
from comptoir.parties.models import Task

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REPO = Path(__file__).resolve().parents[3]


def database_url() -> str:
    """The test database as a DATABASE_URL, for a worker started as another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = f"{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return f"postgres://{host}/{db['NAME']}"


def run_worker_once(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``comptoir worker --once`` in its own process: what the server starts after a restart."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "comptoir.settings.dev",
        "DATABASE_URL": database_url(),
        "COMPTOIR_VAR_DIR": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "-m", "comptoir", "worker", "--once", "--no-schedule"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True)
def test_a_load_plan_queued_while_no_worker_runs_is_computed_when_the_worker_comes_back(
    settings, tmp_path
):
    settings.TASKS = DATABASE_QUEUE
    plan = make_plan([(product("A"), 40)])
    assert runner.start(plan=plan, user=None, language="en") is True
    # The server is stopped: the job waits in the database, the plan says it is queued.
    (job,) = DBTaskResult.objects.all()
    assert job.task_path == "comptoir.logistics.tasks.compute_load_plan"
    assert job.status == "READY"
    plan.refresh_from_db()
    assert plan.status == LoadPlan.Status.QUEUED

    done = run_worker_once(tmp_path)

    assert done.returncode == 0, done.stderr
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL", job.traceback
    plan.refresh_from_db()
    assert plan.status == LoadPlan.Status.DONE and plan.progress == 100
    assert plan.result is not None and plan.result.total_cost == plan.total_cost


def test_a_plan_queued_twice_is_computed_once(settings):
    settings.TASKS = DATABASE_QUEUE
    plan = make_plan([(product("A"), 10)])
    LoadPlan.objects.filter(pk=plan.pk).update(status=LoadPlan.Status.DONE)
    # A late duplicate job finds the plan done: nothing to do.
    runner.run(pk=plan.pk, user_id=None, language="en")
    plan.refresh_from_db()
    assert plan.status == LoadPlan.Status.DONE and plan.result is None


def test_the_daily_jobs_are_queued_once_a_day_after_the_set_hour(settings, monkeypatch):
    settings.TASKS = DATABASE_QUEUE
    monkeypatch.setenv("COMPTOIR_DAILY_AT", "06:00")
    day = dt.date(2026, 3, 2)
    at = lambda hour: timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))  # noqa: E731
    assert daily.queue_daily_if_due(at(5)) is False
    assert daily.queue_daily_if_due(at(7)) is True
    assert daily.queue_daily_if_due(at(9)) is False  # a second worker, or later the same day
    assert list(DailyRun.objects.values_list("day", flat=True)) == [day]
    (job,) = DBTaskResult.objects.all()
    assert job.task_path == "comptoir.jobs.tasks.daily_jobs"
    assert job.args_kwargs["args"] == ["2026-03-02"]


def test_the_morning_reminder_lists_each_users_open_tasks_due(assistant, manager):
    assistant.email = "claire@example.com"
    assistant.save()
    today = dt.date(2026, 3, 2)
    Task.objects.create(title="Call Küchenhaus", due_date=today, assigned_to=assistant)
    Task.objects.create(title="Late one", due_date=today - dt.timedelta(3), assigned_to=assistant)
    Task.objects.create(title="Next week", due_date=today + dt.timedelta(7), assigned_to=assistant)
    Task.objects.create(title="No e-mail", due_date=today, assigned_to=manager)
    assert reminders.users_with_tasks_due(today) == [assistant.pk]

    result = daily.run_daily(today)  # the immediate queue of the tests sends at once

    assert result["reminders_queued"] == 1
    (message,) = mail.outbox
    assert message.to == ["claire@example.com"]
    assert "Call Küchenhaus" in message.body and "Late one" in message.body
    assert "Next week" not in message.body
