"""Reads of export control, shared by the pages, the API, the gates and the daily job.

The facts handed to the trade core (:mod:`comptoir.trade.export_control`) are built here
once: what a licence allows and what is already taken from it, what a controlled line asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum

from comptoir.catalog.models import Product
from comptoir.common.dates import today as local_today
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment, ShipmentLine, Step
from comptoir.trade import export_control as rules
from comptoir.trade.texts import Text

from .models import Allocation, CountryMeasure, DualUseClassification, Licence

ZERO = Decimal("0")


# ------------------------------------------------------------------------ country measures


def measure_list(params: Mapping[str, str]) -> QuerySet[CountryMeasure]:
    measures = CountryMeasure.objects.all()
    country = params.get("country", "").strip().upper()
    if country:
        measures = measures.filter(country=country)
    kind = params.get("kind", "")
    if kind in CountryMeasure.Kind.values:
        measures = measures.filter(kind=kind)
    q = params.get("q", "").strip()
    if q:
        measures = measures.filter(
            Q(title_en__icontains=q)
            | Q(title_fr__icontains=q)
            | Q(legal_reference__icontains=q)
            | Q(cn_prefixes__icontains=q)
        )
    if params.get("in_force"):
        day = local_today()
        measures = measures.filter(effective_from__lte=day).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )
    return measures


def measures_in_force(country: str, on: dt.date | None = None) -> list[CountryMeasure]:
    day = on or local_today()
    return list(
        CountryMeasure.objects.filter(country=country.upper(), effective_from__lte=day).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )
    )


def measures_of_country(country: str) -> QuerySet[CountryMeasure]:
    return CountryMeasure.objects.filter(country=country.upper())


def measure_facts(measure: CountryMeasure, language: str = "en") -> rules.MeasureFacts:
    return rules.MeasureFacts(
        title=measure.title(language),
        kind=measure.kind,
        legal_reference=measure.legal_reference,
        effective_from=measure.effective_from,
        effective_to=measure.effective_to,
        cn_prefixes=tuple(measure.prefixes),
    )


def measure_refusals(
    country: str, goods: Iterable[tuple[str, str]], on: dt.date, language: str = "en"
) -> list[Text]:
    """Why the measures in force for ``country`` refuse these goods ((reference, CN code)
    pairs); a full embargo is said once."""
    reasons: list[Text] = []
    goods = list(goods)
    for measure in measures_in_force(country, on):
        facts = measure_facts(measure, language)
        if measure.kind == CountryMeasure.Kind.FULL_EMBARGO:
            reason = rules.measure_refusal(facts, country=country, product="", cn8="", on=on)
            if reason is not None:
                reasons.append(reason)
            continue
        for product, cn8 in goods:
            reason = rules.measure_refusal(facts, country=country, product=product, cn8=cn8, on=on)
            if reason is not None:
                reasons.append(reason)
    return reasons


# ------------------------------------------------------------------------------- products


def classification(product: Product) -> DualUseClassification | None:
    return DualUseClassification.objects.filter(product=product).first()


def classifications(product_ids: Iterable[int]) -> dict[int, DualUseClassification]:
    return {
        c.product_id: c for c in DualUseClassification.objects.filter(product_id__in=product_ids)
    }


def controlled_products() -> QuerySet[DualUseClassification]:
    return (
        DualUseClassification.objects.exclude(control_number="")
        .select_related("product", "classified_by")
        .order_by("control_number", "product__reference")
    )


def licences_of_product(product: Product, control_number: str) -> list[Licence]:
    """The licences naming the product or a parent of its control number."""
    found = []
    for licence in Licence.objects.prefetch_related("products"):
        by_number = any(
            rules.covers_control_number(listed, control_number)
            for listed in licence.control_number_list
        )
        if by_number or any(p.pk == product.pk for p in licence.products.all()):
            found.append(licence)
    return found


# ------------------------------------------------------------------------------- licences


def licence_list(params: Mapping[str, str]) -> QuerySet[Licence]:
    licences = Licence.objects.all()
    q = params.get("q", "").strip()
    if q:
        licences = licences.filter(
            Q(number__icontains=q)
            | Q(control_numbers__icontains=q)
            | Q(countries__icontains=q)
            | Q(authority__icontains=q)
        )
    kind = params.get("kind", "")
    if kind in Licence.Kind.values:
        licences = licences.filter(kind=kind)
    country = params.get("country", "").strip().upper()
    if country:
        licences = licences.filter(countries__icontains=country)
    if params.get("valid"):
        day = local_today()
        licences = licences.filter(suspended=False, valid_from__lte=day).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )
    return licences


def _counted(licence: Licence) -> QuerySet[Allocation]:
    """Allocations that take from the licence: those of shipments not cancelled."""
    return licence.allocations.exclude(shipment__status=Shipment.Status.CANCELLED)


def usage(licence: Licence, *, without: Allocation | None = None) -> tuple[Decimal, Decimal]:
    """Quantity and value taken from the licence (``without``: leave one allocation out)."""
    allocations = _counted(licence)
    if without is not None and without.pk:
        allocations = allocations.exclude(pk=without.pk)
    totals = allocations.aggregate(quantity=Sum("quantity"), value=Sum("value"))
    return totals["quantity"] or ZERO, totals["value"] or ZERO


def licence_facts(licence: Licence, *, without: Allocation | None = None) -> rules.LicenceFacts:
    quantity, value = usage(licence, without=without)
    return rules.LicenceFacts(
        number=licence.number,
        countries=tuple(licence.country_list),
        valid_from=licence.valid_from,
        valid_until=licence.valid_until,
        control_numbers=tuple(licence.control_number_list),
        product_ids=tuple(p.pk for p in licence.products.all()),
        end_user_ids=tuple(c.pk for c in licence.end_users.all()),
        quantity_limit=licence.quantity_limit,
        value_limit=licence.value_limit,
        currency=licence.currency,
        quantity_used=quantity,
        value_used=value,
        suspended=licence.suspended,
    )


def licence_allocations(licence: Licence) -> QuerySet[Allocation]:
    return licence.allocations.select_related(
        "shipment", "shipment__partner", "shipment_line", "shipment_line__product"
    ).order_by("-created_at")


def expiring_licences(day: dt.date, within_days: int) -> QuerySet[Licence]:
    return Licence.objects.filter(
        suspended=False,
        valid_until__isnull=False,
        valid_until__gte=day,
        valid_until__lte=day + dt.timedelta(days=within_days),
        expiry_task__isnull=True,
    )


# ------------------------------------------------------------------------------ shipments


def has_departed(shipment: Shipment) -> bool:
    return shipment.milestones.filter(step=Step.DEPARTURE, actual_at__isnull=False).exists()


def export_date(shipment: Shipment) -> dt.date:
    """The day a licence must be valid on: the planned departure when later than today."""
    day = local_today()
    planned = (
        shipment.milestones.filter(step=Step.DEPARTURE).values_list("planned_on", flat=True).first()
    )
    return max(day, planned) if planned else day


def line_cn(line: ShipmentLine) -> str:
    if line.product is not None and line.product.cn8:
        return line.product.cn8
    digits = "".join(ch for ch in line.hs_code if ch.isdigit())
    return digits[:8] if len(digits) >= 8 else ""


def line_label(line: ShipmentLine) -> str:
    return line.product.reference if line.product is not None else line.description[:60]


def end_users_of(shipment: Shipment) -> tuple[int, ...]:
    return tuple(pk for pk in (shipment.consignee_id, shipment.partner_id) if pk)


@dataclass
class ControlledLine:
    """A shipment line whose product needs a licence, with its allocation and what is
    wrong (empty: covered)."""

    line: ShipmentLine
    classification: DualUseClassification
    allocation: Allocation | None
    need: rules.LineNeed
    problems: list[Text] = field(default_factory=list)
    candidates: list[Licence] = field(default_factory=list)


def line_need(
    line: ShipmentLine, classification: DualUseClassification, shipment: Shipment, on: dt.date
) -> rules.LineNeed:
    return rules.LineNeed(
        product_id=line.product_id or 0,
        product=line_label(line),
        control_number=classification.control_number,
        country=shipment.destination_country,
        on=on,
        quantity=line.quantity,
        value=line.value,
        currency=shipment.currency,
        end_user_ids=end_users_of(shipment),
    )


def controlled_lines(
    shipment: Shipment, *, on: dt.date | None = None, with_candidates: bool = False
) -> list[ControlledLine]:
    """The lines that need a licence to leave, each checked against its allocation."""
    day = on or export_date(shipment)
    lines = list(shipping_selectors.lines(shipment))
    found = classifications(line.product_id for line in lines if line.product_id)
    allocations = {
        a.shipment_line_id: a
        for a in Allocation.objects.filter(shipment_line__in=lines).select_related("licence")
    }
    rows: list[ControlledLine] = []
    licences = (
        list(Licence.objects.prefetch_related("products", "end_users"))
        if with_candidates and found
        else []
    )
    for line in lines:
        known = found.get(line.product_id or 0)
        if known is None or not rules.needs_licence(
            control_number=known.control_number,
            annex_iv=known.annex_iv,
            departure=shipment.origin_country,
            destination=shipment.destination_country,
        ):
            continue
        need = line_need(line, known, shipment, day)
        allocation = allocations.get(line.pk)
        row = ControlledLine(line, known, allocation, need)
        if allocation is None:
            row.problems.append(
                Text(
                    "{product} (control number {control}) needs an export licence for "
                    "{country}: none is allocated.",
                    product=need.product,
                    control=need.control_number,
                    country=need.country,
                )
            )
        else:
            if allocation.quantity < line.quantity:
                row.problems.append(
                    Text(
                        "{product}: the licence {number} is allocated for {allocated} of the "
                        "{quantity} shipped.",
                        product=need.product,
                        number=allocation.licence.number,
                        allocated=rules.plain(allocation.quantity),
                        quantity=rules.plain(line.quantity),
                    )
                )
            facts = licence_facts(allocation.licence, without=allocation)
            held = rules.LineNeed(
                product_id=need.product_id,
                product=need.product,
                control_number=need.control_number,
                country=need.country,
                on=day,
                quantity=allocation.quantity,
                value=allocation.value,
                currency=allocation.licence.currency,
                end_user_ids=need.end_user_ids,
            )
            for reason in rules.licence_refusals(facts, held):
                row.problems.append(
                    Text(
                        "{product} (control number {control}): {reason}",
                        product=need.product,
                        control=need.control_number,
                        reason=reason,
                    )
                )
        if with_candidates:
            row.candidates = [
                licence for licence in licences if not _scope_refusals(licence_facts(licence), need)
            ]
        rows.append(row)
    return rows


def _scope_refusals(facts: rules.LicenceFacts, need: rules.LineNeed) -> list[Text]:
    """The licence's refusals on scope and dates only (what is left is chosen later)."""
    scope = rules.LineNeed(
        product_id=need.product_id,
        product=need.product,
        control_number=need.control_number,
        country=need.country,
        on=need.on,
        quantity=ZERO,
        value=ZERO,
        currency=facts.currency,
        end_user_ids=need.end_user_ids,
    )
    return rules.licence_refusals(facts, scope)


def unclassified_products(shipment: Shipment) -> list[Product]:
    """The shipment's products nobody has classified for dual use yet (not a refusal: a
    reminder that the check could not be made)."""
    products = {line.product_id: line.product for line in shipping_selectors.lines(shipment)}
    known = set(
        DualUseClassification.objects.filter(product_id__in=products).values_list(
            "product_id", flat=True
        )
    )
    return [
        p
        for pk, p in sorted(products.items(), key=lambda i: i[0] or 0)
        if pk and p and pk not in known
    ]


def shipment_goods(shipment: Shipment) -> list[tuple[str, str]]:
    return [(line_label(line), line_cn(line)) for line in shipping_selectors.lines(shipment)]


def allocations_of_shipment(shipment: Shipment) -> QuerySet[Allocation]:
    return Allocation.objects.filter(shipment=shipment).select_related(
        "licence", "shipment_line", "shipment_line__product"
    )


# ------------------------------------------------------------------------------ reporting


def licences_in_force_with_usage(day: dt.date) -> QuerySet[Licence]:
    """Licences valid on ``day`` and not suspended, soonest end first (no end date last),
    each with ``quantity_used`` and ``value_used``: the allocations of shipments not
    cancelled, summed in the database (the same count as :func:`usage`)."""
    counted = ~Q(allocations__shipment__status=Shipment.Status.CANCELLED)
    return (
        Licence.objects.filter(suspended=False, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .annotate(
            quantity_used=Sum("allocations__quantity", filter=counted),
            value_used=Sum("allocations__value", filter=counted),
        )
        .order_by(F("valid_until").asc(nulls_last=True), "number")
    )
