"""Jobs of the market intelligence area, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from . import services


@task()
def poll_source_job(source_id: int) -> dict[str, Any]:
    """Read one source: one job per source, so a bad one never blocks the others."""
    return services.poll_source(source_id)


@task()
def email_digest(user_id: int) -> int:
    """E-mail one user the matches of their alerts since their last digest."""
    return services.send_digest(user_id)
