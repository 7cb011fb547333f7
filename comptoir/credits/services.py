"""Writes of the credits area: the credit and its documents, amendments (UCP 600 art. 10),
presentations checked by the trade core's document checker, the bank's answer and the
outcome of a discrepancy notice (art. 16), the deadlines as tasks.

Every service checks the role matrix first (``DOCUMENTARY_CREDIT``, ``LC_AMENDMENT``),
writes in one transaction and names the author for the history. Tasks are opened and
closed through ``parties.services``; orders, invoices and shipments are only read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.calculators.texts import translate
from comptoir.common.dates import today as local_today
from comptoir.parties import selectors as parties_selectors
from comptoir.parties import services as parties
from comptoir.purchasing import selectors as purchasing_selectors
from comptoir.purchasing.models import PaymentInstrument, PurchaseOrder
from comptoir.trade import lc_receipt
from comptoir.trade.credit import lc_amount
from comptoir.trade.errors import TradeInputError

from . import selectors
from .inputs import (
    AMENDABLE,
    CREDIT_FIELDS,
    AmendmentReceived,
    BankAnswer,
    CreditValues,
    PresentationFields,
)
from .models import (
    BIC,
    CLOSED,
    Amendment,
    BankNotice,
    Credit,
    CreditDeadline,
    Direction,
    Presentation,
    RequiredDocument,
)

#: Documents per credit, presentations per credit (bounded input).
MAX_DOCUMENTS = 30
MAX_PRESENTATIONS = 50
#: A task this many days before a deadline (today when it is nearer).
REMINDER_DAYS = 7


def _save(instance: Any, user: Actor, reason: str) -> None:
    stamp(instance, user, reason)
    instance.save()


def _next_reference(year: int) -> str:
    prefix = f"LC-{year}-"
    last = (
        Credit.objects.select_for_update()
        .filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    count = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{count:04d}"


def _core_error(error: TradeInputError) -> ValidationError:
    return ValidationError({error.field or "__all__": error.message})


def _check(credit: Credit, documents: list[RequiredDocument]) -> None:
    """The credit's own coherence: BICs, dates, tolerances, documents (nothing stored when
    refused)."""
    errors: dict[str, str] = {}
    for name in (
        "issuing_bank_bic",
        "advising_bank_bic",
        "confirming_bank_bic",
        "nominated_bank_bic",
    ):
        value = getattr(credit, name)
        if value:
            try:
                BIC(value)
            except ValidationError as error:
                errors[name] = error.messages[0]
    if credit.confirmed and not credit.confirming_bank:
        errors["confirming_bank"] = _("A confirmed credit names its confirming bank.")
    if credit.direction == Direction.EXPORT and credit.order is not None:
        if credit.order.client_id != credit.partner_id:
            errors["order"] = _("The order is another client's.")
    if len(documents) > MAX_DOCUMENTS:
        errors["documents"] = _("At most %(count)d documents.") % {"count": MAX_DOCUMENTS}
    if credit.purchase_order_id is not None:
        _check_purchase_order(credit, errors)
    if errors:
        raise ValidationError(errors)
    terms = selectors.credit_terms(credit, documents)
    try:
        lc_receipt.validate_terms(terms)
    except TradeInputError as error:
        raise _core_error(error) from None


def _check_purchase_order(credit: Credit, errors: dict[str, str]) -> None:
    """An import credit pays one issued purchase order of its supplier, paid by documentary
    credit, in the order's currency, for at least the order's total (with the credit's
    tolerance); one live credit per order."""
    if credit.direction != Direction.IMPORT:
        errors["purchase_order"] = _("Only an import credit pays a purchase order.")
        return
    order = purchasing_selectors.order_by_id(cast(int, credit.purchase_order_id))
    if order is None:
        errors["purchase_order"] = _("This purchase order does not exist.")
        return
    if order.supplier_id != credit.partner_id:
        errors["purchase_order"] = _("The purchase order is another supplier's.")
    elif order.status not in purchasing_selectors.LIVE:
        errors["purchase_order"] = _(
            "Choose a purchase order sent to the supplier, not cancelled nor closed."
        )
    elif order.payment_instrument != PaymentInstrument.LC:
        errors["purchase_order"] = _(
            "This purchase order is not paid by documentary credit: change its payment "
            "instrument first."
        )
    elif (
        Credit.objects.filter(purchase_order_id=order.pk)
        .exclude(pk=credit.pk)
        .exclude(status__in=[Credit.Status.CANCELLED, Credit.Status.EXPIRED])
        .exists()
    ):
        errors["purchase_order"] = _("Another documentary credit already pays this order.")
    if credit.currency != order.currency:
        errors["currency"] = _("The purchase order is in %(currency)s: open the credit in it.") % {
            "currency": order.currency
        }
        return
    total = purchasing_selectors.order_total(order)
    try:
        limits = lc_amount(
            credit.amount,
            about=credit.about,
            tolerance_plus_pct=credit.tolerance_plus_pct,
            tolerance_minus_pct=credit.tolerance_minus_pct,
            currency=credit.currency,
        )
    except TradeInputError:
        return  # the credit's own check names the field
    if limits.max_amount < total:
        errors["amount"] = _(
            "The credit (at most %(most)s %(currency)s with its tolerance) does not cover the "
            "purchase order's %(total)s %(currency)s."
        ) % {"most": limits.max_amount, "total": total, "currency": order.currency}


def _link_purchase_order(credit: Credit, order: PurchaseOrder | None) -> None:
    if order is None:
        credit.purchase_order_id = None
        return
    credit.purchase_order_id = order.pk
    credit.purchase_reference = order.number or credit.purchase_reference


def _apply(credit: Credit, values: CreditValues) -> list[RequiredDocument]:
    for name in CREDIT_FIELDS:
        setattr(credit, name, getattr(values, name))
    credit.currency = values.currency.upper()
    credit.expiry_country = (values.expiry_country or "FR").upper()
    for name in (
        "issuing_bank_bic",
        "advising_bank_bic",
        "confirming_bank_bic",
        "nominated_bank_bic",
    ):
        setattr(credit, name, getattr(credit, name).replace(" ", "").upper())
    credit.direction = values.direction
    credit.partner = values.partner
    credit.order = values.order
    credit.shipment = values.shipment
    credit.handled_by = values.handled_by
    _link_purchase_order(credit, values.purchase_order)
    return [
        RequiredDocument(
            position=index,
            **{f.name: getattr(d, f.name) for f in dataclasses.fields(d)},
        )
        for index, d in enumerate(values.documents, start=1)
    ]


def create_credit(*, values: CreditValues, user: Actor) -> Credit:
    """Record a credit received (export) or to be opened (import: its opening request)."""
    require(user, Action.CREATE, Record.DOCUMENTARY_CREDIT)
    credit = Credit(created_by=author(user))
    documents = _apply(credit, values)
    credit.status = (
        Credit.Status.RECEIVED if values.direction == Direction.EXPORT else Credit.Status.DRAFT
    )
    _check(credit, documents)
    with transaction.atomic():
        credit.reference = _next_reference(local_today().year)
        _save(credit, user, "recorded")
        for document in documents:
            document.credit = credit
            _save(document, user, "recorded")
        parties.log_activity(
            company=credit.partner,
            user=author(user),
            kind="note",
            subject=_("Documentary credit %(ref)s recorded (%(amount)s %(currency)s)")
            % {"ref": credit, "amount": credit.amount, "currency": credit.currency},
        )
    return credit


def update_credit(*, credit: Credit, values: CreditValues, user: Actor) -> Credit:
    """Correct the credit as recorded (a mistake in typing it; a change of the bank's terms
    goes through an amendment)."""
    require(user, Action.CHANGE, Record.DOCUMENTARY_CREDIT)
    if credit.status in CLOSED:
        raise ValidationError(_("A paid, expired or cancelled credit cannot change."))
    documents = _apply(credit, values)
    _check(credit, documents)
    with transaction.atomic():
        _save(credit, user, "corrected")
        for old in credit.documents.all():
            stamp(old, user, "replaced")
            old.delete()
        for document in documents:
            document.credit = credit
            _save(document, user, "recorded")
    return credit


#: Status -> what the assistant may move it to by hand.
NEXT_STATUSES: dict[str, frozenset[str]] = {
    "draft": frozenset({"received", "cancelled"}),
    "received": frozenset({"under_review", "accepted", "cancelled"}),
    "under_review": frozenset({"accepted", "cancelled"}),
    "amendment_requested": frozenset({"under_review", "accepted", "cancelled"}),
    "accepted": frozenset({"under_review", "cancelled"}),
    "presented": frozenset(),
    "discrepant": frozenset(),
    "paid": frozenset(),
    "expired": frozenset(),
    "cancelled": frozenset(),
}


def set_status(*, credit: Credit, status: str, user: Actor, note: str = "") -> Credit:
    require(user, Action.CHANGE, Record.DOCUMENTARY_CREDIT)
    if status not in NEXT_STATUSES.get(credit.status, frozenset()):
        raise ValidationError(
            {
                "status": _("A credit that is %(now)s cannot become %(next)s.")
                % {
                    "now": credit.get_status_display().lower(),
                    "next": str(Credit.Status(status).label).lower()
                    if status in Credit.Status.values
                    else status,
                }
            }
        )
    with transaction.atomic():
        credit.status = status
        if note.strip():
            credit.notes = (credit.notes + "\n" if credit.notes else "") + note.strip()
        _save(credit, user, f"status {status}")
        if status in CLOSED:
            _close_tasks(credit, user, f"credit {status}")
    return credit


# ------------------------------------------------------------------------------ amendments


def _next_sequence(queryset: Any) -> int:
    last = queryset.order_by("-sequence").values_list("sequence", flat=True).first()
    return (last or 0) + 1


def request_amendment(
    *, credit: Credit, text: str, user: Actor, on: dt.date | None = None
) -> Amendment:
    """The amendments we ask the applicant for (the findings' texts, edited)."""
    require(user, Action.CREATE, Record.LC_AMENDMENT)
    if not text.strip():
        raise ValidationError({"request_text": _("Write the amendments to request.")})
    if credit.status in CLOSED:
        raise ValidationError(_("A paid, expired or cancelled credit cannot change."))
    with transaction.atomic():
        amendment = Amendment(
            credit=credit,
            sequence=_next_sequence(credit.amendments),
            requested_on=on or local_today(),
            request_text=text.strip()[:5000],
        )
        _save(amendment, user, "requested")
        credit.status = Credit.Status.AMENDMENT_REQUESTED
        _save(credit, user, f"amendment {amendment.sequence} requested")
    return amendment


def _parse_change(name: str, raw: str) -> Any:
    """An amendment's new value, as the credit field takes it."""
    field = cast("models.Field[Any, Any]", Credit._meta.get_field(name))
    text = str(raw).strip()
    kind = field.get_internal_type()
    try:
        if kind == "BooleanField":
            if text.lower() in ("true", "yes", "oui", "1"):
                return True
            if text.lower() in ("false", "no", "non", "0"):
                return False
            raise ValueError
        if kind == "DateField":
            return dt.date.fromisoformat(text) if text else None
        if kind == "DecimalField":
            return Decimal(text.replace(",", ".")) if text else None
        if kind == "PositiveSmallIntegerField":
            return int(text)
    except (ValueError, InvalidOperation):
        raise ValidationError(
            {
                "changes": _("%(field)s: “%(value)s” is not a valid value.")
                % {"field": field.verbose_name, "value": text[:40]}
            }
        ) from None
    choices = getattr(field, "choices", None)
    if choices and text not in {str(key) for key, _label in choices}:
        raise ValidationError(
            {
                "changes": _("%(field)s: “%(value)s” is not one of the choices.")
                % {"field": field.verbose_name, "value": text[:40]}
            }
        )
    return text


def _parsed_changes(changes: dict[str, str]) -> dict[str, Any]:
    if len(changes) > len(AMENDABLE):
        raise ValidationError({"changes": _("Too many changes.")})
    parsed: dict[str, Any] = {}
    for name, raw in changes.items():
        if name not in AMENDABLE:
            raise ValidationError(
                {"changes": _("An amendment cannot change “%(field)s”.") % {"field": name}}
            )
        parsed[name] = _parse_change(name, raw)
    return parsed


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def receive_amendment(
    *,
    credit: Credit,
    values: AmendmentReceived,
    user: Actor,
    amendment: Amendment | None = None,
) -> Amendment:
    """The amendment the bank advised: what it changes, to accept or refuse as a whole."""
    require(user, Action.CREATE, Record.LC_AMENDMENT)
    if credit.status in CLOSED:
        raise ValidationError(_("A paid, expired or cancelled credit cannot change."))
    parsed = _parsed_changes(values.changes)
    if not parsed and not values.description.strip():
        raise ValidationError({"description": _("Copy the amendment as the bank advised it.")})
    trial = Credit.objects.get(pk=credit.pk)
    for name, value in parsed.items():
        setattr(trial, name, value)
    _check(trial, list(credit.documents.all()))
    with transaction.atomic():
        if amendment is None or amendment.status != Amendment.Status.REQUESTED:
            amendment = Amendment(credit=credit, sequence=_next_sequence(credit.amendments))
        amendment.status = Amendment.Status.RECEIVED
        amendment.received_on = values.received_on
        amendment.description = values.description.strip()[:5000]
        amendment.changes = {name: _as_text(value) for name, value in parsed.items()}
        _save(amendment, user, "received")
    return amendment


def decide_amendment(
    *, amendment: Amendment, accept: bool, user: Actor, on: dt.date | None = None, note: str = ""
) -> Amendment:
    """Accept the amendment as a whole (its changes apply to the credit, the values before
    are kept) or refuse it (the credit stays as it was; art. 10 e: a partial acceptance is a
    refusal)."""
    require(user, Action.CHANGE, Record.LC_AMENDMENT)
    if amendment.status != Amendment.Status.RECEIVED:
        raise ValidationError(
            {"status": _("Only an amendment received from the bank can be accepted or refused.")}
        )
    credit = amendment.credit
    day = on or local_today()
    with transaction.atomic():
        if accept:
            parsed = _parsed_changes(amendment.changes)
            amendment.previous = {name: _as_text(getattr(credit, name)) for name in parsed}
            for name, value in parsed.items():
                setattr(credit, name, value)
            _check(credit, list(credit.documents.all()))
        amendment.status = Amendment.Status.ACCEPTED if accept else Amendment.Status.REFUSED
        amendment.decided_on = day
        amendment.decided_by = author(user)
        amendment.note = note.strip()[:2000]
        _save(amendment, user, "accepted" if accept else "refused")
        if credit.status == Credit.Status.AMENDMENT_REQUESTED:
            credit.status = Credit.Status.UNDER_REVIEW
        _save(
            credit,
            user,
            f"amendment {amendment.sequence} {'accepted' if accept else 'refused'}",
        )
    return amendment


# ---------------------------------------------------------------------------- presenting


def run_check(payload: dict[str, Any], language: str | None = None) -> dict[str, Any]:
    """The trade core's document checker on ``payload``, its texts in ``language``."""
    from comptoir.trade import lc_check

    code = (language or get_language() or "en")[:2]
    code = code if code in ("fr", "en") else "en"
    return lc_check.check_presentation(payload, language=code, translate=translate)


def _checkable(credit: Credit) -> None:
    """What the checker needs of the credit itself (UCP 600 art. 14 c counts from them)."""
    errors = {
        name: _("Enter the credit's %(field)s first.")
        % {"field": cast("models.Field[Any, Any]", Credit._meta.get_field(name)).verbose_name}
        for name in ("issue_date", "latest_shipment_date")
        if getattr(credit, name) is None
    }
    if errors:
        raise ValidationError(errors)


#: (document type, the checker's field) -> the presentation form's field
FORM_FIELDS = {
    "commercial_invoice": {
        "issuer": "invoice_issuer",
        "addressee": "invoice_addressee",
        "date": "invoice_date",
        "currency": "invoice_currency",
        "amount": "invoice_amount",
        "quantity": "invoice_quantity",
        "unit_price": "invoice_unit_price",
        "goods_description": "invoice_description",
        "incoterm": "invoice_incoterm",
        "named_place": "invoice_place",
    },
    "bill_of_lading": {
        "date": "bl_date",
        "on_board_date": "on_board_date",
        "port_of_loading": "port_of_loading",
        "port_of_discharge": "port_of_discharge",
        "originals_issued": "bl_originals_issued",
        "originals_presented": "bl_originals_presented",
        "freight": "bl_freight",
        "gross_weight_kg": "bl_gross_weight_kg",
        "goods_description": "bl_description",
    },
    "insurance": {
        "date": "insurance_date",
        "effective_date": "insurance_effective_date",
        "currency": "insurance_currency",
        "amount": "insurance_amount",
        "risks": "insurance_risks",
    },
    "packing_list": {
        "date": "packing_date",
        "gross_weight_kg": "packing_gross_weight_kg",
        "packages": "packing_packages",
    },
    "certificate_of_origin": {"date": "origin_date", "country_of_origin": "origin_country"},
}
DOCUMENT_PATH = re.compile(r"^presentation\.documents\[(\d+)\]\.(\w+)$")


def _check_error(error: TradeInputError, fields: PresentationFields) -> ValidationError:
    """The checker's refusal on the field the user typed: the credit's field it names, or
    the presentation form's (``presentation.documents[1].date`` -> ``bl_date``)."""
    field = error.field or ""
    if field.startswith("credit.") and "[" not in field:
        return ValidationError({field.removeprefix("credit."): error.message})
    match = DOCUMENT_PATH.match(field)
    if match and int(match[1]) < len(fields.documents):
        kind = fields.documents[int(match[1])]
        name = FORM_FIELDS.get(kind, {}).get(match[2])
        if name:
            message = (
                _("Needed to check this document: fill it in, or untick the document.")
                if "required" in error.message
                else error.message
            )
            return ValidationError({name: message})
    return ValidationError(f"{field}: {error.message}" if field else error.message)


def check(
    *, credit: Credit, fields: PresentationFields, language: str | None = None
) -> dict[str, Any]:
    """What the checker says of these documents (nothing stored)."""
    _checkable(credit)
    payload = selectors.check_input(credit, fields)
    try:
        return run_check(payload, language)
    except TradeInputError as error:
        raise _check_error(error, fields) from None


def present(
    *,
    credit: Credit,
    fields: PresentationFields,
    user: Actor,
    present_anyway: bool = False,
    waiver_reason: str = "",
    replaces: Presentation | None = None,
) -> Presentation:
    """Record the presentation with the checker's answer as a snapshot. A set with
    discrepancies is refused unless the user presents it anyway (a manager's decision) and
    says why (the applicant will be asked for a waiver)."""
    require(user, Action.ISSUE, Record.DOCUMENTARY_CREDIT)
    if credit.status in CLOSED or credit.status == Credit.Status.DRAFT:
        raise ValidationError(_("This credit cannot take a presentation now."))
    if credit.presentations.count() >= MAX_PRESENTATIONS:
        raise ValidationError(_("Too many presentations on this credit."))
    if not fields.documents:
        raise ValidationError({"documents": _("Choose the documents presented.")})
    _checkable(credit)
    payload = selectors.check_input(credit, fields)
    try:
        result = run_check(payload)
    except TradeInputError as error:
        raise _check_error(error, fields) from None
    compliant = bool(result.get("compliant"))
    # UCP 600 art. 10 c: until we accept or refuse an amendment, the original terms stand;
    # a presentation that complies with the amended credit (and not with the original)
    # notifies our acceptance.
    pending = credit.amendments.filter(status=Amendment.Status.RECEIVED).last()
    accepted_by_presenting: Amendment | None = None
    if pending is not None and not compliant:
        trial = Credit.objects.get(pk=credit.pk)
        for name, value in _parsed_changes(pending.changes).items():
            setattr(trial, name, value)
        trial_payload = selectors.check_input(trial, fields)
        try:
            trial_result = run_check(trial_payload)
        except TradeInputError:
            trial_result = {}
        if trial_result.get("compliant"):
            payload, result, compliant = trial_payload, trial_result, True
            accepted_by_presenting = pending
    if not compliant:
        if not present_anyway:
            raise ValidationError(
                {
                    "present_anyway": _(
                        "The documents have %(count)d discrepancies: correct them, or present "
                        "anyway and ask the applicant for a waiver."
                    )
                    % {"count": len(result.get("discrepancies", []))}
                }
            )
        require(user, Action.RELEASE, Record.DOCUMENTARY_CREDIT)
        if not waiver_reason.strip():
            raise ValidationError(
                {"waiver_reason": _("Say why the set is presented with its discrepancies.")}
            )
    amount = fields.invoice_amount or Decimal(0)
    with transaction.atomic():
        presentation = Presentation(
            credit=credit,
            sequence=_next_sequence(credit.presentations),
            presented_on=fields.presented_on,
            bank=fields.bank[:120],
            amount=amount,
            invoice=fields.invoice,
            check_input=payload,
            check_result=result,
            compliant=compliant,
            presented_anyway=not compliant,
            waiver_reason=waiver_reason.strip()[:300] if not compliant else "",
            replaces=replaces,
            created_by=author(user),
        )
        if accepted_by_presenting is not None:
            amendment = accepted_by_presenting
            parsed = _parsed_changes(amendment.changes)
            amendment.previous = {name: _as_text(getattr(credit, name)) for name in parsed}
            for name, value in parsed.items():
                setattr(credit, name, value)
            amendment.status = Amendment.Status.ACCEPTED
            amendment.decided_on = fields.presented_on
            amendment.decided_by = author(user)
            amendment.note = _(
                "Accepted by presenting documents that comply with the amended credit "
                "(UCP 600 art. 10 c)."
            )
            _save(amendment, user, "accepted by presentation (art. 10 c)")
        _save(presentation, user, "presented")
        if replaces is not None:
            replaces.status = Presentation.Status.REPLACED
            _save(replaces, user, f"replaced by P{presentation.sequence}")
        credit.status = Credit.Status.PRESENTED
        _save(credit, user, f"documents presented (P{presentation.sequence})")
        _close_tasks(credit, user, "documents presented", kinds=("shipment", "presentation"))
    return presentation


def record_answer(*, presentation: Presentation, answer: BankAnswer, user: Actor) -> Presentation:
    """The bank's answer: paid, accepted (due later) or discrepant (its notice, art. 16)."""
    require(user, Action.CHANGE, Record.DOCUMENTARY_CREDIT)
    if presentation.status != Presentation.Status.PRESENTED:
        raise ValidationError(_("The bank already answered on this presentation."))
    credit = presentation.credit
    with transaction.atomic():
        if answer.kind == "paid":
            presentation.status = Presentation.Status.PAID
            presentation.paid_on = answer.on
            presentation.paid_amount = answer.amount or presentation.amount
            presentation.bank_charges = answer.charges
        elif answer.kind == "accepted":
            if answer.due_date is None:
                raise ValidationError({"due_date": _("Enter the date payment falls due.")})
            presentation.status = Presentation.Status.COMPLIANT
            presentation.due_date = answer.due_date
            presentation.bank_charges = answer.charges
        elif answer.kind == "discrepant":
            if not answer.discrepancies.strip():
                raise ValidationError(
                    {"discrepancies": _("Copy the discrepancies the bank listed.")}
                )
            if answer.disposal not in BankNotice.Disposal.values:
                raise ValidationError({"disposal": _("Unknown choice.")})
            presentation.status = Presentation.Status.DISCREPANT
            notice = BankNotice(
                presentation=presentation,
                received_on=answer.on,
                discrepancies=answer.discrepancies.strip()[:5000],
                disposal=answer.disposal,
                discrepancy_fee=answer.charges,
            )
            _save(notice, user, "notice received")
            credit.status = Credit.Status.DISCREPANT
            _save(credit, user, f"discrepancies notified on P{presentation.sequence}")
        else:
            raise ValidationError({"kind": _("Unknown answer.")})
        _save(presentation, user, f"bank answer: {answer.kind}")
        if answer.kind == "paid":
            _settle(credit, user)
    return presentation


def record_payment(
    *, presentation: Presentation, on: dt.date, amount: Decimal | None, user: Actor
) -> Presentation:
    """Payment at maturity of an accepted (deferred) presentation."""
    require(user, Action.CHANGE, Record.DOCUMENTARY_CREDIT)
    if presentation.status != Presentation.Status.COMPLIANT:
        raise ValidationError(_("Only a compliant presentation awaiting payment can be paid."))
    with transaction.atomic():
        presentation.status = Presentation.Status.PAID
        presentation.paid_on = on
        presentation.paid_amount = amount or presentation.amount
        _save(presentation, user, "paid at maturity")
        _settle(presentation.credit, user)
    return presentation


def _settle(credit: Credit, user: Actor) -> None:
    """The credit is paid once what was paid reaches its minimum (tolerance), or at once
    when partial shipments are prohibited; otherwise it stays open for further drawings."""
    paid = sum(
        (p.paid_amount or p.amount for p in credit.presentations.filter(status="paid")),
        Decimal(0),
    )
    try:
        minimum = lc_amount(
            credit.amount,
            about=credit.about,
            tolerance_plus_pct=credit.tolerance_plus_pct,
            tolerance_minus_pct=credit.tolerance_minus_pct,
            currency=credit.currency,
        ).min_amount
    except TradeInputError:
        minimum = credit.amount
    done = credit.partial_shipments == "prohibited" or paid >= minimum
    credit.status = Credit.Status.PAID if done else Credit.Status.ACCEPTED
    _save(credit, user, "paid" if done else "partly paid")
    if done:
        _close_tasks(credit, user, "credit paid")


def record_outcome(
    *,
    notice: BankNotice,
    outcome: str,
    user: Actor,
    on: dt.date | None = None,
    note: str = "",
    amount: Decimal | None = None,
) -> BankNotice:
    """What became of the discrepant documents: the applicant waived (paid), refused
    (documents returned: the credit may still take a corrected presentation before
    expiry) or corrected documents were presented."""
    require(user, Action.CHANGE, Record.DOCUMENTARY_CREDIT)
    if notice.outcome != BankNotice.Outcome.PENDING:
        raise ValidationError({"outcome": _("The outcome is already recorded.")})
    if outcome not in ("waived", "refused", "corrected"):
        raise ValidationError({"outcome": _("Unknown choice.")})
    day = on or local_today()
    presentation = notice.presentation
    credit = presentation.credit
    with transaction.atomic():
        notice.outcome = outcome
        notice.outcome_on = day
        notice.note = note.strip()[:2000]
        _save(notice, user, f"outcome {outcome}")
        if outcome == "waived":
            presentation.status = Presentation.Status.PAID
            presentation.paid_on = day
            presentation.paid_amount = amount or presentation.amount
            _save(presentation, user, "waiver: paid")
            _settle(credit, user)
        elif outcome == "refused":
            presentation.status = Presentation.Status.REFUSED
            _save(presentation, user, "waiver refused")
            credit.status = Credit.Status.ACCEPTED
            _save(credit, user, "documents returned")
    return notice


# ------------------------------------------------------------------------------ deadlines


def _close_tasks(
    credit: Credit, user: Actor, reason: str, kinds: tuple[str, ...] | None = None
) -> None:
    deadlines = credit.deadlines.exclude(task=None)
    if kinds is not None:
        deadlines = deadlines.filter(kind__in=kinds)
    ids = list(deadlines.values_list("task_id", flat=True))
    if ids:
        parties.close_tasks(
            tasks=parties_selectors.open_tasks().filter(pk__in=ids), user=user, reason=reason
        )


def _title(kind: str) -> str:
    return {
        "shipment": _("Credit %(ref)s: ship by %(day)s (latest shipment date, never extended)"),
        "presentation": _("Credit %(ref)s: present the documents by %(day)s"),
        "expiry": _("Credit %(ref)s expires on %(day)s"),
    }[kind]


def plan_deadlines(today: dt.date | None = None) -> int:
    """The daily job: each open credit's deadline within the next 14 days becomes a task for
    whoever handles it, once per credit, deadline and date; credits past their expiry with
    nothing presented expire."""
    day = today or local_today()
    count = 0
    for row in selectors.deadlines_due(day):
        credit: Credit = row["credit"]
        if credit.handled_by is None:
            continue
        if row["days"] < 0 and row["kind"] == "expiry":
            continue
        if CreditDeadline.objects.filter(
            credit=credit, kind=row["kind"], due_on=row["day"]
        ).exists():
            continue
        with transaction.atomic():
            task = parties.open_task(
                title=(
                    _title(row["kind"])
                    % {"ref": credit, "day": formats.date_format(row["day"], "SHORT_DATE_FORMAT")}
                )[:200],
                due=max(day, row["day"] - dt.timedelta(days=REMINDER_DAYS)),
                assigned_to=credit.handled_by,
                company=credit.partner,
                notes=credit.get_absolute_url(),
                user=None,
            )
            CreditDeadline.objects.create(
                credit=credit, kind=row["kind"], due_on=row["day"], task=task
            )
        count += 1
    for credit in Credit.objects.filter(
        expiry_date__lt=day - dt.timedelta(days=7),
        status__in=("received", "under_review", "amendment_requested", "accepted"),
    ):
        # a week past the expiry (after any art. 29 a extension) with nothing presented
        credit.status = Credit.Status.EXPIRED
        _save(credit, None, "expired")
        _close_tasks(credit, None, "credit expired")
        count += 1
    return count
