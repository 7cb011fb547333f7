"""Writes of the supplier panel.

Every service checks the role matrix first (``SUPPLIER_FILE``, ``SUPPLIER_PERFORMANCE``,
``SUPPLIER_REVIEW``), writes in one transaction and names the author for the history.

**For the purchasing area** (above): it feeds the performance through
:func:`record_delivery` (one call per receipt of an order, again with the same
``order_ref``/``receipt_ref`` to correct it), :func:`record_incident` (a shortage, damage or
non-conformity found at receipt; :func:`set_incident_outcome` when the supplier settles) and
:func:`record_price` (the unit price of each purchase order line or supplier invoice line).
Each takes the supplier's :class:`~comptoir.parties.models.Company`; a company that has no
supplier file yet gets one (status "prospect").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.catalog.models import Product
from comptoir.common.countries import is_currency
from comptoir.common.dates import today as local_today
from comptoir.parties import services as parties
from comptoir.parties.models import Company, PartyRole
from comptoir.trade import supplier_rating
from comptoir.trade.errors import TradeInputError
from comptoir.trade.incoterms import get_rule

from . import selectors
from .attachments import check_upload
from .inputs import (
    AuditValues,
    CertificationValues,
    CsrValues,
    FileValues,
    ReviewGrades,
    SuppliedValues,
)
from .models import (
    Audit,
    AuditKind,
    Certification,
    CertificationKind,
    CorrectiveAction,
    CsrCheck,
    Decision,
    Delivery,
    Incident,
    IncidentKind,
    IncidentOutcome,
    Instrument,
    PanelStatus,
    PricePoint,
    Review,
    SuppliedProduct,
    SupplierFile,
)

#: a certification expiring within this many days becomes a task
CERTIFICATE_WARNING_DAYS = 60
#: an audit due within this many days becomes a task
AUDIT_WARNING_DAYS = 30
#: most corrective actions recorded with one audit
MAX_ACTIONS = 30
#: largest quantity a delivery may carry
MAX_QUANTITY = Decimal("1000000000")


def _save(instance: models.Model, user: Actor, reason: str = "") -> None:
    stamp(instance, user, reason)
    instance.save()


def _refuse(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


# ------------------------------------------------------------------------------ the file


def _check_file(values: FileValues) -> None:
    errors: dict[str, str] = {}
    if values.status not in PanelStatus.values:
        errors["status"] = _("Unknown panel status.")
    unknown = [i for i in values.instruments if i not in Instrument.values]
    if unknown:
        errors["instruments"] = _("Unknown payment instrument: %(codes)s.") % {
            "codes": ", ".join(unknown)
        }
    if not 1 <= values.audit_interval_months <= 60:
        errors["audit_interval_months"] = _("An audit every 1 to 60 months.")
    if not Decimal(0) <= values.in_full_tolerance_pct <= Decimal(20):
        errors["in_full_tolerance_pct"] = _("The in-full tolerance lies between 0 and 20 %.")
    if not 0 <= values.on_time_tolerance_days <= 30:
        errors["on_time_tolerance_days"] = _("The on-time tolerance lies between 0 and 30 days.")
    if len(values.categories) > 300:
        errors["categories"] = _("At most 300 characters.")
    _refuse(errors)


def _apply_file(supplier: SupplierFile, values: FileValues) -> None:
    supplier.status = values.status
    supplier.categories = ", ".join(
        dict.fromkeys(c.strip() for c in values.categories.split(",") if c.strip())
    )
    supplier.buyer = values.buyer
    supplier.payment_terms = values.payment_terms
    supplier.payment_days = values.payment_days
    supplier.instruments = ",".join(dict.fromkeys(values.instruments))
    supplier.lead_time_days = values.lead_time_days
    supplier.minimum_order = values.minimum_order
    supplier.audit_interval_months = values.audit_interval_months
    supplier.on_time_tolerance_days = values.on_time_tolerance_days
    supplier.in_full_tolerance_pct = values.in_full_tolerance_pct
    supplier.notes = values.notes


def open_file(*, company: Company, values: FileValues, user: Actor) -> SupplierFile:
    """The supplier file of a company with the supplier role (one per company)."""
    require(user, Action.CREATE, Record.SUPPLIER_FILE)
    if PartyRole.SUPPLIER not in company.role_list:
        raise ValidationError(
            {"company": _("%(company)s does not have the supplier role.") % {"company": company}}
        )
    if SupplierFile.objects.filter(company=company).exists():
        raise ValidationError(
            {"company": _("%(company)s already has a supplier file.") % {"company": company}}
        )
    _check_file(values)
    with transaction.atomic():
        supplier = SupplierFile(company=company)
        _apply_file(supplier, values)
        _save(supplier, user, "opened")
    return supplier


def save_file(*, supplier: SupplierFile, values: FileValues, user: Actor) -> SupplierFile:
    require(user, Action.CHANGE, Record.SUPPLIER_FILE)
    _check_file(values)
    with transaction.atomic():
        _apply_file(supplier, values)
        _save(supplier, user)
    return supplier


def file_for(company: Company | SupplierFile, user: Actor) -> SupplierFile:
    """The company's supplier file, opened as a prospect when it has none (for the purchasing
    area, which records the first delivery of a new supplier)."""
    if isinstance(company, SupplierFile):
        return company
    existing = SupplierFile.objects.filter(company=company).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        supplier = SupplierFile(company=company)
        _save(supplier, user, "opened with its first purchase")
    return supplier


# ----------------------------------------------------------------------- certifications


def _check_certification(values: CertificationValues) -> None:
    errors: dict[str, str] = {}
    if values.kind not in CertificationKind.values:
        errors["kind"] = _("Unknown certification.")
    if values.kind == CertificationKind.OTHER and not values.other_kind.strip():
        errors["other_kind"] = _("Name the certification.")
    if values.valid_from and values.valid_to and values.valid_to < values.valid_from:
        errors["valid_to"] = _("The end of validity comes before its start.")
    _refuse(errors)


def save_certification(
    *,
    supplier: SupplierFile,
    values: CertificationValues,
    user: Actor,
    certification: Certification | None = None,
    upload: UploadedFile | None = None,
) -> Certification:
    """Add (or correct) a certification, with its certificate (PDF or picture) when given. A
    renewed certificate (new end of validity) closes the reminder task of the old one."""
    require(user, Action.CREATE if certification is None else Action.CHANGE, Record.SUPPLIER_FILE)
    _check_certification(values)
    content_type = check_upload(upload) if upload is not None else ""
    with transaction.atomic():
        cert = certification or Certification(supplier=supplier)
        renewed = certification is not None and certification.valid_to != values.valid_to
        cert.kind = values.kind
        cert.other_kind = (
            values.other_kind.strip() if values.kind == CertificationKind.OTHER else ""
        )
        cert.number = values.number.strip()
        cert.body = values.body.strip()
        cert.valid_from = values.valid_from
        cert.valid_to = values.valid_to
        if upload is not None:
            cert.file_name = (upload.name or "certificate")[:200]
            cert.file_type = content_type
            cert.file.save(upload.name or "certificate", upload, save=False)
        if renewed and cert.task is not None:
            parties.close_tasks(tasks=[cert.task], user=user, reason="certificate renewed")
            cert.task = None
        _save(cert, user, "certification")
        if certification is None and cert.valid_to is not None:
            # a renewed certificate entered as a new one: the old one's reminder is answered
            older = supplier.certifications.filter(
                kind=cert.kind,
                other_kind=cert.other_kind,
                valid_to__lt=cert.valid_to,
                task__isnull=False,
            ).exclude(pk=cert.pk)
            for old in older.select_related("task"):
                if old.task is not None:
                    parties.close_tasks(tasks=[old.task], user=user, reason="certificate renewed")
    return cert


def delete_certification(*, certification: Certification, user: Actor) -> None:
    require(user, Action.DELETE, Record.SUPPLIER_FILE)
    with transaction.atomic():
        if certification.task is not None:
            parties.close_tasks(tasks=[certification.task], user=user, reason="certificate removed")
        stamp(certification, user, "removed")
        certification.delete()


# ------------------------------------------------------------------------------- audits


def record_audit(*, supplier: SupplierFile, values: AuditValues, user: Actor) -> Audit:
    """An audit with its findings and corrective actions (each with its due date); the audit
    reminder of the supplier is closed."""
    require(user, Action.CREATE, Record.SUPPLIER_FILE)
    errors: dict[str, str] = {}
    if values.kind not in AuditKind.values:
        errors["kind"] = _("Unknown kind of audit.")
    if not 0 <= values.score <= 100:
        errors["score"] = _("The score lies between 0 and 100.")
    if values.date > local_today():
        errors["date"] = _("An audit cannot be dated in the future.")
    if not values.auditor.strip():
        errors["auditor"] = _("Name the auditor (person or firm).")
    if len(values.actions) > MAX_ACTIONS:
        errors["actions"] = _("At most %(count)d corrective actions.") % {"count": MAX_ACTIONS}
    for action in values.actions:
        if not action.description.strip():
            errors["actions"] = _("Describe each corrective action.")
        elif action.due_on < values.date:
            errors["actions"] = _("A corrective action cannot be due before the audit.")
    _refuse(errors)
    with transaction.atomic():
        audit = Audit(
            supplier=supplier,
            date=values.date,
            auditor=values.auditor.strip(),
            kind=values.kind,
            score=values.score,
            findings=values.findings,
        )
        _save(audit, user, "audit recorded")
        for action in values.actions:
            _save(
                CorrectiveAction(
                    audit=audit, description=action.description.strip()[:300], due_on=action.due_on
                ),
                user,
            )
        if supplier.audit_task is not None:
            parties.close_tasks(tasks=[supplier.audit_task], user=user, reason="audit recorded")
            supplier.audit_task = None
            _save(supplier, user, "audit recorded")
    return audit


def set_action_status(
    *, action: CorrectiveAction, status: str, user: Actor, on: dt.date | None = None
) -> CorrectiveAction:
    require(user, Action.CHANGE, Record.SUPPLIER_FILE)
    if status not in CorrectiveAction.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        action.status = status
        action.done_on = (on or local_today()) if status == CorrectiveAction.Status.DONE else None
        if status != CorrectiveAction.Status.OPEN and action.task is not None:
            parties.close_tasks(tasks=[action.task], user=user, reason="corrective action closed")
            action.task = None
        _save(action, user, status)
    return action


# ---------------------------------------------------------------------------------- CSR


def set_csr(*, supplier: SupplierFile, checks: list[CsrValues], user: Actor) -> list[CsrCheck]:
    """Answer lines of the CSR checklist (a line not given keeps its answer)."""
    require(user, Action.CHANGE, Record.SUPPLIER_FILE)
    known = dict(selectors.csr_checklist())
    errors: dict[str, str] = {}
    for check in checks:
        if check.criterion not in known:
            errors["criterion"] = _("Unknown CSR criterion: %(code)s.") % {"code": check.criterion}
        elif check.met and not check.evidence.strip():
            errors[check.criterion] = _(
                "Say what shows it (document, audit, visit): %(criterion)s."
            ) % {"criterion": known[check.criterion]}
    _refuse(errors)
    saved: list[CsrCheck] = []
    with transaction.atomic():
        for check in checks:
            row = CsrCheck.objects.filter(supplier=supplier, criterion=check.criterion).first()
            row = row or CsrCheck(supplier=supplier, criterion=check.criterion)
            row.met = check.met
            row.evidence = check.evidence.strip()[:300]
            row.checked_on = check.checked_on or local_today()
            _save(row, user, "CSR checklist")
            saved.append(row)
    return saved


# --------------------------------------------------------------------- supplied products


def _check_supplied(values: SuppliedValues) -> None:
    errors: dict[str, str] = {}
    if values.unit_price < 0:
        errors["unit_price"] = _("A price must not be negative.")
    if values.unit_price > Decimal("1e9"):
        errors["unit_price"] = _("The price is too large.")
    if not is_currency(values.currency):
        errors["currency"] = _("Unknown currency code.")
    try:
        get_rule(values.incoterm, "incoterm")
    except TradeInputError as exc:
        errors["incoterm"] = str(exc.message)
    if not values.incoterm_place.strip():
        errors["incoterm_place"] = _("Name the place of the Incoterm (e.g. Ningbo, Porto).")
    if values.valid_to and values.valid_to < values.valid_from:
        errors["valid_to"] = _("The end of validity comes before its start.")
    if values.moq is not None and values.moq < 0:
        errors["moq"] = _("A quantity must not be negative.")
    _refuse(errors)


def save_supplied_product(
    *,
    supplier: SupplierFile,
    product: Product,
    values: SuppliedValues,
    user: Actor,
) -> SuppliedProduct:
    """What the supplier supplies and at what conditions; a new price (or currency,
    Incoterm) is kept in the price history, the old one stays there."""
    existing = SuppliedProduct.objects.filter(supplier=supplier, product=product).first()
    require(user, Action.CREATE if existing is None else Action.CHANGE, Record.SUPPLIER_FILE)
    _check_supplied(values)
    with transaction.atomic():
        row = existing or SuppliedProduct(supplier=supplier, product=product)
        changed = existing is None or (
            existing.unit_price,
            existing.currency,
            existing.incoterm,
            existing.valid_from,
        ) != (values.unit_price, values.currency, values.incoterm, values.valid_from)
        row.supplier_reference = values.supplier_reference.strip()
        row.unit_price = values.unit_price
        row.currency = values.currency
        row.incoterm = values.incoterm
        row.incoterm_place = values.incoterm_place.strip()
        row.valid_from = values.valid_from
        row.valid_to = values.valid_to
        row.moq = values.moq
        row.lead_time_days = values.lead_time_days
        _save(row, user, "supplied product")
        if changed:
            PricePoint.objects.create(
                supplier=supplier,
                product=product,
                day=values.valid_from,
                unit_price=values.unit_price,
                currency=values.currency,
                incoterm=values.incoterm,
                source=PricePoint.Source.PRICE_LIST,
                reference=row.supplier_reference,
            )
    return row


def remove_supplied_product(*, supplied: SuppliedProduct, user: Actor) -> None:
    """No longer supplied by them (the price history stays)."""
    require(user, Action.DELETE, Record.SUPPLIER_FILE)
    with transaction.atomic():
        stamp(supplied, user, "removed")
        supplied.delete()


def record_price(
    supplier: Company | SupplierFile,
    *,
    product: Product,
    day: dt.date,
    unit_price: Decimal,
    currency: str,
    incoterm: str = "",
    source: str = "order",
    reference: str = "",
    user: Actor = None,
) -> PricePoint:
    """A price point of the trend (a purchase order line, a supplier invoice line, a tender
    answer). The same reference, product and day again replaces the point."""
    require(user, Action.CHANGE, Record.SUPPLIER_FILE)
    errors: dict[str, str] = {}
    if unit_price < 0:
        errors["unit_price"] = _("A price must not be negative.")
    if not is_currency(currency):
        errors["currency"] = _("Unknown currency code.")
    if source not in PricePoint.Source.values:
        errors["source"] = _("Unknown source.")
    _refuse(errors)
    with transaction.atomic():
        file = file_for(supplier, user)
        point, _created = PricePoint.objects.update_or_create(
            supplier=file,
            product=product,
            day=day,
            source=source,
            reference=reference[:60],
            defaults={"unit_price": unit_price, "currency": currency, "incoterm": incoterm},
        )
    return point


# -------------------------------------------------------------------------- performance


def record_delivery(
    supplier: Company | SupplierFile,
    *,
    order_ref: str,
    promised_date: dt.date,
    delivered_date: dt.date,
    quantity_ordered: Decimal,
    quantity_received: Decimal,
    quantity_accepted: Decimal,
    receipt_ref: str = "",
    ordered_on: dt.date | None = None,
    user: Actor = None,
) -> Delivery:
    """One delivery (receipt) of a purchase order for the OTIF. Recording the same
    ``order_ref`` and ``receipt_ref`` again corrects it (e.g. after quality control)."""
    require(user, Action.CREATE, Record.SUPPLIER_PERFORMANCE)
    errors: dict[str, str] = {}
    if not order_ref.strip():
        errors["order_ref"] = _("Give the order's reference.")
    if not Decimal(0) < quantity_ordered <= MAX_QUANTITY:
        errors["quantity_ordered"] = _("The quantity ordered must be above zero.")
    if not Decimal(0) <= quantity_received <= MAX_QUANTITY:
        errors["quantity_received"] = _("The quantity received must not be negative.")
    if quantity_accepted < 0:
        errors["quantity_accepted"] = _("The quantity accepted must not be negative.")
    elif quantity_accepted > quantity_received:
        errors["quantity_accepted"] = _("More accepted than received.")
    if delivered_date > local_today():
        errors["delivered_date"] = _("A delivery cannot be dated in the future.")
    if ordered_on is not None and promised_date < ordered_on:
        errors["promised_date"] = _("The promised date comes before the order.")
    _refuse(errors)
    with transaction.atomic():
        file = file_for(supplier, user)
        fact = supplier_rating.DeliveryFact(
            promised=promised_date,
            delivered=delivered_date,
            ordered=quantity_ordered,
            accepted=quantity_accepted,
            received=quantity_received,
        )
        delivery = Delivery.objects.filter(
            supplier=file, order_ref=order_ref.strip(), receipt_ref=receipt_ref.strip()
        ).first() or Delivery(
            supplier=file, order_ref=order_ref.strip()[:60], receipt_ref=receipt_ref.strip()[:60]
        )
        delivery.ordered_on = ordered_on
        delivery.promised_date = promised_date
        delivery.delivered_date = delivered_date
        delivery.quantity_ordered = quantity_ordered
        delivery.quantity_received = quantity_received
        delivery.quantity_accepted = quantity_accepted
        delivery.on_time = supplier_rating.is_on_time(fact, file.on_time_tolerance_days)
        delivery.in_full = supplier_rating.is_in_full(fact, file.in_full_tolerance_pct)
        _save(delivery, user, "delivery recorded")
    return delivery


def record_incident(
    supplier: Company | SupplierFile,
    *,
    kind: str,
    date: dt.date,
    reference: str,
    description: str,
    outcome: str = IncidentOutcome.OPEN,
    outcome_note: str = "",
    user: Actor = None,
) -> Incident:
    """A quality or delivery incident (the purchasing area's receipt finds a shortage, damage
    or non-conformity and opens its supplier claim: ``reference`` names it)."""
    require(user, Action.CREATE, Record.SUPPLIER_PERFORMANCE)
    errors: dict[str, str] = {}
    if kind not in IncidentKind.values:
        errors["kind"] = _("Unknown kind of incident.")
    if outcome not in IncidentOutcome.values:
        errors["outcome"] = _("Unknown outcome.")
    if not description.strip():
        errors["description"] = _("Say what happened.")
    if date > local_today():
        errors["date"] = _("An incident cannot be dated in the future.")
    _refuse(errors)
    with transaction.atomic():
        incident = Incident(
            supplier=file_for(supplier, user),
            kind=kind,
            date=date,
            reference=reference.strip()[:60],
            description=description.strip(),
            outcome=outcome,
            outcome_note=outcome_note.strip()[:300],
        )
        _save(incident, user, "incident recorded")
    return incident


def set_incident_outcome(
    *, incident: Incident, outcome: str, note: str = "", user: Actor
) -> Incident:
    require(user, Action.CHANGE, Record.SUPPLIER_PERFORMANCE)
    if outcome not in IncidentOutcome.values:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    with transaction.atomic():
        incident.outcome = outcome
        incident.outcome_note = note.strip()[:300]
        _save(incident, user, "outcome")
    return incident


# ------------------------------------------------------------------------------- review


def start_review(*, supplier: SupplierFile, year: int, user: Actor) -> Review:
    """The yearly review with the grades the year's figures propose and the default weights
    (the reviewer changes them); again for the same year: the existing review."""
    require(user, Action.CREATE, Record.SUPPLIER_REVIEW)
    this_year = local_today().year
    if not 2000 <= year <= this_year:
        raise ValidationError({"year": _("Review a past or the current year.")})
    existing = Review.objects.filter(supplier=supplier, year=year).first()
    if existing is not None:
        return existing
    proposal = selectors.review_proposal(supplier, year)
    with transaction.atomic():
        review = Review(
            supplier=supplier,
            year=year,
            grid=[
                {
                    "criterion": name,
                    "weight": str(supplier_rating.DEFAULT_WEIGHTS[name]),
                    "proposed": str(grade.grade) if grade.grade is not None else None,
                    "grade": str(grade.grade) if grade.grade is not None else None,
                }
                for name, grade in proposal.grades.items()
            ],
            figures=proposal.figures,
        )
        _save(review, user, "review started")
    return review


def save_review(*, review: Review, grades: ReviewGrades, user: Actor) -> Review:
    """The reviewer's weights and grades; with a decision the review is decided (a
    manager's: ``issue``). A decided review changes only with another decision."""
    require(user, Action.CHANGE, Record.SUPPLIER_REVIEW)
    if grades.decision:
        require(user, Action.ISSUE, Record.SUPPLIER_REVIEW)
    errors: dict[str, str] = {}
    if grades.decision and grades.decision not in Decision.values:
        errors["decision"] = _("Unknown decision.")
    if review.decision and not grades.decision:
        errors["decision"] = _("This review is decided: keep a decision.")
    for name in supplier_rating.CRITERIA:
        if name not in grades.grades:
            errors[f"grade_{name}"] = _("Give a grade from 0 to 10.")
        elif not Decimal(0) <= grades.grades[name] <= Decimal(10):
            errors[f"grade_{name}"] = _("A grade lies between 0 and 10.")
        weight = grades.weights.get(name, Decimal(0))
        if not Decimal(0) <= weight <= Decimal(100):
            errors[f"weight_{name}"] = _("A weight lies between 0 and 100.")
    if not errors and sum(grades.weights.values(), Decimal(0)) == 0:
        errors["weight_quality"] = _("At least one criterion must weigh something.")
    if grades.decision == Decision.PHASE_OUT and not grades.comments.strip():
        errors["comments"] = _("Say why the supplier is phased out.")
    _refuse(errors)
    result = supplier_rating.review(grades.weights, grades.grades)
    with transaction.atomic():
        grid = []
        for row in review.grid:
            name = row["criterion"]
            grid.append(
                {
                    **row,
                    "weight": str(grades.weights.get(name, Decimal(0))),
                    "grade": str(grades.grades[name]),
                }
            )
        review.grid = grid
        review.score = result.score
        review.comments = grades.comments
        if grades.decision:
            review.decision = grades.decision
            review.reviewer = author(user)
            review.decided_on = local_today()
        _save(review, user, f"decided: {grades.decision}" if grades.decision else "grades")
        if grades.decision == Decision.PHASE_OUT:
            supplier = review.supplier
            supplier.status = PanelStatus.PHASED_OUT
            _save(supplier, user, "phased out by the yearly review")
    return review


# ----------------------------------------------------------------------- daily reminders


def _owner(supplier: SupplierFile) -> object | None:
    return supplier.buyer or supplier.company.portfolio_owner


def _task(supplier: SupplierFile, title: str, due: dt.date, user: Actor) -> object | None:
    owner = _owner(supplier)
    if owner is None:
        return None
    return parties.open_task(
        title=title[:200],
        due=due,
        assigned_to=owner,  # type: ignore[arg-type]
        company=supplier.company,
        notes=supplier.get_absolute_url(),
        user=author(user),
    )


def plan_reminders(day: dt.date | None = None, user: Actor = None) -> int:
    """Daily: certifications expiring within 60 days, audits due within 30 days (the last
    audit + the file's interval) and overdue corrective actions become tasks for the buyer
    (or the company's portfolio owner), once each. Returns how many tasks were opened."""
    day = day or local_today()
    made = 0
    horizon = day + dt.timedelta(days=CERTIFICATE_WARNING_DAYS)
    certs = Certification.objects.filter(
        task__isnull=True,
        valid_to__isnull=False,
        valid_to__lte=horizon,
        supplier__status__in=selectors.ACTIVE_STATUSES,
    ).select_related("supplier__company", "supplier__buyer")
    for cert in certs:
        valid_to = cert.valid_to
        if valid_to is None:
            continue
        expired = valid_to < day
        title = (
            _("Certificate %(name)s of %(supplier)s expired on %(day)s: ask for the renewed one")
            if expired
            else _(
                "Certificate %(name)s of %(supplier)s expires on %(day)s: ask for the renewed one"
            )
        ) % {
            "name": cert.name,
            "supplier": cert.supplier.company,
            "day": formats.date_format(valid_to, "SHORT_DATE_FORMAT"),
        }
        due = max(day, valid_to - dt.timedelta(days=30))
        with transaction.atomic():
            task = _task(cert.supplier, title, due, user)
            if task is not None:
                cert.task = task  # type: ignore[assignment]
                _save(cert, user, "reminder")
                made += 1
    suppliers = SupplierFile.objects.filter(
        audit_task__isnull=True, status__in=selectors.ACTIVE_STATUSES
    ).select_related("company", "buyer")
    for supplier in suppliers:
        due_on = selectors.next_audit_due(supplier)
        if due_on is None or due_on > day + dt.timedelta(days=AUDIT_WARNING_DAYS):
            continue
        title = _("Audit of %(supplier)s due on %(day)s (every %(months)d months)") % {
            "supplier": supplier.company,
            "day": formats.date_format(due_on, "SHORT_DATE_FORMAT"),
            "months": supplier.audit_interval_months,
        }
        with transaction.atomic():
            task = _task(supplier, title, max(day, due_on), user)
            if task is not None:
                supplier.audit_task = task  # type: ignore[assignment]
                _save(supplier, user, "reminder")
                made += 1
    actions = CorrectiveAction.objects.filter(
        status=CorrectiveAction.Status.OPEN, due_on__lt=day, task__isnull=True
    ).select_related("audit__supplier__company", "audit__supplier__buyer")
    for action in actions:
        supplier = action.audit.supplier
        title = _("Corrective action of %(supplier)s overdue since %(day)s: %(action)s") % {
            "supplier": supplier.company,
            "day": formats.date_format(action.due_on, "SHORT_DATE_FORMAT"),
            "action": action.description,
        }
        with transaction.atomic():
            task = _task(supplier, title, day, user)
            if task is not None:
                action.task = task  # type: ignore[assignment]
                _save(action, user, "reminder")
                made += 1
    return made
