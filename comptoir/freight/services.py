"""Writes of the freight area: requests for quotation, quotes, the choice, the booking and
the provider's invoice check.

Every service takes clean values (:mod:`.inputs`) as keyword arguments, checks the role
matrix first (record ``freight_quote``) and writes in one transaction with the history's
author. The shipment is changed only through ``shipping.services.set_providers``. E-mails are
queued on the job queue once the transaction is committed (``tasks``), in the provider's
language with the PDF attached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.common import countries
from comptoir.common.dates import today
from comptoir.parties import selectors as parties_selectors
from comptoir.parties.models import Company
from comptoir.shipping import services as shipping_services
from comptoir.shipping.models import Shipment

from . import comparison, selectors
from .inputs import ChargeValues, InvoiceValues, QuoteValues, RequestValues, Weights
from .models import (
    ChargeKind,
    FreightRequest,
    ProviderInvoice,
    ProviderInvoiceLine,
    Quote,
    QuoteLine,
    Recipient,
)

#: Costly inputs, bounded.
MAX_RECIPIENTS = 20
MAX_LINES = 40
MAX_WEIGHT = 100
MAX_AMOUNT = Decimal("9999999999.99")
CLOSED_SHIPMENTS = {Shipment.Status.CLOSED, Shipment.Status.CANCELLED}


def _number(request: FreightRequest) -> str:
    return f"RFQ-{request.created_at:%Y}-{request.pk:05d}"


def _check_request(values: RequestValues, *, new: bool) -> None:
    errors: dict[str, str] = {}
    if not values.providers:
        errors["providers"] = _("Choose at least one carrier or forwarder.")
    elif len(values.providers) > MAX_RECIPIENTS:
        errors["providers"] = _("At most %(n)d providers in one request.") % {"n": MAX_RECIPIENTS}
    elif len({p.pk for p in values.providers}) != len(values.providers):
        errors["providers"] = _("The same provider is chosen twice.")
    if new and values.reply_by < today():
        errors["reply_by"] = _("The date for answers cannot be in the past.")
    if values.ready_on is not None and values.reply_by > values.ready_on:
        errors["reply_by"] = _(
            "Answers would come after the goods are ready: ask for them by %(date)s at the latest."
        ) % {"date": values.ready_on.isoformat()}
    if errors:
        raise ValidationError(errors)


def _ready_on(shipment: Shipment) -> dt.date | None:
    milestone = shipment.milestones.filter(step="ready").first()
    return milestone.planned_on if milestone is not None else None


def create_request(
    *, shipment: Shipment, values: RequestValues, user: Actor, weights: Weights | None = None
) -> FreightRequest:
    """A draft request for quotation for the shipment, to the chosen providers."""
    require(user, Action.CREATE, Record.FREIGHT_QUOTE)
    _check_request(values, new=True)
    if shipment.status in CLOSED_SHIPMENTS:
        raise ValidationError(
            {"shipment": _("This shipment is %(status)s.") % {"status": shipment.status}}
        )
    weights = weights or Weights()
    _check_weights(weights)
    with transaction.atomic():
        request = FreightRequest(
            shipment=shipment,
            reply_by=values.reply_by,
            ready_on=values.ready_on or _ready_on(shipment),
            services_asked=values.services_asked.strip(),
            instructions=values.instructions.strip(),
            weight_cost=weights.cost,
            weight_transit=weights.transit,
            weight_reliability=weights.reliability,
            weight_service=weights.service,
            created_by=author(user),
        )
        stamp(request, user)
        request.save()
        request.number = _number(request)
        request.save(update_fields=["number"])
        for provider in values.providers:
            _add_recipient(request, provider, user)
    return request


def _add_recipient(request: FreightRequest, provider: Company, user: Actor) -> Recipient:
    recipient = Recipient(request=request, provider=provider, language=provider.language)
    stamp(recipient, user)
    recipient.save()
    return recipient


def save_request(*, request: FreightRequest, values: RequestValues, user: Actor) -> FreightRequest:
    """Change a request that is not decided: dates, texts, and the providers asked (a
    provider who already received it, or sent a quote, stays)."""
    require(user, Action.CHANGE, Record.FREIGHT_QUOTE)
    _check_request(values, new=False)
    with transaction.atomic():
        target = FreightRequest.objects.select_for_update().get(pk=request.pk)
        _refuse_closed(target)
        target.reply_by = values.reply_by
        target.ready_on = values.ready_on
        target.services_asked = values.services_asked.strip()
        target.instructions = values.instructions.strip()
        stamp(target, user)
        target.save()
        wanted = {p.pk: p for p in values.providers}
        for recipient in target.recipients.all():
            answered = target.quotes.filter(provider_id=recipient.provider_id).exists()
            if recipient.provider_id not in wanted and not recipient.sent_at and not answered:
                recipient.delete()
        present = set(target.recipients.values_list("provider_id", flat=True))
        for pk, provider in wanted.items():
            if pk not in present:
                _add_recipient(target, provider, user)
    return target


def _refuse_closed(request: FreightRequest) -> None:
    if request.status in (FreightRequest.Status.DECIDED, FreightRequest.Status.CANCELLED):
        raise ValidationError(
            _("This request is %(status)s: it cannot change.")
            % {"status": request.get_status_display()}
        )


def send_request(*, request: FreightRequest, user: Actor, email: bool = True) -> list[Recipient]:
    """Send the request to every provider not sent to yet: the sending date is recorded per
    provider and the e-mail (with the PDF in the provider's language) leaves through the job
    queue (``email=False``: sent by other means, e.g. the provider's portal). Returns the
    recipients sent to now (``email`` empty: no address known, send the PDF yourself)."""
    require(user, Action.CHANGE, Record.FREIGHT_QUOTE)
    now = timezone.now()
    sent: list[Recipient] = []
    with transaction.atomic():
        target = FreightRequest.objects.select_for_update().get(pk=request.pk)
        _refuse_closed(target)
        if target.reply_by < today():
            raise ValidationError(
                {"reply_by": _("The date for answers is past: change it before sending.")}
            )
        if not target.shipment.lines.exists():
            raise ValidationError(
                _("The shipment has no goods lines: the providers could not quote.")
            )
        for recipient in target.recipients.select_related("provider").filter(sent_at__isnull=True):
            recipient.email = provider_email(recipient.provider)
            recipient.language = recipient.provider.language or "en"
            recipient.sent_at = now
            stamp(recipient, user)
            recipient.save()
            sent.append(recipient)
        if not sent:
            raise ValidationError(_("Every provider has already received this request."))
        target.status = FreightRequest.Status.SENT
        stamp(target, user)
        target.save()
        sender = getattr(author(user), "pk", None)
        for recipient in sent:
            if email and recipient.email:
                transaction.on_commit(_queue("email_request", recipient.pk, sender))
    return sent


def provider_email(provider: Company) -> str:
    """Where a request goes: the company's e-mail, else its first contact's."""
    if provider.email:
        return provider.email
    contact = parties_selectors.first_contact_with_email(provider)
    return contact.email if contact is not None else ""


def _queue(name: str, *args: int | None) -> Callable[[], None]:
    def enqueue() -> None:
        from . import tasks  # the task module imports the mailing module, which imports this

        getattr(tasks, name).enqueue(*args)

    return enqueue


def mark_emailed(*, recipient_id: int, field: str) -> None:
    """Record that the worker handed an e-mail to the mail server (system, no role)."""
    if field not in ("emailed_at", "informed_at"):
        raise ValueError(field)
    Recipient.objects.filter(pk=recipient_id).update(**{field: timezone.now()})


def _check_weights(weights: Weights) -> None:
    values = {
        "weight_cost": weights.cost,
        "weight_transit": weights.transit,
        "weight_reliability": weights.reliability,
        "weight_service": weights.service,
    }
    errors = {
        name: _("A weight lies between 0 and %(max)d.") % {"max": MAX_WEIGHT}
        for name, value in values.items()
        if not 0 <= value <= MAX_WEIGHT
    }
    if errors:
        raise ValidationError(errors)
    if sum(values.values()) == 0:
        raise ValidationError({"weight_cost": _("At least one weight must be above zero.")})


def set_weights(*, request: FreightRequest, weights: Weights, user: Actor) -> FreightRequest:
    """The weights of the comparison for this request (the choice keeps those it was made
    with)."""
    require(user, Action.CHANGE, Record.FREIGHT_QUOTE)
    _check_weights(weights)
    with transaction.atomic():
        target = FreightRequest.objects.select_for_update().get(pk=request.pk)
        _refuse_closed(target)
        target.weight_cost = weights.cost
        target.weight_transit = weights.transit
        target.weight_reliability = weights.reliability
        target.weight_service = weights.service
        stamp(target, user)
        target.save()
    return target


def _check_lines(lines: Sequence[ChargeValues], field: str = "lines") -> None:
    if not lines:
        raise ValidationError({field: _("Enter at least one price line.")})
    if len(lines) > MAX_LINES:
        raise ValidationError({field: _("At most %(n)d lines.") % {"n": MAX_LINES}})
    for i, line in enumerate(lines):
        if line.kind not in ChargeKind.values:
            raise ValidationError({f"{field}.{i}.kind": _("Choose the kind of charge.")})
        if not countries.is_currency(line.currency):
            raise ValidationError(
                {
                    f"{field}.{i}.currency": _("%(code)s is not a currency code.")
                    % {"code": line.currency}
                }
            )
        if abs(line.amount) > MAX_AMOUNT:
            raise ValidationError({f"{field}.{i}.amount": _("This amount is too large.")})
        if line.kind == ChargeKind.OTHER and not line.description.strip():
            raise ValidationError(
                {f"{field}.{i}.description": _("Say what an 'other' charge is for.")}
            )
    if sum((line.amount for line in lines), Decimal(0)) <= 0:
        raise ValidationError({field: _("The total must be above zero.")})


def _check_quote(values: QuoteValues) -> None:
    errors: dict[str, str] = {}
    if values.received_on > today():
        errors["received_on"] = _("A quote cannot be received in the future.")
    if values.valid_until < values.received_on:
        errors["valid_until"] = _("The validity ends before the quote was received.")
    if not 0 <= values.transit_days <= 365:
        errors["transit_days"] = _("Give the transit time in days (0 to 365).")
    if not 0 <= values.service_grade <= 10:
        errors["service_grade"] = _("The service grade lies between 0 and 10.")
    if not countries.is_currency(values.currency):
        errors["currency"] = _("%(code)s is not a currency code.") % {"code": values.currency}
    if errors:
        raise ValidationError(errors)
    _check_lines(values.lines)


def save_quote(
    *, request: FreightRequest, values: QuoteValues, user: Actor, quote: Quote | None = None
) -> Quote:
    """Enter a quote as it comes (or correct one not chosen). A provider who was not asked
    is added to the request's recipients (a quote may come unasked)."""
    require(user, Action.CREATE if quote is None else Action.CHANGE, Record.FREIGHT_QUOTE)
    _check_quote(values)
    with transaction.atomic():
        target = FreightRequest.objects.select_for_update().get(pk=request.pk)
        if target.status == FreightRequest.Status.CANCELLED:
            raise ValidationError(_("This request is cancelled."))
        if quote is not None:
            if quote.request_id != target.pk:
                raise ValidationError(_("This quote belongs to another request."))
            if target.chosen_quote_id == quote.pk:
                raise ValidationError(_("The chosen quote cannot change."))
        if not target.recipients.filter(provider=values.provider).exists():
            _add_recipient(target, values.provider, user)
        saved = quote or Quote(request=target, created_by=author(user))
        saved.provider = values.provider
        saved.reference = values.reference.strip()
        saved.received_on = values.received_on
        saved.currency = values.currency.upper()
        saved.transit_days = values.transit_days
        saved.valid_until = values.valid_until
        saved.conditions = values.conditions.strip()
        saved.service_grade = values.service_grade
        saved.carrier_name = values.carrier_name.strip()
        stamp(saved, user)
        saved.save()
        saved.lines.all().delete()
        for position, line in enumerate(values.lines, start=1):
            row = QuoteLine(
                quote=saved,
                position=position,
                kind=line.kind,
                description=line.description.strip(),
                amount=line.amount,
                currency=(line.currency or values.currency).upper(),
            )
            stamp(row, user)
            row.save()
    return saved


def choose_quote(
    *,
    request: FreightRequest,
    quote: Quote,
    user: Actor,
    reason: str = "",
    send_booking: bool = True,
    inform_others: bool = False,
) -> FreightRequest:
    """Choose a quote: who, when and why are recorded; choosing other than the best score
    (or changing a choice) needs a reason. The provider becomes the shipment's carrier or
    forwarder with the freight cost (``shipping.services.set_providers``); the booking goes
    to them and, if asked, the others are told they were not chosen."""
    require(user, Action.CHANGE, Record.FREIGHT_QUOTE)
    day = today()
    reason = reason.strip()
    with transaction.atomic():
        target = (
            FreightRequest.objects.select_for_update().select_related("shipment").get(pk=request.pk)
        )
        if target.status == FreightRequest.Status.CANCELLED:
            raise ValidationError(_("This request is cancelled."))
        if quote.request_id != target.pk:
            raise ValidationError({"quote": _("This quote belongs to another request.")})
        if quote.valid_until < day:
            raise ValidationError(
                {
                    "quote": _(
                        "This quote expired on %(date)s: ask %(provider)s to confirm or renew "
                        "it, then enter the new one."
                    )
                    % {"date": quote.valid_until.isoformat(), "provider": quote.provider.name}
                }
            )
        if target.chosen_quote_id == quote.pk:
            raise ValidationError({"quote": _("This quote is already the chosen one.")})
        if target.invoices.exists():
            raise ValidationError(
                _("An invoice was entered against the chosen quote: the choice cannot change.")
            )
        table = selectors.comparison_table(target, day=day)
        row = table.row_of(quote)
        if row is None or row.total_eur is None:
            raise ValidationError(
                {"quote": " ".join(table.missing_rates.values()) or _("No rate for this quote.")}
            )
        if not reason and (row.rank != 1 or target.chosen_quote_id is not None):
            raise ValidationError(
                {
                    "reason": _("Say why you choose this quote: it does not have the best score.")
                    if target.chosen_quote_id is None
                    else _("Say why the choice changes.")
                }
            )
        cost, currency = selectors.quote_total(quote, day)
        shipment = target.shipment
        provider = quote.provider
        if selectors.is_forwarder(provider):
            carrier, forwarder = shipment.carrier, provider
        else:
            carrier, forwarder = provider, None
        shipping_services.set_providers(
            shipment=shipment,
            carrier=carrier,
            forwarder=forwarder,
            freight_cost=cost,
            freight_currency=currency,
            user=user,
            reason=_("Freight quote %(quote)s chosen (%(request)s): %(reason)s")
            % {
                "quote": quote.reference or quote.pk,
                "request": target.number,
                "reason": reason or _("best score"),
            },
        )
        target.chosen_quote = quote
        target.choice_reason = reason
        target.chosen_by = author(user)
        target.chosen_at = timezone.now()
        target.rate_day = day
        target.chosen_score = row.score
        target.chosen_rank = row.rank
        target.status = FreightRequest.Status.DECIDED
        if send_booking:
            target.booking_sent_at = timezone.now()
        stamp(target, user, reason)
        target.save()
        sender = getattr(author(user), "pk", None)
        if send_booking:
            transaction.on_commit(_queue("email_booking", target.pk, sender))
        if inform_others:
            for other in target.recipients.exclude(provider=provider).filter(sent_at__isnull=False):
                transaction.on_commit(_queue("email_not_chosen", other.pk, sender))
    return target


def send_booking(*, request: FreightRequest, user: Actor) -> FreightRequest:
    """Send (again) the booking to the chosen provider."""
    require(user, Action.CHANGE, Record.FREIGHT_QUOTE)
    with transaction.atomic():
        target = FreightRequest.objects.select_for_update().get(pk=request.pk)
        if target.chosen_quote_id is None:
            raise ValidationError(_("Choose a quote first."))
        target.booking_sent_at = timezone.now()
        stamp(target, user)
        target.save()
        transaction.on_commit(_queue("email_booking", target.pk, getattr(author(user), "pk", None)))
    return target


def cancel_request(*, request: FreightRequest, user: Actor, reason: str) -> FreightRequest:
    require(user, Action.CHANGE, Record.FREIGHT_QUOTE)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the request is cancelled.")})
    with transaction.atomic():
        target = FreightRequest.objects.select_for_update().get(pk=request.pk)
        if target.status == FreightRequest.Status.DECIDED:
            raise ValidationError(_("A provider was chosen: the request cannot be cancelled."))
        target.status = FreightRequest.Status.CANCELLED
        stamp(target, user, reason.strip())
        target.save()
    return target


# ----------------------------------------------------------------------------- invoices


def _invoice_check(quote: Quote, values: InvoiceValues) -> comparison.InvoiceCheck:
    charges = [
        comparison.Charge(line.kind, line.description.strip(), line.amount, values.currency)
        for line in values.lines
    ]
    return selectors.check_charges(quote, charges, values.invoice_date)


def save_provider_invoice(
    *,
    request: FreightRequest,
    values: InvoiceValues,
    user: Actor,
    invoice: ProviderInvoice | None = None,
) -> ProviderInvoice:
    """Enter the chosen provider's invoice; it is checked against the accepted quote at once
    (differences kept for the KPIs) and waits for a decision (to check)."""
    require(user, Action.CREATE if invoice is None else Action.CHANGE, Record.FREIGHT_QUOTE)
    errors: dict[str, str] = {}
    if not values.number.strip():
        errors["number"] = _("Enter the invoice number.")
    if values.invoice_date > today():
        errors["invoice_date"] = _("An invoice cannot be dated in the future.")
    if not countries.is_currency(values.currency):
        errors["currency"] = _("%(code)s is not a currency code.") % {"code": values.currency}
    if errors:
        raise ValidationError(errors)
    _check_lines(
        [ChargeValues(**{**line.__dict__, "currency": values.currency}) for line in values.lines]
    )
    with transaction.atomic():
        target = FreightRequest.objects.select_for_update().get(pk=request.pk)
        quote = target.chosen_quote
        if quote is None:
            raise ValidationError(_("Choose a quote before entering the provider's invoice."))
        if invoice is not None and invoice.status != ProviderInvoice.Status.TO_CHECK:
            raise ValidationError(_("A checked invoice cannot change."))
        number = values.number.strip()
        duplicate = ProviderInvoice.objects.filter(provider=quote.provider, number=number)
        if invoice is not None:
            duplicate = duplicate.exclude(pk=invoice.pk)
        if duplicate.exists():
            raise ValidationError(
                {
                    "number": _("Invoice %(number)s of %(provider)s is already entered.")
                    % {"number": number, "provider": quote.provider.name}
                }
            )
        check = _invoice_check(quote, values)
        saved = invoice or ProviderInvoice(request=target, quote=quote, provider=quote.provider)
        saved.number = number
        saved.invoice_date = values.invoice_date
        saved.currency = values.currency.upper()
        saved.notes = values.notes.strip()
        saved.has_differences = check.has_differences
        saved.difference_eur = check.difference_eur
        stamp(saved, user)
        saved.save()
        saved.lines.all().delete()
        for position, line in enumerate(values.lines, start=1):
            row = ProviderInvoiceLine(
                invoice=saved,
                position=position,
                kind=line.kind,
                description=line.description.strip(),
                amount=line.amount,
            )
            stamp(row, user)
            row.save()
    return saved


def set_invoice_status(
    *, invoice: ProviderInvoice, status: str, user: Actor, note: str = ""
) -> ProviderInvoice:
    """Accept the invoice (with differences: say why) or dispute it (say what is disputed);
    back to "to check" reopens it."""
    require(user, Action.CHANGE, Record.FREIGHT_QUOTE)
    if status not in ProviderInvoice.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    note = note.strip()
    with transaction.atomic():
        target = ProviderInvoice.objects.select_for_update().get(pk=invoice.pk)
        if status == ProviderInvoice.Status.DISPUTED and not note:
            raise ValidationError({"note": _("Say what you dispute.")})
        if status == ProviderInvoice.Status.ACCEPTED and target.has_differences and not note:
            raise ValidationError(
                {"note": _("The invoice differs from the quote: say why you accept it.")}
            )
        target.status = status
        if note:
            stamp_line = f"{today().isoformat()} {target.get_status_display()}: {note}"
            target.notes = f"{target.notes}\n{stamp_line}".strip()
        target.checked_by = author(user) if status != "to_check" else None
        target.checked_at = timezone.now() if status != "to_check" else None
        stamp(target, user, note)
        target.save()
    return target
