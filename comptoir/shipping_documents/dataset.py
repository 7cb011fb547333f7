"""One dataset per shipment: everything the documents of the set print, read once.

Built from the shipment (shipping selectors), its deliveries' orders and issued invoices
(sales selectors), our company profile and the products, in the partner's language. Every
document of the set is printed from this one value, and its key figures (:func:`figures`)
are what an issued document keeps as its snapshot, so the consistency check compares like
with like.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils import translation

from comptoir.catalog import selectors as catalog_selectors
from comptoir.common.countries import country_name
from comptoir.parties.models import Address, Company
from comptoir.sales import selectors as sales_selectors
from comptoir.sales.documents import client_block, seller_context
from comptoir.sales.models import Delivery, Invoice
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Mode, Shipment
from comptoir.trade import export_documents as rules

MODE_GROUP: dict[str, rules.ModeGroup] = {
    Mode.ROAD_GROUPAGE: "road",
    Mode.ROAD_FULL: "road",
    Mode.AIR: "air",
    Mode.EXPRESS: "air",
    Mode.SEA_FCL: "sea",
    Mode.SEA_LCL: "sea",
    Mode.RAIL: "rail",
    Mode.MULTIMODAL: "multimodal",
}


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    street: str = ""
    street2: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""
    country_name: str = ""
    vat_number: str = ""
    eori: str = ""
    email: str = ""
    phone: str = ""

    @property
    def lines(self) -> list[str]:
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return [
            p for p in (self.name, self.street, self.street2, place, self.country_name.upper()) if p
        ]


@dataclass(frozen=True, slots=True)
class GoodsLine:
    position: int
    reference: str
    description: str
    hs_code: str
    origin_country: str
    origin_name: str
    quantity: Decimal
    packages: int | None
    package_kind: str
    net_weight_kg: Decimal
    gross_weight_kg: Decimal
    value: Decimal
    un_number: str
    dangerous_class: str
    packing_group: str
    proper_shipping_name: str
    #: the CN code's label in the partner's language (catalog.selectors.cn_short_labels)
    goods_label: str = ""


@dataclass(frozen=True, slots=True)
class ContainerRow:
    number: str
    seal_number: str
    equipment_code: str
    packages: int | None
    gross_weight_kg: Decimal | None
    verified_gross_mass_kg: Decimal | None


@dataclass(frozen=True, slots=True)
class InvoiceRef:
    number: str
    issue_date: dt.date | None
    total: Decimal
    currency: str
    pk: int


@dataclass(frozen=True, slots=True)
class ShipmentDataset:
    shipment_id: int
    shipment_number: str
    reference: str
    language: str
    mode: str
    mode_label: str
    mode_group: rules.ModeGroup
    shipper: Party
    consignee: Party
    notify: Party | None
    carrier: Party | None
    forwarder: Party | None
    customs_broker: Party | None
    incoterm: str
    incoterm_place: str
    payment_instrument: str
    origin_country: str
    origin_country_name: str
    destination_country: str
    destination_country_name: str
    place_of_loading: str
    loading_locode: str
    place_of_discharge: str
    discharge_locode: str
    place_of_delivery: str
    delivery_locode: str
    vessel: str
    voyage: str
    flight: str
    transport_document_number: str
    goods_description: str
    marks_and_numbers: str
    packages: int | None
    package_kind: str
    gross_weight_kg: Decimal | None
    net_weight_kg: Decimal | None
    volume_m3: Decimal | None
    chargeable_weight_kg: Decimal | None
    temperature_min_c: Decimal | None
    temperature_max_c: Decimal | None
    handling_instructions: str
    value: Decimal
    currency: str
    insured_value: Decimal
    minimum_insured_value: Decimal
    insurance_clauses: str
    insurance_rule: str
    lines: tuple[GoodsLine, ...]
    containers: tuple[ContainerRow, ...]
    orders: tuple[str, ...]
    client_references: tuple[str, ...]
    invoices: tuple[InvoiceRef, ...]
    ready_on: dt.date | None
    departure_on: dt.date | None
    seller: dict[str, Any]

    @property
    def dangerous_lines(self) -> tuple[GoodsLine, ...]:
        return tuple(line for line in self.lines if line.un_number)

    @property
    def hs_codes(self) -> tuple[str, ...]:
        return tuple(sorted({line.hs_code for line in self.lines if line.hs_code}))

    @property
    def eu_origin(self) -> bool:
        return bool(self.lines) and all(
            line.origin_country in rules.EU_COUNTRIES for line in self.lines
        )

    @property
    def legalisation(self) -> bool:
        """The destination commonly asks for legalised documents."""
        return self.destination_country.upper() in rules.LEGALISATION_COUNTRIES

    @property
    def dangerous_regime(self) -> str:
        return rules.dangerous_goods_regime(self.mode_group)


def _party(company: Company | None, language: str, address: Address | None = None) -> Party | None:
    if company is None:
        return None
    block = client_block(company, language)
    party = Party(
        name=block["name"],
        street=block["street"],
        street2=block["street2"],
        postcode=block["postcode"],
        city=block["city"],
        country=block["country"],
        country_name=block["country_name"],
        vat_number=block["vat_number"],
        eori=block["eori"],
        email=block["email"],
        phone=company.phone,
    )
    if address is not None:
        party = Party(
            name=party.name,
            street=address.line1,
            street2=address.line2,
            postcode=address.postcode,
            city=address.city,
            country=address.country,
            country_name=country_name(address.country, language),
            vat_number=party.vat_number,
            eori=party.eori,
            email=party.email,
            phone=party.phone,
        )
    return party


def _seller_party(seller: dict[str, Any], language: str) -> Party:
    return Party(
        name=seller.get("legal_name", ""),
        street=seller.get("street", ""),
        postcode=seller.get("postcode", ""),
        city=seller.get("city", ""),
        country=seller.get("country", "FR"),
        country_name=country_name(seller.get("country", "FR"), language),
        vat_number=seller.get("vat_number", ""),
        eori=seller.get("eori", ""),
        email=seller.get("email", ""),
        phone=seller.get("phone", ""),
    )


def _label(label: Any, language: str) -> str:
    with translation.override(language):
        return str(label)


def issued_invoices(shipment: Shipment) -> list[Invoice]:
    """The issued invoices of the shipment's goods: each delivery's own invoice, else the
    invoice of its whole order (an advance or pro forma paid invoice made from the order)."""
    found: list[Invoice] = []
    for delivery in shipping_selectors.deliveries(shipment):
        assert isinstance(delivery, Delivery)
        invoice = sales_selectors.delivery_invoice(delivery)
        if invoice is not None and invoice.status == Invoice.Status.ISSUED:
            candidates = [invoice]
        else:
            candidates = list(
                Invoice.objects.filter(
                    order_id=delivery.order_id,
                    delivery__isnull=True,
                    kind=Invoice.Kind.INVOICE,
                    status=Invoice.Status.ISSUED,
                ).order_by("pk")
            )
        found.extend(i for i in candidates if i not in found)
    return found


def build(shipment: Shipment) -> ShipmentDataset:
    """The dataset of one shipment, in its partner's language."""
    shipment = shipping_selectors.shipment_for_page(shipment.pk)
    language = shipment.partner.language or "en"
    seller = seller_context()
    shipper = _party(shipment.shipper, language) or _seller_party(seller, language)
    consignee = _party(shipment.consignee or shipment.partner, language, shipment.consignee_address)
    assert consignee is not None
    lines = []
    shipment_lines = list(shipping_selectors.lines(shipment))
    labels = catalog_selectors.cn_short_labels((line.hs_code for line in shipment_lines), language)
    for line in shipment_lines:
        product = line.product
        lines.append(
            GoodsLine(
                position=line.position,
                reference=product.reference if product else "",
                description=line.description,
                hs_code=line.hs_code,
                origin_country=line.origin_country,
                origin_name=country_name(line.origin_country, language)
                if line.origin_country
                else "",
                quantity=line.quantity,
                packages=line.packages,
                package_kind=line.package_kind,
                net_weight_kg=line.net_weight_kg,
                gross_weight_kg=line.gross_weight_kg,
                value=line.value,
                un_number=line.un_number,
                dangerous_class=line.dangerous_class,
                packing_group=line.packing_group,
                proper_shipping_name=(product.name_en if product else line.description).upper(),
                goods_label=labels.get(line.hs_code, "") if len(line.hs_code) >= 8 else "",
            )
        )
    deliveries = [d for d in shipping_selectors.deliveries(shipment) if isinstance(d, Delivery)]
    orders = sorted({d.order.number for d in deliveries if d.order.number})
    client_refs = sorted({d.order.client_reference for d in deliveries if d.order.client_reference})
    invoices = [
        InvoiceRef(i.number or "", i.issue_date, i.gross_total, i.currency, i.pk)
        for i in issued_invoices(shipment)
    ]
    cover = rules.insurance_cover(shipment.value, shipment.incoterm)
    milestones = {m.step: m for m in shipping_selectors.milestones_in_order(shipment)}

    def _day(step: str) -> dt.date | None:
        m = milestones.get(step)
        if m is None:
            return None
        return m.actual_at.date() if m.actual_at else m.planned_on

    return ShipmentDataset(
        shipment_id=shipment.pk,
        shipment_number=shipment.number or "",
        reference=shipment.reference,
        language=language,
        mode=shipment.mode,
        mode_label=_label(Mode(shipment.mode).label, language),
        mode_group=MODE_GROUP[shipment.mode],
        shipper=shipper,
        consignee=consignee,
        notify=_party(shipment.notify, language),
        carrier=_party(shipment.carrier, language),
        forwarder=_party(shipment.forwarder, language),
        customs_broker=_party(shipment.customs_broker, language),
        incoterm=shipment.incoterm,
        incoterm_place=shipment.incoterm_place,
        payment_instrument=shipment.payment_instrument,
        origin_country=shipment.origin_country,
        origin_country_name=country_name(shipment.origin_country, language),
        destination_country=shipment.destination_country,
        destination_country_name=country_name(shipment.destination_country, language),
        place_of_loading=shipment.place_of_loading,
        loading_locode=shipment.loading_locode,
        place_of_discharge=shipment.place_of_discharge,
        discharge_locode=shipment.discharge_locode,
        place_of_delivery=shipment.place_of_delivery,
        delivery_locode=shipment.delivery_locode,
        vessel=shipment.vessel,
        voyage=shipment.voyage,
        flight=shipment.flight,
        transport_document_number=shipment.transport_document_number,
        goods_description=shipment.goods_description,
        marks_and_numbers=shipment.marks_and_numbers,
        packages=shipment.packages,
        package_kind=shipment.package_kind,
        gross_weight_kg=shipment.gross_weight_kg,
        net_weight_kg=shipment.net_weight_kg,
        volume_m3=shipment.volume_m3,
        chargeable_weight_kg=shipment.chargeable_weight_kg,
        temperature_min_c=shipment.temperature_min_c,
        temperature_max_c=shipment.temperature_max_c,
        handling_instructions=shipment.handling_instructions,
        value=shipment.value,
        currency=shipment.currency,
        insured_value=shipment.insured_value or cover.insured_value,
        minimum_insured_value=cover.insured_value,
        insurance_clauses=cover.clauses,
        insurance_rule=cover.rule,
        lines=tuple(lines),
        containers=tuple(
            ContainerRow(
                c.number,
                c.seal_number,
                c.equipment_code,
                c.packages,
                c.gross_weight_kg,
                c.verified_gross_mass_kg,
            )
            for c in shipment.containers.all()
        ),
        orders=tuple(orders),
        client_references=tuple(client_refs),
        invoices=tuple(invoices),
        ready_on=_day("ready"),
        departure_on=_day("departure"),
        seller=seller,
    )


# -------------------------------------------------------------- key figures (snapshots)

#: Which key figures each document states (the others are not compared for it).
STATES: dict[str, frozenset[str]] = {
    "packing_list": frozenset(rules.FIELDS),
    "shipping_instructions": frozenset(rules.FIELDS),
    "cmr": frozenset(rules.FIELDS) - {"net_weight_kg"},
    "bl_instructions": frozenset(rules.FIELDS) - {"incoterm"},
    "awb_instructions": frozenset(rules.FIELDS) - {"incoterm", "marks"},
    "origin_request": frozenset(rules.FIELDS) - {"incoterm"},
    "eur1": frozenset(rules.FIELDS) - {"incoterm", "net_weight_kg"},
    "insurance_request": frozenset(rules.FIELDS) - {"net_weight_kg", "hs_codes"},
    "dangerous_goods": frozenset({"marks", "consignee"}),
}

ROLES: dict[str, rules.Role] = {
    "commercial_invoice": "invoice",
    "packing_list": "packing",
    "shipping_instructions": "instructions",
    "bl_instructions": "instructions",
    "awb_instructions": "instructions",
    "cmr": "transport",
    "bill_of_lading": "transport",
    "air_waybill": "transport",
    "transport_document": "transport",
    "origin_request": "origin",
    "origin_certificate": "origin",
    "eur1": "origin",
    "insurance_request": "insurance",
    "insurance_certificate": "insurance",
    "dangerous_goods": "other",
}


def _str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def figures(data: ShipmentDataset, kind: str, day: dt.date) -> dict[str, Any]:
    """The snapshot an issued document keeps (JSON): the key figures it states, its date,
    the consignee, Incoterm and place and the transport document number."""
    states = STATES.get(kind, frozenset(rules.FIELDS))
    every: dict[str, Any] = {
        "packages": data.packages,
        "gross_weight_kg": _str(data.gross_weight_kg),
        "net_weight_kg": _str(data.net_weight_kg),
        "marks": data.marks_and_numbers,
        "description": data.goods_description,
        "hs_codes": list(data.hs_codes),
        "consignee": data.consignee.name,
        "incoterm": f"{data.incoterm} {data.incoterm_place}".strip(),
    }
    snapshot = {name: value for name, value in every.items() if name in states}
    snapshot["date"] = day.isoformat()
    snapshot["transport_document_number"] = data.transport_document_number
    snapshot["package_kind"] = data.package_kind
    return snapshot


def figures_of(label: str, kind: str, snapshot: dict[str, Any]) -> rules.DocumentFigures:
    """A stored snapshot read back as the trade core's figures."""

    def dec(name: str) -> Decimal | None:
        value = snapshot.get(name)
        return None if value in (None, "") else Decimal(str(value))

    hs = snapshot.get("hs_codes")
    day = snapshot.get("date")
    packages = snapshot.get("packages")
    return rules.DocumentFigures(
        label=label,
        role=ROLES.get(kind, "other"),
        packages=None if packages in (None, "") else int(str(packages)),
        gross_weight_kg=dec("gross_weight_kg"),
        net_weight_kg=dec("net_weight_kg"),
        marks=snapshot.get("marks") or None,
        description=snapshot.get("description") or None,
        hs_codes=tuple(hs) if hs else None,
        consignee=snapshot.get("consignee") or None,
        incoterm=snapshot.get("incoterm") or None,
        date=dt.date.fromisoformat(day) if day else None,
    )


def shipment_figures(data: ShipmentDataset, label: str) -> rules.DocumentFigures:
    """The shipment's current figures, the reference every document is compared with."""
    current = figures_of(label, "shipment", figures(data, "shipment", dt.date.today()))
    return replace(current, role="shipment", date=None)


def invoice_figures(
    invoices: list[Invoice], label: str, *, consignee_is_buyer: bool = True
) -> rules.DocumentFigures | None:
    """The issued invoice(s) of the deliveries as one document: weights summed, the goods'
    descriptions and HS codes, the buyer (or the delivery address's name), Incoterm, the
    latest date. The invoice states no packages count nor marks."""
    if not invoices:
        return None
    net = Decimal(0)
    gross = Decimal(0)
    descriptions: set[str] = set()
    codes: set[str] = set()
    for invoice in invoices:
        for line in invoice.lines.all():
            net += line.net_weight_kg or 0
            gross += line.gross_weight_kg or 0
            descriptions.add(line.description)
            if line.hs_code:
                codes.add(line.hs_code)
    first = invoices[0]
    # The invoice names the buyer: compared only when the buyer is the consignee.
    consignee = (first.buyer or {}).get("name", "") if consignee_is_buyer else ""
    dates = [i.issue_date for i in invoices if i.issue_date]
    return rules.DocumentFigures(
        label=label,
        role="invoice",
        gross_weight_kg=gross.quantize(Decimal("0.001")),
        net_weight_kg=net.quantize(Decimal("0.001")),
        description="; ".join(sorted(descriptions)) or None,
        hs_codes=tuple(sorted(codes)) or None,
        consignee=consignee or None,
        incoterm=f"{first.incoterm} {first.incoterm_place}".strip() or None,
        date=max(dates) if dates else None,
    )
