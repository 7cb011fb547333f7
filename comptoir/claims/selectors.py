"""Reads of the claims area for the pages, the API, the letters and other areas (freight KPIs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from comptoir.shipping.models import Shipment
from comptoir.trade import claims as core
from comptoir.trade.errors import TradeInputError

from . import rules
from .models import FINISHED, Claim, Kind


def claim_list(params: Mapping[str, str]) -> QuerySet[Claim]:
    qs = Claim.objects.select_related("shipment", "carrier")
    if q := params.get("q", "").strip():
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(shipment__number__icontains=q)
            | Q(shipment__reference__icontains=q)
            | Q(carrier__name__icontains=q)
            | Q(description__icontains=q)
        )
    if status := params.get("status", ""):
        qs = qs.filter(status=status)
    elif params.get("open") == "1":
        qs = qs.exclude(status__in=FINISHED)
    if kind := params.get("kind", ""):
        qs = qs.filter(kind=kind)
    if convention := params.get("convention", ""):
        qs = qs.filter(convention=convention)
    if carrier := params.get("carrier", ""):
        if carrier.isdigit():
            qs = qs.filter(carrier_id=int(carrier))
    return qs.order_by("-created_at", "-pk")


def claim_for_page(pk: int) -> Claim:
    return Claim.objects.select_related(
        "shipment", "carrier", "insurer", "handled_by", "created_by"
    ).get(pk=pk)


def claims_of_shipment(shipment: Shipment) -> QuerySet[Claim]:
    return Claim.objects.filter(shipment=shipment).select_related("carrier").order_by("pk")


def claim_counts_by_carrier() -> dict[int, int]:
    """Carrier id -> number of claims against it (the freight KPIs' "claims" column)."""
    return dict(
        Claim.objects.values_list("carrier_id")
        .annotate(n=Count("pk"))
        .values_list("carrier_id", "n")
    )


def assessment(claim: Claim) -> core.ClaimResult | None:
    """The trade core's answer for the claim as stored (its steps, for the page)."""
    try:
        return rules.assess(
            shipment=claim.shipment,
            convention=claim.convention,
            kind=claim.kind,
            apparent=claim.apparent,
            delivery_date=claim.delivery_date,
            weight_kg=claim.weight_affected_kg,
            packages=claim.packages_affected,
            consignment_weight_kg=claim.consignment_weight_kg,
            currency=claim.currency,
            rate=claim.sdr_rate,
        )
    except TradeInputError:
        return None


def warnings(claim: Claim, today: dt.date) -> list[str]:
    """What the person handling the claim must see first."""
    found: list[str] = []
    if claim.entered_time_barred:
        found.append(
            _("Entered after its time bar (%(day)s): %(reason)s")
            % {"day": claim.time_bar_date.isoformat(), "reason": claim.late_reason}
        )
    elif not claim.is_finished and claim.time_bar_date < today:
        found.append(_("Time-barred since %(day)s.") % {"day": claim.time_bar_date.isoformat()})
    if (
        claim.notice_deadline is not None
        and claim.reserves_sent_on is None
        and claim.claim_sent_on is None
        and claim.notice_deadline < today
        and not claim.is_finished
    ):
        found.append(
            _(
                "The written reserves were due by %(day)s and no letter is recorded: the carrier "
                "may answer that the goods were received as described."
            )
            % {"day": claim.notice_deadline.isoformat()}
        )
    if claim.liability_cap is not None and claim.amount_claimed > claim.liability_cap:
        found.append(
            _(
                "The amount claimed is above the carrier's limit (%(cap)s %(currency)s): the "
                "difference can only come from the cargo insurer, or from the carrier for "
                "wilful misconduct."
            )
            % {
                "cap": formats.number_format(
                    claim.liability_cap, 2, use_l10n=True, force_grouping=True
                ),
                "currency": claim.currency,
            }
        )
    return found


@dataclass(frozen=True, slots=True)
class StatRow:
    key: str
    label: str
    currency: str
    count: int
    claimed: Decimal
    recovered: Decimal
    finished: int
    average_days: Decimal | None

    @property
    def recovery_rate(self) -> Decimal | None:
        if not self.claimed:
            return None
        return (self.recovered * 100 / self.claimed).quantize(Decimal("0.1"))


#: The groupings of the statistics page: key -> the fields grouped on.
GROUPINGS = ("carrier", "kind", "route")


def statistics(by: str, since: dt.date | None = None) -> list[StatRow]:
    """Claims per carrier, per cause (kind) or per route (country of departure -> of
    destination), one row per currency: count, claimed, recovered (carrier + insurer),
    recovery rate, and the average days from discovery to settlement of settled claims."""
    qs = Claim.objects.all()
    if since is not None:
        qs = qs.filter(discovered_on__gte=since)
    rows: dict[tuple[str, str], dict[str, object]] = {}
    fields = {
        "carrier": ("carrier_id", "carrier__name"),
        "kind": ("kind",),
        "route": ("shipment__origin_country", "shipment__destination_country"),
    }[by if by in GROUPINGS else "carrier"]
    kinds = dict(Kind.choices)
    for values in qs.values(
        *fields,
        "currency",
        "amount_claimed",
        "recovered_carrier",
        "recovered_insurer",
        "status",
        "discovered_on",
        "settled_on",
    ).order_by():
        if by == "kind":
            key = str(values["kind"])
            label = str(kinds.get(key, key))
        elif by == "route":
            key = f"{values['shipment__origin_country']}-{values['shipment__destination_country']}"
            label = (
                f"{values['shipment__origin_country']} → {values['shipment__destination_country']}"
            )
        else:
            key = str(values["carrier_id"])
            label = str(values["carrier__name"])
        row = rows.setdefault(
            (key, str(values["currency"])),
            {
                "label": label,
                "count": 0,
                "claimed": Decimal(0),
                "recovered": Decimal(0),
                "finished": 0,
                "days": [],
            },
        )
        row["count"] = int(str(row["count"])) + 1
        row["claimed"] = Decimal(str(row["claimed"])) + Decimal(str(values["amount_claimed"]))
        row["recovered"] = (
            Decimal(str(row["recovered"]))
            + Decimal(str(values["recovered_carrier"]))
            + Decimal(str(values["recovered_insurer"]))
        )
        if values["status"] in FINISHED:
            row["finished"] = int(str(row["finished"])) + 1
        settled, discovered = values["settled_on"], values["discovered_on"]
        if isinstance(settled, dt.date) and isinstance(discovered, dt.date):
            days = row["days"]
            assert isinstance(days, list)
            days.append((settled - discovered).days)
    result = []
    for (key, currency), row in rows.items():
        days = row["days"]
        assert isinstance(days, list)
        result.append(
            StatRow(
                key=key,
                label=str(row["label"]),
                currency=currency,
                count=int(str(row["count"])),
                claimed=Decimal(str(row["claimed"])),
                recovered=Decimal(str(row["recovered"])),
                finished=int(str(row["finished"])),
                average_days=(Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"))
                if days
                else None,
            )
        )
    return sorted(result, key=lambda r: (-r.count, r.label, r.currency))


def claims_due(today: dt.date, days: int = 14) -> QuerySet[Claim]:
    """Open claims whose notice or time bar falls within ``days``."""
    horizon = today + dt.timedelta(days=days)
    return (
        Claim.objects.exclude(status__in=FINISHED)
        .filter(
            Q(time_bar_date__lte=horizon)
            | Q(
                notice_deadline__lte=horizon,
                notice_deadline__gte=today,
                reserves_sent_on=None,
                claim_sent_on=None,
            )
        )
        .select_related("shipment", "carrier")
        .order_by("time_bar_date")
    )


__all__ = [
    "GROUPINGS",
    "StatRow",
    "assessment",
    "claim_counts_by_carrier",
    "claim_for_page",
    "claim_list",
    "claims_due",
    "claims_of_shipment",
    "statistics",
    "warnings",
]
