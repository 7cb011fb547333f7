"""Writes of the documentary collections: the collection and its instruction, the documents
sent, the follow-up (sent, at the collecting bank, accepted, paid, unpaid, protested,
returned) and the reminders.

Every service checks the role matrix first (``DOCUMENTARY_COLLECTION``), writes in one
transaction and names the author for the history. The payment is recorded on the invoices
through ``comptoir.sales.billing.record_payment``; tasks through ``comptoir.parties.services``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.calculators.texts import translate
from comptoir.common.dates import today as local_today
from comptoir.parties import selectors as parties_selectors
from comptoir.parties import services as parties
from comptoir.parties.identifiers import normalise_bic
from comptoir.sales import billing
from comptoir.sales.models import Invoice
from comptoir.trade import collections as rules
from comptoir.trade.errors import TradeInputError

from . import selectors
from .inputs import STEPS, CollectionValues, DocumentValues, StepValues
from .models import FINISHED, Charges, Collection, CollectionDocument, DocumentKind, Kind, Tenor

#: Invoices on one collection, documents on one collection.
MAX_INVOICES = 50
MAX_DOCUMENTS = 30
#: Dates outside these years are typing mistakes.
REASONABLE_YEARS = (1990, 2100)

#: Status -> the follow-up steps it may take.
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    Collection.Status.DRAFT: ("sent",),
    Collection.Status.SENT: ("at_bank", "unpaid", "returned"),
    Collection.Status.AT_COLLECTING_BANK: ("accepted", "paid", "unpaid", "returned"),
    Collection.Status.ACCEPTED: ("paid", "unpaid", "protested"),
    Collection.Status.UNPAID: ("protested", "paid", "accepted", "returned"),
    Collection.Status.PROTESTED: ("paid", "returned"),
    Collection.Status.PAID: (),
    Collection.Status.RETURNED: (),
}


def _save(collection: Collection, user: Actor, reason: str) -> None:
    stamp(collection, user, reason)
    collection.save()


def _next_number(year: int) -> str:
    prefix = f"DC-{year}-"
    last = (
        Collection.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    count = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{count:04d}"


def _bic(value: str, field: str) -> str:
    try:
        return normalise_bic(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def _check(
    values: CollectionValues, current: Collection | None = None
) -> tuple[list[Invoice], Decimal, str]:
    """The invoices, amount and currency of the collection, or the errors by field."""
    errors: dict[str, str] = {}
    invoices = list(values.invoices)
    if not invoices:
        errors["invoices"] = _("Choose the invoice(s) the collection is for.")
    elif len(invoices) > MAX_INVOICES:
        errors["invoices"] = _("At most %(count)d invoices per collection.") % {
            "count": MAX_INVOICES
        }
    else:
        wrong = [
            str(i)
            for i in invoices
            if i.client_id != values.client.pk
            or i.status != Invoice.Status.ISSUED
            or i.kind != Invoice.Kind.INVOICE
        ]
        if wrong:
            errors["invoices"] = _(
                "Only issued invoices of %(client)s can be collected (not: %(list)s)."
            ) % {"client": values.client, "list": ", ".join(wrong)}
        elif len({i.currency for i in invoices}) > 1:
            errors["invoices"] = _("The invoices are in different currencies: one collection each.")
        else:
            others = Collection.objects.filter(invoices__in=invoices).exclude(
                status__in=[Collection.Status.PAID, Collection.Status.RETURNED]
            )
            if current is not None:
                others = others.exclude(pk=current.pk)
            busy = list(others.values_list("number", flat=True).distinct())
            if busy:
                errors["invoices"] = _(
                    "Already with the bank under collection %(numbers)s: one collection at a "
                    "time per invoice."
                ) % {"numbers": ", ".join(busy)}
    if errors:
        raise ValidationError(errors)
    currency = invoices[0].currency
    if values.currency and values.currency != currency:
        raise ValidationError(
            {
                "currency": _("The invoices are in %(currency)s: the collection is too.")
                % {"currency": currency}
            }
        )
    due = sum((i.balance_due for i in invoices), Decimal("0"))
    amount = values.amount if values.amount is not None else due
    if amount <= 0:
        raise ValidationError({"amount": _("Nothing is left to collect on these invoices.")})
    if amount > due:
        raise ValidationError(
            {
                "amount": _(
                    "%(amount)s is more than the %(due)s %(currency)s still due on the invoices."
                )
                % {"amount": amount, "due": due, "currency": currency}
            }
        )
    return invoices, amount, currency


def _check_dates(values: CollectionValues) -> None:
    for name in ("bl_date", "fixed_due_date"):
        day = getattr(values, name)
        if day is not None and not REASONABLE_YEARS[0] <= day.year <= REASONABLE_YEARS[1]:
            raise ValidationError(
                {
                    name: _("A date between %(low)d and %(high)d.")
                    % {"low": REASONABLE_YEARS[0], "high": REASONABLE_YEARS[1]}
                }
            )


def _apply(
    collection: Collection, values: CollectionValues, amount: Decimal, currency: str
) -> None:
    collection.client = values.client
    collection.order = values.order
    collection.shipment = values.shipment
    collection.kind = values.kind
    collection.tenor = values.tenor
    collection.tenor_days = values.tenor_days if values.tenor in rules.DAY_TENORS else 0
    collection.fixed_due_date = values.fixed_due_date if values.tenor == Tenor.FIXED_DATE else None
    collection.amount = amount
    collection.currency = currency
    collection.drawee_address = values.drawee_address.strip() or selectors.billing_address(
        values.client
    )
    collection.bl_date = values.bl_date or (
        selectors.departure_date(values.shipment) if values.shipment else None
    )
    collection.remitting_bank = values.remitting_bank
    collection.remitting_bank_name = values.remitting_bank_name.strip()
    collection.remitting_bank_bic = _bic(values.remitting_bank_bic, "remitting_bank_bic")
    collection.remitting_reference = values.remitting_reference
    collection.collecting_bank = values.collecting_bank
    collection.collecting_bank_name = values.collecting_bank_name.strip()
    collection.collecting_bank_bic = _bic(values.collecting_bank_bic, "collecting_bank_bic")
    collection.collecting_bank_address = values.collecting_bank_address
    collection.collecting_reference = values.collecting_reference
    collection.bill_of_exchange = values.bill_of_exchange or values.kind == Kind.DA
    collection.charges = values.charges
    collection.charges_waivable = values.charges_waivable
    collection.interest_rate = values.interest_rate
    collection.protest_non_payment = values.protest_non_payment
    collection.protest_non_acceptance = values.protest_non_acceptance and values.kind == Kind.DA
    collection.unpaid_instructions = values.unpaid_instructions
    collection.case_of_need = values.case_of_need
    collection.case_of_need_powers = values.case_of_need_powers
    collection.advise_by = values.advise_by or "SWIFT"
    collection.chase_after_days = values.chase_after_days
    collection.handled_by = values.handled_by
    collection.notes = values.notes


def _blocking(collection: Collection, with_documents: bool) -> None:
    """Refuse what URC 522 or the bill cannot do, naming the field."""
    errors: dict[str, list[str]] = {}
    if collection.kind not in Kind.values:
        errors.setdefault("kind", []).append(_("Choose D/P or D/A."))
    if collection.tenor not in Tenor.values:
        errors.setdefault("tenor", []).append(_("Choose the bill's tenor."))
    if collection.charges not in Charges.values:
        errors.setdefault("charges", []).append(_("Choose who bears the charges."))
    if collection.tenor == Tenor.FIXED_DATE and collection.fixed_due_date is None:
        errors.setdefault("fixed_due_date", []).append(_("Give the bill's fixed due date."))
    if not collection.collecting_bank_bic:
        errors.setdefault("collecting_bank_bic", []).append(
            _("The collecting bank's BIC is needed to send the documents.")
        )
    if errors:
        raise ValidationError(errors)
    for field, message, blocking in rules.problems(selectors.instruction_facts(collection)):
        if not blocking or (field == "documents" and not with_documents):
            continue
        errors.setdefault(field, []).append(translate(message))
    if errors:
        raise ValidationError(errors)


def _compute_due(collection: Collection) -> None:
    try:
        result = selectors.due_date_result(collection)
    except TradeInputError as exc:
        raise ValidationError({exc.field or "tenor": exc.message}) from None
    collection.due_date = result.due_date


def create_collection(*, values: CollectionValues, user: Actor) -> Collection:
    """A collection on issued invoices, in draft until the documents go to our bank."""
    require(user, Action.CREATE, Record.DOCUMENTARY_COLLECTION)
    _check_dates(values)
    invoices, amount, currency = _check(values)
    today = local_today()
    with transaction.atomic():
        collection = Collection()
        _apply(collection, values, amount, currency)
        collection.invoice_date = min(
            (i.issue_date for i in invoices if i.issue_date), default=None
        )
        _blocking(collection, with_documents=False)
        _compute_due(collection)
        collection.number = _next_number(today.year)
        _save(collection, user, "created")
        collection.invoices.set(invoices)
        parties.log_activity(
            company=collection.client,
            user=author(user),
            kind="note",
            subject=_("Documentary collection %(number)s prepared (%(kind)s, %(amount)s %(cur)s)")
            % {
                "number": collection.number,
                "kind": collection.get_kind_display(),
                "amount": collection.amount,
                "cur": collection.currency,
            },
        )
    return collection


def update_collection(
    *, collection: Collection, values: CollectionValues, user: Actor
) -> Collection:
    """Correct the collection. Its terms (D/P or D/A, tenor, amount, invoices) change only
    while it is a draft: once at the bank, an amendment goes through the bank."""
    require(user, Action.CHANGE, Record.DOCUMENTARY_COLLECTION)
    if collection.status != Collection.Status.DRAFT:
        changed = (
            values.kind != collection.kind
            or values.tenor != collection.tenor
            or (values.amount is not None and values.amount != collection.amount)
            or {i.pk for i in values.invoices}
            != set(collection.invoices.values_list("pk", flat=True))
        )
        if changed:
            raise ValidationError(
                _(
                    "The documents are at the bank: the terms, amount and invoices no longer "
                    "change here (ask the bank for an amendment and note it)."
                )
            )
    _check_dates(values)
    invoices, amount, currency = _check(values, collection)
    with transaction.atomic():
        _apply(collection, values, amount, currency)
        collection.invoice_date = min(
            (i.issue_date for i in invoices if i.issue_date), default=None
        )
        _blocking(collection, with_documents=collection.status != Collection.Status.DRAFT)
        _compute_due(collection)
        _save(collection, user, "corrected")
        collection.invoices.set(invoices)
    return collection


# ------------------------------------------------------------------------------ documents


def add_document(
    *, collection: Collection, values: DocumentValues, user: Actor
) -> CollectionDocument:
    require(user, Action.CHANGE, Record.DOCUMENTARY_COLLECTION)
    if collection.status != Collection.Status.DRAFT:
        raise ValidationError(_("The documents were sent: the list no longer changes."))
    if values.kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Unknown document.")})
    if not 0 <= values.originals <= 20 or not 0 <= values.copies <= 20:
        raise ValidationError({"originals": _("Between 0 and 20 originals and copies.")})
    if values.originals + values.copies == 0:
        raise ValidationError({"originals": _("At least one original or copy.")})
    if collection.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(
            {"kind": _("At most %(count)d documents per collection.") % {"count": MAX_DOCUMENTS}}
        )
    with transaction.atomic():
        document = CollectionDocument(
            collection=collection,
            kind=values.kind,
            reference=values.reference.strip()[:80],
            originals=values.originals,
            copies=values.copies,
        )
        stamp(document, user, "added")
        document.save()
        if values.kind == DocumentKind.BILL_OF_EXCHANGE and not collection.bill_of_exchange:
            collection.bill_of_exchange = True
            _save(collection, user, "bill of exchange added")
    return document


def remove_document(*, document: CollectionDocument, user: Actor) -> None:
    require(user, Action.CHANGE, Record.DOCUMENTARY_COLLECTION)
    if document.collection.status != Collection.Status.DRAFT:
        raise ValidationError(_("The documents were sent: the list no longer changes."))
    with transaction.atomic():
        stamp(document, user, "removed")
        document.delete()


# ------------------------------------------------------------------------------ follow-up


def _close_reminders(collection: Collection, user: Actor, reason: str) -> None:
    tasks = parties_selectors.open_tasks(
        company=collection.client, notes=collection.get_absolute_url()
    )
    parties.close_tasks(tasks=tasks, user=user, reason=reason)


def _record_payment(collection: Collection, values: StepValues, user: Actor) -> None:
    received = values.amount_received if values.amount_received is not None else collection.amount
    if received <= 0:
        raise ValidationError({"amount_received": _("The amount received must be positive.")})
    if values.bank_charges < 0:
        raise ValidationError({"bank_charges": _("Charges cannot be negative.")})
    invoices = list(collection.invoices.order_by("issue_date", "pk"))
    left = received
    allocations: dict[int, Decimal] = {}
    for invoice in invoices:
        share = min(invoice.balance_due, left)
        if share > 0:
            allocations[invoice.pk] = share
            left -= share
    if allocations:
        billing.record_payment(
            client=collection.client,
            received_on=values.on,
            amount=received,
            currency=collection.currency,
            allocations=allocations,
            user=author(user),
            eur_per_unit=values.eur_per_unit,
            reference=(values.reference or collection.number)[:80],
            method="collection",
        )
    collection.paid_on = values.on
    collection.amount_received = received
    collection.bank_charges = values.bank_charges


def record_step(*, collection: Collection, values: StepValues, user: Actor) -> Collection:
    """Move the collection on with what the bank advised: the dates, the bill's due date on
    acceptance, the payment on the invoices, the reminders."""
    require(user, Action.CHANGE, Record.DOCUMENTARY_COLLECTION)
    step = values.step
    if step not in STEPS:
        raise ValidationError({"step": _("Unknown step.")})
    if step not in NEXT_STEPS.get(collection.status, ()):
        raise ValidationError(
            {
                "step": _("A collection that is “%(now)s” cannot move to “%(next)s”.")
                % {"now": collection.get_status_display(), "next": step_label(step)}
            }
        )
    if values.on > local_today():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    if values.on.year < REASONABLE_YEARS[0]:
        raise ValidationError(
            {
                "on": _("A date between %(low)d and %(high)d.")
                % {"low": REASONABLE_YEARS[0], "high": REASONABLE_YEARS[1]}
            }
        )
    if collection.sent_on and step != "sent" and values.on < collection.sent_on:
        raise ValidationError({"on": _("The date is before the documents were sent.")})
    if step == "accepted" and collection.kind != Kind.DA:
        raise ValidationError(
            {"step": _("Documents against payment are paid, not accepted: record the payment.")}
        )
    with transaction.atomic():
        if step == "sent":
            if not collection.documents.exists():
                raise ValidationError(
                    {
                        "documents": _(
                            "List the documents sent to the bank first (URC 522 art. 4 b vi)."
                        )
                    }
                )
            _blocking(collection, with_documents=True)
            collection.sent_on = values.on
            if values.reference:
                collection.remitting_reference = values.reference[:40]
            collection.status = Collection.Status.SENT
        elif step == "at_bank":
            collection.at_bank_on = values.on
            if values.reference:
                collection.collecting_reference = values.reference[:40]
            collection.status = Collection.Status.AT_COLLECTING_BANK
            _compute_due(collection)
        elif step == "accepted":
            collection.accepted_on = values.on
            collection.unpaid_on = None
            collection.status = Collection.Status.ACCEPTED
            _compute_due(collection)
        elif step == "paid":
            _record_payment(collection, values, user)
            collection.status = Collection.Status.PAID
        elif step == "unpaid":
            collection.unpaid_on = values.on
            collection.unpaid_reason = values.reason.strip()[:300]
            collection.status = Collection.Status.UNPAID
        elif step == "protested":
            collection.protested_on = values.on
            collection.status = Collection.Status.PROTESTED
        elif step == "returned":
            collection.returned_on = values.on
            collection.status = Collection.Status.RETURNED
        _save(collection, user, f"step {step}")
        if collection.status in FINISHED or step in ("at_bank", "accepted"):
            _close_reminders(collection, user, f"collection {step}")
        if step == "unpaid":
            _unpaid_task(collection, user)
        parties.log_activity(
            company=collection.client,
            user=author(user),
            kind="note",
            subject=_("Collection %(number)s: %(step)s on %(day)s")
            % {
                "number": collection.number,
                "step": step_label(step),
                "day": formats.date_format(values.on, "SHORT_DATE_FORMAT"),
            },
        )
    return collection


def step_label(step: str) -> str:
    return str(
        {
            "sent": _("documents sent to our bank"),
            "at_bank": _("documents at the collecting bank"),
            "accepted": _("bill accepted"),
            "paid": _("paid"),
            "unpaid": _("unpaid or not accepted"),
            "protested": _("protested"),
            "returned": _("documents returned"),
        }.get(step, step)
    )


# ------------------------------------------------------------------------------ reminders


def _owner(collection: Collection) -> object | None:
    return collection.handled_by or collection.client.portfolio_owner


def _task(collection: Collection, title: str, due: dt.date, user: Actor) -> bool:
    owner = _owner(collection)
    if owner is None:
        return False
    url = collection.get_absolute_url()
    if parties_selectors.has_task(assigned_to=owner, notes=url, due=due):
        return False
    parties.open_task(
        title=title[:200],
        due=due,
        assigned_to=owner,  # type: ignore[arg-type]
        company=collection.client,
        notes=url,
        user=author(user),
    )
    return True


def _unpaid_task(collection: Collection, user: Actor) -> None:
    _task(
        collection,
        _(
            "Collection %(number)s unpaid (URC 522 art. 26 c): instruct the bank within "
            "%(days)d days (protest, store the goods, return the documents) — %(client)s"
        )
        % {
            "number": collection.number,
            "client": collection.client,
            "days": rules.RETURN_AFTER_DAYS,
        },
        local_today(),
        user,
    )


def chase_collections(today: dt.date | None = None) -> int:
    """The daily job: no news from the bank N days after sending (or after the documents
    reached the collecting bank under D/P), a due date passed without payment: a task."""
    day = today or local_today()
    made = 0
    waiting = Collection.objects.filter(
        status__in=[Collection.Status.SENT, Collection.Status.AT_COLLECTING_BANK],
        chased_on__isnull=True,
    ).select_related("client", "handled_by", "client__portfolio_owner")
    for collection in waiting:
        since = (
            collection.at_bank_on
            if collection.status == Collection.Status.AT_COLLECTING_BANK
            else collection.sent_on
        )
        if since is None or since + dt.timedelta(days=collection.chase_after_days) > day:
            continue
        what = (
            _("Collection %(number)s: no news %(days)d days after sending — ask our bank")
            if collection.status == Collection.Status.SENT
            else _(
                "Collection %(number)s: documents at the collecting bank for %(days)d days and "
                "still unpaid — ask the bank to chase %(client)s"
            )
        )
        title = what % {
            "number": collection.number,
            "days": (day - since).days,
            "client": collection.client,
        }
        if _task(collection, title, day, None):
            made += 1
        collection.chased_on = day
        _save(collection, None, "bank chased")
    overdue = Collection.objects.filter(
        status=Collection.Status.ACCEPTED, due_date__lt=day, due_chased_on__isnull=True
    ).select_related("client", "handled_by", "client__portfolio_owner")
    for collection in overdue:
        assert collection.due_date is not None
        title = _(
            "Collection %(number)s: the bill accepted by %(client)s fell due on %(day)s and is "
            "not recorded as paid — ask the collecting bank"
        ) % {
            "number": collection.number,
            "client": collection.client,
            "day": formats.date_format(collection.due_date, "SHORT_DATE_FORMAT"),
        }
        if _task(collection, title, day, None):
            made += 1
        collection.due_chased_on = day
        _save(collection, None, "due date chased")
    return made
