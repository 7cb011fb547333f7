"""The logistics dashboard: shipments by mode and lane, on-time rate, transit times, freight
cost per kg and as a share of sales, container fill from the load plans, transport claims.

Every figure is aggregated in the database, each query grouped on one table: the shipments
per (mode, lane, currencies); their end milestones per (mode, lane, transit days) -- the
on-time counts and the transit histogram, from which the median and the 90th percentile are
read exactly; the invoices and credit notes of the shipments with a freight cost. Python
only adds up those few grouped rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.accounts.roles import Actor
from comptoir.claims import selectors as claim_selectors
from comptoir.claims.models import FINISHED
from comptoir.logistics import selectors as logistics_selectors
from comptoir.sales.models import TransportMode
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Mode, Shipment

from ..dashboard import Chart, Column, Dashboard, Figure, Row, Section, Series, Table
from ..drill import list_link
from ..filters import Period, ReportFilters
from ..registry import DashboardSpec, register
from ._ops import EurRates, kg, link, money, percent, percentile, point, ratio

KEY = "logistics"
#: the annotation of ``end_milestones`` grouped on (a plain string: the type checker's
#: Django plugin does not see annotations made in another function)
TRANSIT: str = "transit_days"
TOP_LANES = 15
#: sales.TransportMode (the filter's values) -> the shipping modes it covers
MODES_OF: dict[str, set[str]] = {
    TransportMode.ROAD.value: Mode.road(),
    TransportMode.SEA.value: Mode.sea(),
    TransportMode.AIR.value: Mode.air(),
    TransportMode.RAIL.value: {Mode.RAIL.value},
    TransportMode.MULTIMODAL.value: {Mode.MULTIMODAL.value},
}


@dataclass
class Tally:
    """The shipments of one mode, one lane or all, added up from the grouped rows."""

    count: int = 0
    kg: Decimal = Decimal(0)
    value_eur: Decimal = Decimal(0)
    freight_eur: Decimal = Decimal(0)
    freight_for_kg_eur: Decimal = Decimal(0)
    kg_with_freight: Decimal = Decimal(0)
    freight_for_sales_eur: Decimal = Decimal(0)
    sales_with_freight_eur: Decimal = Decimal(0)
    timed: int = 0
    on_time: int = 0
    transit: dict[int, int] = field(default_factory=dict)

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.on_time, self.timed)

    @property
    def per_kg(self) -> Decimal | None:
        return ratio(self.freight_for_kg_eur, self.kg_with_freight)

    @property
    def share_of_sales(self) -> Decimal | None:
        return percent(self.freight_for_sales_eur, self.sales_with_freight_eur)

    @property
    def median(self) -> int | None:
        return percentile(self.transit, 0.5)

    @property
    def p90(self) -> int | None:
        return percentile(self.transit, 0.9)


@dataclass
class Facts:
    total: Tally
    modes: dict[str, Tally]
    lanes: dict[tuple[str, str], Tally]
    rates: EurRates


def shipments(filters: ReportFilters) -> QuerySet[Shipment]:
    """The shipments the dashboard counts: not cancelled, leaving in the period (see
    ``shipping.selectors.shipments_shipped_between``), of the country and mode asked."""
    qs = shipping_selectors.shipments_shipped_between(filters.period.start, filters.period.end)
    if filters.country:
        country = filters.country.upper()
        qs = qs.filter(Q(origin_country=country) | Q(destination_country=country))
    if filters.transport_mode:
        qs = qs.filter(mode__in=MODES_OF.get(filters.transport_mode, {filters.transport_mode}))
    return qs


LANE = ("mode", "origin_country", "destination_country")


def _lane_of(row: dict[str, Any], prefix: str = "") -> tuple[str, str, str]:
    return (
        row[f"{prefix}mode"],
        row[f"{prefix}origin_country"],
        row[f"{prefix}destination_country"],
    )


def facts(filters: ReportFilters) -> Facts:
    """A few grouped queries, each on one table: the shipments per (mode, lane, currencies);
    their end milestones per (mode, lane, transit days) for the on-time rate and the transit
    histogram; the invoices and credit notes of the shipments with a freight cost per (mode,
    lane); the freight cost of those invoiced. Python adds up the grouped rows only."""
    qs = shipments(filters)
    rates = EurRates(filters.period.end)
    weighed = Q(gross_weight_kg__gt=0)
    groups: dict[tuple[str, str, str], list[Tally]] = {}
    total = Tally()
    modes: dict[str, Tally] = defaultdict(Tally)
    lanes: dict[tuple[str, str], Tally] = defaultdict(Tally)

    def tallies(key: tuple[str, str, str]) -> list[Tally]:
        if key not in groups:
            groups[key] = [total, modes[key[0]], lanes[(key[1], key[2])]]
        return groups[key]

    grouped = list(
        qs.values(*LANE, "currency", "freight_currency")
        .annotate(
            n=Count("pk"),
            kg=Sum("gross_weight_kg"),
            value=Sum("value"),
            freight=Sum("freight_cost"),
            freight_for_kg=Sum("freight_cost", filter=weighed),
            kg_with_freight=Sum("gross_weight_kg", filter=weighed & Q(freight_cost__isnull=False)),
        )
        .order_by()
    )
    rates.preload({r["currency"] for r in grouped} | {r["freight_currency"] for r in grouped})
    for row in grouped:
        freight_currency = row["freight_currency"] or "EUR"
        for tally in tallies(_lane_of(row)):
            tally.count += row["n"]
            tally.kg += Decimal(str(row["kg"] or 0))
            tally.value_eur += rates.to_eur(row["value"] or 0, row["currency"]) or Decimal(0)
            tally.freight_eur += rates.to_eur(row["freight"] or 0, freight_currency) or Decimal(0)
            for_kg = rates.to_eur(row["freight_for_kg"] or 0, freight_currency)
            if for_kg is not None:
                tally.freight_for_kg_eur += for_kg
                tally.kg_with_freight += Decimal(str(row["kg_with_freight"] or 0))

    prefix = "shipment__"
    for row in (
        shipping_selectors.end_milestones(qs)
        .values(*(prefix + f for f in LANE), TRANSIT)
        .annotate(
            n=Count("pk"),
            timed=Count("pk", filter=Q(planned_on__isnull=False)),
            on_time=Sum("on_time"),
        )
        .order_by()
    ):
        for tally in tallies(_lane_of(row, prefix)):
            tally.timed += row["timed"]
            tally.on_time += row["on_time"] or 0
            if row[TRANSIT] is not None:
                days = int(row[TRANSIT])
                tally.transit[days] = tally.transit.get(days, 0) + row["n"]

    # freight against sales: the shipments with a freight cost and an issued invoice
    costed = qs.filter(freight_cost__isnull=False)
    for row in (
        shipping_selectors.invoiced(costed)
        .values(*LANE, "freight_currency")
        .annotate(freight=Sum("freight_cost"))
        .order_by()
    ):
        for_sales = rates.to_eur(row["freight"] or 0, row["freight_currency"] or "EUR")
        if for_sales is not None:
            for tally in tallies(_lane_of(row)):
                tally.freight_for_sales_eur += for_sales
    for documents, sign in (
        (shipping_selectors.invoices_of_shipments(costed), 1),
        (shipping_selectors.credit_notes_of_shipments(costed), -1),
    ):
        path = (
            "delivery__shipment_link__shipment__"
            if sign == 1
            else "credited_invoice__delivery__shipment_link__shipment__"
        )
        for row in documents.values(*(path + f for f in LANE)).annotate(eur=Sum("eur")).order_by():
            for tally in tallies(_lane_of(row, path)):
                tally.sales_with_freight_eur += sign * Decimal(str(row["eur"] or 0))
    return Facts(total, dict(modes), dict(lanes), rates)


# ----------------------------------------------------------------------------- sections


def _shipments_row(label: str, tally: Tally, to: str = "") -> Row:
    """One line of the shipments tables (by mode, by lane, the total)."""
    return Row(
        (
            label,
            tally.count,
            kg(tally.kg),
            money(tally.value_eur),
            tally.on_time_rate,
            tally.median,
            tally.p90,
        ),
        link=to,
    )


def _freight_row(label: str, tally: Tally, to: str = "") -> Row:
    """One line of the freight table (by mode, the total)."""
    return Row(
        (
            label,
            money(tally.freight_eur),
            kg(tally.kg_with_freight),
            tally.per_kg,
            money(tally.sales_with_freight_eur),
            tally.share_of_sales,
        ),
        link=to,
    )


def _shipments_section(now: Facts, before: Facts | None, filters: ReportFilters) -> Section:
    mode_labels = dict(Mode.choices)
    shipments = list_link("shipments", filters)
    prev = before.total if before else None
    figures = (
        Figure(
            "shipments",
            _("Shipments"),
            now.total.count,
            previous=prev.count if prev else None,
            link=shipments,
            note=_(
                "Shipments not cancelled whose goods left in the period: the day of the "
                "pick-up, else of the departure."
            ),
        ),
        Figure(
            "weight",
            _("Gross weight"),
            kg(now.total.kg),
            kind="kg",
            previous=kg(prev.kg) if prev else None,
        ),
        Figure(
            "value",
            _("Value of the goods"),
            money(now.total.value_eur),
            kind="money",
            currency="EUR",
            previous=money(prev.value_eur) if prev else None,
        ),
        Figure(
            "on_time",
            _("On time"),
            now.total.on_time_rate,
            kind="percent",
            previous=prev.on_time_rate if prev else None,
            better="up",
            link=link("shipping:shipment_list", late="1"),
            note=_(
                "Delivered on or before the planned delivery day (the Delivered milestone's "
                "actual date against its planned date); when no delivery was recorded, arrived "
                "on or before the planned arrival. Shipments whose step has no planned date are "
                "not counted."
            ),
        ),
        Figure(
            "transit_median",
            _("Median transit time"),
            now.total.median,
            kind="days",
            previous=prev.median if prev else None,
            better="down",
            note=_("From pick-up (else departure) to delivery (else arrival), in days."),
        ),
    )
    columns = (
        Column("mode", _("Mode of transport")),
        Column("count", _("Shipments"), "number"),
        Column("kg", _("Gross weight"), "kg"),
        Column("value", _("Value of the goods"), "money", "EUR"),
        Column("on_time", _("On time"), "percent"),
        Column("median", _("Median transit"), "days"),
        Column("p90", _("Transit, 90 % within"), "days"),
    )
    mode_rows = []
    for mode, tally in sorted(now.modes.items(), key=lambda item: (-item[1].count, item[0])):
        if not tally.count:
            continue
        mode_rows.append(
            _shipments_row(
                str(mode_labels.get(mode, mode)), tally, list_link("shipments", filters, mode=mode)
            )
        )
    total = now.total
    by_mode = Table(
        "by_mode",
        _("Shipments by mode of transport"),
        columns,
        tuple(mode_rows),
        total=_shipments_row(_("Total"), total),
    )
    lane_rows = []
    ranked = sorted(now.lanes.items(), key=lambda item: (-item[1].count, -item[1].kg, item[0]))
    for (origin, destination), tally in ranked[:TOP_LANES]:
        if not tally.count:
            continue
        lane_rows.append(
            _shipments_row(
                f"{origin} → {destination}",
                tally,
                list_link("shipments", filters, origin=origin, destination=destination),
            )
        )
    by_lane = Table(
        "by_lane",
        _("The %(n)d busiest lanes") % {"n": TOP_LANES},
        (Column("lane", _("Lane (departure → destination)")), *columns[1:]),
        tuple(lane_rows),
        note=_("Lanes ranked by number of shipments, then weight."),
    )
    chart = Chart(
        "by_mode_chart",
        _("Shipments by mode of transport"),
        "bar",
        (Series(_("Shipments"), tuple((str(r.values[0]), point(r.values[1])) for r in mode_rows)),),
        table_key="by_mode",
    )
    return Section(
        _("Shipments"),
        figures=figures,
        charts=(chart,),
        tables=(by_mode, by_lane),
        note=_(
            "Value of the goods as entered on the shipments, in EUR at the rate of the "
            "period's last day for other currencies."
        ),
    )


def _freight_section(now: Facts, before: Facts | None, filters: ReportFilters) -> Section:
    mode_labels = dict(Mode.choices)
    prev = before.total if before else None
    figures = (
        Figure(
            "freight_per_kg",
            _("Freight cost per kg"),
            now.total.per_kg,
            kind="money",
            currency="EUR",
            previous=prev.per_kg if prev else None,
            better="down",
            link=link("freight:request_list", status="decided"),
            note=_(
                "Freight cost of the shipments (the chosen freight quote) divided by their "
                "gross weight, for the shipments with both."
            ),
        ),
        Figure(
            "freight_share",
            _("Freight cost as a share of sales"),
            now.total.share_of_sales,
            kind="percent",
            previous=prev.share_of_sales if prev else None,
            better="down",
            note=_(
                "Freight cost divided by the net invoiced amount (issued invoices of the "
                "shipment's deliveries less their credit notes, in EUR at each invoice's "
                "rate), for the shipments with both."
            ),
        ),
    )
    rows = []
    for mode, tally in sorted(now.modes.items(), key=lambda item: (-item[1].freight_eur, item[0])):
        if not tally.count:
            continue
        rows.append(
            _freight_row(
                str(mode_labels.get(mode, mode)), tally, list_link("shipments", filters, mode=mode)
            )
        )
    table = Table(
        "freight_by_mode",
        _("Freight cost by mode of transport"),
        (
            Column("mode", _("Mode of transport")),
            Column("freight", _("Freight cost"), "money", "EUR"),
            Column("kg", _("Weight with a freight cost"), "kg"),
            Column("per_kg", _("Per kg"), "money", "EUR"),
            Column("sales", _("Invoiced, shipments with a freight cost"), "money", "EUR"),
            Column("share", _("Share of sales"), "percent"),
        ),
        tuple(rows),
        total=_freight_row(_("Total"), now.total),
    )
    return Section(
        _("Freight cost"),
        figures=figures,
        tables=(table,),
        note=_(
            "The freight cost is the one set on the shipment when its freight quote was "
            "chosen, in EUR at the rate of the period's last day for other currencies."
        ),
    )


def _fill_section(period: Period) -> Section:
    per_code = logistics_selectors.fill_by_equipment(period.start, period.end)
    names = logistics_selectors.equipment_names(_language(), set(per_code))
    rows = []
    for code, sums in sorted(per_code.items(), key=lambda item: (-item[1]["vehicles"], item[0])):
        n = int(sums["vehicles"])
        rows.append(
            Row(
                (
                    names.get(code, code),
                    n,
                    percent(Decimal(str(sums["volume"])), n),
                    percent(Decimal(str(sums["weight"])), n),
                )
            )
        )
    by_type = Table(
        "fill_by_equipment",
        _("Container and truck fill by equipment type"),
        (
            Column("equipment", _("Equipment")),
            Column("vehicles", _("Vehicles planned"), "number"),
            Column("volume", _("Average volume fill"), "percent"),
            Column("weight", _("Average weight fill"), "percent"),
        ),
        tuple(rows),
    )
    plans = []
    for plan in logistics_selectors.latest_plan_fills(period.start, period.end):
        plans.append(
            Row(
                (
                    f"LP-{plan['pk']:05d}",
                    plan["title"],
                    plan["client__name"] or "",
                    names.get(str(plan["code"]), str(plan["code"] or "")),
                    plan["vehicles"],
                    percent(Decimal(str(plan["volume"] or 0)), 1),
                    percent(Decimal(str(plan["weight"] or 0)), 1),
                ),
                link=link("logistics:plan_detail", plan["pk"]),
            )
        )
    latest = Table(
        "latest_plans",
        _("Latest load plans"),
        (
            Column("plan", _("Plan")),
            Column("title", _("Title")),
            Column("client", _("Client")),
            Column("equipment", _("First vehicle")),
            Column("vehicles", _("Vehicles"), "number"),
            Column("volume", _("Volume fill"), "percent"),
            Column("weight", _("Weight fill"), "percent"),
        ),
        tuple(plans),
    )
    chart = Chart(
        "fill_chart",
        _("Average volume fill by equipment type"),
        "bar",
        (Series(_("Volume fill"), tuple((str(r.values[0]), point(r.values[2])) for r in rows)),),
        table_key="fill_by_equipment",
        kind_of_value="percent",
    )
    return Section(
        _("Container utilisation"),
        charts=(chart,) if rows else (),
        tables=(by_type, latest),
        note=_(
            "From the load plans computed in the period: the share of each vehicle's volume "
            "and payload the plan uses, averaged per equipment type."
        ),
    )


def _claims_section(filters: ReportFilters) -> Section:
    claims = claim_selectors.claim_list({}).order_by()
    if filters.country:
        c = filters.country.upper()
        claims = claims.filter(Q(shipment__origin_country=c) | Q(shipment__destination_country=c))
    if filters.transport_mode:
        claims = claims.filter(
            shipment__mode__in=MODES_OF.get(filters.transport_mode, {filters.transport_mode})
        )
    open_now = claims.exclude(status__in=FINISHED).count()
    in_period = claims.filter(
        discovered_on__gte=filters.period.start, discovered_on__lte=filters.period.end
    )
    grouped = (
        in_period.values("carrier_id", "carrier__name", "currency")
        .annotate(
            n=Count("pk"),
            still_open=Count("pk", filter=~Q(status__in=FINISHED)),
            claimed=Sum("amount_claimed"),
            recovered_carrier=Sum("recovered_carrier"),
            recovered_insurer=Sum("recovered_insurer"),
        )
        .order_by("-n", "carrier__name", "currency")
    )
    rows = []
    for row in grouped:
        claimed = money(row["claimed"]) or Decimal(0)
        recovered = money((row["recovered_carrier"] or 0) + (row["recovered_insurer"] or 0))
        rows.append(
            Row(
                (
                    row["carrier__name"],
                    row["currency"],
                    row["n"],
                    row["still_open"],
                    claimed,
                    recovered,
                    percent(recovered, claimed),
                ),
                link=link("claims:claim_list", carrier=row["carrier_id"]),
            )
        )
    table = Table(
        "claims_by_carrier",
        _("Transport claims by carrier"),
        (
            Column("carrier", _("Carrier")),
            Column("currency", _("Currency")),
            Column("claims", _("Claims"), "number"),
            Column("open", _("Still open"), "number"),
            Column("claimed", _("Claimed"), "money"),
            Column("recovered", _("Recovered (carrier and insurer)"), "money"),
            Column("rate", _("Recovery rate"), "percent"),
        ),
        tuple(rows),
        note=_("Claims discovered in the period; amounts in the claim's currency."),
    )
    return Section(
        _("Transport claims"),
        figures=(
            Figure(
                "open_claims",
                _("Claims open"),
                open_now,
                link=link("claims:claim_list", open="1"),
                better="down",
                note=_("Every claim not settled, refused, closed or time-barred, today."),
            ),
        ),
        tables=(table,),
    )


def _language() -> str:
    from comptoir.common.dates import current_language

    return "fr" if current_language().startswith("fr") else "en"


def build(filters: ReportFilters, actor: Actor) -> Dashboard:
    now = facts(filters)
    before = facts(filters.previous_year()) if filters.compare else None
    notes: list[Any] = [
        gettext_lazy(
            "A shipment counts in the period its goods leave: the day of its pick-up (the day "
            "it happened, else the planned day; without a dated pick-up, its departure the "
            "same way), as in the pivot. The country filter keeps the shipments leaving or "
            "going to that country."
        )
    ]
    missing = now.rates.missing | (before.rates.missing if before else set())
    if missing:
        notes.append(
            _("No EUR rate for %(currencies)s: their amounts are left out.")
            % {"currencies": ", ".join(sorted(missing))}
        )
    return Dashboard(
        KEY,
        _("Logistics"),
        (
            _shipments_section(now, before, filters),
            _freight_section(now, before, filters),
            _fill_section(filters.period),
            _claims_section(filters),
        ),
        notes=tuple(notes),
    )


register(
    DashboardSpec(
        key=KEY,
        title=gettext_lazy("Logistics"),
        description=gettext_lazy(
            "Shipments by mode and lane, on-time rate, transit times, freight cost, "
            "container fill and transport claims."
        ),
        build=build,
        filters=("period", "compare", "country", "transport_mode"),
        order=30,
    )
)
