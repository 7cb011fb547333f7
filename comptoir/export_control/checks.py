"""The export control checks registered before an order's confirmation and a shipment's
departure (``comptoir.common.gates``), in ``apps.ExportControlConfig.ready``.

Before the departure of an export: the country measures in force for the destination (a
full embargo, a sectoral restriction matching a line's CN code) and, for every line whose
product has a control list number and needs a licence, an allocated licence that covers it
on the day (country, item, end user, validity, what is left).

Before an order is confirmed: the same country measures, and for each controlled product
at least one recorded licence that covers the country and the quantity ordered.
"""

from __future__ import annotations

from decimal import Decimal

from comptoir.calculators.texts import translate
from comptoir.common.dates import current_language
from comptoir.common.dates import today as local_today
from comptoir.sales import taxes
from comptoir.sales.models import Order, OrderLine
from comptoir.shipping.models import Direction, Shipment
from comptoir.trade import export_control as rules
from comptoir.trade.texts import Text

from . import selectors
from .models import Licence

ZERO = Decimal("0")


def shipment_refusals(*, shipment: Shipment) -> list[str]:
    if shipment.direction != Direction.EXPORT:
        return []
    day = local_today()
    reasons: list[Text] = selectors.measure_refusals(
        shipment.destination_country,
        selectors.shipment_goods(shipment),
        day,
        current_language(),
    )
    for row in selectors.controlled_lines(shipment, on=day):
        reasons.extend(row.problems)
    return [translate(reason) for reason in reasons]


def order_destination(order: Order) -> str:
    address = taxes.delivery_address(order=order)
    return address.country if address is not None else order.client.country


def order_refusals(*, order: Order) -> list[str]:
    day = local_today()
    country = order_destination(order)
    lines = list(order.lines.select_related("product"))
    reasons: list[Text] = selectors.measure_refusals(
        country,
        [(line.product.reference, line.product.cn8) for line in lines],
        day,
        current_language(),
    )
    found = selectors.classifications(line.product_id for line in lines)
    licences: list[Licence] | None = None
    for line in lines:
        known = found.get(line.product_id)
        if known is None or not rules.needs_licence(
            control_number=known.control_number,
            annex_iv=known.annex_iv,
            departure=order.ship_from_country,
            destination=country,
        ):
            continue
        if licences is None:
            licences = list(Licence.objects.prefetch_related("products", "end_users"))
        reasons.extend(_order_line_refusals(order, line, known.control_number, country, licences))
    return [translate(reason) for reason in reasons]


def _order_line_refusals(
    order: Order, line: OrderLine, control_number: str, country: str, licences: list[Licence]
) -> list[Text]:
    reference = line.product.reference
    value = (line.quantity * line.unit_price * (1 - line.discount_pct / 100)).quantize(
        Decimal("0.01")
    )
    day = max(local_today(), order.requested_date or local_today())
    why: list[Text] = []
    for licence in licences:
        facts = selectors.licence_facts(licence)
        same_currency = facts.currency == order.currency
        need = rules.LineNeed(
            product_id=line.product_id,
            product=reference,
            control_number=control_number,
            country=country,
            on=day,
            quantity=line.quantity,
            # a value in another currency is checked when the shipment takes from the licence
            value=value if same_currency else ZERO,
            currency=facts.currency,
            end_user_ids=(order.client_id,),
        )
        refused = rules.licence_refusals(facts, need)
        if not refused:
            return []
        relevant = country in facts.countries and (
            line.product_id in facts.product_ids
            or any(rules.covers_control_number(c, control_number) for c in facts.control_numbers)
        )
        if relevant:  # the licences for this item and country: say why none will do
            why.extend(refused)
    if not why:
        return [
            Text(
                "{product} (control number {control}) needs an export licence for {country}: "
                "no licence recorded covers it.",
                product=reference,
                control=control_number,
                country=country,
            )
        ]
    return [
        Text(
            "{product} (control number {control}): {reason}",
            product=reference,
            control=control_number,
            reason=reason,
        )
        for reason in why
    ]
