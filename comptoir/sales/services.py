"""Offers, orders and deliveries: the only code that writes them.

Every operation runs in one transaction, records its author in the audit trail, and raises
``ValidationError`` with a message for the user when a rule forbids it, ``PermissionDenied``
when the user's role does not allow it (the role matrix of comptoir.accounts.roles).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.guard import field_labels
from comptoir.accounts.roles import Action, Record, require
from comptoir.audit import stamp
from comptoir.parties.models import Activity, Task
from comptoir.trade import receivables

from . import numbering
from .models import (
    Delivery,
    DeliveryLine,
    Invoice,
    Offer,
    Order,
    OrderLine,
    PaymentInstrument,
    SellerProfile,
)

#: Days before an offer's validity ends when the follow-up task falls due.
FOLLOW_UP_DAYS_BEFORE_EXPIRY = 3


def _today() -> dt.date:
    return timezone.localdate()


def _require_document(user: Any, record: Record, document: Offer | Order) -> None:
    """The check before an offer or order is written. Payment terms other than the client's
    own (or than they were) and a secured instrument, which lets an order skip the credit
    limit, are protected fields: a manager's call, as releasing a credit hold is."""
    creating = document.pk is None
    terms = ("payment_days", "payment_end_of_month", "payment_instrument")
    previous = (
        None
        if creating
        else type(document).objects.filter(pk=document.pk).values(*terms, "client_id").first()
    )
    if previous is not None and previous["client_id"] == document.client_id:
        baseline = previous
    else:
        client = document.client
        baseline = {
            "payment_days": client.payment_days,
            "payment_end_of_month": client.payment_end_of_month,
            "payment_instrument": None,
        }
    fields = [f for f in terms[:2] if getattr(document, f) != baseline[f]]
    instrument = document.payment_instrument
    if instrument in PaymentInstrument.secured() and instrument != baseline["payment_instrument"]:
        fields.append("payment_instrument")
    require(
        user,
        Action.CREATE if creating else Action.CHANGE,
        record,
        fields=fields,
        labels=field_labels(document, fields),
        creating=creating,
    )


def _save(instance: Any, user: Any, reason: str = "") -> Any:
    stamp(instance, user, reason)
    instance.save()
    return instance


# --------------------------------------------------------------------------- offers


def save_offer(form: Any, lines: Any, user: Any) -> Offer:
    """Create or update a draft offer with its lines (the number is given at creation)."""
    with transaction.atomic():
        offer = form.save(commit=False)
        _require_document(user, Record.OFFER, offer)
        if offer.pk and offer.status != Offer.Status.DRAFT:
            raise ValidationError(_("Only a draft offer can be changed: make a revision."))
        if not offer.pk:
            offer.number = numbering.take_number("offer", offer.offer_date.year)
            offer.created_by = user
        _save(offer, user)
        lines.instance = offer
        for line in lines.save(commit=False):
            if line.unit_cost_eur is None:
                line.unit_cost_eur = (
                    line.product.cost_price if line.product.cost_currency == "EUR" else None
                )
            _save(line, user)
        for line in lines.deleted_objects:
            line.delete()
    return offer


def offer_totals(offer: Offer) -> dict[str, Decimal | None]:
    """Net total and the margin on the offer (for the user only, never printed)."""
    from comptoir.trade.invoicing import Line, line_net

    net = Decimal("0")
    cost = Decimal("0")
    cost_known = True
    for line in offer.lines.all():
        net += line_net(Line(line.quantity, line.unit_price, line.discount_pct), offer.currency)
        if line.unit_cost_eur is None:
            cost_known = False
        else:
            cost += line.unit_cost_eur * line.quantity
    margin = None
    margin_pct = None
    if cost_known and net:
        net_eur = (
            net
            if offer.currency == "EUR"
            else (net / offer.exchange_rate if offer.exchange_rate else None)
        )
        if net_eur is not None:
            margin = (net_eur - cost).quantize(Decimal("0.01"))
            margin_pct = (100 * margin / net_eur).quantize(Decimal("0.1"))
    return {
        "net": net,
        "cost_eur": cost if cost_known else None,
        "margin_eur": margin,
        "margin_pct": margin_pct,
    }


def send_offer(offer: Offer, user: Any) -> Offer:
    """Mark the offer sent and create the follow-up task before its validity ends."""
    require(user, Action.CHANGE, Record.OFFER)
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        if offer.status not in (Offer.Status.DRAFT, Offer.Status.SENT):
            raise ValidationError(_("This offer can no longer be sent."))
        if not offer.lines.exists():
            raise ValidationError(_("Add at least one line before sending the offer."))
        if offer.valid_until < _today():
            raise ValidationError(_("The validity date is past: change it in a revision."))
        offer.status = Offer.Status.SENT
        offer.sent_at = timezone.now()
        _save(offer, user, "sent")
        due = max(_today(), offer.valid_until - dt.timedelta(days=FOLLOW_UP_DAYS_BEFORE_EXPIRY))
        Task.objects.create(
            company=offer.client,
            contact=offer.contact,
            title=_("Follow up offer %(ref)s (valid until %(date)s)")
            % {"ref": offer.reference, "date": offer.valid_until.isoformat()},
            due_date=due,
            assigned_to=user if getattr(user, "is_authenticated", False) else None,
        )
        Activity.objects.create(
            company=offer.client,
            contact=offer.contact,
            user=user if getattr(user, "is_authenticated", False) else None,
            kind="email",
            subject=_("Offer %(ref)s sent") % {"ref": offer.reference},
        )
    return offer


def revise_offer(offer: Offer, user: Any) -> Offer:
    """A new revision (draft) copying the offer; the old one is kept as superseded."""
    require(user, Action.CHANGE, Record.OFFER)
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        if not offer.is_open:
            raise ValidationError(_("Only a draft or sent offer can be revised."))
        lines = list(offer.lines.all())
        old_pk = offer.pk
        offer.status = Offer.Status.SUPERSEDED
        _save(offer, user, "revised")
        new = Offer.objects.get(pk=old_pk)
        new.pk = None
        new.id = None
        new.revision = offer.revision + 1
        new.previous = offer
        new.status = Offer.Status.DRAFT
        new.sent_at = None
        new.offer_date = _today()
        new.valid_until = max(new.valid_until, _today())
        new.created_by = user
        _save(new, user, "revision")
        for line in lines:
            line.pk = None
            line.id = None
            line.offer = new
            _save(line, user)
    return new


def decide_offer(offer: Offer, user: Any, accepted: bool, reason: str = "") -> Offer:
    require(user, Action.CHANGE, Record.OFFER)
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        if offer.status != Offer.Status.SENT:
            raise ValidationError(_("Only a sent offer can be accepted or declined."))
        if accepted and offer.valid_until < _today():
            raise ValidationError(
                _("The offer expired on %(date)s: make a revision with a new validity.")
                % {"date": offer.valid_until.isoformat()}
            )
        offer.status = Offer.Status.ACCEPTED if accepted else Offer.Status.DECLINED
        offer.decided_at = timezone.now()
        offer.decline_reason = "" if accepted else reason
        _save(offer, user, "accepted" if accepted else "declined")
        Task.objects.filter(
            company=offer.client, done_at__isnull=True, title__contains=offer.reference
        ).update(done_at=timezone.now())
    return offer


def expire_offers(today: dt.date | None = None) -> int:
    """Sent offers past their validity become expired (run daily, and before lists)."""
    day = today or _today()
    return Offer.objects.filter(status=Offer.Status.SENT, valid_until__lt=day).update(
        status=Offer.Status.EXPIRED
    )


def conversion_rate(since: dt.date | None = None) -> dict[str, Any]:
    """Offers decided since a date: how many were accepted (revisions count once)."""
    decided = Offer.objects.filter(
        status__in=[Offer.Status.ACCEPTED, Offer.Status.DECLINED, Offer.Status.EXPIRED]
    )
    if since:
        decided = decided.filter(offer_date__gte=since)
    total = decided.count()
    won = decided.filter(status=Offer.Status.ACCEPTED).count()
    return {"decided": total, "accepted": won, "rate": (100 * won / total) if total else None}


def order_from_offer(offer: Offer, user: Any, client_reference: str) -> Order:
    """Accepting an offer creates the order with the offer's terms and lines (the offer's
    terms were checked when it was saved)."""
    require(user, Action.CREATE, Record.ORDER)
    with transaction.atomic():
        if offer.status == Offer.Status.SENT:
            offer = decide_offer(offer, user, accepted=True)
        if offer.status != Offer.Status.ACCEPTED:
            raise ValidationError(_("Only an accepted offer becomes an order."))
        if Order.objects.filter(offer=offer).exists():
            raise ValidationError(_("This offer already has its order."))
        order = Order(
            offer=offer,
            client=offer.client,
            client_reference=client_reference,
            order_date=_today(),
            **{f: getattr(offer, f) for f in TERMS_FIELDS},
        )
        order.number = numbering.take_number("order", order.order_date.year)
        order.created_by = user
        _save(order, user, "from offer")
        for line in offer.lines.all():
            _save(
                OrderLine(
                    order=order,
                    product=line.product,
                    description=line.description,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    discount_pct=line.discount_pct,
                ),
                user,
            )
    return order


TERMS_FIELDS = (
    "currency",
    "incoterm",
    "incoterm_place",
    "payment_days",
    "payment_end_of_month",
    "payment_instrument",
    "transport_mode",
    "language",
    "notes",
)


# --------------------------------------------------------------------------- orders


def save_order(form: Any, lines: Any, user: Any) -> Order:
    with transaction.atomic():
        order = form.save(commit=False)
        _require_document(user, Record.ORDER, order)
        if order.pk and order.status not in (Order.Status.DRAFT, Order.Status.ON_HOLD):
            raise ValidationError(_("A confirmed order cannot be changed."))
        if not order.pk:
            order.number = numbering.take_number("order", order.order_date.year)
            order.created_by = user
        _save(order, user)
        lines.instance = order
        for line in lines.save(commit=False):
            _save(line, user)
        for line in lines.deleted_objects:
            line.delete()
    return order


def order_amount(order: Order) -> Decimal:
    from comptoir.trade.invoicing import Line, line_net

    return sum(
        (
            line_net(Line(line.quantity, line.unit_price, line.discount_pct), order.currency)
            for line in order.lines.all()
        ),
        Decimal("0"),
    )


def _to_eur(amount: Decimal, currency: str, day: dt.date) -> Decimal:
    if currency == "EUR":
        return amount
    return (amount * eur_rate(currency, day).rate).quantize(Decimal("0.01"))


def eur_rate(currency: str, day: dt.date) -> Any:
    """EUR per unit of ``currency`` on ``day``: the company's own rate first, then the ECB's
    latest fixing on or before the day; never a guess (``ValidationError`` saying what to do)."""
    from comptoir.calculators.models import company_rate_source
    from comptoir.trade import fx

    source = fx.ChainRateSource(company_rate_source(), fx.EcbRateSource())
    try:
        return source.quote(currency, "EUR", day)
    except fx.RateNotFoundError as exc:
        raise ValidationError(
            _(
                "No EUR rate for %(cur)s on %(date)s (%(why)s). Enter the bank's rate under "
                "Calculators → Our exchange rates."
            )
            % {"cur": currency, "date": day.isoformat(), "why": exc.message}
        ) from None


def credit_exposure(order: Order) -> dict[str, Any]:
    """The client's outstanding in EUR (unpaid invoices + confirmed orders not invoiced)."""
    client = order.client
    today = _today()
    unpaid = Decimal("0")
    oldest_overdue = 0
    # The stored balance (total − payments − credit notes) of the client's open invoices.
    for balance, eur_per_unit, due in Invoice.objects.filter(
        client=client, kind=Invoice.Kind.INVOICE, balance_due__gt=0
    ).values_list("balance_due", "eur_rate", "due_date"):
        unpaid += (balance * eur_per_unit).quantize(Decimal("0.01"))
        if due and due < today:
            oldest_overdue = max(oldest_overdue, (today - due).days)
    pending = Decimal("0")
    for other in Order.objects.filter(
        client=client,
        status__in=[Order.Status.CONFIRMED, Order.Status.PARTLY_DELIVERED, Order.Status.DELIVERED],
    ).exclude(pk=order.pk):
        pending += _to_eur(uninvoiced_amount(other), other.currency, today)
    limit = client.credit_limit
    return {
        # The limit is in the client's currency (Company.credit_limit): compared in EUR.
        "limit_eur": _to_eur(limit, client.currency, today) if limit else limit,
        "unpaid": unpaid,
        "confirmed_not_invoiced": pending,
        "oldest_overdue_days": oldest_overdue,
        "this_order": _to_eur(order_amount(order), order.currency, today),
    }


def uninvoiced_amount(order: Order) -> Decimal:
    invoiced = Invoice.objects.filter(
        order=order, kind=Invoice.Kind.INVOICE, status=Invoice.Status.ISSUED
    ).aggregate(s=Sum("net_total"))["s"] or Decimal("0")
    return max(Decimal("0"), order_amount(order) - invoiced)


def confirm_order(order: Order, user: Any) -> Order:
    """Credit control, then confirmation or hold (French: contrôle de l'encours).

    The decision is the trade core's :func:`comptoir.trade.receivables.credit_decision`:
    outstanding = unpaid invoices + confirmed orders not yet invoiced; hold when it would
    pass the client's credit limit with this order, or when an invoice is overdue longer
    than the company's threshold. A confirmed L/C or an advance payment skips the limit.
    """
    require(user, Action.CHANGE, Record.ORDER)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != Order.Status.DRAFT:
            raise ValidationError(_("Only a draft order can be confirmed."))
        if not order.lines.exists():
            raise ValidationError(_("Add at least one line before confirming the order."))
        seller = SellerProfile.current()
        exposure = credit_exposure(order)
        decision = receivables.credit_decision(
            credit_limit=exposure["limit_eur"],
            unpaid_invoices=exposure["unpaid"],
            confirmed_not_invoiced=exposure["confirmed_not_invoiced"],
            order_amount=exposure["this_order"],
            oldest_overdue_days=exposure["oldest_overdue_days"],
            max_overdue_days=seller.max_overdue_days if seller else 30,
            secured=order.payment_instrument in PaymentInstrument.secured(),
        )
        if decision.hold:
            order.status = Order.Status.ON_HOLD
            order.hold_reasons = "\n".join(decision.reasons)
            _save(order, user, "credit hold")
        else:
            order.status = Order.Status.CONFIRMED
            order.confirmed_at = timezone.now()
            order.hold_reasons = ""
            _save(order, user, "confirmed")
    return order


def release_order(order: Order, user: Any, reason: str) -> Order:
    """A manager releases an order held by credit control, with a recorded reason."""
    require(user, Action.RELEASE, Record.ORDER)
    if not reason.strip():
        raise ValidationError(_("Give the reason for the release."))
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != Order.Status.ON_HOLD:
            raise ValidationError(_("This order is not on hold."))
        order.status = Order.Status.CONFIRMED
        order.confirmed_at = timezone.now()
        order.released_by = user
        order.released_at = timezone.now()
        order.release_reason = reason.strip()
        _save(order, user, f"released: {reason.strip()}")
    return order


# --------------------------------------------------------------------------- deliveries


def remaining_quantities(order: Order) -> dict[int, Decimal]:
    """Per order line, the quantity not yet in a delivery."""
    out = {}
    for line in order.lines.all():
        delivered = line.deliveries.aggregate(s=Sum("quantity"))["s"] or Decimal("0")
        out[line.pk] = line.quantity - delivered
    return out


def create_delivery(
    order: Order, user: Any, planned_date: dt.date, quantities: dict[int, Decimal], **fields: Any
) -> Delivery:
    """A (partial) delivery of a confirmed order; quantities per order line."""
    require(user, Action.CREATE, Record.DELIVERY)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status not in (Order.Status.CONFIRMED, Order.Status.PARTLY_DELIVERED):
            raise ValidationError(_("Only a confirmed order can be delivered."))
        left = remaining_quantities(order)
        wanted = {pk: q for pk, q in quantities.items() if q}
        if not wanted:
            raise ValidationError(_("Give a quantity for at least one line."))
        for pk, q in wanted.items():
            if pk not in left:
                raise ValidationError(_("Unknown order line."))
            if q < 0:
                raise ValidationError(_("A quantity cannot be negative."))
            if q > left[pk]:
                raise ValidationError(
                    _("Line %(n)s: %(q)s is more than the %(left)s left to deliver.")
                    % {"n": list(left).index(pk) + 1, "q": q, "left": left[pk]}
                )
        delivery = Delivery(order=order, planned_date=planned_date, **fields)
        delivery.number = numbering.take_number("delivery", planned_date.year)
        _save(delivery, user)
        for pk, q in wanted.items():
            _save(DeliveryLine(delivery=delivery, order_line_id=pk, quantity=q), user)
        after = remaining_quantities(order)
        order.status = (
            Order.Status.DELIVERED
            if not any(v > 0 for v in after.values())
            else Order.Status.PARTLY_DELIVERED
        )
        _save(order, user, f"delivery {delivery.number}")
    return delivery


def ship_delivery(delivery: Delivery, user: Any, shipped_on: dt.date) -> Delivery:
    require(user, Action.CHANGE, Record.DELIVERY)
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.status == Delivery.Status.SHIPPED:
            raise ValidationError(_("This delivery is already shipped."))
        delivery.status = Delivery.Status.SHIPPED
        delivery.shipped_on = shipped_on
        _save(delivery, user, "shipped")
    return delivery


def delivery_packages(delivery: Delivery) -> dict[str, Any]:
    """Cartons, weights and volume of a delivery from the products' packaging."""
    rows = []
    cartons = 0
    net = Decimal("0")
    gross = Decimal("0")
    for line in delivery.lines.select_related("order_line__product"):
        p = line.order_line.product
        n = math.ceil(line.quantity / p.units_per_carton) if p.units_per_carton else None
        line_net = (p.net_weight_kg * line.quantity).quantize(Decimal("0.001"))
        line_gross = (
            (p.carton_gross_weight_kg * n)
            if n is not None and p.carton_gross_weight_kg
            else p.gross_weight_kg * line.quantity
        ).quantize(Decimal("0.001"))
        cartons += n or 0
        net += line_net
        gross += line_gross
        rows.append(
            {"line": line, "product": p, "cartons": n, "net": line_net, "gross": line_gross}
        )
    return {"rows": rows, "cartons": cartons, "net": net, "gross": gross}


def plan_load_for_delivery(delivery: Delivery, user: Any) -> Any:
    """A load plan with the delivery's goods, the client and the usual freight prices."""
    from comptoir.logistics.models import Equipment, LoadPlan, LoadPlanLine
    from comptoir.logistics.services import ensure_standard_equipment

    require(user, Action.CREATE, Record.LOAD_PLAN)
    ensure_standard_equipment()
    with transaction.atomic():
        prices = {
            e.code: str(e.freight_price)
            for e in Equipment.objects.filter(
                is_active=True, freight_price__isnull=False, currency="EUR"
            )
        }
        plan = LoadPlan(
            title=_("Delivery %(n)s") % {"n": delivery.number},
            client=delivery.order.client,
            destination=delivery.order.incoterm_place,
            prices=prices,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        _save(plan, user)
        for line in delivery.lines.select_related("order_line"):
            LoadPlanLine.objects.create(
                plan=plan, product=line.order_line.product, quantity=int(math.ceil(line.quantity))
            )
        delivery.load_plan = plan
        _save(delivery, user, "load plan")
    return plan
