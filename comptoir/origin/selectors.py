"""Reads of the origin area: agreements, products' preferential origins, suppliers'
declarations, what an invoice's statement on origin will be, the EUR.1 / EUR-MED data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import formats, translation

from comptoir.catalog.models import Product
from comptoir.common.dates import today as local_today
from comptoir.parties.models import Company
from comptoir.sales import documents, taxes
from comptoir.sales.models import Invoice, InvoiceLine, SellerProfile
from comptoir.sales.selectors import eur_rate
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Mode, Shipment
from comptoir.trade import origin as rules

from .models import Agreement, ProductOrigin, SupplierDeclaration

#: Rows a list page or an API page reads at most.
MAX_ROWS = 500


def agreements(*, active_only: bool = False) -> QuerySet[Agreement]:
    rows = Agreement.objects.all()
    return rows.filter(active=True) if active_only else rows


def agreement_terms() -> list[rules.AgreementTerms]:
    return [a.terms() for a in agreements(active_only=True)]


def origins_of_product(product: Product) -> QuerySet[ProductOrigin]:
    return ProductOrigin.objects.filter(product=product).select_related("agreement")


def valid_on(day: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def preferential_origins(product_ids: Iterable[int], day: dt.date) -> dict[int, dict[str, str]]:
    """product id -> {agreement code: preferential origin} for origins valid on ``day``."""
    found: dict[int, dict[str, str]] = {}
    rows = (
        ProductOrigin.objects.filter(
            valid_on(day),
            product_id__in=set(product_ids),
            preferential=True,
            agreement__active=True,
        )
        .values_list("product_id", "agreement__code", "origin")
        .order_by()
    )
    for product_id, code, origin in rows:
        found.setdefault(product_id, {})[code] = origin
    return found


def declarations_of_product(product: Product) -> QuerySet[SupplierDeclaration]:
    return (
        SupplierDeclaration.objects.filter(products=product)
        .select_related("supplier")
        .order_by("-valid_to")
    )


def declaration_list(params: Mapping[str, str], today: dt.date) -> QuerySet[SupplierDeclaration]:
    rows = SupplierDeclaration.objects.select_related("supplier").prefetch_related("products")
    q = (params.get("q") or "").strip()[:100]
    if q:
        rows = rows.filter(
            Q(supplier__name__icontains=q)
            | Q(products__reference__icontains=q)
            | Q(reference__icontains=q)
        ).distinct()
    state = params.get("state", "")
    if state == "valid":
        rows = rows.filter(valid_from__lte=today, valid_to__gte=today)
    elif state == "expiring":
        rows = rows.filter(
            valid_to__gte=today, valid_to__lte=today + dt.timedelta(days=rules.REMINDER_DAYS)
        )
    elif state == "expired":
        rows = rows.filter(valid_to__lt=today)
    return rows.order_by("valid_to", "pk")


def expiring_declarations(today: dt.date) -> QuerySet[SupplierDeclaration]:
    """Declarations ending within the reminder window whose reminder is not opened yet."""
    return SupplierDeclaration.objects.filter(
        valid_to__gte=today,
        valid_to__lte=today + dt.timedelta(days=rules.REMINDER_DAYS),
        reminder_opened=False,
    ).select_related("supplier", "supplier__portfolio_owner", "created_by")


# --------------------------------------------------------------------------- invoices


def _goods_lines(lines: Iterable[InvoiceLine]) -> list[InvoiceLine]:
    """The lines that are goods (a product); charges (freight, packing) have no origin."""
    return [line for line in lines if line.product_id is not None]


def _value_eur(invoice: Invoice, goods: list[InvoiceLine], day: dt.date) -> Decimal | None:
    total = sum((line.net_amount or Decimal("0") for line in goods), Decimal("0"))
    if invoice.currency == "EUR":
        return total
    try:
        return total * eur_rate(invoice.currency, day).rate
    except ValidationError:
        return None


def destination_country(invoice: Invoice) -> str:
    """Where the goods go (the agreement is the importing country's): the delivery address
    as issued, else as it will be issued (the delivery's, the order's, the client's)."""
    if invoice.ship_to and invoice.ship_to.get("country"):
        return str(invoice.ship_to["country"])
    return str(taxes.address_snapshot(taxes.delivery_address(invoice), invoice.client)["country"])


def statement_decision(
    invoice: Invoice, lines: list[InvoiceLine], day: dt.date
) -> rules.StatementDecision:
    """The statement on origin an invoice gets on ``day``, or why it gets none."""
    seller = SellerProfile.current()
    goods = _goods_lines(lines)
    origins = preferential_origins((line.product_id for line in goods if line.product_id), day)
    language = invoice.language if invoice.language in ("fr", "en") else "en"
    with translation.override(language):
        date_text = formats.date_format(day, "j F Y")
    country = destination_country(invoice)
    return rules.decide_statement(
        agreements=agreement_terms(),
        country=country,
        lines=[
            rules.LineOrigin(
                line.reference or line.description[:30],
                origins.get(line.product_id or 0, {}),
            )
            for line in goods
        ],
        value_eur=_value_eur(invoice, goods, day),
        exporter=rules.Exporter(
            name=seller.legal_name if seller else "",
            place=seller.city if seller else "",
            rex_number=seller.rex_number if seller else "",
            approved_number=seller.approved_exporter_number if seller else "",
        ),
        language=language,
        date_text=date_text,
    )


def statement_title(code: str, language: str) -> str:
    agreement = Agreement.objects.filter(code=code).first()
    if agreement is None:
        return ""
    return agreement.statement_title_fr if language == "fr" else agreement.statement_title_en


def agreement_named(code: str) -> Agreement | None:
    return Agreement.objects.filter(code=code).first() if code else None


def invoice_outlook(invoice: Invoice) -> dict[str, object]:
    """What the invoice page shows: the statement printed (issued) or to be printed (draft),
    or why there is none."""
    issued = [m for m in (invoice.mentions or []) if m.get("key") == "origin"]
    country = destination_country(invoice)
    covered = bool(rules.candidates(agreement_terms(), country))
    if invoice.is_issued:
        # an invoice to a country without an agreement (France, the EU, the US...): no section
        return {"issued": True, "mentions": issued, "hidden": not issued and not covered}
    if not covered:
        return {"issued": False, "decision": None, "hidden": True}
    if invoice.kind != Invoice.Kind.INVOICE:
        return {"issued": False, "decision": None}
    lines = list(invoice.lines.all())
    decision = statement_decision(invoice, lines, local_today())
    return {
        "issued": False,
        "decision": decision,
        "agreement": agreement_named(decision.agreement),
    }


# --------------------------------------------------------------------------- certificates


@dataclass(frozen=True)
class CertificateItem:
    number: int
    marks: str
    packages: str
    description: str
    gross_kg: Decimal | None
    origin: str


@dataclass(frozen=True)
class CertificateData:
    """The boxes of a movement certificate EUR.1 / EUR-MED (PEM Appendix I Annex IIIa/IIIb;
    the same boxes for the EUR.1 of the other agreements that have one)."""

    kind: str  # "eur1" or "eur_med"
    agreement: str
    agreement_code: str
    exporter: dict[str, str]
    consignee: dict[str, str]
    country_from: str  # box 2: "EU" and the partner
    country_to: str
    origin_country: str  # box 4
    destination_country: str  # box 5
    transport: str  # box 6
    items: tuple[CertificateItem, ...]  # box 8, 9
    invoices: tuple[str, ...]  # box 10
    remarks: str  # box 7
    shipment_number: str
    reason: str
    language: str


def shipment_invoices(shipment: Shipment) -> QuerySet[Invoice]:
    """The invoices of the deliveries (or of the orders of the deliveries) a shipment carries."""
    return (
        Invoice.objects.filter(kind=Invoice.Kind.INVOICE)
        .filter(
            Q(delivery__shipment_link__shipment=shipment)
            | Q(order__deliveries__shipment_link__shipment=shipment)
        )
        .select_related("client")
        .distinct()
        .order_by("pk")
    )


def certificate_agreement(shipment: Shipment) -> Agreement | None:
    """The agreement with a movement certificate that covers the shipment's destination."""
    if shipment.direction != "export":
        return None
    country = shipment.destination_country.upper()
    for agreement in agreements(active_only=True):
        if (agreement.eur1 or agreement.eur_med) and country in {
            str(c).upper() for c in agreement.partners
        }:
            return agreement
    return None


def _company_block(company: Company | None, fallback: SellerProfile | None) -> dict[str, str]:
    if company is not None:
        snap = documents.party_snapshot(company)
        return {
            "name": str(snap.get("name", company.name)),
            "street": str(snap.get("street", "")),
            "city": " ".join(str(snap.get(k, "")) for k in ("postcode", "city")).strip(),
            "country": str(snap.get("country", company.country)),
            "number": str(snap.get("vat_number", "")),
        }
    if fallback is None:
        return {"name": "", "street": "", "city": "", "country": "", "number": ""}
    return {
        "name": fallback.legal_name,
        "street": fallback.street,
        "city": f"{fallback.postcode} {fallback.city}".strip(),
        "country": fallback.country,
        "number": fallback.eori or fallback.vat_number,
    }


def certificate_data(shipment: Shipment, kind: str, language: str) -> CertificateData | None:
    """The boxes of the EUR.1 / EUR-MED for this shipment, or None when no agreement with a
    certificate covers its destination."""
    agreement = certificate_agreement(shipment)
    if agreement is None:
        return None
    if kind not in ("eur1", "eur_med"):
        kind = "eur1" if agreement.eur1 else "eur_med"
    seller = SellerProfile.current()
    day = local_today()
    shipment_lines = list(shipping_selectors.lines(shipment).select_related("product"))
    origins = preferential_origins(
        (line.product_id for line in shipment_lines if line.product_id), day
    )
    items = []
    for index, line in enumerate(shipment_lines, start=1):
        packages = f"{line.packages or ''} {line.package_kind}".strip()
        items.append(
            CertificateItem(
                number=index,
                marks=shipment.marks_and_numbers if index == 1 else "",
                packages=packages,
                description=line.description,
                gross_kg=line.gross_weight_kg,
                origin=origins.get(line.product_id or 0, {}).get(agreement.code, ""),
            )
        )
    transport_bits = [str(shipping_mode_label(shipment.mode, language))]
    transport_bits += [
        v
        for v in (
            shipment.vessel,
            shipment.voyage,
            shipment.flight,
            shipment.place_of_loading,
            shipment.transport_document_number,
        )
        if v
    ]
    invoices = tuple(
        f"{inv.number} ({inv.issue_date:%Y-%m-%d})" if inv.issue_date else str(inv.number or "")
        for inv in shipment_invoices(shipment)
        if inv.number
    )
    partner = shipment.destination_country.upper()
    exporter = _company_block(shipment.shipper, seller)
    if seller is not None and shipment.shipper is None:
        exporter["number"] = seller.eori or seller.vat_number
    consignee = _company_block(shipment.consignee or shipment.partner, None)
    return CertificateData(
        kind=kind,
        agreement=agreement.name,
        agreement_code=agreement.code,
        exporter=exporter,
        consignee=consignee,
        country_from="EU",
        country_to=partner,
        origin_country="EU",
        destination_country=partner,
        transport=" · ".join(transport_bits),
        items=tuple(items),
        invoices=invoices,
        remarks="",
        shipment_number=shipment.number or "",
        reason="",
        language=language,
    )


def shipping_mode_label(mode: str, language: str) -> str:
    with translation.override(language):
        return str(Mode(mode).label) if mode in Mode.values else mode
