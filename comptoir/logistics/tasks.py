"""Jobs of the logistics area, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import runner


@task()
def compute_load_plan(plan_id: int, user_id: int | None, language: str) -> None:
    """Compute a load plan queued by :func:`comptoir.logistics.runner.start`."""
    runner.run(pk=plan_id, user_id=user_id, language=language)
