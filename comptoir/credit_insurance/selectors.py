"""Reads of the credit insurance area: the policy in force, a buyer's cover and its position
(outstanding in EUR against cover), orders beyond cover, invoices to declare.

The outstanding is what sales' credit control counts (``sales.selectors``): the balances of
the buyer's open invoices at their issue rate plus its confirmed orders not yet invoiced at
the day's rate, in EUR.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from comptoir.common.dates import today as local_today
from comptoir.parties.models import Company
from comptoir.sales import selectors as sales_selectors
from comptoir.sales.models import Invoice, Order
from comptoir.trade import credit_insurance as rules

from .models import BuyerCover, CoverEvent, CoverState, Declaration, Policy

ZERO = Decimal("0")
#: A task to declare a threatened loss opens this many days before the deadline.
DECLARE_REMINDER_DAYS = 10
#: Orders that count in the outstanding (sales' credit control counts the same).
CONFIRMED = (Order.Status.CONFIRMED, Order.Status.PARTLY_DELIVERED, Order.Status.DELIVERED)
#: Orders that may still take the buyer beyond cover.
PENDING = (Order.Status.DRAFT, Order.Status.ON_HOLD, *CONFIRMED)


def policies() -> QuerySet[Policy]:
    return Policy.objects.select_related("responsible")


def policy_in_force(day: dt.date | None = None) -> Policy | None:
    day = day or local_today()
    return (
        Policy.objects.filter(starts_on__lte=day, ends_on__gte=day).order_by("-starts_on").first()
    )


def cover_of(buyer: Company, day: dt.date | None = None) -> BuyerCover | None:
    """The buyer's cover under the policy in force, if it was ever requested."""
    policy = policy_in_force(day)
    if policy is None:
        return None
    return BuyerCover.objects.filter(policy=policy, buyer=buyer).select_related("policy").first()


def covers(policy: Policy) -> QuerySet[BuyerCover]:
    return policy.covers.select_related("buyer").order_by("buyer__name")


def cover_events(cover: BuyerCover) -> QuerySet[CoverEvent]:
    return cover.events.select_related("recorded_by").order_by("-on", "-pk")


@dataclass(frozen=True)
class Outstanding:
    invoices: Decimal  # open invoices' balances in EUR
    orders: Decimal  # confirmed orders not invoiced, in EUR
    unknown_rate: list[str]  # orders left out: no EUR rate for their currency

    @property
    def total(self) -> Decimal:
        return self.invoices + self.orders


def outstanding(buyer: Company, *, exclude: Order | None = None) -> Outstanding:
    """The buyer's outstanding in EUR: open invoices + confirmed orders not invoiced."""
    today = local_today()
    invoices = ZERO
    for balance, rate in Invoice.objects.filter(
        client=buyer,
        kind=Invoice.Kind.INVOICE,
        status=Invoice.Status.ISSUED,
        balance_due__gt=0,
    ).values_list("balance_due", "eur_rate"):
        invoices += (balance * rate).quantize(Decimal("0.01"))
    orders = ZERO
    unknown: list[str] = []
    queryset = Order.objects.filter(client=buyer, status__in=CONFIRMED)
    if exclude is not None and exclude.pk:
        queryset = queryset.exclude(pk=exclude.pk)
    for order in queryset.prefetch_related("lines"):
        try:
            orders += sales_selectors.to_eur(
                sales_selectors.uninvoiced_amount(order), order.currency, today
            )
        except ValidationError:
            unknown.append(order.number)
    return Outstanding(invoices, orders, unknown)


@dataclass(frozen=True)
class BuyerPosition:
    cover: BuyerCover | None
    policy: Policy | None
    basis: str  # "limit", "discretionary" or "none"
    amount: Decimal  # the cover in force, EUR
    outstanding: Outstanding
    position: rules.Position


def buyer_position(buyer: Company, *, exclude: Order | None = None) -> BuyerPosition | None:
    """Outstanding against cover for a buyer, under the policy in force (None: no policy)."""
    policy = policy_in_force()
    if policy is None:
        return None
    cover = BuyerCover.objects.filter(policy=policy, buyer=buyer).first()
    state = cover.state if cover else rules.CoverState.NONE
    limit = cover.amount if cover else ZERO
    amount, basis = rules.effective_cover(state, limit, policy.discretionary_limit)
    owed = outstanding(buyer, exclude=exclude)
    return BuyerPosition(
        cover=cover,
        policy=policy,
        basis=basis,
        amount=amount,
        outstanding=owed,
        position=rules.position(owed.total, amount, policy.commercial_share_pct),
    )


@dataclass(frozen=True)
class OrderFlag:
    order: Order
    position: BuyerPosition
    order_eur: Decimal | None
    beyond: bool
    beyond_by: Decimal
    term_too_long: bool


def order_flag(order: Order, position: BuyerPosition | None = None) -> OrderFlag | None:
    """Would this order take its client beyond the insurer's cover? (a flag, not a refusal)
    ``position``: the client's, already read (without this order), for a list of orders."""
    if order.status not in PENDING:
        return None
    position = position or buyer_position(order.client, exclude=order)
    if position is None:
        return None
    try:
        order_eur: Decimal | None = sales_selectors.to_eur(
            sales_selectors.uninvoiced_amount(order), order.currency, local_today()
        )
    except ValidationError:
        order_eur = None
    beyond, by = rules.order_beyond_cover(
        position.outstanding.total, order_eur or ZERO, position.amount
    )
    assert position.policy is not None
    return OrderFlag(
        order=order,
        position=position,
        order_eur=order_eur,
        beyond=beyond,
        beyond_by=by,
        term_too_long=rules.term_exceeds_policy(
            order.payment_days, position.policy.max_credit_days
        ),
    )


#: The most draft and on-hold orders the home page looks at.
MAX_PENDING_ORDERS = 200


def orders_beyond_cover(limit: int = 20) -> list[OrderFlag]:
    """Draft and on-hold orders of insured buyers that would go beyond the cover (home page);
    each client's outstanding is read once (such orders are not in it yet)."""
    policy = policy_in_force()
    if policy is None:
        return []
    query = Q()  # every buyer is covered up to the discretionary limit
    if policy.discretionary_limit <= 0:
        query = Q(client_id__in=list(policy.covers.values_list("buyer_id", flat=True)))
    positions: dict[int, BuyerPosition | None] = {}
    out: list[OrderFlag] = []
    for order in (
        Order.objects.filter(query, status__in=(Order.Status.DRAFT, Order.Status.ON_HOLD))
        .select_related("client")
        .prefetch_related("lines")
        .order_by("order_date", "pk")[:MAX_PENDING_ORDERS]
    ):
        if order.client_id not in positions:
            positions[order.client_id] = buyer_position(order.client)
        position = positions[order.client_id]
        if position is None:
            continue
        flag = order_flag(order, position)
        if flag is not None and flag.beyond:
            out.append(flag)
            if len(out) >= limit:
                break
    return out


@dataclass(frozen=True)
class ToDeclare:
    invoice: Invoice
    cover: BuyerCover | None
    deadline: dt.date
    days_left: int
    balance_eur: Decimal


def invoices_to_declare(day: dt.date | None = None) -> list[ToDeclare]:
    """Overdue invoices of buyers insured under the policy in force, not yet in a declaration,
    with the last day to declare them (due date + the policy's days)."""
    day = day or local_today()
    policy = policy_in_force(day)
    if policy is None:
        return []
    covers = {c.buyer_id: c for c in policy.covers.exclude(state=CoverState.REQUESTED)}
    declared = set(
        Declaration.invoices.through.objects.filter(declaration__policy=policy).values_list(
            "invoice_id", flat=True
        )
    )
    query = Q(client_id__in=list(covers))
    if policy.discretionary_limit > 0:
        query = Q()
    out = []
    for invoice in (
        Invoice.objects.filter(
            query,
            kind=Invoice.Kind.INVOICE,
            status=Invoice.Status.ISSUED,
            balance_due__gt=0,
            due_date__lt=day,
        )
        .exclude(pk__in=declared)
        .select_related("client", "issued_by")
        .order_by("due_date", "pk")[:500]
    ):
        assert invoice.due_date is not None
        deadline = rules.threatened_loss_deadline(invoice.due_date, policy.threatened_loss_days)
        out.append(
            ToDeclare(
                invoice=invoice,
                cover=covers.get(invoice.client_id),
                deadline=deadline,
                days_left=(deadline - day).days,
                balance_eur=(invoice.balance_due * invoice.eur_rate).quantize(Decimal("0.01")),
            )
        )
    return out


def declarations(params: dict[str, str] | None = None) -> QuerySet[Declaration]:
    qs = Declaration.objects.select_related("buyer", "policy")
    status = (params or {}).get("status", "")
    if status in Declaration.Status.values:
        qs = qs.filter(status=status)
    return qs


def declarations_of(buyer: Company) -> QuerySet[Declaration]:
    return Declaration.objects.filter(buyer=buyer).select_related("policy")


def cover_for_api(params: dict[str, str]) -> QuerySet[BuyerCover]:
    qs = BuyerCover.objects.select_related("buyer", "policy")
    buyer = params.get("buyer", "")
    if buyer.isdigit() and len(buyer) <= 18:
        qs = qs.filter(buyer_id=int(buyer))
    return qs.order_by("policy_id", "buyer__name")
