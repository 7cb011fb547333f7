"""Running a load plan computation away from the request, with its progress on the record.

The page stays usable: the computation is a job of the queue (:mod:`comptoir.logistics.tasks`),
run by a worker process, which writes its progress on the plan; the page polls it. One
computation per plan at a time (the status changes from idle to queued in one conditional
UPDATE, and the job starts only a plan still queued). A queued job survives a server restart:
the worker picks it up when it comes back. A run that stopped reporting (its worker was
killed mid-way) is stale after ``STALE_AFTER`` and may be started again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Record, require
from comptoir.audit import stamp
from comptoir.trade.errors import TradeInputError
from comptoir.trade.packing.plan_result import PlanResult

from . import planning
from .models import LoadPlan

log = logging.getLogger(__name__)
STALE_AFTER = dt.timedelta(minutes=5)
S = LoadPlan.Status


def is_stale(plan: LoadPlan) -> bool:
    return plan.is_busy and plan.updated_at < timezone.now() - STALE_AFTER


def start(*, plan: LoadPlan, user: User | None, language: str) -> bool:
    """Queue the computation of ``plan`` (texts in ``language``); False when it is already
    queued or running."""
    require(user, Action.CHANGE, Record.LOAD_PLAN)
    idle = Q(status__in=[S.DRAFT, S.DONE, S.FAILED]) | Q(
        updated_at__lt=timezone.now() - STALE_AFTER
    )
    taken = LoadPlan.objects.filter(Q(pk=plan.pk) & idle).update(
        status=S.QUEUED,
        progress=0,
        progress_message=_("Waiting to start"),
        error="",
        updated_at=timezone.now(),
    )
    if not taken:
        return False
    from .tasks import compute_load_plan  # the task module imports this one

    compute_load_plan.enqueue(plan.pk, user.pk if user is not None else None, language)
    return True


def run(*, pk: int, user_id: int | None, language: str) -> None:
    """Compute plan ``pk`` and store the result (or the error) on it.

    Only a plan still queued is started: a job enqueued twice (a stale run restarted while
    its first job was still waiting) computes the plan once."""
    claimed = LoadPlan.objects.filter(pk=pk, status=S.QUEUED).update(
        status=S.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        log.info("load plan %s: not queued any more, nothing to do", pk)
        return
    with translation.override(language):
        last = [0.0]

        def progress(fraction: float, message: str) -> None:
            now = time.monotonic()
            if now - last[0] < 0.3 and fraction < 1:
                return
            last[0] = now
            try:
                LoadPlan.objects.filter(pk=pk).update(
                    status=S.RUNNING,
                    progress=max(0, min(100, round(100 * fraction))),
                    progress_message=message[:200],
                    updated_at=timezone.now(),
                )
            except OperationalError:  # the database is busy: the next report will do
                log.warning("load plan %s: progress not recorded (database busy)", pk)

        plan = LoadPlan.objects.get(pk=pk)
        try:
            result = planning.compute(plan, progress)
        except (planning.LoadPlanError, TradeInputError) as e:
            _finish(pk, user_id, Outcome(error=str(e)))
            return
        except Exception:  # an engine fault must not leave the plan "computing" forever
            log.exception("load plan %s failed", pk)
            _finish(pk, user_id, Outcome(error=_("The computation failed unexpectedly.")))
            return
        _finish(pk, user_id, Outcome(result=result))


@dataclass(frozen=True)
class Outcome:
    """How a computation ended: a result, or the error to show."""

    result: PlanResult | None = None
    error: str = ""


def _finish(pk: int, user_id: int | None, outcome: Outcome) -> None:
    """Store the outcome; a busy database is retried, so a plan never stays "computing"."""
    for attempt in range(5):
        try:
            _store(pk, user_id, outcome)
            return
        except OperationalError:
            if attempt == 4:
                raise
            time.sleep(0.5 * (attempt + 1))


def _store(pk: int, user_id: int | None, outcome: Outcome) -> None:
    with transaction.atomic():
        plan = LoadPlan.objects.select_for_update().get(pk=pk)
        if outcome.result is not None:
            plan.status = S.DONE
            plan.result = outcome.result
            plan.total_cost = outcome.result.total_cost
            plan.computed_at = timezone.now()
            plan.error = ""
            plan.progress = 100
        else:
            plan.status = S.FAILED
            plan.error = outcome.error
        plan.progress_message = ""
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        stamp(plan, user, "computed" if outcome.result is not None else "computation failed")
        plan.save()
