"""Jobs of the purchasing area, run by the queue's worker (``comptoir worker``)."""

from __future__ import annotations

from django_tasks import task

from . import documents


@task()
def email_purchase_order(order_id: int, sender_id: int | None) -> str:
    """E-mail an issued purchase order with its PDF to the supplier."""
    return documents.send_order_email(order_id, sender_id)
