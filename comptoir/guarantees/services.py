"""Writes of the bank guarantees: the guarantee and its reduction clause, issue, amendments,
reduction events, demands, release, and the reminders before and after expiry.

Every service checks the role matrix first (``BANK_GUARANTEE``; recording the end of a
guarantee is ``RELEASE``, a manager's), writes in one transaction and names the author for
the history. Tasks go through ``comptoir.parties.services``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.calculators.texts import translate
from comptoir.common.dates import today as local_today
from comptoir.parties import selectors as parties_selectors
from comptoir.parties import services as parties
from comptoir.parties.identifiers import normalise_bic
from comptoir.purchasing import selectors as purchasing_selectors
from comptoir.trade import calendars
from comptoir.trade import guarantees as rules
from comptoir.trade.errors import TradeInputError

from . import selectors
from .inputs import OUTCOMES, AmendmentValues, DemandValues, GuaranteeValues, ReductionValues
from .models import (
    LIVE,
    Amendment,
    Demand,
    Direction,
    Guarantee,
    GuaranteeKind,
    ReductionLine,
    ReleaseHow,
    Rules,
    Structure,
)

MAX_REDUCTIONS = 24
#: Dates outside these years are typing mistakes (and would make the calendars work for nothing).
_REASONABLE_YEARS = (1990, 2100)
MAX_AMENDMENTS = 50
MAX_DEMANDS = 20

_FIELDS = (
    "direction",
    "kind",
    "partner",
    "amount",
    "currency",
    "rules",
    "governing_law",
    "structure",
    "issuing_bank",
    "issuing_bank_name",
    "issuing_bank_bic",
    "local_bank_name",
    "local_bank_bic",
    "bank_reference",
    "presentation_country",
    "order",
    "offer",
    "purchase_reference",
    "purchase_order_id",
    "underlying",
    "issue_date",
    "expiry_date",
    "expiry_event",
    "statement_required",
    "fee_rate_pct",
    "fee_minimum",
    "remind_days",
    "handled_by",
    "notes",
)


def _save(guarantee: Guarantee, user: Actor, reason: str) -> None:
    stamp(guarantee, user, reason)
    guarantee.save()


def _next_number(year: int) -> str:
    prefix = f"BG-{year}-"
    last = (
        Guarantee.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    count = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{count:04d}"


def _bic(value: str, field: str) -> str:
    try:
        return normalise_bic(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def _check(values: GuaranteeValues, lines: tuple[ReductionValues, ...]) -> dict[str, str]:
    """Validate what the form cannot know alone; return the BICs normalised."""
    errors: dict[str, str] = {}
    if values.direction not in Direction.values:
        errors["direction"] = _("Given or received?")
    if values.kind not in GuaranteeKind.values:
        errors["kind"] = _("Unknown kind of guarantee.")
    if values.rules not in Rules.values:
        errors["rules"] = _("Unknown rules.")
    if values.structure not in Structure.values:
        errors["structure"] = _("Direct or indirect?")
    if values.amount <= 0:
        errors["amount"] = _("The amount must be positive.")
    if values.direction == Direction.GIVEN and not (
        values.partner.has_role("client") or values.partner.has_role("prospect")
    ):
        errors["partner"] = _("A guarantee we give is in favour of a client or a prospect.")
    if values.direction == Direction.RECEIVED and not values.partner.has_role("supplier"):
        errors["partner"] = _("A guarantee we receive comes from a supplier.")
    if values.structure == Structure.INDIRECT and not values.local_bank_name.strip():
        errors["local_bank_name"] = _(
            "An indirect guarantee is issued by a local bank against our bank's "
            "counter-guarantee: name the local bank."
        )
    for name in ("issue_date", "expiry_date"):
        day = getattr(values, name)
        if day is not None and not _REASONABLE_YEARS[0] <= day.year <= _REASONABLE_YEARS[1]:
            errors[name] = _("A date between %(low)d and %(high)d.") % {
                "low": _REASONABLE_YEARS[0],
                "high": _REASONABLE_YEARS[1],
            }
    for line in lines:
        for day in (line.on, line.occurred_on):
            if day is not None and not _REASONABLE_YEARS[0] <= day.year <= _REASONABLE_YEARS[1]:
                errors["reductions"] = _("A date between %(low)d and %(high)d.") % {
                    "low": _REASONABLE_YEARS[0],
                    "high": _REASONABLE_YEARS[1],
                }
    if values.expiry_date and values.issue_date and values.expiry_date < values.issue_date:
        errors["expiry_date"] = _("The expiry date is before the issue date.")
    if values.rules in (Rules.ISP98, Rules.UCP600) and values.expiry_date is None:
        errors["expiry_date"] = _(
            "A standby letter of credit states an expiry date (ISP98 rule 9.01)."
        )
    if values.order is not None and values.order.client_id != values.partner.pk:
        errors["order"] = _("The order is not one of %(partner)s.") % {"partner": values.partner}
    if values.purchase_order_id is not None:
        _check_purchase_order(values, errors)
    if values.offer is not None and values.offer.client_id != values.partner.pk:
        errors["offer"] = _("The offer is not one of %(partner)s.") % {"partner": values.partner}
    try:
        calendars.country_code(values.presentation_country, "presentation_country")
    except TradeInputError:
        errors["presentation_country"] = _("Unknown country for the banking days.")
    if len(lines) > MAX_REDUCTIONS:
        errors["reductions"] = _("At most %(count)d reduction lines.") % {"count": MAX_REDUCTIONS}
    previous = values.amount
    for line in sorted((r for r in lines if r.on), key=lambda r: r.on or dt.date.min):
        if line.amount_after > previous:
            errors["reductions"] = _(
                "A reduction clause lowers the amount: %(after)s is more than %(before)s."
            ) % {"after": line.amount_after, "before": previous}
            break
        previous = line.amount_after
    for line in lines:
        if line.on is None and not line.event.strip():
            errors["reductions"] = _("Each reduction takes effect on a date or on an event.")
        elif line.amount_after < 0 or line.amount_after > values.amount:
            errors["reductions"] = _("A reduction leaves between zero and the guarantee's amount.")
        elif line.occurred_on and line.occurred_on > local_today():
            errors["reductions"] = _("An event cannot have occurred in the future.")
    if errors:
        raise ValidationError(errors)
    return {
        "issuing_bank_bic": _bic(values.issuing_bank_bic, "issuing_bank_bic"),
        "local_bank_bic": _bic(values.local_bank_bic, "local_bank_bic"),
    }


def _check_purchase_order(values: GuaranteeValues, errors: dict[str, str]) -> None:
    """A guarantee received from a supplier secures one of its orders sent to it (an
    advance-payment guarantee our deposit, a performance bond the delivery), in its currency."""
    if values.direction != Direction.RECEIVED:
        errors["purchase_order"] = _(
            "Only a guarantee received from a supplier secures a purchase order."
        )
        return
    order = purchasing_selectors.order_by_id(cast(int, values.purchase_order_id))
    if order is None:
        errors["purchase_order"] = _("This purchase order does not exist.")
    elif order.supplier_id != values.partner.pk:
        errors["purchase_order"] = _("The purchase order is another supplier's.")
    elif order.status not in purchasing_selectors.LIVE:
        errors["purchase_order"] = _(
            "Choose a purchase order sent to the supplier, not cancelled nor closed."
        )
    elif values.currency.upper() != order.currency:
        errors["currency"] = _("The purchase order is in %(currency)s.") % {
            "currency": order.currency
        }


def _apply(guarantee: Guarantee, values: GuaranteeValues, bics: dict[str, str]) -> None:
    for name in _FIELDS:
        setattr(guarantee, name, getattr(values, name))
    if values.purchase_order_id is not None:
        order = purchasing_selectors.order_by_id(values.purchase_order_id)
        if order is not None and order.number:
            guarantee.purchase_reference = order.number
    guarantee.issuing_bank_bic = bics["issuing_bank_bic"]
    guarantee.local_bank_bic = bics["local_bank_bic"]
    guarantee.issuing_bank_name = values.issuing_bank_name.strip()
    guarantee.presentation_country = values.presentation_country.upper()


def _set_reductions(guarantee: Guarantee, lines: tuple[ReductionValues, ...], user: Actor) -> None:
    guarantee.reductions.all().delete()
    for line in lines:
        row = ReductionLine(
            guarantee=guarantee,
            on=line.on,
            event=line.event.strip()[:200],
            occurred_on=line.occurred_on,
            amount_after=line.amount_after,
        )
        stamp(row, user, "reduction clause")
        row.save()


def _status_from_reductions(guarantee: Guarantee, user: Actor) -> None:
    selectors.forget_lines(guarantee)
    if guarantee.status not in LIVE:
        return
    in_force = selectors.amount_in_force(guarantee, local_today())
    if in_force.reductions_applied and guarantee.status in (
        Guarantee.Status.ISSUED,
        Guarantee.Status.AMENDED,
    ):
        guarantee.status = Guarantee.Status.REDUCED
        _save(guarantee, user, "reduced by its clause")


def create_guarantee(
    *, values: GuaranteeValues, reductions: tuple[ReductionValues, ...] = (), user: Actor
) -> Guarantee:
    """A guarantee requested from the bank (or already issued when ``issue_date`` is given)."""
    require(user, Action.CREATE, Record.BANK_GUARANTEE)
    bics = _check(values, reductions)
    today = local_today()
    with transaction.atomic():
        guarantee = Guarantee()
        _apply(guarantee, values, bics)
        if values.issue_date is not None:
            guarantee.status = Guarantee.Status.ISSUED
        guarantee.number = _next_number(today.year)
        _save(guarantee, user, "created")
        _set_reductions(guarantee, reductions, user)
        _status_from_reductions(guarantee, user)
        parties.log_activity(
            company=guarantee.partner,
            user=author(user),
            kind="note",
            subject=_("%(kind)s %(number)s %(direction)s: %(amount)s %(currency)s")
            % {
                "kind": guarantee.get_kind_display(),
                "number": guarantee.number,
                "direction": guarantee.get_direction_display().lower(),
                "amount": guarantee.amount,
                "currency": guarantee.currency,
            },
        )
    return guarantee


def update_guarantee(
    *,
    guarantee: Guarantee,
    values: GuaranteeValues,
    reductions: tuple[ReductionValues, ...] = (),
    user: Actor,
) -> Guarantee:
    """Correct the record. Once issued, the amount and expiry change through an amendment."""
    require(user, Action.CHANGE, Record.BANK_GUARANTEE)
    if guarantee.status in (Guarantee.Status.RELEASED, Guarantee.Status.EXPIRED):
        raise ValidationError(_("A released or expired guarantee no longer changes."))
    if guarantee.status != Guarantee.Status.REQUESTED and (
        values.amount != guarantee.amount or values.expiry_date != guarantee.expiry_date
    ):
        raise ValidationError(
            {
                "amount": _(
                    "The guarantee is issued: record an amendment to change its amount or expiry."
                )
            }
        )
    bics = _check(values, reductions)
    with transaction.atomic():
        _apply(guarantee, values, bics)
        if guarantee.status == Guarantee.Status.REQUESTED and values.issue_date is not None:
            guarantee.status = Guarantee.Status.ISSUED
        _save(guarantee, user, "corrected")
        _set_reductions(guarantee, reductions, user)
        _status_from_reductions(guarantee, user)
    return guarantee


def record_issue(
    *, guarantee: Guarantee, issued_on: dt.date, bank_reference: str = "", user: Actor
) -> Guarantee:
    require(user, Action.CHANGE, Record.BANK_GUARANTEE)
    if guarantee.status != Guarantee.Status.REQUESTED:
        raise ValidationError({"issued_on": _("The guarantee is already issued.")})
    if issued_on > local_today():
        raise ValidationError({"issued_on": _("The date cannot be in the future.")})
    if guarantee.expiry_date and issued_on > guarantee.expiry_date:
        raise ValidationError({"issued_on": _("The issue date is after the expiry date.")})
    with transaction.atomic():
        guarantee.issue_date = issued_on
        if bank_reference.strip():
            guarantee.bank_reference = bank_reference.strip()[:40]
        guarantee.status = Guarantee.Status.ISSUED
        _save(guarantee, user, "issued")
        _status_from_reductions(guarantee, user)
    return guarantee


def amend(*, guarantee: Guarantee, values: AmendmentValues, user: Actor) -> Amendment:
    """An amendment agreed with the bank; accepted, it changes the amount or the expiry."""
    require(user, Action.CHANGE, Record.BANK_GUARANTEE)
    if guarantee.status not in LIVE:
        raise ValidationError(_("Only a guarantee in force is amended."))
    if not values.description.strip():
        raise ValidationError({"description": _("Say what the amendment changes.")})
    if values.new_amount is not None and values.new_amount <= 0:
        raise ValidationError({"new_amount": _("The amount must be positive.")})
    if values.new_expiry_date is not None and values.new_expiry_date.year > _REASONABLE_YEARS[1]:
        raise ValidationError(
            {
                "new_expiry_date": _("A date between %(low)d and %(high)d.")
                % {"low": _REASONABLE_YEARS[0], "high": _REASONABLE_YEARS[1]}
            }
        )
    if (
        values.new_expiry_date is not None
        and guarantee.issue_date is not None
        and values.new_expiry_date < guarantee.issue_date
    ):
        raise ValidationError({"new_expiry_date": _("The expiry date is before the issue date.")})
    if guarantee.amendments.count() >= MAX_AMENDMENTS:
        raise ValidationError(_("Too many amendments on one guarantee."))
    with transaction.atomic():
        amendment = Amendment(
            guarantee=guarantee,
            on=values.on,
            description=values.description.strip()[:300],
            new_amount=values.new_amount,
            new_expiry_date=values.new_expiry_date,
            accepted=values.accepted,
        )
        stamp(amendment, user, "amendment")
        amendment.save()
        if values.accepted:
            if values.new_amount is not None:
                guarantee.amount = values.new_amount
            if values.new_expiry_date is not None:
                guarantee.expiry_date = values.new_expiry_date
                guarantee.expiry_reminded_on = None
            guarantee.status = Guarantee.Status.AMENDED
            _save(guarantee, user, "amended")
    return amendment


def record_event(*, line: ReductionLine, occurred_on: dt.date, user: Actor) -> ReductionLine:
    """The event of a reduction line happened (the document that shows it was presented):
    the amount in force drops (URDG 758 art. 13)."""
    require(user, Action.CHANGE, Record.BANK_GUARANTEE)
    guarantee = line.guarantee
    if guarantee.status not in LIVE:
        raise ValidationError(_("Only a guarantee in force is reduced."))
    if line.on is not None:
        raise ValidationError(_("This reduction takes effect on its date."))
    if occurred_on > local_today():
        raise ValidationError({"occurred_on": _("An event cannot have occurred in the future.")})
    with transaction.atomic():
        line.occurred_on = occurred_on
        stamp(line, user, "event occurred")
        line.save()
        _status_from_reductions(guarantee, user)
    return line


def record_demand(*, guarantee: Guarantee, values: DemandValues, user: Actor) -> Demand:
    """A demand on the guarantee, checked on its face by the trade core (URDG 758 art. 14,
    15, 17), with the date by which the guarantor decides (art. 20) and a task for that day."""
    require(user, Action.CHANGE, Record.BANK_GUARANTEE)
    if guarantee.status not in LIVE and guarantee.status != Guarantee.Status.EXPIRED:
        raise ValidationError(_("The guarantee is not in force."))
    if guarantee.demands.count() >= MAX_DEMANDS:
        raise ValidationError(_("Too many demands on one guarantee."))
    if values.presented_on > local_today():
        raise ValidationError({"presented_on": _("The date cannot be in the future.")})
    in_force = selectors.amount_in_force(selectors.forget_lines(guarantee), values.presented_on)
    try:
        check = rules.check_demand(
            rules=guarantee.rules,
            presented_on=values.presented_on,
            amount=values.amount,
            currency=values.currency,
            guarantee_currency=guarantee.currency,
            available=in_force.amount,
            last_day=selectors.expiry(guarantee).last_day,
            statement_of_breach=values.statement_of_breach,
            statement_required=guarantee.statement_required,
            extend_or_pay=values.extend_or_pay,
            country=guarantee.presentation_country or "FR",
        )
    except TradeInputError as exc:
        raise ValidationError({exc.field or "amount": exc.message}) from None
    with transaction.atomic():
        demand = Demand(
            guarantee=guarantee,
            presented_on=values.presented_on,
            amount=values.amount,
            currency=values.currency,
            statement_of_breach=values.statement_of_breach,
            extend_or_pay=values.extend_or_pay,
            documents=values.documents.strip()[:4000],
            compliant=check.compliant,
            issues="\n".join(translate(message) for _, message in check.issues),
            examine_by=check.examine_by,
        )
        stamp(demand, user, "demand")
        demand.save()
        guarantee.status = Guarantee.Status.CALLED
        _save(guarantee, user, "called")
        owner = guarantee.handled_by or guarantee.partner.portfolio_owner
        if owner is not None:
            parties.open_task(
                title=(
                    _(
                        "Guarantee %(number)s called for %(amount)s %(currency)s: the bank "
                        "decides by %(day)s (URDG 758 art. 20)"
                    )
                    % {
                        "number": guarantee.number,
                        "amount": values.amount,
                        "currency": values.currency,
                        "day": formats.date_format(check.examine_by, "SHORT_DATE_FORMAT"),
                    }
                )[:200],
                due=values.presented_on,
                assigned_to=owner,
                company=guarantee.partner,
                notes=guarantee.get_absolute_url(),
                user=author(user),
            )
    return demand


def decide_demand(
    *,
    demand: Demand,
    outcome: str,
    on: dt.date,
    paid_amount: Decimal = Decimal("0"),
    new_expiry_date: dt.date | None = None,
    user: Actor,
) -> Demand:
    """How the demand ended: paid (the amount in force drops, URDG 758 art. 25 a i),
    rejected, withdrawn, or withdrawn against an extension (art. 23)."""
    require(user, Action.CHANGE, Record.BANK_GUARANTEE)
    guarantee = demand.guarantee
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    if demand.outcome != Demand.Outcome.PENDING:
        raise ValidationError({"outcome": _("This demand is already decided.")})
    if on < demand.presented_on or on > local_today():
        raise ValidationError({"on": _("Between the demand and today.")})
    if outcome == "paid":
        available = selectors.amount_in_force(selectors.forget_lines(guarantee), on).amount
        if paid_amount <= 0 or paid_amount > min(demand.amount, available):
            raise ValidationError(
                {
                    "paid_amount": _(
                        "The amount paid is positive and at most what was demanded and is in "
                        "force (%(max)s %(currency)s)."
                    )
                    % {"max": min(demand.amount, available), "currency": guarantee.currency}
                }
            )
    if outcome == "extended" and (
        new_expiry_date is None
        or new_expiry_date.year > _REASONABLE_YEARS[1]
        or (guarantee.expiry_date is not None and new_expiry_date <= guarantee.expiry_date)
    ):
        raise ValidationError({"new_expiry_date": _("Give the later expiry date agreed.")})
    with transaction.atomic():
        demand.outcome = outcome
        demand.decided_on = on
        demand.paid_amount = paid_amount if outcome == "paid" else Decimal("0")
        stamp(demand, user, f"demand {outcome}")
        demand.save()
        if outcome == "extended" and new_expiry_date is not None:
            Amendment.objects.create(
                guarantee=guarantee,
                on=on,
                description=_("Extension against the withdrawal of the demand (extend or pay)"),
                new_expiry_date=new_expiry_date,
            )
            guarantee.expiry_date = new_expiry_date
            guarantee.expiry_reminded_on = None
        selectors.forget_lines(guarantee)
        pending = guarantee.demands.filter(outcome=Demand.Outcome.PENDING).exists()
        if not pending:
            left = selectors.amount_in_force(guarantee, on).amount
            if left <= 0:
                guarantee.status = Guarantee.Status.RELEASED
                guarantee.released_on = on
                guarantee.release_how = ReleaseHow.PAID_IN_FULL
            elif guarantee.status == Guarantee.Status.CALLED:
                guarantee.status = (
                    Guarantee.Status.REDUCED if outcome == "paid" else Guarantee.Status.ISSUED
                )
        _save(guarantee, user, f"demand {outcome}")
    return demand


def release(*, guarantee: Guarantee, on: dt.date, how: str, user: Actor) -> Guarantee:
    """Record the end of the guarantee: the original returned, the beneficiary's release
    letter, expiry, the bank's confirmation that the line is cancelled."""
    require(user, Action.RELEASE, Record.BANK_GUARANTEE)
    if how not in ReleaseHow.values:
        raise ValidationError({"how": _("Say how the guarantee ended.")})
    if guarantee.status == Guarantee.Status.RELEASED:
        raise ValidationError({"how": _("The guarantee is already released.")})
    if on > local_today():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    if guarantee.demands.filter(outcome=Demand.Outcome.PENDING).exists():
        raise ValidationError({"how": _("A demand is being examined: decide it first.")})
    with transaction.atomic():
        guarantee.status = Guarantee.Status.RELEASED
        guarantee.released_on = on
        guarantee.release_how = how
        _save(guarantee, user, f"released: {how}")
        tasks = parties_selectors.open_tasks(
            company=guarantee.partner, notes=guarantee.get_absolute_url()
        )
        parties.close_tasks(tasks=tasks, user=user, reason="guarantee released")
        parties.log_activity(
            company=guarantee.partner,
            user=author(user),
            kind="note",
            subject=_("Guarantee %(number)s released (%(how)s)")
            % {"number": guarantee.number, "how": guarantee.get_release_how_display()},
        )
    return guarantee


# -------------------------------------------------------------------------------- reminders


def _remind(guarantee: Guarantee, title: str, day: dt.date) -> bool:
    owner = guarantee.handled_by or guarantee.partner.portfolio_owner
    if owner is None:
        return False
    url = guarantee.get_absolute_url()
    if parties_selectors.has_task(assigned_to=owner, notes=url, due=day):
        return False
    parties.open_task(
        title=title[:200],
        due=day,
        assigned_to=owner,
        company=guarantee.partner,
        notes=url,
        user=None,
    )
    return True


def follow_expiries(today: dt.date | None = None) -> int:
    """The daily job: a task ``remind_days`` before the last day; after it, the guarantee
    expires (URDG 758 art. 25 b, ISP98 rule 9.05: whether or not the original is returned)
    and a task asks the bank to cancel the line and stop its fees. Under local law only,
    nothing lapses by itself: the task asks for the original or a release letter."""
    day = today or local_today()
    made = 0
    live = Guarantee.objects.filter(status__in=LIVE, expiry_date__isnull=False).select_related(
        "partner", "handled_by", "partner__portfolio_owner"
    )
    for guarantee in live:
        last = selectors.expiry(guarantee).last_day
        if last is None:
            continue
        numbers = {
            "number": guarantee.number,
            "partner": guarantee.partner,
            "day": formats.date_format(last, "SHORT_DATE_FORMAT"),
        }
        if last < day:
            if guarantee.rules == Rules.LOCAL:
                if guarantee.cancel_asked_on is None:
                    made += _remind(
                        guarantee,
                        _(
                            "Guarantee %(number)s (%(partner)s) passed its expiry on %(day)s under "
                            "local law: get the original back or a release letter, then have the "
                            "bank cancel the line"
                        )
                        % numbers,
                        day,
                    )
                    guarantee.cancel_asked_on = day
                    _save(guarantee, None, "expiry passed, local law")
                continue
            guarantee.status = Guarantee.Status.EXPIRED
            guarantee.cancel_asked_on = day
            _save(guarantee, None, "expired (URDG 758 art. 25 b)")
            if guarantee.direction == Direction.GIVEN:
                title = _(
                    "Guarantee %(number)s (%(partner)s) expired on %(day)s: ask the bank to cancel "
                    "the line and stop the fees (URDG 758 art. 25 b: it ends whether or not the "
                    "original is returned)"
                )
            else:
                title = _(
                    "Guarantee %(number)s from %(partner)s expired on %(day)s: it no longer "
                    "secures us (ISP98 rule 9.05, URDG 758 art. 25 b)"
                )
            made += _remind(guarantee, title % numbers, day)
        elif (
            guarantee.expiry_reminded_on is None
            and last - dt.timedelta(days=guarantee.remind_days) <= day
        ):
            if guarantee.direction == Direction.GIVEN:
                title = _(
                    "Guarantee %(number)s for %(partner)s expires on %(day)s: check the "
                    "obligations are met and ask the beneficiary for the release"
                )
            else:
                title = _(
                    "Guarantee %(number)s from %(partner)s expires on %(day)s: ask for an "
                    "extension, or call it before that day if the supplier has not performed"
                )
            made += _remind(guarantee, title % numbers, day)
            guarantee.expiry_reminded_on = day
            _save(guarantee, None, "expiry reminder")
    return made
