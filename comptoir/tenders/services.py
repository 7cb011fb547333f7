"""Writes of the calls for tender: the tender and its lines, the invitations sent, the route
costs, the answers as they arrive, the weights, the decision and the word to the others.

Every service takes clean values (:mod:`.inputs`), checks the role matrix first (record
``tender``) and writes in one transaction with the history's author; nothing is half-saved.
E-mails leave through the job queue once the transaction is committed, in the supplier's
language with the PDF attached.
"""

from __future__ import annotations

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
from comptoir.parties import services as parties_services
from comptoir.parties.models import Company
from comptoir.sales import selectors as sales_selectors
from comptoir.trade import incoterms
from comptoir.trade import tender_comparison as core

from . import selectors
from .inputs import AnswerValues, CostValues, DecisionValues, TenderValues, Weights
from .models import (
    Answer,
    AnswerLine,
    Award,
    CostBasis,
    CostKind,
    Invitation,
    RouteCost,
    Tender,
    TenderLine,
)

#: Costly inputs, bounded.
MAX_LINES = 100
MAX_SUPPLIERS = 30
MAX_COSTS = 20
MAX_QUANTITY = Decimal("999999999")
MAX_PRICE = Decimal("9999999999")
MAX_WEIGHT = 100


def _number(tender: Tender) -> str:
    return f"AO-{tender.created_at:%Y}-{tender.pk:05d}"


def _check_tender(values: TenderValues, *, new: bool) -> None:
    errors: dict[str, str] = {}
    if not values.title.strip():
        errors["title"] = _("Give the tender a subject.")
    if not values.delivery_place.strip():
        errors["delivery_place"] = _("Say where the goods are to be delivered.")
    if new and values.reply_by < today():
        errors["reply_by"] = _("The date for answers cannot be in the past.")
    if values.delivery_date < values.reply_by:
        errors["delivery_date"] = _("The delivery date comes before the deadline for answers.")
    if values.incoterm.upper() not in incoterms.RULE_CODES:
        errors["incoterm"] = _("Choose an Incoterms® 2020 rule.")
    if not values.lines:
        errors["lines"] = _("Add at least one product.")
    elif len(values.lines) > MAX_LINES:
        errors["lines"] = _("At most %(n)d lines in one tender.") % {"n": MAX_LINES}
    else:
        for i, line in enumerate(values.lines):
            if not 0 < line.quantity <= MAX_QUANTITY:
                errors[f"lines.{i}.quantity"] = _("The quantity must be above zero.")
    if not values.suppliers:
        errors["suppliers"] = _("Invite at least one supplier.")
    elif len(values.suppliers) > MAX_SUPPLIERS:
        errors["suppliers"] = _("At most %(n)d suppliers in one tender.") % {"n": MAX_SUPPLIERS}
    elif len({s.pk for s in values.suppliers}) != len(values.suppliers):
        errors["suppliers"] = _("The same supplier is invited twice.")
    else:
        for supplier in values.suppliers:
            if not supplier.has_role("supplier"):
                errors["suppliers"] = _("%(name)s is not a supplier.") % {"name": supplier.name}
    if errors:
        raise ValidationError(errors)


def _check_weights(weights: Weights) -> None:
    values = {f"weight_{c}": getattr(weights, c) for c in core.CRITERIA}
    errors = {
        name: _("A weight lies between 0 and %(max)d.") % {"max": MAX_WEIGHT}
        for name, value in values.items()
        if not 0 <= value <= MAX_WEIGHT
    }
    if errors:
        raise ValidationError(errors)
    if sum(values.values()) == 0:
        raise ValidationError({"weight_price": _("At least one weight must be above zero.")})


def create_tender(*, values: TenderValues, user: Actor, weights: Weights | None = None) -> Tender:
    """A draft tender with its lines and the suppliers invited."""
    require(user, Action.CREATE, Record.TENDER)
    _check_tender(values, new=True)
    weights = weights or Weights()
    _check_weights(weights)
    with transaction.atomic():
        tender = Tender(
            title=values.title.strip(),
            reply_by=values.reply_by,
            delivery_date=values.delivery_date,
            delivery_place=values.delivery_place.strip(),
            incoterm=values.incoterm.upper(),
            incoterm_place=values.incoterm_place.strip(),
            payment_terms=values.payment_terms.strip(),
            instructions=values.instructions.strip(),
            created_by=author(user),
            **{f"weight_{c}": getattr(weights, c) for c in core.CRITERIA},
        )
        stamp(tender, user)
        tender.save()
        tender.number = _number(tender)
        tender.save(update_fields=["number"])
        for position, line in enumerate(values.lines, start=1):
            row = TenderLine(
                tender=tender,
                position=position,
                product=line.product,
                quantity=line.quantity,
                specifications=line.specifications.strip(),
            )
            stamp(row, user)
            row.save()
        for supplier in values.suppliers:
            _invite(tender, supplier, user)
    return tender


def _invite(tender: Tender, supplier: Company, user: Actor) -> Invitation:
    invitation = Invitation(tender=tender, supplier=supplier, language=supplier.language or "en")
    stamp(invitation, user)
    invitation.save()
    return invitation


def _refuse_closed(tender: Tender) -> None:
    if tender.status in (Tender.Status.DECIDED, Tender.Status.CANCELLED):
        raise ValidationError(
            _("This tender is %(status)s: it cannot change.")
            % {"status": tender.get_status_display()}
        )


def supplier_email(supplier: Company) -> str:
    """Where a request goes: the company's e-mail, else its first contact's."""
    if supplier.email:
        return supplier.email
    contact = parties_selectors.first_contact_with_email(supplier)
    return contact.email if contact is not None else ""


def _queue(name: str, *args: int | None) -> Callable[[], None]:
    def enqueue() -> None:
        from . import tasks  # the task module imports the mailing module, which imports this

        getattr(tasks, name).enqueue(*args)

    return enqueue


def send_tender(*, tender: Tender, user: Actor, email: bool = True) -> list[Invitation]:
    """Send the request for offers to every supplier not sent to yet (the PDF in the
    supplier's language by e-mail through the job queue; ``email=False``: sent by other
    means). A task reminds the buyer of the deadline for answers."""
    require(user, Action.CHANGE, Record.TENDER)
    now = timezone.now()
    sent: list[Invitation] = []
    with transaction.atomic():
        target = Tender.objects.select_for_update().get(pk=tender.pk)
        _refuse_closed(target)
        if target.reply_by < today():
            raise ValidationError(
                {"reply_by": _("The date for answers is past: change it before sending.")}
            )
        first = target.status == Tender.Status.DRAFT
        for invitation in target.invitations.select_related("supplier").filter(
            status=Invitation.Status.TO_SEND
        ):
            invitation.email = supplier_email(invitation.supplier)
            invitation.language = invitation.supplier.language or "en"
            invitation.sent_at = now
            invitation.status = Invitation.Status.SENT
            stamp(invitation, user)
            invitation.save()
            sent.append(invitation)
        if not sent:
            raise ValidationError(_("Every supplier has already received this tender."))
        target.status = Tender.Status.SENT
        stamp(target, user)
        target.save()
        owner = author(user) or target.created_by
        if first and owner is not None:
            parties_services.open_task(
                title=_("Answers due for tender %(number)s: compare and decide")
                % {"number": target.number},
                due=target.reply_by,
                assigned_to=owner,
                user=author(user),
                notes=target.title,
            )
        sender = getattr(author(user), "pk", None)
        for invitation in sent:
            if email and invitation.email:
                transaction.on_commit(_queue("email_request", invitation.pk, sender))
    return sent


def mark_emailed(*, invitation_id: int, field: str) -> None:
    """Record that the worker handed an e-mail to the mail server (system, no role)."""
    if field not in ("emailed_at", "informed_at"):
        raise ValueError(field)
    Invitation.objects.filter(pk=invitation_id).update(**{field: timezone.now()})


def decline(*, invitation: Invitation, user: Actor, reason: str = "") -> Invitation:
    """The supplier declines to quote."""
    require(user, Action.CHANGE, Record.TENDER)
    with transaction.atomic():
        target = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _refuse_closed(target.tender)
        if hasattr(target, "answer"):
            raise ValidationError(_("This supplier has answered: delete nothing, decide."))
        target.status = Invitation.Status.DECLINED
        target.declined_reason = reason.strip()[:200]
        stamp(target, user, reason)
        target.save()
    return target


def set_weights(*, tender: Tender, weights: Weights, user: Actor) -> Tender:
    """The weights of the comparison (the decision keeps those it was made with)."""
    require(user, Action.CHANGE, Record.TENDER)
    _check_weights(weights)
    with transaction.atomic():
        target = Tender.objects.select_for_update().get(pk=tender.pk)
        _refuse_closed(target)
        for c in core.CRITERIA:
            setattr(target, f"weight_{c}", getattr(weights, c))
        stamp(target, user)
        target.save()
    return target


def set_route_costs(
    *, invitation: Invitation, costs: Sequence[CostValues], user: Actor
) -> Invitation:
    """The costs from this supplier to our warehouse, in EUR (the forwarder's quote): per
    shipment, per kg, per m³ or a percentage of the goods value (insurance). Replaces the
    previous ones."""
    require(user, Action.CHANGE, Record.TENDER)
    if len(costs) > MAX_COSTS:
        raise ValidationError({"costs": _("At most %(n)d costs.") % {"n": MAX_COSTS}})
    for i, cost in enumerate(costs):
        if cost.kind not in CostKind.values:
            raise ValidationError({f"costs.{i}.kind": _("Choose the kind of cost.")})
        if cost.basis not in CostBasis.values:
            raise ValidationError({f"costs.{i}.basis": _("Choose the basis of the cost.")})
        if not 0 <= cost.amount <= MAX_PRICE:
            raise ValidationError({f"costs.{i}.amount": _("A cost must not be negative.")})
        if cost.basis == CostBasis.PERCENT and cost.amount > 100:
            raise ValidationError({f"costs.{i}.amount": _("A percentage lies between 0 and 100.")})
    with transaction.atomic():
        target = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _refuse_closed(target.tender)
        target.costs.all().delete()
        for cost in costs:
            row = RouteCost(invitation=target, kind=cost.kind, basis=cost.basis, amount=cost.amount)
            stamp(row, user)
            row.save()
    return target


def _check_answer(tender: Tender, values: AnswerValues) -> None:
    errors: dict[str, str] = {}
    if values.received_on > today():
        errors["received_on"] = _("An answer cannot be received in the future.")
    if values.valid_until < values.received_on:
        errors["valid_until"] = _("The validity ends before the answer was received.")
    if not 0 <= values.lead_time_days <= core.MAX_LEAD_DAYS:
        errors["lead_time_days"] = _("Give the lead time in days (0 to %(max)d).") % {
            "max": core.MAX_LEAD_DAYS
        }
    if not 0 <= values.payment_days <= core.MAX_PAYMENT_DAYS:
        errors["payment_days"] = _("Give the days of credit (0 to %(max)d).") % {
            "max": core.MAX_PAYMENT_DAYS
        }
    if values.quality_grade is not None and not 0 <= values.quality_grade <= 10:
        errors["quality_grade"] = _("The quality grade lies between 0 and 10.")
    if values.samples not in Answer.Samples.values:
        errors["samples"] = _("Choose where the samples stand.")
    if values.incoterm.upper() not in incoterms.RULE_CODES:
        errors["incoterm"] = _("Choose an Incoterms® 2020 rule.")
    if not values.incoterm_place.strip():
        errors["incoterm_place"] = _("Give the Incoterm's named place (e.g. Ningbo).")
    if values.origin_country and not countries.is_country(values.origin_country):
        errors["origin_country"] = _("%(code)s is not a country code.") % {
            "code": values.origin_country
        }
    if not countries.is_currency(values.currency):
        errors["currency"] = _("%(code)s is not a currency code.") % {"code": values.currency}
    elif values.currency.upper() != "EUR":
        try:
            sales_selectors.eur_rate(values.currency.upper(), values.received_on)
        except ValidationError as exc:
            errors["currency"] = " ".join(exc.messages)
    positions = tender.lines.count()
    if not values.prices:
        errors["prices"] = _("Enter at least one price.")
    seen: set[int] = set()
    for i, price in enumerate(values.prices):
        if not 1 <= price.line <= positions:
            errors[f"prices.{i}.line"] = _("No line %(n)d in this tender.") % {"n": price.line}
        elif price.line in seen:
            errors[f"prices.{i}.line"] = _("Line %(n)d is priced twice.") % {"n": price.line}
        seen.add(price.line)
        if price.unit_price < 0:
            errors[f"prices.{i}.unit_price"] = _("A unit price must not be negative.")
        elif price.unit_price > MAX_PRICE:
            errors[f"prices.{i}.unit_price"] = _("This price is too large.")
        if price.moq is not None and not 0 < price.moq <= MAX_QUANTITY:
            errors[f"prices.{i}.moq"] = _("The minimum order quantity must be above zero.")
    if errors:
        raise ValidationError(errors)


def save_answer(*, invitation: Invitation, values: AnswerValues, user: Actor) -> Answer:
    """Enter (or correct) a supplier's answer as it arrives; checked whole before anything
    is written: a currency without a rate on the day received, a negative price, a lead time
    out of bounds are refused with the field named."""
    existing = Answer.objects.filter(invitation=invitation).first()
    require(user, Action.CREATE if existing is None else Action.CHANGE, Record.TENDER)
    tender = invitation.tender
    _check_answer(tender, values)
    with transaction.atomic():
        target = Tender.objects.select_for_update().get(pk=tender.pk)
        _refuse_closed(target)
        lines = {line.position: line for line in target.lines.all()}
        answer = existing or Answer(invitation=invitation, created_by=author(user))
        answer.reference = values.reference.strip()
        answer.received_on = values.received_on
        answer.currency = values.currency.upper()
        answer.incoterm = values.incoterm.upper()
        answer.incoterm_place = values.incoterm_place.strip()
        answer.origin_country = (values.origin_country or invitation.supplier.country).upper()
        answer.preference_agreement = values.preference_agreement.strip().upper()
        answer.lead_time_days = values.lead_time_days
        answer.payment_terms = values.payment_terms.strip()
        answer.payment_days = values.payment_days
        answer.valid_until = values.valid_until
        answer.samples = values.samples
        answer.quality_grade = values.quality_grade
        answer.remarks = values.remarks.strip()
        stamp(answer, user)
        answer.save()
        answer.lines.all().delete()
        for price in values.prices:
            row = AnswerLine(
                answer=answer,
                line=lines[price.line],
                unit_price=price.unit_price,
                moq=price.moq,
                remarks=price.remarks.strip()[:200],
            )
            stamp(row, user)
            row.save()
        Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.ANSWERED)
    return answer


def decide(*, tender: Tender, values: DecisionValues, user: Actor) -> Tender:
    """Record the decision: every line to one supplier (``overall``) or line by line. Who,
    when and why are kept with the delivered cost and score the table showed; choosing other
    than the best score, or splitting the lines, needs a reason. The suppliers not chosen
    are thanked by e-mail in their language (no competitor's price)."""
    require(user, Action.CHANGE, Record.TENDER)
    reason = values.reason.strip()
    day = today()
    with transaction.atomic():
        target = Tender.objects.select_for_update().get(pk=tender.pk)
        _refuse_closed(target)
        table = selectors.comparison(target, day=day)
        rows = {row.invitation.supplier_id: row for row in table.rows}
        chosen: dict[int, Company] = {}
        if values.overall is not None:
            chosen = {line.position: values.overall for line in table.lines}
        else:
            chosen = dict(values.per_line)
        if not chosen:
            raise ValidationError({"overall": _("Choose the supplier.")})
        for position, supplier in chosen.items():
            row = rows.get(supplier.pk)
            if row is None or row.result is None or row.answer is None:
                raise ValidationError(
                    {
                        "overall": _("%(name)s has no answer that can be compared.")
                        % {"name": supplier.name}
                    }
                )
            if row.expired:
                raise ValidationError(
                    {
                        "overall": _(
                            "The answer of %(name)s expired on %(date)s: ask them to confirm it."
                        )
                        % {"name": supplier.name, "date": row.answer.valid_until.isoformat()}
                    }
                )
            if not any(line.position == position for line in table.lines):
                raise ValidationError({"per_line": _("No line %(n)d.") % {"n": position}})
            if row.unit_delivered(position) is None:
                raise ValidationError(
                    {
                        "per_line": _("%(name)s did not price line %(n)d.")
                        % {"name": supplier.name, "n": position}
                    }
                )
        winners = {s.pk for s in chosen.values()}
        best = table.best_supplier_id
        if not reason and (len(winners) > 1 or best is None or winners != {best}):
            raise ValidationError(
                {"reason": _("Say why: this choice is not the best score on every line.")}
            )
        lines = {line.position: line for line in target.lines.all()}
        for position, supplier in chosen.items():
            row = rows[supplier.pk]
            assert row.answer is not None
            answer_line = row.answer.lines.get(line__position=position)
            unit = row.unit_delivered(position)
            assert unit is not None
            award = Award(
                tender=target,
                line=lines[position],
                answer_line=answer_line,
                unit_delivered_eur=unit,
                score=row.score,
                rank=row.rank,
            )
            stamp(award, user)
            award.save()
        target.status = Tender.Status.DECIDED
        target.decision_reason = reason
        target.decided_by = author(user)
        target.decided_at = timezone.now()
        target.rate_day = day
        stamp(target, user, reason)
        target.save()
        if values.inform_losers:
            sender = getattr(author(user), "pk", None)
            for invitation in target.invitations.exclude(supplier_id__in=winners).filter(
                status=Invitation.Status.ANSWERED
            ):
                transaction.on_commit(_queue("email_not_chosen", invitation.pk, sender))
    return target


def cancel_tender(*, tender: Tender, user: Actor, reason: str) -> Tender:
    require(user, Action.CHANGE, Record.TENDER)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the tender is cancelled.")})
    with transaction.atomic():
        target = Tender.objects.select_for_update().get(pk=tender.pk)
        _refuse_closed(target)
        target.status = Tender.Status.CANCELLED
        stamp(target, user, reason.strip())
        target.save()
    return target
