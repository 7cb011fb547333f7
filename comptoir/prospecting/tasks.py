"""Jobs of prospecting, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import mailing


@task()
def send_campaign(campaign_id: int) -> int:
    """Send a campaign's queued e-mails, batch after batch (pause between batches)."""
    return mailing.send_campaign(campaign_id)
