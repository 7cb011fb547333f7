"""Jobs of the screening area, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def rescreen_everyone(version_id: int) -> str:
    """After a list is imported: every company and contact screened again."""
    screened, open_hits = services.screen_everyone()
    return f"list version {version_id}: {screened} parties screened, {open_hits} hits to review"
