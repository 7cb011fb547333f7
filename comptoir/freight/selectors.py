"""Reads of the freight area: requests, the comparison table, the invoice check, the
providers' KPIs. The screens, the API, the PDFs and the services call the same functions, so
a score or a difference is the same everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from comptoir.claims import selectors as claim_selectors
from comptoir.common.dates import today
from comptoir.parties import selectors as parties_selectors
from comptoir.parties.models import Company
from comptoir.sales import selectors as sales_selectors
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment
from comptoir.trade import fx
from comptoir.trade.texts import Text

from . import comparison
from .models import FreightRequest, ProviderInvoice, Quote, QuoteLine

PROVIDER_ROLES = ("carrier", "forwarder")
CENT = Decimal("0.01")


def _two(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def transport_providers() -> QuerySet[Company]:
    """Active carriers and forwarders, the companies a request can go to."""
    return parties_selectors.active_companies().filter(
        Q(roles__contains=",carrier,") | Q(roles__contains=",forwarder,")
    )


def is_forwarder(company: Company) -> bool:
    return ",forwarder," in company.roles


def request_list(params: Mapping[str, str]) -> QuerySet[FreightRequest]:
    qs = FreightRequest.objects.select_related(
        "shipment", "shipment__partner", "chosen_quote__provider"
    ).annotate(quote_count=Count("quotes", distinct=True))
    if q := params.get("q", "").strip():
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(shipment__number__icontains=q)
            | Q(shipment__reference__icontains=q)
            | Q(recipients__provider__name__icontains=q)
        ).distinct()
    if (status := params.get("status")) and status in FreightRequest.Status.values:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def request_for_page(pk: int) -> FreightRequest:
    return FreightRequest.objects.select_related(
        "shipment",
        "shipment__partner",
        "chosen_quote",
        "chosen_quote__provider",
        "chosen_by",
        "created_by",
    ).get(pk=pk)


def requests_of_shipment(shipment: Shipment) -> QuerySet[FreightRequest]:
    return (
        FreightRequest.objects.filter(shipment=shipment)
        .select_related("chosen_quote__provider")
        .annotate(quote_count=Count("quotes", distinct=True))
        .order_by("-created_at", "-pk")
    )


def quotes_of(request: FreightRequest) -> list[Quote]:
    return list(
        request.quotes.select_related("provider").prefetch_related(
            Prefetch("lines", queryset=QuoteLine.objects.order_by("position", "pk"))
        )
    )


# ----------------------------------------------------------------------------- rates


class Rates:
    """EUR per unit of each currency on one day (``sales.selectors.eur_rate``: our own rate
    first, then the ECB's), asked once per currency; a missing rate is kept as its message."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.quotes: dict[str, fx.Quote] = {}
        self.missing: dict[str, str] = {}

    def rate(self, currency: str) -> Decimal | None:
        if currency == "EUR":
            return Decimal(1)
        if currency in self.missing:
            return None
        if currency not in self.quotes:
            try:
                self.quotes[currency] = sales_selectors.eur_rate(currency, self.day)
            except ValidationError as exc:
                self.missing[currency] = " ".join(exc.messages)
                return None
        return self.quotes[currency].rate

    def to_eur(self, amount: Decimal, currency: str) -> Decimal:
        rate = self.rate(currency)
        if rate is None:
            raise ValidationError(self.missing[currency])
        return amount * rate

    def used(self) -> list[dict[str, Any]]:
        """The rates used, with their own date and source (shown beside the table)."""
        return [
            {
                "currency": code,
                "rate": q.rate,
                "rate_date": q.rate_date,
                "source": q.source,
            }
            for code, q in sorted(self.quotes.items())
        ]


# ----------------------------------------------------------------------------- history


@dataclass
class Punctuality:
    """A provider's shipments with us, as the reliability grade and the KPIs read them."""

    shipments: int = 0
    pickups_known: int = 0
    pickups_on_time: int = 0
    deliveries_known: int = 0
    deliveries_on_time: int = 0
    both_known: int = 0
    both_on_time: int = 0
    transit_days: list[int] = field(default_factory=list)
    cost_eur: Decimal = Decimal(0)
    costed_shipments: int = 0
    weight_kg: Decimal = Decimal(0)
    cost_for_weight_eur: Decimal = Decimal(0)  # of the shipments whose weight is known
    rate_missing: set[str] = field(default_factory=set)


def _on_time(dates: Any) -> bool | None:
    planned, actual = dates
    if planned is None or actual is None:
        return None
    return bool(actual <= planned)


def punctuality(
    provider_ids: list[int] | None,
    *,
    exclude_shipment: int | None = None,
    rates: Rates | None = None,
) -> dict[int, Punctuality]:
    """Per provider (as carrier or forwarder): pick-up and delivery on or before the planned
    day, transit (pick-up to delivery), and, with ``rates``, the freight cost in EUR."""
    result: dict[int, Punctuality] = {}
    for row in shipping_selectors.provider_shipment_facts(provider_ids):
        if exclude_shipment is not None and row["pk"] == exclude_shipment:
            continue
        owners = {row["carrier_id"], row["forwarder_id"]} - {None}
        for owner in owners:
            assert isinstance(owner, int)
            if provider_ids is not None and owner not in provider_ids:
                continue
            p = result.setdefault(owner, Punctuality())
            p.shipments += 1
            pickup, delivery = _on_time(row["pickup"]), _on_time(row["delivery"])
            if pickup is not None:
                p.pickups_known += 1
                p.pickups_on_time += pickup
            if delivery is not None:
                p.deliveries_known += 1
                p.deliveries_on_time += delivery
            if pickup is not None and delivery is not None:
                p.both_known += 1
                p.both_on_time += pickup and delivery
            picked, delivered = row["pickup"][1], row["delivery"][1]  # type: ignore[index]
            if picked is not None and delivered is not None:
                p.transit_days.append((delivered - picked).days)
            cost, currency = row["freight_cost"], row["freight_currency"]
            if rates is not None and isinstance(cost, Decimal) and currency:
                assert isinstance(currency, str)
                rate = rates.rate(currency)
                if rate is None:
                    p.rate_missing.add(currency)
                else:
                    p.cost_eur += cost * rate
                    p.costed_shipments += 1
                    weight = row["gross_weight_kg"]
                    if isinstance(weight, Decimal) and weight > 0:
                        p.weight_kg += weight
                        p.cost_for_weight_eur += cost * rate
    return result


# ----------------------------------------------------------------------------- comparison


def criterion_labels() -> dict[str, str]:
    return {
        "cost": _("Cost"),
        "transit": _("Transit time"),
        "reliability": _("Reliability"),
        "service": _("Service"),
    }


@dataclass
class QuoteRow:
    quote: Quote
    key: str
    total_eur: Decimal | None
    totals: dict[str, Decimal]  # per currency, as quoted
    expired: bool
    missing_rates: list[str]
    grades: dict[str, Decimal] = field(default_factory=dict)
    explanations: dict[str, Text] = field(default_factory=dict)
    score: Decimal | None = None
    rank: int | None = None
    history: Punctuality | None = None

    @property
    def scored(self) -> bool:
        return self.score is not None


@dataclass
class ComparisonTable:
    request: FreightRequest
    rate_day: dt.date
    rows: list[QuoteRow]
    weights: dict[str, int]
    labels: dict[str, str]
    rates: list[dict[str, Any]]
    missing_rates: dict[str, str]
    steps: tuple[Text, ...]
    best_key: str | None

    def row_of(self, quote: Quote) -> QuoteRow | None:
        return next((r for r in self.rows if r.quote.pk == quote.pk), None)

    def is_best(self, quote: Quote) -> bool:
        row = self.row_of(quote)
        return row is not None and row.rank == 1


def _option_keys(quotes: list[Quote]) -> dict[int, str]:
    """Each quote's name in the scoring: the provider, with the quote's reference (or its
    number) when a provider sent two quotes."""
    count: dict[int, int] = {}
    for q in quotes:
        count[q.provider_id] = count.get(q.provider_id, 0) + 1
    keys = {}
    for q in quotes:
        name = q.provider.name
        if count[q.provider_id] > 1:
            name = f"{name} ({q.reference or f'#{q.pk}'})"
        keys[q.pk] = name
    return keys


def comparison_table(request: FreightRequest, *, day: dt.date | None = None) -> ComparisonTable:
    """Every quote of the request in EUR at one dated rate (the day of the choice once made,
    otherwise today), graded and scored with the request's weights. Expired quotes and quotes
    whose currency has no rate stay in the table but are not scored."""
    rate_day = day or request.rate_day or today()
    rates = Rates(rate_day)
    quotes = quotes_of(request)
    keys = _option_keys(quotes)
    history = punctuality(
        sorted({q.provider_id for q in quotes}), exclude_shipment=request.shipment_id
    )
    rows: list[QuoteRow] = []
    for quote in quotes:
        totals: dict[str, Decimal] = {}
        for line in quote.lines.all():
            totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.amount
        missing = [c for c in totals if rates.rate(c) is None]
        total_eur = (
            None
            if missing
            else _two(sum((rates.to_eur(a, c) for c, a in totals.items()), Decimal(0)))
        )
        rows.append(
            QuoteRow(
                quote=quote,
                key=keys[quote.pk],
                total_eur=total_eur,
                totals=totals,
                # on the day of the comparison (the choice's day once made)
                expired=quote.valid_until < rate_day and request.chosen_quote_id != quote.pk,
                missing_rates=missing,
                history=history.get(quote.provider_id, Punctuality()),
            )
        )
    candidates = [r for r in rows if not r.expired and r.total_eur is not None]
    labels = criterion_labels()
    facts = []
    for row in candidates:
        p = row.history or Punctuality()
        assert row.total_eur is not None
        facts.append(
            comparison.QuoteFacts(
                key=row.key,
                cost_eur=row.total_eur,
                transit_days=row.quote.transit_days,
                on_time=p.both_on_time,
                history=p.both_known,
                service_grade=Decimal(row.quote.service_grade),
            )
        )
    compared = comparison.compare(facts, request.weights, labels)
    graded = {g.key: g for g in compared.graded}
    ranked = compared.ranked()
    for row in candidates:
        g = graded[row.key]
        row.grades, row.explanations = g.grades, g.explanations
        if row.key in ranked:
            row.score = ranked[row.key].score_rounded
            row.rank = ranked[row.key].rank
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.total_eur is None, r.total_eur or 0))
    return ComparisonTable(
        request=request,
        rate_day=rate_day,
        rows=rows,
        weights=request.weights,
        labels=labels,
        rates=rates.used(),
        missing_rates=rates.missing,
        steps=compared.steps,
        best_key=compared.best(),
    )


def quote_total(quote: Quote, rate_day: dt.date) -> tuple[Decimal, str]:
    """What the shipment's freight cost becomes when the quote is chosen: its total in its
    currency when every line is in it, otherwise in EUR at the day's rates."""
    lines = list(quote.lines.all())
    currencies = {line.currency for line in lines}
    if len(currencies) == 1:
        return sum((line.amount for line in lines), Decimal(0)), currencies.pop()
    rates = Rates(rate_day)
    return _two(sum((rates.to_eur(x.amount, x.currency) for x in lines), Decimal(0))), "EUR"


# ----------------------------------------------------------------------------- invoices


def invoice_for_page(pk: int) -> ProviderInvoice:
    return ProviderInvoice.objects.select_related(
        "request", "request__shipment", "quote", "provider", "checked_by"
    ).get(pk=pk)


def invoice_list(params: Mapping[str, str]) -> QuerySet[ProviderInvoice]:
    qs = ProviderInvoice.objects.select_related("provider", "request", "request__shipment")
    if (status := params.get("status")) and status in ProviderInvoice.Status.values:
        qs = qs.filter(status=status)
    if q := params.get("q", "").strip():
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(provider__name__icontains=q)
            | Q(request__shipment__number__icontains=q)
        )
    return qs.order_by("-invoice_date", "-pk")


def charges_of_quote(quote: Quote) -> list[comparison.Charge]:
    return [
        comparison.Charge(line.kind, line.description, line.amount, line.currency)
        for line in quote.lines.all()
    ]


def check_charges(
    quote: Quote, invoiced: list[comparison.Charge], day: dt.date
) -> comparison.InvoiceCheck:
    """The invoice's charges against the accepted quote's, both in EUR at the invoice date's
    rates (a currency change is then a difference of price, not of exchange rate)."""
    rates = Rates(day)
    return comparison.check_invoice(charges_of_quote(quote), invoiced, rates.to_eur)


def invoice_check(invoice: ProviderInvoice) -> comparison.InvoiceCheck:
    invoiced = [
        comparison.Charge(line.kind, line.description, line.amount, invoice.currency)
        for line in invoice.lines.all()
    ]
    return check_charges(invoice.quote, invoiced, invoice.invoice_date)


# ----------------------------------------------------------------------------- KPIs


@dataclass
class ProviderKpi:
    provider: Company
    shipments: int
    pickup_rate: Decimal | None  # percent
    pickups_known: int
    delivery_rate: Decimal | None
    deliveries_known: int
    average_transit_days: Decimal | None
    cost_per_kg_eur: Decimal | None
    cost_per_shipment_eur: Decimal | None
    invoices: int
    invoices_with_differences: int
    rate_missing: list[str]
    claims: int = 0  # transport claims against the provider as carrier


def _percent(part: int, whole: int) -> Decimal | None:
    return _two(Decimal(100) * part / whole) if whole else None


def provider_kpis(day: dt.date | None = None) -> list[ProviderKpi]:
    """Per carrier and forwarder with at least one shipment or request: shipments, on-time
    pick-up and delivery (actual day on or before the planned one), average transit from
    pick-up to delivery, freight cost per kg of gross weight and per shipment in EUR (at the
    day's rates), invoices whose check found differences, transport claims against it."""
    rates = Rates(day or today())
    history = punctuality(None, rates=rates)
    invoices = {
        row["provider_id"]: row
        for row in ProviderInvoice.objects.values("provider_id").annotate(
            total=Count("pk"), different=Count("pk", filter=Q(has_differences=True))
        )
    }
    asked = set(FreightRequest.objects.values_list("recipients__provider_id", flat=True).distinct())
    claims = claim_selectors.claim_counts_by_carrier()
    ids = (set(history) | set(invoices) | asked | set(claims)) - {None}
    providers = Company.objects.filter(pk__in=ids).order_by("name")
    rows = []
    for provider in providers:
        p = history.get(provider.pk, Punctuality())
        inv = invoices.get(provider.pk, {"total": 0, "different": 0})
        rows.append(
            ProviderKpi(
                provider=provider,
                shipments=p.shipments,
                pickup_rate=_percent(p.pickups_on_time, p.pickups_known),
                pickups_known=p.pickups_known,
                delivery_rate=_percent(p.deliveries_on_time, p.deliveries_known),
                deliveries_known=p.deliveries_known,
                average_transit_days=(
                    Decimal(sum(p.transit_days) / len(p.transit_days)).quantize(Decimal("0.1"))
                    if p.transit_days
                    else None
                ),
                cost_per_kg_eur=(
                    (p.cost_for_weight_eur / p.weight_kg).quantize(Decimal("0.001"), ROUND_HALF_UP)
                    if p.weight_kg
                    else None
                ),
                cost_per_shipment_eur=(
                    _two(p.cost_eur / p.costed_shipments) if p.costed_shipments else None
                ),
                invoices=inv["total"],
                invoices_with_differences=inv["different"],
                rate_missing=sorted(p.rate_missing),
                claims=claims.get(provider.pk, 0),
            )
        )
    return rows


def panel_context(shipment: Shipment) -> dict[str, Any]:
    """The freight section of the shipment page."""
    requests = list(requests_of_shipment(shipment))
    return {
        "shipment": shipment,
        "freight_requests": requests,
        "freight_invoices": list(
            ProviderInvoice.objects.filter(request__shipment=shipment).select_related("provider")
        ),
    }
