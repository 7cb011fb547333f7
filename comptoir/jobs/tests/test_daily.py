"""The day's last step refreshes SQLite's planner statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from comptoir.jobs import daily


def test_statistics_step_runs_last() -> None:
    names = [name for name, _step in daily.daily_steps()]
    assert names[-1] == "statistics_refreshed"


@pytest.mark.django_db
def test_statistics_refreshed_on_sqlite() -> None:
    if connection.vendor != "sqlite":
        assert daily.refresh_statistics(dt.date(2026, 12, 7)) == 0
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
        assert daily.refresh_statistics(dt.date(2026, 12, 7)) == 1
        cursor.execute("SELECT count(*) FROM sqlite_stat1")
        assert cursor.fetchone()[0] > 0
