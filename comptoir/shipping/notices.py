"""The client (or supplier) told by e-mail when the goods reach the steps chosen on the
shipment (``Shipment.notify_steps``: departure and arrival unless changed).

A notice is recorded once per shipment and step (``ShipmentNotice``, unique), in the same
transaction as the event that dated the step, and the e-mail is queued on the job queue when
that transaction commits: the worker writes it in the partner's language and sends it to the
partner's first contact with an e-mail (or the company's address). A step reached together
with a later step chosen too (a report that brings departure and arrival at once), or long
ago, is recorded as not sent, with the reason: the client hears the latest news only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial

from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Actor
from comptoir.parties import selectors as party_selectors
from comptoir.sales.models import SellerProfile

from .models import STEPS_IN_ORDER, Milestone, Shipment, ShipmentNotice, Step

#: A step that happened longer ago than this is not announced any more.
MAX_AGE = dt.timedelta(days=14)


def _user(user: Actor) -> User | None:
    return user if isinstance(user, User) and user.is_authenticated else None


def recipient(shipment: Shipment) -> str:
    """Where the notices of a shipment go ('' when the partner has no e-mail at all)."""
    contact = party_selectors.first_contact_with_email(shipment.partner)
    return contact.email if contact is not None else shipment.partner.email


def queue_due_notices(*, shipment_ids: Iterable[int], user: Actor) -> list[ShipmentNotice]:
    """Record the notices due on these shipments (steps chosen, dated, not noticed yet) and
    queue their e-mails for when the current transaction commits. Call it inside the
    transaction that dated the steps."""
    from .tasks import email_step_notice  # the task module imports this one

    ids = list(dict.fromkeys(shipment_ids))
    created: list[ShipmentNotice] = []
    now = timezone.now()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        shipments = Shipment.objects.filter(pk__in=chunk).exclude(notify_steps__in=("", ",,"))
        dated: dict[int, dict[str, dt.datetime]] = {}
        for shipment_id, step, actual_at in Milestone.objects.filter(
            shipment_id__in=chunk, actual_at__isnull=False
        ).values_list("shipment_id", "step", "actual_at"):
            assert actual_at is not None
            dated.setdefault(shipment_id, {})[step] = actual_at
        noticed = set(
            ShipmentNotice.objects.filter(shipment_id__in=chunk).values_list("shipment_id", "step")
        )
        for shipment in shipments:
            reached = dated.get(shipment.pk, {})
            chosen = [s for s in shipment.steps_to_notify if s in reached]
            due = [s for s in chosen if (shipment.pk, s) not in noticed]
            if not due:
                continue
            latest = max(chosen, key=STEPS_IN_ORDER.index)
            for step in sorted(due, key=STEPS_IN_ORDER.index):
                notice = ShipmentNotice(shipment=shipment, step=step, created_by=_user(user))
                if step != latest:
                    notice.status = ShipmentNotice.Status.SKIPPED
                    notice.reason = _("A later step was reached at the same time: %(step)s.") % {
                        "step": Step(latest).label
                    }
                elif now - reached[step] > MAX_AGE:
                    notice.status = ShipmentNotice.Status.SKIPPED
                    notice.reason = _("The step happened more than %(days)d days ago.") % {
                        "days": MAX_AGE.days
                    }
                created.append(notice)
    ShipmentNotice.objects.bulk_create(created, ignore_conflicts=True)
    queued = list(
        ShipmentNotice.objects.filter(
            shipment_id__in=[n.shipment_id for n in created],
            status=ShipmentNotice.Status.QUEUED,
            sent_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    for pk in queued:
        transaction.on_commit(partial(email_step_notice.enqueue, pk))
    return created


def _context(shipment: Shipment, step: str) -> dict[str, object]:
    milestones = {m.step: m for m in shipment.milestones.all()}
    reached = milestones.get(step)
    arrival = milestones.get(Step.ARRIVAL.value)
    seller = SellerProfile.current()
    return {
        "shipment": shipment,
        "step": step,
        "step_label": Step(step).label,
        "happened_at": reached.actual_at if reached else None,
        "place": (reached.location if reached else "") or "",
        "eta": arrival.planned_on if arrival and arrival.actual_at is None else None,
        "containers": list(shipment.containers.values_list("number", flat=True)),
        "seller": seller.trade_name or seller.legal_name if seller else "",
        "is_departure": step == Step.DEPARTURE,
        "is_arrival": step == Step.ARRIVAL,
    }


def render_notice(shipment: Shipment, step: str, language: str) -> tuple[str, str]:
    """The subject and text of a notice, in ``language``."""
    with translation.override(language):
        context = _context(shipment, step)
        names = {"number": shipment.number, "step": Step(step).label}
        subject = (
            _("Your order %(reference)s, shipment %(number)s: %(step)s")
            % {**names, "reference": shipment.reference}
            if shipment.reference
            else _("Shipment %(number)s: %(step)s") % names
        )
        body = render_to_string("shipping/email/step_notice.txt", context)
    return subject[:200], body


def send_notice(notice_id: int) -> str:
    """Send a queued notice (the job); returns the address, '' when it could not go."""
    notice = ShipmentNotice.objects.select_related(
        "shipment", "shipment__partner", "created_by"
    ).get(pk=notice_id)
    if notice.status != ShipmentNotice.Status.QUEUED:
        return ""  # sent already, or skipped: a job run twice sends once
    shipment = notice.shipment
    to = recipient(shipment)
    language = shipment.partner.language or "en"
    if not to:
        ShipmentNotice.objects.filter(pk=notice.pk, status=ShipmentNotice.Status.QUEUED).update(
            status=ShipmentNotice.Status.FAILED,
            reason=_("The partner has no e-mail address: tell them another way."),
        )
        return ""
    # Claim the notice before sending, so two workers never send it twice.
    claimed = ShipmentNotice.objects.filter(
        pk=notice.pk, status=ShipmentNotice.Status.QUEUED
    ).update(status=ShipmentNotice.Status.SENT, sent_at=timezone.now(), recipient=to)
    if not claimed:
        return ""
    subject, body = render_notice(shipment, notice.step, language)
    sender = notice.created_by
    reply_to = [sender.email] if sender is not None and sender.email else None
    try:
        EmailMessage(subject, body, to=[to], reply_to=reply_to).send()
    except Exception as exc:  # the mail server refused: say so on the shipment
        ShipmentNotice.objects.filter(pk=notice.pk).update(
            status=ShipmentNotice.Status.FAILED, sent_at=None, reason=str(exc)[:300]
        )
        raise
    ShipmentNotice.objects.filter(pk=notice.pk).update(language=language, subject=subject)
    return to
