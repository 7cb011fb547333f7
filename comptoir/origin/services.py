"""Writes of the origin area: the agreements table, products' preferential origins, the
suppliers' declarations and their reminders; and the statement on origin given to
``sales.mentions`` for the invoices being issued.

Every service checks the role matrix first, writes in one transaction and names the author
for the history. Tasks are opened through ``parties.services``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.calculators.texts import translate
from comptoir.catalog.models import Product
from comptoir.common.countries import is_country
from comptoir.common.dates import today as local_today
from comptoir.parties import services as parties
from comptoir.sales.mentions import Mention
from comptoir.sales.models import Invoice, InvoiceLine
from comptoir.trade import origin as rules
from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text

from . import selectors
from .inputs import AgreementValues, DeclarationValues, OriginValues
from .models import Agreement, Basis, ExporterNumber, ProductOrigin, SupplierDeclaration

#: Largest declaration file kept (bytes).
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Most partner countries an agreement lists; most products a declaration covers.
MAX_PARTNERS = 60
MAX_PRODUCTS = 200
#: Codes the EU uses that ISO 3166 does not list (Kosovo).
_EXTRA_COUNTRIES = frozenset({"XK"})


def _country_ok(code: str) -> bool:
    return code.upper() in _EXTRA_COUNTRIES or is_country(code)


def _origin_ok(code: str) -> bool:
    return code.upper() == "EU" or _country_ok(code)


def _message(message: str) -> str:
    """A trade-core message in the user's language."""
    return translate(message) if isinstance(message, Text) else message


# --------------------------------------------------------------------------- agreements


def save_agreement(
    *, agreement: Agreement | None, values: AgreementValues, user: Actor
) -> Agreement:
    """Create or change an agreement of the table; the wordings are checked (placeholders)."""
    require(user, Action.CHANGE if agreement else Action.CREATE, Record.TRADE_AGREEMENT)
    errors: dict[str, str] = {}
    partners = tuple(dict.fromkeys(c.strip().upper() for c in values.partners if c.strip()))
    bad = [c for c in partners if not _country_ok(c)]
    if bad:
        errors["partners"] = _("Unknown country code: %(codes)s.") % {"codes": ", ".join(bad)}
    elif not partners:
        errors["partners"] = _("Give at least one partner country.")
    elif len(partners) > MAX_PARTNERS:
        errors["partners"] = _("At most %(n)d countries.") % {"n": MAX_PARTNERS}
    for name in ("wording_en", "wording_fr"):
        wording = getattr(values, name)
        if values.statement and not wording.strip():
            errors[name] = _("Copy the statement's wording from the agreement's annex.")
        elif wording.strip():
            try:
                rules.check_wording(wording, name)
            except TradeInputError as exc:
                errors[name] = _message(exc.message)
    if not values.statement and not (values.eur1 or values.eur_med):
        errors["statement"] = _("An agreement needs a proof: a statement or a certificate.")
    if values.exporter_number not in ExporterNumber.values:
        errors["exporter_number"] = _("Choose REX or approved exporter.")
    if values.threshold_eur < 0:
        errors["threshold_eur"] = _("The threshold cannot be negative.")
    clash = Agreement.objects.filter(code=values.code)
    if agreement is not None:
        clash = clash.exclude(pk=agreement.pk)
    if clash.exists():
        errors["code"] = _("Another agreement has this code.")
    if errors:
        raise ValidationError(errors)
    record = agreement or Agreement()
    for name in (
        "code",
        "name",
        "statement",
        "statement_title_en",
        "statement_title_fr",
        "wording_en",
        "wording_fr",
        "eur1",
        "eur_med",
        "exporter_number",
        "threshold_eur",
        "priority",
        "source",
        "active",
    ):
        setattr(record, name, getattr(values, name))
    record.partners = list(partners)
    with transaction.atomic():
        stamp(record, user, "agreement changed" if agreement else "agreement added")
        record.save()
    return record


# --------------------------------------------------------------------------- product origins


def save_product_origin(
    *,
    product: Product,
    values: OriginValues,
    user: Actor,
    origin: ProductOrigin | None = None,
) -> ProductOrigin:
    """Record (or change) a product's preferential origin under one agreement."""
    require(user, Action.CHANGE if origin else Action.CREATE, Record.PRODUCT_ORIGIN)
    errors: dict[str, str] = {}
    code = values.origin.strip().upper()
    agreement = values.agreement
    partners = {str(c).upper() for c in agreement.partners}
    if values.preferential:
        if not _origin_ok(code):
            errors["origin"] = _("Give EU or a country's ISO code.")
        elif code != "EU" and code not in partners:
            errors["origin"] = _(
                "The preferential origin is the EU or a partner of %(agreement)s (%(partners)s)."
            ) % {"agreement": agreement.name, "partners": ", ".join(sorted(partners))}
        if not values.basis:
            errors["basis"] = _("Say what the origin rests on.")
        elif values.basis not in Basis.values:
            errors["basis"] = _("Unknown basis.")
        if values.basis == Basis.SUFFICIENT_PROCESSING and not values.rule.strip():
            errors["rule"] = _("Give the product-specific rule met (e.g. CTH, MaxNOM 50 % (EXW)).")
    if values.valid_from and values.valid_to and values.valid_to < values.valid_from:
        errors["valid_to"] = _("The period ends before it starts.")
    clash = ProductOrigin.objects.filter(product=product, agreement=agreement)
    if origin is not None:
        clash = clash.exclude(pk=origin.pk)
    if clash.exists():
        errors["agreement"] = _("This product already has an origin under this agreement.")
    if errors:
        raise ValidationError(errors)
    record = origin or ProductOrigin(product=product)
    record.agreement = agreement
    record.preferential = values.preferential
    record.origin = code if values.preferential else ""
    record.basis = values.basis if values.preferential else values.basis or ""
    record.rule = values.rule.strip()[:200]
    record.valid_from = values.valid_from
    record.valid_to = values.valid_to
    record.note = values.note.strip()
    with transaction.atomic():
        stamp(record, user, "origin changed" if origin else "origin added")
        record.save()
    return record


def delete_product_origin(*, origin: ProductOrigin, user: Actor) -> None:
    require(user, Action.DELETE, Record.PRODUCT_ORIGIN)
    with transaction.atomic():
        stamp(origin, user, "origin removed")
        origin.delete()


# --------------------------------------------------------------------------- declarations


def _check_file(upload: UploadedFile) -> None:
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 2**20}}
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError({"file": _("Attach the signed declaration as a PDF.")})


def save_declaration(
    *,
    declaration: SupplierDeclaration | None,
    values: DeclarationValues,
    user: Actor,
    upload: UploadedFile | None = None,
) -> SupplierDeclaration:
    """Record (or change) a supplier's declaration, its products and its signed file."""
    require(user, Action.CHANGE if declaration else Action.CREATE, Record.SUPPLIER_DECLARATION)
    errors: dict[str, str] = {}
    if not values.products:
        errors["products"] = _("Choose the products the declaration covers.")
    elif len(values.products) > MAX_PRODUCTS:
        errors["products"] = _("At most %(n)d products.") % {"n": MAX_PRODUCTS}
    if values.kind not in SupplierDeclaration.Kind.values:
        errors["kind"] = _("Unknown kind.")
    preferential = values.preferential and values.kind != SupplierDeclaration.Kind.NON_PREFERENTIAL
    origin = values.origin.strip().upper()
    if not _origin_ok(origin):
        errors["origin"] = _("Give EU or a country's ISO code.")
    problem = rules.declaration_problem(
        valid_from=values.valid_from,
        valid_to=values.valid_to,
        long_term=values.kind != SupplierDeclaration.Kind.SINGLE,
    )
    if problem is not None:
        errors[problem.field or "valid_to"] = _message(problem.message)
    if values.received_on > local_today():
        errors["received_on"] = _("The date of receipt cannot be in the future.")
    if upload is not None:
        try:
            _check_file(upload)
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    record = declaration or SupplierDeclaration(created_by=author(user))
    changed_end = declaration is not None and declaration.valid_to != values.valid_to
    record.supplier = values.supplier
    record.kind = values.kind
    record.preferential = preferential
    record.origin = origin
    record.reference = values.reference.strip()[:80]
    record.valid_from = values.valid_from
    record.valid_to = values.valid_to
    record.received_on = values.received_on
    record.note = values.note.strip()
    if changed_end:
        record.reminder_opened = False  # a new end: a new reminder
    with transaction.atomic():
        if upload is not None:
            record.file_name = (upload.name or "declaration.pdf")[-200:]
            record.file.save(upload.name or "declaration.pdf", upload, save=False)
        stamp(record, user, "declaration changed" if declaration else "declaration received")
        record.save()
        record.products.set(values.products)
        record.agreements.set(values.agreements)
    return record


def remind_expiring_declarations(today: dt.date | None = None) -> int:
    """The daily job: a task for the supplier's portfolio owner (else whoever recorded the
    declaration) 30 days before a declaration ends, once per declaration and end date."""
    day = today or local_today()
    count = 0
    for declaration in selectors.expiring_declarations(day):
        assignee = declaration.supplier.portfolio_owner or declaration.created_by
        if assignee is None:
            continue
        with translation.override(getattr(getattr(assignee, "profile", None), "language", None)):
            title = _("Ask %(supplier)s for a new supplier's declaration (ends %(day)s)") % {
                "supplier": declaration.supplier.name,
                "day": formats.date_format(declaration.valid_to, "SHORT_DATE_FORMAT"),
            }
        with transaction.atomic():
            parties.open_task(
                title=title[:200],
                due=declaration.valid_to - dt.timedelta(days=14),
                assigned_to=assignee,
                user=None,
                company=declaration.supplier,
                notes=declaration.get_absolute_url(),
            )
            declaration.reminder_opened = True
            stamp(declaration, None, "reminder opened")
            declaration.save(update_fields=["reminder_opened"])
        count += 1
    return count


# --------------------------------------------------------------------------- invoices


def invoice_mentions(invoice: Invoice, lines: list[InvoiceLine]) -> list[Mention]:
    """The statement on origin for an invoice being issued (``sales.mentions`` source)."""
    if invoice.kind != Invoice.Kind.INVOICE:
        return []
    day = invoice.issue_date or local_today()
    decision = selectors.statement_decision(invoice, lines, day)
    if decision.outcome != rules.Outcome.STATEMENT:
        return []
    language = invoice.language if invoice.language in ("fr", "en") else "en"
    return [
        Mention(
            key="origin",
            title=selectors.statement_title(decision.agreement, language),
            text=decision.text,
        )
    ]
