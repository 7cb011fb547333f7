"""Writes of the document set: issue a document (numbered, snapshot, PDF), record a document
another party issued as received, mark documents or the whole set as sent.

Nothing leaves while the set does not agree (the consistency check) or a required document
is missing, unless a manager overrides with a reason, which is recorded (role
SHIPPING_DOCUMENT, action RELEASE).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.common.dates import today
from comptoir.documents import shipping_documents as printing
from comptoir.shipping.models import Shipment
from comptoir.trade import export_documents as rules
from comptoir.trade.texts import render

from . import dataset as ds
from . import selectors
from .models import DocumentSet, Kind, SentTo, ShippingDocument

CODES = {
    "commercial_invoice": "CI",
    "packing_list": "PL",
    "shipping_instructions": "SI",
    "cmr": "CMR",
    "bl_instructions": "BLI",
    "bill_of_lading": "BL",
    "awb_instructions": "AWI",
    "air_waybill": "AWB",
    "transport_document": "TD",
    "origin_request": "COR",
    "origin_certificate": "CO",
    "eur1": "EUR1",
    "insurance_request": "INR",
    "insurance_certificate": "INS",
    "dangerous_goods": "DGD",
}

#: Documents another party issues, entered as received (a signed CMR comes back too).
RECEIVED_KINDS = frozenset(
    {
        "bill_of_lading",
        "air_waybill",
        "transport_document",
        "origin_certificate",
        "insurance_certificate",
        "cmr",
    }
)

#: The documents each mode may issue (the others belong to another mode).
MODE_ONLY = {"cmr": "road", "bl_instructions": "sea", "awb_instructions": "air"}

MAX_VERSIONS = 50
MAX_TEXT = 2000


def document_number(shipment_number: str, kind: str, version: int) -> str:
    """The shipment's number, the document's code and its version: EXP-2026-00012-PL.2."""
    return f"{shipment_number}-{CODES[kind]}.{version}"


def _next_version(shipment: Shipment, kind: str) -> int:
    last = ShippingDocument.objects.filter(shipment=shipment, kind=kind).aggregate(
        v=Max("version")
    )["v"]
    version = (last or 0) + 1
    if version > MAX_VERSIONS:
        raise ValidationError(
            {"kind": _("At most %(n)d versions of one document.") % {"n": MAX_VERSIONS}}
        )
    return version


def _replace_previous(shipment: Shipment, kind: str, user: Actor, number: str) -> None:
    for old in ShippingDocument.objects.filter(shipment=shipment, kind=kind).exclude(
        status=ShippingDocument.Status.REPLACED
    ):
        old.status = ShippingDocument.Status.REPLACED
        stamp(old, user, _("Replaced by %(number)s") % {"number": number})
        old.save(update_fields=["status"])


def render_context(
    data: ds.ShipmentDataset, *, kind: str, number: str, day: dt.date, version: int
) -> dict[str, Any]:
    """What the document's template prints."""
    return {
        "d": data,
        "kind": kind,
        "title": Kind(kind).label,
        "number": number,
        "day": day,
        "version": version,
        "seller": data.seller,
        "language": data.language,
    }


def _check_kind(data: ds.ShipmentDataset, kind: str) -> None:
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Unknown document: %(kind)s.") % {"kind": kind}})
    if kind == Kind.COMMERCIAL_INVOICE:
        raise ValidationError(
            {
                "kind": _(
                    "The commercial invoice is issued from the delivery, in Sales; the set "
                    "links to it."
                )
            }
        )
    if not printing.printable(kind):
        raise ValidationError(
            {
                "kind": _("%(document)s is issued by another party: enter it as received.")
                % {"document": Kind(kind).label}
            }
        )
    needed = MODE_ONLY.get(kind)
    if needed and data.mode_group != needed:
        raise ValidationError(
            {
                "kind": _("%(document)s is not used for %(mode)s.")
                % {"document": Kind(kind).label, "mode": data.mode_label}
            }
        )
    if kind == Kind.DANGEROUS_GOODS and not data.dangerous_lines:
        raise ValidationError(
            {"kind": _("No line of this shipment has a UN number: no declaration to make.")}
        )
    if not data.lines:
        raise ValidationError({"kind": _("The shipment has no goods lines to print.")})
    if (
        kind == Kind.INSURANCE_REQUEST
        and data.incoterm.upper() in ("CIF", "CIP")
        and data.insured_value < data.minimum_insured_value
    ):
        raise ValidationError(
            {
                "insured_value": _(
                    "%(incoterm)s: the insured value %(insured)s %(currency)s is below 110 %% "
                    "of the value (%(minimum)s %(currency)s, Incoterms® 2020 %(incoterm)s A5): "
                    "correct it on the shipment."
                )
                % {
                    "incoterm": data.incoterm.upper(),
                    "insured": data.insured_value,
                    "minimum": data.minimum_insured_value,
                    "currency": data.currency,
                }
            }
        )


def issue_document(
    *, shipment: Shipment, kind: str, user: Actor, day: dt.date | None = None
) -> ShippingDocument:
    """Number the document, keep the snapshot of its key figures and its PDF, in the
    partner's language; an earlier version of the same document is marked replaced."""
    require(user, Action.ISSUE, Record.SHIPPING_DOCUMENT)
    data = ds.build(shipment)
    _check_kind(data, kind)
    day = day or today()
    with transaction.atomic():
        Shipment.objects.select_for_update().get(pk=shipment.pk)
        version = _next_version(shipment, kind)
        number = document_number(data.shipment_number, kind, version)
        pdf = printing.document_pdf(
            kind,
            render_context(data, kind=kind, number=number, day=day, version=version),
            data.language,
        )
        _replace_previous(shipment, kind, user, number)
        document = ShippingDocument(
            shipment=shipment,
            kind=kind,
            version=version,
            number=number,
            status=ShippingDocument.Status.ISSUED,
            language=data.language,
            document_date=day,
            figures=ds.figures(data, kind, day),
            pdf=pdf,
            created_by=author(user),
        )
        stamp(document, user)
        document.save()
    return document


@dataclass(frozen=True, kw_only=True)
class ReceivedValues:
    """A document as another party issued it: its number, date and the figures it states
    (leave empty what it does not state)."""

    kind: str
    reference: str
    document_date: dt.date
    packages: int | None = None
    gross_weight_kg: Decimal | None = None
    net_weight_kg: Decimal | None = None
    marks: str = ""
    description: str = ""
    hs_codes: tuple[str, ...] = ()
    consignee: str = ""
    incoterm: str = ""
    note: str = ""


def _check_received(values: ReceivedValues) -> None:
    errors: dict[str, str] = {}
    if values.kind not in RECEIVED_KINDS:
        errors["kind"] = _("%(document)s is not a document received from another party.") % {
            "document": Kind(values.kind).label if values.kind in Kind.values else values.kind
        }
    if not values.reference.strip():
        errors["reference"] = _("Give the document's number as printed on it.")
    if values.document_date > today() + dt.timedelta(days=1):
        errors["document_date"] = _("A document received cannot be dated in the future.")
    if values.packages is not None and not 0 < values.packages <= 1_000_000:
        errors["packages"] = _("Give a number of packages between 1 and 1,000,000.")
    for name in ("gross_weight_kg", "net_weight_kg"):
        weight = getattr(values, name)
        if weight is not None and not Decimal(0) <= weight <= Decimal(10_000_000):
            errors[name] = _("Give a weight between 0 and 10,000,000 kg.")
    if (
        values.gross_weight_kg is not None
        and values.net_weight_kg is not None
        and values.gross_weight_kg < values.net_weight_kg
    ):
        errors["gross_weight_kg"] = _("The gross weight cannot be lower than the net weight.")
    if len(values.hs_codes) > 200:
        errors["hs_codes"] = _("At most 200 HS codes.")
    for name in ("marks", "description", "note"):
        if len(getattr(values, name)) > MAX_TEXT:
            errors[name] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
    if errors:
        raise ValidationError(errors)


def record_received(*, shipment: Shipment, values: ReceivedValues, user: Actor) -> ShippingDocument:
    """Enter a document another party issued (B/L, AWB, signed CMR, certified certificate of
    origin, insurance certificate) with the figures it states; a new entry of the same
    document replaces the earlier one (the history keeps both)."""
    require(user, Action.CHANGE, Record.SHIPPING_DOCUMENT)
    _check_received(values)
    snapshot: dict[str, Any] = {
        "date": values.document_date.isoformat(),
        "transport_document_number": values.reference.strip(),
    }
    if values.packages is not None:
        snapshot["packages"] = values.packages
    for name in ("gross_weight_kg", "net_weight_kg"):
        if getattr(values, name) is not None:
            snapshot[name] = str(getattr(values, name))
    for name in ("marks", "description", "consignee", "incoterm"):
        if getattr(values, name).strip():
            snapshot[name] = getattr(values, name).strip()
    if values.hs_codes:
        snapshot["hs_codes"] = [c.strip() for c in values.hs_codes if c.strip()]
    with transaction.atomic():
        target = Shipment.objects.select_for_update().get(pk=shipment.pk)
        version = _next_version(shipment, values.kind)
        number = document_number(target.number or "", values.kind, version)
        _replace_previous(shipment, values.kind, user, number)
        document = ShippingDocument(
            shipment=shipment,
            kind=values.kind,
            version=version,
            number=number,
            status=ShippingDocument.Status.RECEIVED,
            language=shipment.partner.language or "en",
            reference=values.reference.strip(),
            document_date=values.document_date,
            figures=snapshot,
            note=values.note.strip(),
            created_by=author(user),
        )
        stamp(document, user)
        document.save()
    return document


# ------------------------------------------------------------------------------- sending


def _differences_for_record(
    result: rules.ConsistencyResult, missing: Sequence[str]
) -> list[dict[str, Any]]:
    """The differences accepted, as stored with the override (English rules)."""
    rows: list[dict[str, Any]] = [
        {"field": d.field, "values": [list(v) for v in d.values], "rule": render(d.rule)}
        for d in result.differences
    ]
    if missing:
        rows.append({"field": "missing", "values": [[m, ""] for m in missing], "rule": ""})
    return rows


def _problems(shipment: Shipment) -> tuple[rules.ConsistencyResult, list[str]]:
    data = ds.build(shipment)
    result = selectors.consistency(shipment, data)
    missing = [i.label for i in selectors.missing(selectors.checklist(shipment, data))]
    return result, missing


def _guard(
    shipment: Shipment, user: Actor, override_reason: str, *, whole_set: bool
) -> tuple[rules.ConsistencyResult, list[str], bool]:
    """Refuse while the set does not agree (and, for the whole set, while a required
    document is missing), unless a manager gives a reason. Returns whether it overrode."""
    result, missing = _problems(shipment)
    if not whole_set:
        missing = []
    if result.agrees and not missing:
        return result, missing, False
    reason = override_reason.strip()
    if not reason:
        parts = []
        if not result.agrees:
            parts.append(
                _("%(n)d difference(s) between the documents (%(fields)s)")
                % {
                    "n": len(result.differences),
                    "fields": ", ".join(d.field for d in result.differences),
                }
            )
        if missing:
            parts.append(_("documents still to do: %(docs)s") % {"docs": ", ".join(missing)})
        raise ValidationError(
            {
                "override_reason": _(
                    "The set cannot leave: %(problems)s. Correct and issue again, or a manager "
                    "sends it anyway with a reason."
                )
                % {"problems": "; ".join(parts)}
            }
        )
    if len(reason) > 300:
        raise ValidationError({"override_reason": _("At most %(n)d characters.") % {"n": 300}})
    require(user, Action.RELEASE, Record.SHIPPING_DOCUMENT)
    return result, missing, True


def _check_sending(sent_to: str, sent_on: dt.date) -> None:
    errors: dict[str, str] = {}
    if sent_to not in SentTo.values:
        errors["sent_to"] = _("Choose who receives the documents.")
    if sent_on > today() + dt.timedelta(days=1):
        errors["sent_on"] = _("The date of sending cannot be in the future.")
    if errors:
        raise ValidationError(errors)


def _record_override(
    shipment: Shipment,
    user: Actor,
    reason: str,
    result: rules.ConsistencyResult,
    missing: Sequence[str],
) -> DocumentSet:
    doc_set, _created = DocumentSet.objects.select_for_update().get_or_create(shipment=shipment)
    doc_set.override_reason = reason.strip()
    doc_set.override_by = author(user)
    doc_set.override_at = timezone.now()
    doc_set.override_differences = _differences_for_record(result, missing)
    stamp(doc_set, user, reason.strip())
    doc_set.save()
    return doc_set


def mark_sent(
    *,
    document: ShippingDocument,
    sent_to: str,
    sent_on: dt.date,
    user: Actor,
    override_reason: str = "",
) -> ShippingDocument:
    """One document sent (to the forwarder, the bank, the client...): refused while the set
    does not agree, unless a manager overrides with a reason."""
    require(user, Action.CHANGE, Record.SHIPPING_DOCUMENT)
    _check_sending(sent_to, sent_on)
    if document.status == ShippingDocument.Status.REPLACED:
        raise ValidationError({"document": _("This version was replaced: send the newer one.")})
    shipment = document.shipment
    result, missing, overridden = _guard(shipment, user, override_reason, whole_set=False)
    with transaction.atomic():
        Shipment.objects.select_for_update().get(pk=shipment.pk)
        if overridden:
            _record_override(shipment, user, override_reason, result, missing)
        target = ShippingDocument.objects.select_for_update().get(pk=document.pk)
        target.status = ShippingDocument.Status.SENT
        target.sent_to = sent_to
        target.sent_on = sent_on
        stamp(target, user, override_reason.strip())
        target.save(update_fields=["status", "sent_to", "sent_on"])
    return target


def _invoice_document(shipment: Shipment, user: Actor, day: dt.date) -> ShippingDocument | None:
    """The issued invoice(s) of the deliveries entered in the set, with their figures."""
    if (
        ShippingDocument.objects.filter(shipment=shipment, kind=Kind.COMMERCIAL_INVOICE)
        .exclude(status=ShippingDocument.Status.REPLACED)
        .exists()
    ):
        return None
    invoices = ds.issued_invoices(shipment)
    figures = ds.invoice_figures(
        invoices, "", consignee_is_buyer=shipment.consignee_id in (None, shipment.partner_id)
    )
    if figures is None:
        return None
    version = _next_version(shipment, Kind.COMMERCIAL_INVOICE)
    snapshot: dict[str, Any] = {
        "gross_weight_kg": str(figures.gross_weight_kg),
        "net_weight_kg": str(figures.net_weight_kg),
        "description": figures.description or "",
        "hs_codes": list(figures.hs_codes or ()),
        "incoterm": figures.incoterm or "",
        "date": (figures.date or day).isoformat(),
    }
    if figures.consignee:
        snapshot["consignee"] = figures.consignee
    document = ShippingDocument(
        shipment=shipment,
        kind=Kind.COMMERCIAL_INVOICE,
        version=version,
        number=document_number(shipment.number or "", Kind.COMMERCIAL_INVOICE, version),
        status=ShippingDocument.Status.ISSUED,
        language=invoices[0].language or "en",
        reference=", ".join(i.number or "" for i in invoices),
        document_date=figures.date or day,
        figures=snapshot,
        created_by=author(user),
    )
    stamp(document, user)
    document.save()
    return document


def send_set(
    *,
    shipment: Shipment,
    sent_to: str,
    sent_on: dt.date,
    user: Actor,
    override_reason: str = "",
) -> DocumentSet:
    """The whole set sent (to the bank under a documentary credit, to the client or the
    forwarder): every current document is marked sent with the date. Refused while the
    documents disagree or a required one is missing, unless a manager gives a reason."""
    require(user, Action.CHANGE, Record.SHIPPING_DOCUMENT)
    _check_sending(sent_to, sent_on)
    result, missing, overridden = _guard(shipment, user, override_reason, whole_set=True)
    with transaction.atomic():
        Shipment.objects.select_for_update().get(pk=shipment.pk)
        _invoice_document(shipment, user, sent_on)
        if overridden:
            doc_set = _record_override(shipment, user, override_reason, result, missing)
        else:
            doc_set, _created = DocumentSet.objects.select_for_update().get_or_create(
                shipment=shipment
            )
        for document in ShippingDocument.objects.filter(
            shipment=shipment,
            status__in=[ShippingDocument.Status.ISSUED, ShippingDocument.Status.RECEIVED],
        ):
            document.status = ShippingDocument.Status.SENT
            document.sent_to = sent_to
            document.sent_on = sent_on
            stamp(document, user)
            document.save(update_fields=["status", "sent_to", "sent_on"])
        doc_set.sent_on = sent_on
        doc_set.sent_to = sent_to
        doc_set.sent_by = author(user)
        stamp(doc_set, user, override_reason.strip())
        doc_set.save()
    return doc_set


def parse_decimal(value: str) -> Decimal | None:
    """A figure typed with a comma or a point; empty is None."""
    text = value.strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(value) from exc
