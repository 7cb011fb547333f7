"""Writes of the credit insurance area: the policy, each buyer's cover (request, decisions,
history), threatened-loss declarations and their claim; the daily reminder to declare.

Every service checks the role matrix first (``CREDIT_INSURANCE``), writes in one transaction
and names the author for the history. Tasks go through ``parties.services``; invoices and
orders are only read.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.common.dates import today as local_today
from comptoir.parties import selectors as parties_selectors
from comptoir.parties import services as parties
from comptoir.sales.models import Invoice, Order
from comptoir.trade import credit_insurance as rules
from comptoir.trade.errors import TradeInputError

from . import selectors
from .inputs import ClaimValues, CoverDecision, CoverRequest, DeclarationValues, PolicyValues
from .models import BuyerCover, CoverEvent, CoverState, Declaration, Policy

ZERO = Decimal("0")
DECISIONS = frozenset(
    {CoverState.GRANTED, CoverState.REDUCED, CoverState.REFUSED, CoverState.CANCELLED}
)
#: Declaration status -> the statuses it may move to.
NEXT_STATUSES: dict[str, frozenset[str]] = {
    Declaration.Status.DECLARED: frozenset(
        {"declared", "claim", "indemnified", "settled", "closed"}
    ),
    Declaration.Status.CLAIM: frozenset({"claim", "indemnified", "settled", "closed"}),
    Declaration.Status.INDEMNIFIED: frozenset({"indemnified", "closed"}),
    Declaration.Status.SETTLED: frozenset({"settled", "closed"}),
    Declaration.Status.CLOSED: frozenset({"closed"}),
}


def _save(instance: Policy | BuyerCover | Declaration, user: Actor, reason: str) -> None:
    stamp(instance, user, reason)
    instance.save()


# ------------------------------------------------------------------------------ policies


def save_policy(*, policy: Policy | None, values: PolicyValues, user: Actor) -> Policy:
    require(user, Action.ADMINISTER, Record.CREDIT_INSURANCE)
    errors: dict[str, str] = {}
    if values.ends_on < values.starts_on:
        errors["ends_on"] = _("The policy cannot end before it starts.")
    if not values.insurer.strip():
        errors["insurer"] = _("Name the insurer.")
    if not values.number.strip():
        errors["number"] = _("Give the policy number.")
    duplicate = Policy.objects.filter(number=values.number.strip())
    if policy is not None:
        duplicate = duplicate.exclude(pk=policy.pk)
    if duplicate.exists():
        errors["number"] = _("A policy with this number already exists.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        policy = policy or Policy()
        policy.insurer = values.insurer.strip()
        policy.number = values.number.strip()
        policy.starts_on = values.starts_on
        policy.ends_on = values.ends_on
        policy.commercial_share_pct = values.commercial_share_pct
        policy.political_share_pct = values.political_share_pct
        policy.max_credit_days = values.max_credit_days
        policy.threatened_loss_days = values.threatened_loss_days
        policy.waiting_period_days = values.waiting_period_days
        policy.premium_rate_pct = values.premium_rate_pct
        policy.discretionary_limit = values.discretionary_limit
        policy.refuse_when_cancelled = values.refuse_when_cancelled
        policy.responsible = values.responsible
        policy.notes = values.notes
        _save(policy, user, "policy saved")
    return policy


# -------------------------------------------------------------------------------- covers


def request_cover(*, policy: Policy, request: CoverRequest, user: Actor) -> BuyerCover:
    """Ask the insurer for a limit on a buyer (a first request or a new one for more)."""
    require(user, Action.CREATE, Record.CREDIT_INSURANCE)
    if request.amount <= ZERO:
        raise ValidationError({"amount": _("Ask for an amount above zero.")})
    if request.requested_on > local_today():
        raise ValidationError({"requested_on": _("The date cannot be in the future.")})
    with transaction.atomic():
        cover = (
            BuyerCover.objects.select_for_update()
            .filter(policy=policy, buyer=request.buyer)
            .first()
        )
        if cover is None:
            cover = BuyerCover(policy=policy, buyer=request.buyer, amount=ZERO)
        keeps_limit = cover.pk is not None and cover.state in (
            CoverState.GRANTED,
            CoverState.REDUCED,
        )
        if not keeps_limit:
            cover.state = CoverState.REQUESTED
        cover.requested_amount = request.amount
        cover.requested_on = request.requested_on
        _save(cover, user, "cover requested")
        CoverEvent.objects.create(
            cover=cover,
            state=CoverState.REQUESTED,
            on=request.requested_on,
            amount=request.amount,
            note=request.note[:300],
            recorded_by=author(user),
        )
    return cover


def decide_cover(*, cover: BuyerCover, decision: CoverDecision, user: Actor) -> BuyerCover:
    """Record the insurer's decision: granted, reduced (a lower limit), refused, cancelled."""
    require(user, Action.CHANGE, Record.CREDIT_INSURANCE)
    errors: dict[str, str] = {}
    if decision.state not in DECISIONS:
        errors["state"] = _("Choose the insurer's decision.")
    if decision.amount < ZERO:
        errors["amount"] = _("An amount cannot be negative.")
    if decision.state in (CoverState.GRANTED, CoverState.REDUCED) and decision.amount <= ZERO:
        errors["amount"] = _("Give the limit the insurer granted.")
    if decision.state == CoverState.REDUCED and cover.amount and decision.amount >= cover.amount:
        errors["amount"] = _("A reduction is below the current limit (%(amount)s EUR).") % {
            "amount": formats.number_format(cover.amount, 2, use_l10n=True, force_grouping=True)
        }
    if decision.decided_on > local_today():
        errors["decided_on"] = _("The date cannot be in the future.")
    if decision.decided_on < cover.requested_on and cover.state == CoverState.REQUESTED:
        errors["decided_on"] = _("The decision cannot come before the request.")
    if errors:
        raise ValidationError(errors)
    amount = decision.amount if decision.state in (CoverState.GRANTED, CoverState.REDUCED) else ZERO
    with transaction.atomic():
        cover.state = decision.state
        cover.amount = amount
        cover.decided_on = decision.decided_on
        cover.effective_from = decision.effective_from or decision.decided_on
        cover.insurer_reference = decision.insurer_reference or cover.insurer_reference
        _save(cover, user, f"cover {decision.state}")
        CoverEvent.objects.create(
            cover=cover,
            state=decision.state,
            on=decision.decided_on,
            amount=amount,
            insurer_reference=decision.insurer_reference,
            note=decision.note[:300],
            recorded_by=author(user),
        )
    return cover


# -------------------------------------------------------------------------- declarations


def _invoice_eur(invoice: Invoice) -> Decimal:
    return (invoice.balance_due * invoice.eur_rate).quantize(Decimal("0.01"))


def declare_threatened_loss(
    *, policy: Policy, values: DeclarationValues, user: Actor
) -> Declaration:
    """Record a threatened loss declared to the insurer; the indemnity expected follows from
    the cover at the time and the insured share (trade core)."""
    require(user, Action.CREATE, Record.CREDIT_INSURANCE)
    errors: dict[str, str] = {}
    invoices = list(values.invoices)
    for invoice in invoices:
        if invoice.client_id != values.buyer.pk:
            errors["invoices"] = _("Invoice %(number)s is not this buyer's.") % {
                "number": invoice.number
            }
        elif invoice.due_date is None or invoice.due_date >= values.declared_on:
            errors["invoices"] = _("Invoice %(number)s was not overdue on that day.") % {
                "number": invoice.number
            }
    if not invoices and values.amount_declared is None:
        errors["amount_declared"] = _("Choose the unpaid invoices or give the amount declared.")
    if values.declared_on > local_today():
        errors["declared_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    amount = values.amount_declared
    if amount is None:
        amount = sum((_invoice_eur(i) for i in invoices), ZERO)
    if amount <= ZERO:
        raise ValidationError({"amount_declared": _("Declare an amount above zero.")})
    due_dates = [i.due_date for i in invoices if i.due_date is not None]
    first_due = min(due_dates) if due_dates else values.declared_on
    cover = BuyerCover.objects.filter(policy=policy, buyer=values.buyer).first()
    state = cover.state if cover else rules.CoverState.NONE
    cover_amount, _basis = rules.effective_cover(
        state, cover.amount if cover else ZERO, policy.discretionary_limit
    )
    try:
        deadline = rules.threatened_loss_deadline(first_due, policy.threatened_loss_days)
        expected = rules.indemnity(amount, cover_amount, policy.commercial_share_pct)
        expected_on = rules.indemnity_expected_on(values.declared_on, policy.waiting_period_days)
    except TradeInputError as exc:
        raise ValidationError({exc.field or "__all__": exc.message}) from None
    with transaction.atomic():
        declaration = Declaration(
            policy=policy,
            buyer=values.buyer,
            due_date=first_due,
            deadline=deadline,
            declared_on=values.declared_on,
            late=values.declared_on > deadline,
            amount_declared=amount,
            cover_at_declaration=cover_amount,
            insured_share_pct=policy.commercial_share_pct,
            reference=values.reference.strip(),
            indemnity_expected=expected.indemnity,
            indemnity_expected_on=expected_on,
            uncovered=expected.uncovered_loss,
            notes=values.notes,
            created_by=author(user),
        )
        _save(declaration, user, "threatened loss declared")
        declaration.invoices.set(invoices)
        parties.close_tasks(
            tasks=parties_selectors.open_tasks(notes=_declare_url(values.buyer.pk)),
            user=user,
            reason="threatened loss declared",
        )
    return declaration


def update_claim(*, declaration: Declaration, values: ClaimValues, user: Actor) -> Declaration:
    """The claim's follow-up: filed, indemnity received, recoveries before and after it."""
    require(user, Action.CHANGE, Record.CREDIT_INSURANCE)
    errors: dict[str, str] = {}
    if values.status not in NEXT_STATUSES[declaration.status]:
        errors["status"] = _("A declaration %(now)s cannot become %(next)s.") % {
            "now": declaration.get_status_display(),
            "next": Declaration.Status(values.status).label
            if values.status in Declaration.Status.values
            else values.status,
        }
    if values.status == Declaration.Status.INDEMNIFIED and values.indemnity_received <= ZERO:
        errors["indemnity_received"] = _("Give the indemnity received.")
    if values.indemnity_received > ZERO and values.indemnity_received_on is None:
        errors["indemnity_received_on"] = _("Give the day the indemnity was received.")
    if values.recovered_before > declaration.amount_declared:
        errors["recovered_before"] = _("More recovered than the amount declared.")
    if values.indemnity_received > declaration.amount_declared:
        errors["indemnity_received"] = _("The indemnity cannot exceed the amount declared.")
    if values.recovered_after > ZERO and values.indemnity_received <= ZERO:
        errors["recovered_after"] = _(
            "Recoveries after the indemnity need the indemnity received first."
        )
    today = local_today()
    for name in ("claim_filed_on", "indemnity_received_on"):
        day = getattr(values, name)
        if day is not None and day > today:
            errors[name] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    try:
        expected = rules.indemnity(
            declaration.amount_declared,
            declaration.cover_at_declaration,
            declaration.insured_share_pct,
            values.recovered_before,
        )
        split = rules.split_recovery(
            values.recovered_after,
            values.indemnity_received,
            declaration.amount_declared - values.recovered_before,
        )
    except TradeInputError as exc:
        raise ValidationError({exc.field or "__all__": exc.message}) from None
    with transaction.atomic():
        declaration.status = values.status
        declaration.claim_filed_on = values.claim_filed_on
        declaration.recovered_before = values.recovered_before
        declaration.indemnity_expected = expected.indemnity
        declaration.uncovered = expected.uncovered_loss
        declaration.indemnity_received = values.indemnity_received
        declaration.indemnity_received_on = values.indemnity_received_on
        declaration.recovered_after = values.recovered_after
        declaration.recovered_to_insurer = split.to_insurer
        declaration.reference = values.reference.strip() or declaration.reference
        declaration.notes = values.notes
        _save(declaration, user, f"claim {values.status}")
    return declaration


# ---------------------------------------------------------------------------- daily jobs


def _declare_url(buyer_pk: int) -> str:
    return reverse("credit_insurance:to_declare") + f"?buyer={buyer_pk}"


def remind_declarations(day: dt.date) -> int:
    """Daily: a task per buyer with an overdue insured invoice whose threatened-loss deadline
    comes within ``DECLARE_REMINDER_DAYS`` (or is past), once per buyer while it is open."""
    policy = selectors.policy_in_force(day)
    if policy is None:
        return 0
    opened = 0
    seen: set[int] = set()
    for row in selectors.invoices_to_declare(day):
        invoice = row.invoice
        if invoice.client_id in seen or row.days_left > selectors.DECLARE_REMINDER_DAYS:
            continue
        seen.add(invoice.client_id)
        url = _declare_url(invoice.client_id)
        owner = policy.responsible or invoice.issued_by or invoice.client.portfolio_owner
        if owner is None or parties_selectors.open_tasks(notes=url).exists():
            continue
        profile = getattr(owner, "profile", None)
        with translation.override(getattr(profile, "language", None) or "fr"):
            title = _(
                "Declare the unpaid invoices of %(buyer)s to %(insurer)s by %(day)s "
                "(threatened loss, policy %(policy)s)"
            ) % {
                "buyer": invoice.client.name,
                "insurer": policy.insurer,
                "day": formats.date_format(row.deadline, "SHORT_DATE_FORMAT"),
                "policy": policy.number,
            }
        parties.open_task(
            title=title[:200],
            due=min(max(day, row.deadline - dt.timedelta(days=2)), row.deadline),
            assigned_to=owner,
            company=invoice.client,
            notes=url,
            user=None,
        )
        opened += 1
    return opened


# ------------------------------------------------------------------------------- the gate


def order_refusals(*, order: Order) -> list[str]:
    """Before an order is confirmed: refused only when the policy says so (option off by
    default) and the insurer cancelled or refused this buyer."""
    policy = selectors.policy_in_force()
    if policy is None or not policy.refuse_when_cancelled:
        return []
    cover = BuyerCover.objects.filter(policy=policy, buyer=order.client_id).first()
    if cover is None or cover.state not in (CoverState.CANCELLED, CoverState.REFUSED):
        return []
    return [
        _(
            "%(insurer)s %(state)s the cover on %(buyer)s (policy %(policy)s): the policy "
            "says not to confirm orders for this buyer."
        )
        % {
            "insurer": policy.insurer,
            "state": cover.get_state_display().lower(),
            "buyer": order.client.name,
            "policy": policy.number,
        }
    ]
