"""Writes of the currency exposure: hedges (forward contracts, bought options) with their
delivery, the expected payments in foreign currency, and the daily maturity reminder.

Every service checks the role matrix first, writes in one transaction and names the author
for the history; tasks go through ``parties.services``.
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
from comptoir.audit import stamp
from comptoir.parties import selectors as parties_selectors
from comptoir.parties import services as parties
from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code

from . import selectors
from .inputs import HedgeStatusValues, HedgeValues, PaymentValues
from .models import ExpectedPayment, Hedge

ZERO = Decimal("0")
#: A task opens when an open hedge matures within this many days.
MATURITY_REMINDER_DAYS = 7
#: The most a hedge or an expected payment may be, in its currency.
MAX_AMOUNT = Decimal("99999999999999.99")


def _currency(value: str, errors: dict[str, str]) -> str:
    try:
        code = currency_code(value)
    except TradeInputError:
        errors["currency"] = _("Unknown currency: use an ISO 4217 code such as USD or GBP.")
        return value
    if code == "EUR":
        errors["currency"] = _("Choose a currency other than the euro.")
    return code


def save_hedge(*, hedge: Hedge | None, values: HedgeValues, user: Actor) -> Hedge:
    require(user, Action.CREATE if hedge is None else Action.CHANGE, Record.CURRENCY_HEDGE)
    errors: dict[str, str] = {}
    currency = _currency(values.currency, errors)
    if values.kind not in Hedge.Kind.values:
        errors["kind"] = _("Choose a forward contract or an option.")
    if values.side not in Hedge.Side.values:
        errors["side"] = _("Say whether we sell or buy the currency.")
    if not ZERO < values.amount <= MAX_AMOUNT:
        errors["amount"] = _("Give an amount above zero.")
    if values.rate <= ZERO:
        errors["rate"] = _("A contract rate is greater than zero.")
    if values.maturity < values.trade_date:
        errors["maturity"] = _("The maturity cannot come before the trade date.")
    if values.window_from is not None and not (
        values.trade_date <= values.window_from <= values.maturity
    ):
        errors["window_from"] = _("The window opens between the trade date and the maturity.")
    if hedge is not None and values.amount < hedge.delivered:
        errors["amount"] = _("Less than what was already delivered.")
    if not values.reference.strip():
        errors["reference"] = _("Give the bank's deal reference.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        hedge = hedge or Hedge()
        hedge.kind = values.kind
        hedge.reference = values.reference.strip()
        hedge.bank = values.bank.strip()
        hedge.side = values.side
        hedge.currency = currency
        hedge.amount = values.amount
        hedge.rate = values.rate
        hedge.trade_date = values.trade_date
        hedge.window_from = values.window_from
        hedge.maturity = values.maturity
        hedge.premium_eur = values.premium_eur if values.kind == Hedge.Kind.OPTION else ZERO
        hedge.responsible = values.responsible
        hedge.notes = values.notes
        stamp(hedge, user, "hedge saved")
        hedge.save()
    return hedge


def set_hedge_status(*, hedge: Hedge, values: HedgeStatusValues, user: Actor) -> Hedge:
    """Record a delivery (part or whole), an option not exercised, a cancellation."""
    require(user, Action.CHANGE, Record.CURRENCY_HEDGE)
    errors: dict[str, str] = {}
    if values.status not in Hedge.Status.values:
        errors["status"] = _("Unknown status.")
    elif values.status == Hedge.Status.EXPIRED and hedge.kind != Hedge.Kind.OPTION:
        errors["status"] = _("Only an option expires unexercised; a forward is delivered.")
    if not ZERO <= values.delivered <= hedge.amount:
        errors["delivered"] = _("Between 0 and the contract's amount.")
    if values.status == Hedge.Status.DELIVERED and values.delivered <= ZERO:
        errors["delivered"] = _("Give the amount delivered.")
    if errors:
        raise ValidationError(errors)
    status = values.status
    if status == Hedge.Status.OPEN and values.delivered == hedge.amount:
        status = Hedge.Status.DELIVERED
    with transaction.atomic():
        hedge.status = status
        hedge.delivered = values.delivered
        stamp(hedge, user, f"hedge {status}")
        hedge.save()
        if status != Hedge.Status.OPEN:
            parties.close_tasks(
                tasks=parties_selectors.open_tasks(notes=_hedge_url(hedge)),
                user=user,
                reason=f"hedge {status}",
            )
    return hedge


def save_payment(
    *, payment: ExpectedPayment | None, values: PaymentValues, user: Actor
) -> ExpectedPayment:
    require(user, Action.CREATE if payment is None else Action.CHANGE, Record.EXPECTED_PAYMENT)
    errors: dict[str, str] = {}
    currency = _currency(values.currency, errors)
    if not ZERO < values.amount <= MAX_AMOUNT:
        errors["amount"] = _("Give an amount above zero.")
    if values.status not in ExpectedPayment.Status.values:
        errors["status"] = _("Unknown status.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        payment = payment or ExpectedPayment()
        payment.currency = currency
        payment.amount = values.amount
        payment.due_on = values.due_on
        payment.supplier = values.supplier
        payment.purchase_reference = values.purchase_reference.strip()
        payment.description = values.description.strip()
        payment.status = values.status
        stamp(payment, user, "expected payment saved")
        payment.save()
    return payment


def delete_payment(*, payment: ExpectedPayment, user: Actor) -> None:
    require(user, Action.DELETE, Record.EXPECTED_PAYMENT)
    with transaction.atomic():
        stamp(payment, user, "expected payment removed")
        payment.delete()


def _hedge_url(hedge: Hedge) -> str:
    return reverse("fx_exposure:hedge_detail", args=[hedge.pk])


def remind_maturities(day: dt.date) -> int:
    """Daily: a task for each open hedge maturing within a week (or past), once per hedge."""
    opened = 0
    for hedge in selectors.maturing(day, MATURITY_REMINDER_DAYS).select_related("responsible"):
        owner = hedge.responsible
        url = _hedge_url(hedge)
        if owner is None or parties_selectors.open_tasks(notes=url).exists():
            continue
        profile = getattr(owner, "profile", None)
        with translation.override(getattr(profile, "language", None) or "fr"):
            title = _(
                "%(kind)s %(reference)s matures on %(day)s: deliver %(currency)s %(amount)s "
                "to %(bank)s"
            ) % {
                "kind": hedge.get_kind_display(),
                "reference": hedge.reference,
                "day": formats.date_format(hedge.maturity, "SHORT_DATE_FORMAT"),
                "currency": hedge.currency,
                "amount": formats.number_format(
                    hedge.open_amount, 2, use_l10n=True, force_grouping=True
                ),
                "bank": hedge.bank,
            }
        parties.open_task(
            title=title[:200],
            due=max(day, hedge.maturity - dt.timedelta(days=2)),
            assigned_to=owner,
            notes=url,
            user=None,
        )
        opened += 1
    return opened
