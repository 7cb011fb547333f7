"""Reads of the intra-EU area: proof status per invoice, the invoices lacking proof, and the
month's declaration computed from the invoices, credit notes and receipts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from comptoir.calculators.texts import translate
from comptoir.common.dates import today as local_today
from comptoir.sales import selectors as sales_selectors
from comptoir.sales.models import Invoice, SellerProfile
from comptoir.shipping.models import Direction, Milestone, Mode, Shipment, Step
from comptoir.trade import intra_eu as rules
from comptoir.trade.invoicing import EU_MEMBER_STATES, VatCase

from . import cn
from .models import DeclarantSettings, Declaration, Evidence, InvoiceProof

#: Invoices shown per page of the proof list, and the most an export reads.
MAX_LIST = 2_000

#: Sales transport modes -> EMEBI mode of transport ("" = to be said: multimodal).
SALES_MODES = {"road": "3", "sea": "1", "air": "4", "rail": "2", "multimodal": ""}
SHIPPING_MODES: dict[str, str] = {
    Mode.ROAD_GROUPAGE: "3",
    Mode.ROAD_FULL: "3",
    Mode.AIR: "4",
    Mode.EXPRESS: "4",
    Mode.SEA_FCL: "1",
    Mode.SEA_LCL: "1",
    Mode.RAIL: "2",
    Mode.MULTIMODAL: "",
}


# --------------------------------------------------------------------------- proofs


def intra_eu_invoices() -> QuerySet[Invoice]:
    """Issued invoices exempt as intra-Community supplies (CGI art. 262 ter I)."""
    return Invoice.objects.filter(
        kind=Invoice.Kind.INVOICE,
        status=Invoice.Status.ISSUED,
        vat_case=VatCase.INTRA_EU_B2B.value,
    ).select_related("client", "delivery")


def is_intra_eu(invoice: Invoice) -> bool:
    return (
        invoice.kind == Invoice.Kind.INVOICE
        and invoice.status == Invoice.Status.ISSUED
        and invoice.vat_case == VatCase.INTRA_EU_B2B.value
    )


def supply_date(invoice: Invoice) -> dt.date:
    """The day of the supply: the delivery's shipping date, else the invoice's date."""
    delivery = invoice.delivery
    if delivery is not None and delivery.shipped_on:
        return delivery.shipped_on
    return invoice.issue_date or local_today()


def proof_of(invoice: Invoice) -> InvoiceProof | None:
    return InvoiceProof.objects.filter(invoice=invoice).first()


def _evidence(items: list[Evidence]) -> list[rules.Evidence]:
    return [
        rules.Evidence(
            kind=rules.EvidenceKind(item.kind),
            issuer=item.issuer,
            received_on=item.received_on,
            contradicts=item.contradicts,
        )
        for item in items
    ]


def proof_result(invoice: Invoice, proof: InvoiceProof | None = None) -> rules.ProofResult:
    proof = proof if proof is not None else proof_of(invoice)
    items = list(proof.evidence.all()) if proof else []
    transporter = rules.Transporter(proof.transporter if proof else "seller")
    return rules.proof_status(
        transporter=transporter, items=_evidence(items), supply_date=supply_date(invoice)
    )


def missing_texts(result: rules.ProofResult) -> list[str]:
    """What the proof still lacks, in the reader's language."""
    return [translate(reason) for reason in result.missing]


@dataclass
class ProofRow:
    invoice: Invoice
    result: rules.ProofResult
    age_days: int
    transporter: str
    evidence_count: int
    missing: list[str]


def proof_rows(params: Mapping[str, str], today: dt.date | None = None) -> list[ProofRow]:
    """Intra-EU invoices with their proof status. ``status``: "missing" (default) or "all";
    ``older_than``: days since the supply (default: the declarant's setting); ``client``,
    ``country``: filters; ``q``: the invoice number."""
    today = today or local_today()
    declarant = DeclarantSettings.current()
    try:
        older = int(params.get("older_than") or declarant.proof_days)
    except ValueError:
        older = declarant.proof_days
    older = max(0, min(older, 3650))
    invoices = intra_eu_invoices().prefetch_related(
        Prefetch("intra_eu_proof__evidence", queryset=Evidence.objects.defer("file"))
    )
    if params.get("client", "").isdigit():
        invoices = invoices.filter(client_id=int(params["client"]))
    if params.get("country"):
        invoices = invoices.filter(tax__arrival_country=params["country"].upper()[:2])
    if params.get("q"):
        invoices = invoices.filter(number__icontains=params["q"][:40])
    rows: list[ProofRow] = []
    for invoice in invoices.order_by("issue_date", "number")[:MAX_LIST]:
        supplied = supply_date(invoice)
        age = (today - supplied).days
        if age < older:
            continue
        proof = getattr(invoice, "intra_eu_proof", None)
        items = list(proof.evidence.all()) if proof else []
        result = rules.proof_status(
            transporter=rules.Transporter(proof.transporter if proof else "seller"),
            items=_evidence(items),
            supply_date=supplied,
        )
        if params.get("status", "missing") != "all" and result.presumed:
            continue
        rows.append(
            ProofRow(
                invoice=invoice,
                result=result,
                age_days=age,
                transporter=proof.transporter if proof else "seller",
                evidence_count=len(items),
                missing=missing_texts(result),
            )
        )
    return rows


# --------------------------------------------------------------------------- declarations


def month_of(text: str) -> dt.date | None:
    """ "YYYY-MM" -> the first day of that month, or None."""
    try:
        year, month = text.split("-")
        day = dt.date(int(year), int(month), 1)
    except (ValueError, TypeError):
        return None
    return day if 2000 <= day.year <= 2100 else None


def previous_month(today: dt.date | None = None) -> dt.date:
    first = (today or local_today()).replace(day=1)
    return (first - dt.timedelta(days=1)).replace(day=1)


def department() -> str:
    declarant = DeclarantSettings.current()
    if declarant.department:
        return declarant.department
    seller = SellerProfile.current()
    return rules.department_of(seller.postcode, seller.country) if seller else ""


def _vat(invoice: Invoice) -> str:
    tax: dict[str, Any] = invoice.tax or {}
    number = tax.get("buyer_vat_number") or (invoice.buyer or {}).get("vat_number") or ""
    return str(number).replace(" ", "").upper()


def _arrival_country(invoice: Invoice) -> str:
    tax: dict[str, Any] = invoice.tax or {}
    return str(tax.get("arrival_country") or invoice.client.country).upper()


def _month_documents(month: dt.date, cases: set[str]) -> QuerySet[Invoice]:
    start, end = rules.month_bounds(month)
    return (
        Invoice.objects.filter(
            status=Invoice.Status.ISSUED,
            issue_date__gte=start,
            issue_date__lte=end,
            vat_case__in=cases,
        )
        .select_related("client", "order")
        .prefetch_related("lines__product")
        .order_by("issue_date", "number")
    )


def dispatch_sources(month: dt.date) -> list[rules.SourceLine]:
    """Lines of the month's intra-EU invoices and credit notes (B2B regime 21; to a buyer
    without VAT number regime 29)."""
    declarant = DeclarantSettings.current()
    dept = department()
    sources: list[rules.SourceLine] = []
    cases = {VatCase.INTRA_EU_B2B.value, VatCase.INTRA_EU_B2C.value}
    for invoice in _month_documents(month, cases):
        b2b = invoice.vat_case == VatCase.INTRA_EU_B2B.value
        mode = SALES_MODES.get(invoice.order.transport_mode, "") if invoice.order else "3"
        for line in invoice.lines.all():
            product = line.product
            mass = line.net_weight_kg
            if not mass and product is not None:
                mass = product.net_weight_kg * line.quantity
            cn8 = product.cn8 if product is not None else ""
            sources.append(
                rules.SourceLine(
                    document=invoice.number or "",
                    document_date=invoice.issue_date or month,
                    flow="D",
                    credit=invoice.kind == Invoice.Kind.CREDIT_NOTE,
                    cn8=cn8,
                    description=line.description[:80],
                    partner_country=_arrival_country(invoice),
                    partner_vat=_vat(invoice) if b2b else "",
                    origin_country=(
                        line.origin_country or (product.origin_country if product else "")
                    ).upper(),
                    net_mass_kg=mass,
                    quantity=line.quantity,
                    value_eur=rules.to_eur(line.net_amount, invoice.eur_rate),
                    nature=declarant.default_nature if b2b else "12",
                    mode=mode,
                    department=dept,
                    regime=rules.REGIME_DISPATCH if b2b else rules.REGIME_OTHER_DISPATCH,
                    supplementary_unit=cn.supplementary_unit(cn8),
                )
            )
    return sources


def _arrival_day(shipment: Shipment) -> dt.date | None:
    for milestone in shipment.milestones.all():
        if milestone.step in (Step.ARRIVAL, Step.DELIVERY) and milestone.actual_at:
            return timezone.localtime(milestone.actual_at).date()
    return None


def arrival_sources(month: dt.date) -> list[rules.SourceLine]:
    """Lines of the inbound shipments from another member state that arrived in the month
    (regime 11: acquisitions taxable in France)."""
    start, end = rules.month_bounds(month)
    declarant = DeclarantSettings.current()
    dept = department()
    shipments = (
        Shipment.objects.filter(
            direction=Direction.IMPORT,
            origin_country__in=sorted(EU_MEMBER_STATES - {"FR"}),
            milestones__step__in=[Step.ARRIVAL, Step.DELIVERY],
            milestones__actual_at__date__gte=start,
            milestones__actual_at__date__lte=end + dt.timedelta(days=1),
        )
        .distinct()
        .select_related("partner")
        .prefetch_related(
            "lines__product",
            Prefetch("milestones", queryset=Milestone.objects.order_by("pk")),
        )
    )
    sources: list[rules.SourceLine] = []
    for shipment in shipments:
        day = _arrival_day(shipment)
        if day is None or not (start <= day <= end):
            continue
        for line in shipment.lines.all():
            product = line.product
            cn8 = product.cn8 if product is not None else ""
            sources.append(
                rules.SourceLine(
                    document=shipment.number or shipment.reference or str(shipment.pk),
                    document_date=day,
                    flow="A",
                    credit=False,
                    cn8=cn8,
                    description=line.description[:80],
                    partner_country=shipment.origin_country.upper(),
                    partner_vat=shipment.partner.vat_number if shipment.partner else "",
                    origin_country=(
                        line.origin_country or (product.origin_country if product else "")
                    ).upper(),
                    net_mass_kg=line.net_weight_kg,
                    quantity=line.quantity,
                    value_eur=sales_selectors.to_eur(line.value, shipment.currency, day),
                    nature=declarant.default_nature,
                    mode=SHIPPING_MODES.get(shipment.mode, ""),
                    department=dept,
                    regime=rules.REGIME_ARRIVAL,
                    supplementary_unit=cn.supplementary_unit(cn8),
                )
            )
    return sources


def recap_sources(month: dt.date) -> list[rules.RecapSource]:
    """The month's exempt intra-Community supplies and the credit notes issued in the month
    that correct them (a credit note carries the tax facts of its invoice)."""
    return [
        rules.RecapSource(
            document=invoice.number or "",
            document_date=invoice.issue_date or month,
            credit=invoice.kind == Invoice.Kind.CREDIT_NOTE,
            client=str((invoice.buyer or {}).get("name") or invoice.client.name),
            partner_vat=_vat(invoice),
            value_eur=rules.to_eur(invoice.net_total, invoice.eur_rate),
        )
        for invoice in _month_documents(month, {VatCase.INTRA_EU_B2B.value})
    ]


@dataclass
class Computed:
    """A declaration as the data give it today: its lines (as dicts, the form kept when
    filed), the file's items, the problems to fix before filing."""

    kind: str
    month: dt.date
    lines: list[dict[str, Any]] = field(default_factory=list)
    problems: list[rules.Problem] = field(default_factory=list)
    total_eur: int = 0


def _line_dict(line: rules.DeclarationLine) -> dict[str, Any]:
    return {
        "cn8": line.cn8,
        "partner_country": line.partner_country,
        "partner_vat": line.partner_vat,
        "origin_country": line.origin_country,
        "nature": line.nature,
        "mode": line.mode,
        "department": line.department,
        "regime": line.regime,
        "supplementary_unit": line.supplementary_unit,
        "net_mass": line.net_mass,
        "quantity_su": line.quantity_su,
        "invoiced_amount": line.invoiced_amount,
        "statistical_value": line.statistical_value,
        "signed_amount": line.invoiced_amount,
        "client": "",
        "documents": list(line.documents),
    }


def _recap_dict(line: rules.RecapLine) -> dict[str, Any]:
    return {
        "cn8": "",
        "partner_country": "",
        "partner_vat": line.partner_vat,
        "origin_country": "",
        "nature": "",
        "mode": "",
        "department": "",
        "regime": line.regime,
        "supplementary_unit": "",
        "net_mass": None,
        "quantity_su": None,
        "invoiced_amount": line.amount,
        "statistical_value": None,
        "signed_amount": line.signed_amount,
        "client": line.client,
        "documents": list(line.documents),
    }


def compute(kind: str, month: dt.date) -> Computed:
    cn.clear()  # read the CN as it is now (a new year's import changes the units)
    result = Computed(kind=kind, month=month)
    if kind == Declaration.Kind.RECAP:
        recap, problems = rules.recap_lines(recap_sources(month))
        result.lines = [_recap_dict(line) for line in recap]
        result.problems = problems
    elif kind == Declaration.Kind.EMEBI_DISPATCH:
        lines, problems = rules.emebi_lines(dispatch_sources(month), "D")
        recap, recap_problems = rules.recap_lines(recap_sources(month))
        # The EMEBI with its fiscal part carries the credit notes (regime 25, no goods).
        result.lines = [_line_dict(line) for line in lines] + [
            _recap_dict(line) for line in recap if line.regime == rules.REGIME_CREDIT
        ]
        result.problems = problems + [
            p for p in recap_problems if p.document not in {q.document for q in problems}
        ]
    else:
        lines, problems = rules.emebi_lines(arrival_sources(month), "A")
        result.lines = [_line_dict(line) for line in lines]
        result.problems = problems
    result.total_eur = sum(int(line["signed_amount"]) for line in result.lines)
    return result


def declarations_of(month: dt.date) -> dict[str, Declaration | None]:
    """The latest version of each kind for the month (None when none was prepared)."""
    latest: dict[str, Declaration | None] = {kind: None for kind in Declaration.Kind.values}
    for declaration in Declaration.objects.filter(month=month).defer("xml", "xlsx"):
        current = latest.get(declaration.kind)
        if current is None or declaration.version > current.version:
            latest[declaration.kind] = declaration
    return latest


def versions(declaration: Declaration) -> QuerySet[Declaration]:
    return (
        Declaration.objects.filter(kind=declaration.kind, month=declaration.month)
        .defer("xml", "xlsx")
        .order_by("-version")
    )


def declaration_list() -> QuerySet[Declaration]:
    return Declaration.objects.defer("xml", "xlsx").order_by("-month", "kind", "-version")


def invoice_panel(invoice: Invoice) -> dict[str, Any]:
    """The proof section of an intra-EU invoice's page (empty for other invoices)."""
    if not is_intra_eu(invoice):
        return {"intra_eu": False}
    proof = proof_of(invoice)
    result = proof_result(invoice, proof)
    return {
        "intra_eu": True,
        "intra_eu_invoice": invoice,
        "intra_eu_result": result,
        "intra_eu_missing": missing_texts(result),
        "intra_eu_count": proof.evidence.count() if proof else 0,
        "intra_eu_transporter": proof.get_transporter_display() if proof else "",
    }
