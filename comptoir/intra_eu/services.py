"""Writes of the intra-EU area: the proof of transport of an invoice, the declarant settings,
and the monthly declarations (prepared as drafts, frozen when filed, corrected by a new
version).

Every service checks the role matrix first, writes in one transaction and names the author
for the history. Invoices are only read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.calculators.texts import translate
from comptoir.common.dates import today as local_today
from comptoir.documents import instat
from comptoir.parties import selectors as parties_selectors
from comptoir.parties import services as parties
from comptoir.sales.models import Invoice
from comptoir.trade import intra_eu as rules

from . import files, selectors
from .models import DeclarantSettings, Declaration, Evidence, EvidenceKind, InvoiceProof

#: Largest file kept per item of evidence (bytes).
MAX_FILE_BYTES = 10 * 1024 * 1024
#: Items of evidence one invoice may hold.
MAX_ITEMS_PER_INVOICE = 30

_FILE_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


@dataclass(frozen=True)
class EvidenceValues:
    kind: str
    issuer: str
    received_on: dt.date
    reference: str = ""
    document_date: dt.date | None = None
    contradicts: bool = False


@dataclass(frozen=True)
class DeclarantValues:
    nic: str
    approval_number: str
    department: str
    emebi_dispatches: bool
    emebi_arrivals: bool
    default_nature: str
    proof_days: int


def _check_file(upload: UploadedFile) -> tuple[bytes, str]:
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 2**20}}
        )
    upload.seek(0)
    raw = upload.read(MAX_FILE_BYTES + 1)
    for magic, content_type in _FILE_TYPES.items():
        if raw.startswith(magic):
            return raw, content_type
    raise ValidationError({"file": _("Only PDF documents and JPEG or PNG pictures are kept.")})


def _intra_eu_invoice(invoice: Invoice) -> None:
    if not selectors.is_intra_eu(invoice):
        raise ValidationError(
            _("Only an issued invoice exempt as an intra-EU supply needs a proof of transport.")
        )


def _proof_for(invoice: Invoice, user: Actor) -> InvoiceProof:
    proof = InvoiceProof.objects.select_for_update().filter(invoice=invoice).first()
    if proof is None:
        proof = InvoiceProof(invoice=invoice)
        stamp(proof, user)
        proof.save()
    return proof


def set_transporter(*, invoice: Invoice, transporter: str, notes: str, user: Actor) -> InvoiceProof:
    """Who transports the goods of this invoice (the buyer's statement is then needed)."""
    require(user, Action.CHANGE, Record.INTRA_EU_PROOF)
    _intra_eu_invoice(invoice)
    if transporter not in rules.Transporter.__members__.values():
        raise ValidationError({"transporter": _("Choose who transports the goods.")})
    with transaction.atomic():
        proof = _proof_for(invoice, user)
        proof.transporter = transporter
        proof.notes = notes[:2000]
        stamp(proof, user)
        proof.save()
    return proof


def add_evidence(
    *,
    invoice: Invoice,
    values: EvidenceValues,
    user: Actor,
    upload: UploadedFile | None = None,
) -> Evidence:
    """Record an item of evidence received for an intra-EU invoice, with its file."""
    require(user, Action.CREATE, Record.INTRA_EU_PROOF)
    _intra_eu_invoice(invoice)
    errors: dict[str, str] = {}
    if values.kind not in EvidenceKind.values:
        errors["kind"] = _("Choose the kind of document.")
    if not values.issuer.strip():
        errors["issuer"] = _("Say who issued the document (carrier, insurer, bank...).")
    today = local_today()
    if values.received_on > today:
        errors["received_on"] = _("The date received cannot be in the future.")
    if values.document_date and values.document_date > today:
        errors["document_date"] = _("The document date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    raw, content_type = _check_file(upload) if upload is not None else (None, "")
    with transaction.atomic():
        proof = _proof_for(invoice, user)
        if proof.evidence.count() >= MAX_ITEMS_PER_INVOICE:
            raise ValidationError(
                _("An invoice keeps at most %(n)d items of evidence.")
                % {"n": MAX_ITEMS_PER_INVOICE}
            )
        item = Evidence(
            proof=proof,
            kind=values.kind,
            issuer=values.issuer.strip()[:120],
            reference=values.reference.strip()[:80],
            document_date=values.document_date,
            received_on=values.received_on,
            contradicts=values.contradicts,
            file=raw,
            file_name=(upload.name or "")[-120:] if upload is not None else "",
            content_type=content_type,
            created_by=author(user),
        )
        stamp(item, user)
        item.save()
        if selectors.proof_result(invoice, proof).presumed:
            _close_chase(invoice, user)
    return item


def _chase_url(invoice: Invoice) -> str:
    from django.urls import reverse

    return reverse("intra_eu:invoice_proof", args=[invoice.pk])


def _close_chase(invoice: Invoice, user: Actor) -> None:
    parties.close_tasks(
        tasks=parties_selectors.open_tasks(notes=_chase_url(invoice)),
        user=user,
        reason="Proof of intra-EU transport sufficient",
    )


def chase_missing_proofs(day: dt.date) -> int:
    """Daily: a task for whoever issued each intra-EU invoice (else the client's owner) still
    without sufficient proof after the declarant's delay, once per invoice."""
    opened = 0
    for row in selectors.proof_rows({}, today=day):
        invoice = row.invoice
        owner = invoice.issued_by or invoice.client.portfolio_owner
        url = _chase_url(invoice)
        if owner is None or parties_selectors.open_tasks(notes=url).exists():
            continue
        profile = getattr(owner, "profile", None)
        with translation.override(getattr(profile, "language", None) or "fr"):
            title = _(
                "Get the proof of transport of intra-EU invoice %(number)s (supplied %(day)s)"
            ) % {
                "number": invoice.number,
                "day": formats.date_format(selectors.supply_date(invoice), "SHORT_DATE_FORMAT"),
            }
        parties.open_task(
            title=title[:200],
            due=day,
            assigned_to=owner,
            company=invoice.client,
            notes=url,
            user=None,
        )
        opened += 1
    return opened


def delete_evidence(*, evidence: Evidence, user: Actor, reason: str) -> None:
    require(user, Action.DELETE, Record.INTRA_EU_PROOF)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this item is removed.")})
    with transaction.atomic():
        stamp(evidence, user, reason)
        evidence.delete()


def save_settings(*, values: DeclarantValues, user: Actor) -> DeclarantSettings:
    require(user, Action.ADMINISTER, Record.INTRA_EU_DECLARATION)
    errors: dict[str, str] = {}
    if values.nic and (len(values.nic) != 5 or not values.nic.isdigit()):
        errors["nic"] = _("The NIC is the 5 last digits of the SIRET.")
    if values.department and not (
        len(values.department) == 2
        and (values.department.isdigit() or values.department in ("2A", "2B"))
        or values.department in ("971", "972", "973", "974", "976")
    ):
        errors["department"] = _("A French department: 01 to 95, 2A, 2B or 971 to 976.")
    if values.default_nature not in rules.NATURE_OF_TRANSACTION:
        errors["default_nature"] = _("Unknown nature of transaction.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        declarant = DeclarantSettings.objects.select_for_update().order_by("pk").first()
        declarant = declarant or DeclarantSettings()
        declarant.nic = values.nic
        declarant.approval_number = values.approval_number.strip()[:20]
        declarant.department = values.department.upper()
        declarant.emebi_dispatches = values.emebi_dispatches
        declarant.emebi_arrivals = values.emebi_arrivals
        declarant.default_nature = values.default_nature
        declarant.proof_days = max(1, min(values.proof_days, 365))
        stamp(declarant, user)
        declarant.save()
    return declarant


# --------------------------------------------------------------------------- declarations


def prepare(*, kind: str, month: dt.date, user: Actor, reason: str = "") -> Declaration:
    """The draft of a month's declaration: the open draft if there is one, else version 1,
    else (after a filing) a correction, which needs its reason."""
    require(user, Action.CREATE, Record.INTRA_EU_DECLARATION)
    if kind not in Declaration.Kind.values:
        raise ValidationError({"kind": _("Unknown declaration.")})
    month = month.replace(day=1)
    if month > local_today().replace(day=1):
        raise ValidationError({"month": _("A month that has not begun cannot be declared.")})
    with transaction.atomic():
        latest = (
            Declaration.objects.select_for_update()
            .filter(kind=kind, month=month)
            .order_by("-version")
            .first()
        )
        if latest is not None and not latest.is_filed:
            return latest
        if latest is not None and not reason.strip():
            raise ValidationError(
                {"reason": _("This month is filed: say why you prepare a correction.")}
            )
        declaration = Declaration(
            kind=kind,
            month=month,
            version=latest.version + 1 if latest else 1,
            correction_reason=reason.strip()[:250],
        )
        stamp(declaration, user, reason)
        declaration.save()
    return declaration


def file_declaration(
    *, declaration: Declaration, user: Actor, portal_reference: str = ""
) -> Declaration:
    """Freeze a draft as filed: its lines, the XML file (checked against the schema) and
    the XLSX are kept and never computed again."""
    require(user, Action.ISSUE, Record.INTRA_EU_DECLARATION)
    with transaction.atomic():
        declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
        if declaration.is_filed:
            raise ValidationError(_("This declaration is already filed."))
        computed = selectors.compute(declaration.kind, declaration.month)
        problems = [translate(p.message) for p in computed.problems]
        problems += files.setup_problems()
        if problems:
            raise ValidationError(problems)
        if not computed.lines:
            raise ValidationError(
                _(
                    "Nothing to declare this month: the portal takes no empty file; declare "
                    "'nothing to report' on DEB sur le web if the customs ask for it."
                )
            )
        xml = files.xml_file(declaration.kind, declaration.month, computed.lines)
        schema_errors = instat.validate(xml)
        if schema_errors:
            raise ValidationError(
                [_("The file does not match the DEB schema:")] + schema_errors[:10]
            )
        declaration.lines = computed.lines
        declaration.item_count = len(computed.lines)
        declaration.total_eur = computed.total_eur
        declaration.xml = xml
        declaration.xml_sha256 = hashlib.sha256(xml).hexdigest()
        declaration.xlsx = files.xlsx_file(declaration.kind, declaration.month, computed.lines)
        declaration.status = Declaration.Status.FILED
        declaration.filed_at = timezone.now()
        declaration.filed_by = author(user)
        declaration.portal_reference = portal_reference.strip()[:60]
        stamp(declaration, user)
        declaration.save()
    return declaration
