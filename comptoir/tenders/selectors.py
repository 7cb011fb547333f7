"""Reads of the calls for tender: lists, the comparison table, the decision's lines.

The screens, the API, the PDFs and the services call the same functions, so a delivered cost
or a score is the same everywhere. The arithmetic is the trade core's
(:mod:`comptoir.trade.tender_comparison`); here we gather the facts: the answers, the route
costs, the rates of the day, the duty from the tariff table, the products' weights.

For the purchasing area: :func:`awarded_lines` gives what a purchase order needs from a
decided tender.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from comptoir.catalog.models import Product
from comptoir.common.dates import today
from comptoir.customs import selectors as customs_selectors
from comptoir.parties import selectors as parties_selectors
from comptoir.parties.models import Company
from comptoir.sales import selectors as sales_selectors
from comptoir.suppliers import selectors as panel
from comptoir.trade import fx, import_duties
from comptoir.trade import tender_comparison as core
from comptoir.trade.errors import TradeInputError
from comptoir.trade.invoicing import EU_MEMBER_STATES
from comptoir.trade.texts import Text

from .models import Answer, AnswerLine, Award, Invitation, RouteCost, Tender, TenderLine

CURRENCY = "EUR"


def suppliers() -> QuerySet[Company]:
    """Active companies with the supplier role: those a tender can invite."""
    return parties_selectors.active_companies().filter(roles__contains=",supplier,")


def tender_list(params: Mapping[str, str]) -> QuerySet[Tender]:
    qs = Tender.objects.annotate(
        line_count=Count("lines", distinct=True),
        invited=Count("invitations", distinct=True),
        answered=Count("invitations", filter=Q(invitations__status="answered"), distinct=True),
    )
    if q := params.get("q", "").strip():
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(title__icontains=q)
            | Q(invitations__supplier__name__icontains=q)
            | Q(lines__product__reference__icontains=q)
        ).distinct()
    if (status := params.get("status")) and status in Tender.Status.values:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def tender_for_page(pk: int) -> Tender:
    return Tender.objects.select_related("decided_by", "created_by").get(pk=pk)


def lines_of(tender: Tender) -> list[TenderLine]:
    return list(tender.lines.select_related("product").order_by("position", "pk"))


def invitations_of(tender: Tender) -> list[Invitation]:
    return list(
        tender.invitations.select_related("supplier", "answer")
        .prefetch_related(
            Prefetch("costs", queryset=RouteCost.objects.order_by("pk")),
            Prefetch("answer__lines", queryset=AnswerLine.objects.order_by("line__position")),
        )
        .order_by("pk")
    )


def invitation_status(invitation: Invitation, day: dt.date | None = None) -> str:
    """The status shown: "no answer" once the deadline has passed without an answer."""
    day = day or today()
    if invitation.status == Invitation.Status.SENT and invitation.tender.reply_by < day:
        return _("No answer")
    return str(invitation.get_status_display())


# ----------------------------------------------------------------------------- supplier grades


def supplier_grades(company_ids: list[int]) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """Reliability from our history and CSR grade (0-10) from the supplier panel per company,
    ``None`` when not known (the comparison then gives the neutral 5): the panel's OTIF %
    over 24 months and its % of the CSR checklist met, divided by 10."""
    reliability = panel.reliabilities(company_ids)
    csr = panel.csr_scores(company_ids)
    return {pk: (_grade_of(reliability.get(pk)), _grade_of(csr.get(pk))) for pk in company_ids}


def _grade_of(percent: Decimal | None) -> Decimal | None:
    if percent is None:
        return None
    grade = (Decimal(str(percent)) / 10).quantize(Decimal("0.01"))
    return min(max(grade, Decimal(0)), Decimal(10))


# ----------------------------------------------------------------------------- comparison


def criterion_labels() -> dict[str, str]:
    return {
        "price": _("Delivered cost"),
        "quality": _("Quality"),
        "lead_time": _("Lead time"),
        "reliability": _("Reliability"),
        "payment": _("Payment terms"),
        "csr": _("CSR"),
    }


@dataclass
class AnswerRow:
    invitation: Invitation
    answer: Answer | None
    key: str
    result: core.AnswerResult | None = None
    rate: fx.Quote | None = None
    missing_rate: str = ""
    error: str = ""
    expired: bool = False
    duty_notes: dict[int, str] = field(default_factory=dict)
    moq_above: list[int] = field(default_factory=list)
    grades: dict[str, Decimal] = field(default_factory=dict)
    explanations: dict[str, Text] = field(default_factory=dict)
    score: Decimal | None = None
    rank: int | None = None

    def unit_delivered(self, position: int) -> Decimal | None:
        if self.result is None:
            return None
        line = self.result.line(str(position))
        return line.unit_delivered if line is not None else None

    def line_result(self, position: int) -> core.LineResult | None:
        return self.result.line(str(position)) if self.result is not None else None


@dataclass
class ComparisonTable:
    tender: Tender
    lines: list[TenderLine]
    rows: list[AnswerRow]
    rate_day: dt.date
    weights: dict[str, int]
    labels: dict[str, str]
    steps: tuple[Text, ...]
    best_per_line: dict[int, int]  # position -> supplier id
    best_supplier_id: int | None

    def rates(self) -> list[dict[str, Any]]:
        seen: dict[str, fx.Quote] = {}
        for row in self.rows:
            if row.rate is not None and row.answer is not None and row.answer.currency != "EUR":
                seen[row.answer.currency] = row.rate
        return [
            {"currency": c, "rate": q.rate, "rate_date": q.rate_date, "source": q.source}
            for c, q in sorted(seen.items())
        ]

    def row_of(self, supplier: Company) -> AnswerRow | None:
        return next((r for r in self.rows if r.invitation.supplier_id == supplier.pk), None)


def _tariff_rows(codes: set[str]) -> list[import_duties.TariffRow]:
    return [
        import_duties.TariffRow(
            code=r.code,
            kind=r.kind,
            ad_valorem_pct=r.ad_valorem_pct,
            specific_amount=r.specific_amount,
            specific_unit=r.specific_unit,
            origin=r.origin,
            agreement=r.agreement,
            producer=r.producer,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            source=r.source,
            key=r.pk,
        )
        for r in customs_selectors.rates_for_codes(codes)
    ]


class _Duties:
    """The duty rate of a product from an origin, from the tariff table (memoised)."""

    def __init__(self, products: list[Product], day: dt.date) -> None:
        self.rows = _tariff_rows({p.cn_code for p in products if p.cn_code})
        self.day = day
        self.cache: dict[tuple[str, str, str], tuple[Decimal, str]] = {}

    def rate(self, product: Product, origin: str, agreement: str) -> tuple[Decimal, str]:
        key = (product.cn_code, origin, agreement)
        if key not in self.cache:
            self.cache[key] = self._find(product, origin, agreement)
        return self.cache[key]

    def _find(self, product: Product, origin: str, agreement: str) -> tuple[Decimal, str]:
        if not product.cn_code:
            return Decimal(0), _("no CN code on the product: duty not counted")
        match = import_duties.lookup(
            self.rows,
            cn_code=product.cn_code,
            origin=origin,
            day=self.day,
            agreement=agreement,
            proof_of_origin=bool(agreement),
        )
        if match.duty is None:
            return Decimal(0), _("%(code)s not in our tariff table: duty not counted") % {
                "code": product.cn_code
            }
        if match.preference_applied:
            label = _("preferential rate %(agreement)s, proof of origin expected") % {
                "agreement": agreement
            }
        else:
            label = _("third-country rate, origin %(origin)s") % {"origin": origin}
        duty = match.duty.ad_valorem_pct
        if match.anti_dumping is not None:
            duty += match.anti_dumping.ad_valorem_pct
            label += " + " + _("anti-dumping %(pct)s %%") % {
                "pct": match.anti_dumping.ad_valorem_pct
            }
        return duty, f"{product.cn_code}: {label}"


def _volume_m3(product: Product) -> Decimal:
    if product.length_cm and product.width_cm and product.height_cm:
        return product.length_cm * product.width_cm * product.height_cm / Decimal(1_000_000)
    return Decimal(0)


def comparison(
    tender: Tender, *, day: dt.date | None = None, explain: bool = False
) -> ComparisonTable:
    """Every answer brought to one cost per unit delivered at our warehouse in EUR at the
    rates of one day (the decision's once made, otherwise today), graded and scored with
    the tender's weights. Answers expired, or in a currency without a rate, stay in the
    table with their reason but are not scored. ``explain``: with the line-by-line steps
    (the build-up page and the API; the table shows figures only)."""
    rate_day = day or tender.rate_day or today()
    lines = lines_of(tender)
    by_id = {line.pk: line for line in lines}
    duties = _Duties([line.product for line in lines], rate_day)
    rows: list[AnswerRow] = []
    inputs: list[core.AnswerInput] = []
    delivered: list[core.AnswerResult] = []
    rates: dict[str, fx.Quote | str] = {}
    invitations = invitations_of(tender)
    grades = supplier_grades([i.supplier_id for i in invitations])
    for invitation in invitations:
        answer = getattr(invitation, "answer", None)
        row = AnswerRow(invitation=invitation, answer=answer, key=invitation.supplier.name)
        rows.append(row)
        if answer is None:
            continue
        currency = answer.currency
        if currency not in rates:
            if currency == "EUR":
                rates[currency] = fx.Quote("EUR", "EUR", Decimal(1), rate_day, "EUR")
            else:
                try:
                    rates[currency] = sales_selectors.eur_rate(currency, rate_day)
                except ValidationError as exc:
                    rates[currency] = " ".join(exc.messages)
        quote = rates[currency]
        if isinstance(quote, str):
            row.missing_rate = quote
            continue
        row.rate = quote
        row.expired = answer.valid_until < rate_day and tender.status != Tender.Status.DECIDED
        priced = []
        within_eu = invitation.supplier.country in EU_MEMBER_STATES
        for answer_line in answer.lines.all():
            line = by_id[answer_line.line_id]
            if within_eu:
                duty, note = Decimal(0), _("within the EU: no duty")
            else:
                duty, note = duties.rate(
                    line.product, answer.origin_country, answer.preference_agreement
                )
            row.duty_notes[line.position] = note
            if answer_line.moq and answer_line.moq > line.quantity:
                row.moq_above.append(line.position)
            priced.append(
                core.LineInput(
                    key=str(line.position),
                    quantity=line.quantity,
                    unit_price=answer_line.unit_price,
                    unit_weight_kg=line.product.gross_weight_kg or Decimal(0),
                    unit_volume_m3=_volume_m3(line.product),
                    duty_pct=duty,
                    duty_note=note,
                )
            )
        if not priced:
            row.error = _("No line priced.")
            continue
        reliability, csr = grades[invitation.supplier_id]
        grade = answer.quality_grade
        facts = core.AnswerInput(
            key=row.key,
            currency=currency,
            rate=quote.rate,
            incoterm=answer.incoterm,
            lines=tuple(priced),
            costs=tuple(core.CostInput(c.kind, c.basis, c.amount) for c in invitation.costs.all()),
            lead_time_days=answer.lead_time_days,
            payment_days=answer.payment_days,
            quality=Decimal(grade) if grade is not None else None,
            reliability=reliability,
            csr=csr,
            customs=not within_eu,
        )
        try:
            row.result = core.deliver(facts, CURRENCY, explain=explain)
        except TradeInputError as exc:
            row.error = str(exc.message)
            continue
        if not row.expired:
            inputs.append(facts)
            delivered.append(row.result)
    labels = criterion_labels()
    compared = core.compare(inputs, tender.weights, labels, CURRENCY, results=delivered)
    graded = {g.key: g for g in compared.graded}
    ranked = compared.ranked()
    supplier_of = {r.key: r.invitation.supplier_id for r in rows}
    for row in rows:
        if row.key in graded:
            row.grades = graded[row.key].grades
            row.explanations = graded[row.key].explanations
        if row.key in ranked:
            row.score = ranked[row.key].score_rounded
            row.rank = ranked[row.key].rank
    best_per_line = {int(k): supplier_of[v] for k, v in compared.best_per_line.items()}
    best = compared.score.ranking[0].name if compared.score else None
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.result is None, r.key))
    return ComparisonTable(
        tender=tender,
        lines=lines,
        rows=rows,
        rate_day=rate_day,
        weights=tender.weights,
        labels=labels,
        steps=compared.steps,
        best_per_line=best_per_line,
        best_supplier_id=supplier_of.get(best) if best else None,
    )


# ----------------------------------------------------------------------------- decision


@dataclass(frozen=True)
class AwardedLine:
    """One line of a decided tender as a purchase order needs it."""

    tender_id: int
    tender_number: str
    position: int
    product: Product
    quantity: Decimal
    specifications: str
    supplier: Company
    unit_price: Decimal
    currency: str
    incoterm: str
    incoterm_place: str
    origin_country: str
    lead_time_days: int
    payment_terms: str
    payment_days: int
    moq: Decimal | None
    delivery_date: dt.date
    delivery_place: str
    unit_delivered_eur: Decimal
    supplier_reference: str


def awarded_lines(tender: Tender) -> list[AwardedLine]:
    """The lines of a decided tender with the supplier and the answer chosen for each, in
    the order of the tender (empty while not decided). The purchasing area groups them by
    supplier to prepare one purchase order per supplier."""
    awards = Award.objects.filter(tender=tender).select_related(
        "line__product", "answer_line__answer__invitation__supplier"
    )
    result = []
    for award in awards.order_by("line__position"):
        answer = award.answer_line.answer
        result.append(
            AwardedLine(
                tender_id=tender.pk,
                tender_number=tender.number or "",
                position=award.line.position,
                product=award.line.product,
                quantity=award.line.quantity,
                specifications=award.line.specifications,
                supplier=answer.invitation.supplier,
                unit_price=award.answer_line.unit_price,
                currency=answer.currency,
                incoterm=answer.incoterm,
                incoterm_place=answer.incoterm_place,
                origin_country=answer.origin_country,
                lead_time_days=answer.lead_time_days,
                payment_terms=answer.payment_terms,
                payment_days=answer.payment_days,
                moq=award.answer_line.moq,
                delivery_date=tender.delivery_date,
                delivery_place=tender.delivery_place,
                unit_delivered_eur=award.unit_delivered_eur,
                supplier_reference=answer.reference,
            )
        )
    return result


def decided_tenders() -> QuerySet[Tender]:
    """Tenders decided, newest first (the purchasing area lists them to order from)."""
    return Tender.objects.filter(status=Tender.Status.DECIDED).order_by("-decided_at", "-pk")
