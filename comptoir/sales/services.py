"""Offers, orders and deliveries: the only code that writes them.

Every operation runs in one transaction, records its author in the audit trail, and raises
``ValidationError`` with a message for the user when a rule forbids it, ``PermissionDenied``
when the user's role does not allow it (the role matrix of comptoir.accounts.roles).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.guard import field_labels
from comptoir.accounts.roles import Action, Record, require
from comptoir.audit import save_instance, stamp
from comptoir.catalog.models import Product
from comptoir.common import gates
from comptoir.common.dates import today as _today
from comptoir.logistics import services as logistics_services
from comptoir.logistics.inputs import PlanLineValues
from comptoir.parties import selectors as parties_selectors
from comptoir.parties import services as parties
from comptoir.parties.models import Company, Contact
from comptoir.trade import receivables

from . import numbering, penalties
from .models import (
    Delivery,
    DeliveryLine,
    Offer,
    OfferLine,
    Order,
    OrderLine,
    PaymentInstrument,
    SellerProfile,
)
from .selectors import credit_exposure, delivery_load_items, remaining_quantities
from .terms import TRADE_TERMS, TradeTermsValues

if TYPE_CHECKING:
    from comptoir.logistics.models import LoadPlan

#: Days before an offer's validity ends when the follow-up task falls due.
FOLLOW_UP_DAYS_BEFORE_EXPIRY = 3

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class LineValues:
    """One line of an offer or an order; ``pk`` names a line the document already has."""

    product: Product
    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal = Decimal("0")
    description: str = ""
    pk: int | None = None


@dataclass(frozen=True)
class OfferDetails:
    """What an offer says besides its terms and lines."""

    offer_date: dt.date
    valid_until: dt.date
    lead_time: str
    target_margin_pct: Decimal
    contact: Contact | None = None


@dataclass(frozen=True)
class OrderDetails:
    """What an order says besides its terms and lines."""

    client_reference: str
    order_date: dt.date
    requested_date: dt.date | None = None
    confirmed_date: dt.date | None = None


def _require_document(user: User | None, record: Record, document: Offer | Order) -> None:
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


def _save(instance: M, user: User | None, reason: str = "") -> M:
    stamp(instance, user, reason)
    instance.save()
    return instance


# --------------------------------------------------------------------------- offers


LINE_FIELDS = ("product", "description", "quantity", "unit_price", "discount_pct")


def _new_line(document: Offer | Order) -> OfferLine | OrderLine:
    return OfferLine(offer=document) if isinstance(document, Offer) else OrderLine(order=document)


def _save_lines(document: Offer | Order, lines: Sequence[LineValues], user: User | None) -> None:
    """The document's lines become ``lines``: a line named by ``pk`` is updated (saved only
    when it changed, so its history says what did), a new one is added, the others go."""
    existing = {line.pk: line for line in document.lines.all()}
    kept = set()
    for values in lines:
        if values.pk is None:
            line = _new_line(document)
            for f in LINE_FIELDS:
                setattr(line, f, getattr(values, f))
        elif values.pk in existing:
            line = existing[values.pk]
            kept.add(values.pk)
            if all(getattr(line, f) == getattr(values, f) for f in LINE_FIELDS):
                continue
            for f in LINE_FIELDS:
                setattr(line, f, getattr(values, f))
        else:
            raise ValidationError(_("Unknown line."))
        if isinstance(line, OfferLine) and line.unit_cost_eur is None:
            line.unit_cost_eur = (
                line.product.cost_price if line.product.cost_currency == "EUR" else None
            )
        _save(line, user)
    for pk, line in existing.items():
        if pk not in kept:
            line.delete()


def save_offer(
    *,
    offer: Offer | None,
    client: Company,
    details: OfferDetails,
    terms: TradeTermsValues,
    lines: Sequence[LineValues],
    user: User | None,
) -> Offer:
    """Create (``offer=None``) or update a draft offer with its lines (numbered at creation)."""
    with transaction.atomic():
        if offer is None:
            offer = Offer()
        else:
            offer = Offer.objects.select_for_update().get(pk=offer.pk)
        offer.client = client
        offer.contact = details.contact
        offer.offer_date = details.offer_date
        offer.valid_until = details.valid_until
        offer.lead_time = details.lead_time
        offer.target_margin_pct = details.target_margin_pct
        terms.apply_to(offer)
        _require_document(user, Record.OFFER, offer)
        if offer.pk and offer.status != Offer.Status.DRAFT:
            raise ValidationError(_("Only a draft offer can be changed: make a revision."))
        if not offer.pk:
            offer.number = numbering.take_number("offer", offer.offer_date.year)
            offer.created_by = user
        _save(offer, user)
        _save_lines(offer, lines, user)
    return offer


def send_offer(*, offer: Offer, user: User | None) -> Offer:
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
        if user is not None:
            parties.open_task(
                company=offer.client,
                contact=offer.contact,
                title=_("Follow up offer %(ref)s (valid until %(date)s)")
                % {"ref": offer.reference, "date": offer.valid_until.isoformat()},
                due=due,
                assigned_to=user,
                user=user,
            )
        parties.log_activity(
            company=offer.client,
            contact=offer.contact,
            user=user,
            kind="email",
            subject=_("Offer %(ref)s sent") % {"ref": offer.reference},
        )
    return offer


def revise_offer(*, offer: Offer, user: User | None) -> Offer:
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


def decide_offer(*, offer: Offer, user: User | None, accepted: bool, reason: str = "") -> Offer:
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
        parties.close_tasks(
            tasks=parties_selectors.open_tasks(
                company=offer.client, title_contains=offer.reference
            ),
            user=user,
            reason="offer accepted" if accepted else "offer declined",
        )
    return offer


def expire_offers(today: dt.date | None = None) -> int:
    """Sent offers past their validity become expired (the daily job), each saved so that
    its history says when and why."""
    day = today or _today()
    with transaction.atomic():
        past = Offer.objects.select_for_update().filter(
            status=Offer.Status.SENT, valid_until__lt=day
        )
        count = 0
        for offer in past:
            offer.status = Offer.Status.EXPIRED
            _save(offer, None, "expired")
            count += 1
    return count


def order_from_offer(*, offer: Offer, user: User | None, client_reference: str) -> Order:
    """Accepting an offer creates the order with the offer's terms and lines (the offer's
    terms were checked when it was saved)."""
    require(user, Action.CREATE, Record.ORDER)
    with transaction.atomic():
        if offer.status == Offer.Status.SENT:
            offer = decide_offer(offer=offer, user=user, accepted=True)
        if offer.status != Offer.Status.ACCEPTED:
            raise ValidationError(_("Only an accepted offer becomes an order."))
        if Order.objects.filter(offer=offer).exists():
            raise ValidationError(_("This offer already has its order."))
        order = Order(
            offer=offer,
            client=offer.client,
            client_reference=client_reference,
            order_date=_today(),
            **{f: getattr(offer, f) for f in TRADE_TERMS},
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


# --------------------------------------------------------------------------- orders


def save_order(
    *,
    order: Order | None,
    client: Company,
    details: OrderDetails,
    terms: TradeTermsValues,
    lines: Sequence[LineValues],
    user: User | None,
) -> Order:
    """Create (``order=None``) or update a draft or held order with its lines."""
    with transaction.atomic():
        if order is None:
            order = Order()
        else:
            order = Order.objects.select_for_update().get(pk=order.pk)
        order.client = client
        order.client_reference = details.client_reference
        order.order_date = details.order_date
        order.requested_date = details.requested_date
        order.confirmed_date = details.confirmed_date
        terms.apply_to(order)
        _require_document(user, Record.ORDER, order)
        if order.pk and order.status not in (Order.Status.DRAFT, Order.Status.ON_HOLD):
            raise ValidationError(_("A confirmed order cannot be changed."))
        if not order.pk:
            order.number = numbering.take_number("order", order.order_date.year)
            order.created_by = user
        _save(order, user)
        _save_lines(order, lines, user)
    return order


def confirm_order(*, order: Order, user: User | None) -> Order:
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
        refused = gates.refusals(gates.ORDER_CONFIRMATION, order=order)
        if refused:
            raise ValidationError(refused)
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


def release_order(*, order: Order, user: User | None, reason: str) -> Order:
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


def create_delivery(
    *,
    order: Order,
    user: User | None,
    planned_date: dt.date,
    quantities: dict[int, Decimal],
    carrier: str = "",
    tracking: str = "",
) -> Delivery:
    """A (partial) delivery of a confirmed order; quantities per order line; the carrier and
    the transport document number when already known."""
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
        delivery = Delivery(
            order=order, planned_date=planned_date, carrier=carrier, tracking=tracking
        )
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


def ship_delivery(*, delivery: Delivery, user: User | None, shipped_on: dt.date) -> Delivery:
    require(user, Action.CHANGE, Record.DELIVERY)
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.status == Delivery.Status.SHIPPED:
            raise ValidationError(_("This delivery is already shipped."))
        delivery.status = Delivery.Status.SHIPPED
        delivery.shipped_on = shipped_on
        _save(delivery, user, "shipped")
    return delivery


def plan_load_for_delivery(*, delivery: Delivery, user: User | None) -> LoadPlan:
    """A load plan with the delivery's goods, the client and the usual freight prices, made by
    the logistics area's service; the delivery then points to it (one transaction)."""
    with transaction.atomic():
        plan = logistics_services.plan_for_delivery(
            delivery_number=delivery.number,
            client=delivery.order.client,
            destination=delivery.order.incoterm_place,
            lines=[
                PlanLineValues(product=item.product, quantity=item.quantity)
                for item in delivery_load_items(delivery)
            ],
            user=user,
        )
        delivery.load_plan = plan
        _save(delivery, user, "load plan")
    return plan


# --------------------------------------------------------------------------- our company


def save_seller_profile(*, seller: SellerProfile, user: User | None) -> SellerProfile:
    """Our company as printed on every document; the ECB rate it gives is kept for the
    late-payment interest of the half-year (the rates of past half-years stay as they were)."""
    with transaction.atomic():
        save_instance(seller, user)
        penalties.record_current_rate(seller=seller, user=user)
    return seller
