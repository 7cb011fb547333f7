"""Writes of the claims area: the claim file, its deadlines as tasks, status, amounts,
attachments and the letters sent.

Every service checks the role matrix first (``TRANSPORT_CLAIM``), writes in one transaction
and names the author for the history. Tasks are opened and closed through
``parties.services``; the shipment is only read.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.common.dates import today as local_today
from comptoir.parties import selectors as parties_selectors
from comptoir.parties import services as parties
from comptoir.parties.models import Company
from comptoir.shipping.models import Shipment
from comptoir.trade.errors import TradeInputError

from . import rules
from .attachments import check_upload
from .inputs import LETTERS, ClaimAmounts, ClaimFacts
from .models import FINISHED, Claim, ClaimAttachment, ClaimDeadline, Convention

#: A reminder this many days before the time bar, then again two weeks before.
TIME_BAR_FIRST_REMINDER_DAYS = 60
TIME_BAR_LAST_REMINDER_DAYS = 14
#: The notice reminder comes this many days before a notice deadline (or today).
NOTICE_REMINDER_DAYS = 2

#: Status -> the statuses it may move to by hand.
NEXT_STATUSES: dict[str, frozenset[str]] = {
    Claim.Status.OPEN: frozenset(
        {"reserves_sent", "claim_sent", "negotiation", "settled", "refused", "closed"}
    ),
    Claim.Status.RESERVES_SENT: frozenset(
        {"claim_sent", "negotiation", "settled", "refused", "closed"}
    ),
    Claim.Status.CLAIM_SENT: frozenset({"negotiation", "settled", "refused", "closed"}),
    Claim.Status.NEGOTIATION: frozenset({"claim_sent", "settled", "refused", "closed"}),
    Claim.Status.SETTLED: frozenset({"negotiation", "closed"}),
    Claim.Status.REFUSED: frozenset({"negotiation", "closed"}),
    Claim.Status.TIME_BARRED: frozenset({"closed"}),
    Claim.Status.CLOSED: frozenset(),
}

#: The trade core's field -> the claim's field (errors name what the user typed).
_CORE_FIELDS = {
    "gross_weight_kg": "weight_affected_kg",
    "packages": "packages_affected",
    "consignment_weight_kg": "consignment_weight_kg",
    "sdr_rate": "sdr_rate",
    "currency": "currency",
    "delivery_date": "delivery_date",
    "kind": "kind",
    "convention": "convention",
}


def _save(claim: Claim, user: Actor, reason: str) -> None:
    stamp(claim, user, reason)
    claim.save()


def _next_number(year: int) -> str:
    prefix = f"CL-{year}-"
    last = (
        Claim.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    count = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{count:04d}"


def _check_facts(shipment: Shipment, facts: ClaimFacts, today: dt.date) -> tuple[str, str]:
    """Validate what the form cannot know alone; return the convention and why."""
    errors: dict[str, str] = {}
    suggestion = rules.suggest_convention(shipment)
    convention = facts.convention or suggestion.convention
    reason = facts.convention_reason.strip()
    if not convention:
        errors["convention"] = suggestion.reason
    elif convention not in Convention.values:
        errors["convention"] = _("Unknown rules.")
    elif not suggestion.convention:
        reason = reason or suggestion.reason  # rail, multimodal: the user's choice
    elif convention != suggestion.convention:
        if not reason:
            errors["convention_reason"] = _(
                "Say why these rules apply rather than those of the mode and route (%(rules)s)."
            ) % {"rules": Convention(suggestion.convention).label if suggestion.convention else "—"}
    else:
        reason = reason or suggestion.reason
    if facts.discovered_on > today:
        errors["discovered_on"] = _("The date of discovery cannot be in the future.")
    if facts.delivery_date > today and facts.kind not in ("loss", "theft"):
        errors["delivery_date"] = _("The delivery date cannot be in the future.")
    if facts.reserves_taken and not facts.reserves_text.strip():
        errors["reserves_text"] = _("Copy the reserves as they were written at delivery.")
    if facts.reserves_date and facts.reserves_date < facts.delivery_date:
        errors["reserves_date"] = _("Reserves cannot be dated before the delivery.")
    if convention == Convention.FR_DOMESTIC and facts.currency != "EUR":
        errors["currency"] = _(
            "The French contrat type sets its limits in euros: enter the claim in EUR."
        )
    if (
        facts.packages_affected is not None
        and shipment.packages is not None
        and facts.packages_affected > shipment.packages
    ):
        errors["packages_affected"] = _("More packages than the shipment has (%(count)s).") % {
            "count": shipment.packages
        }
    if (
        facts.consignment_weight_kg is not None
        and facts.weight_affected_kg > facts.consignment_weight_kg
    ):
        errors["weight_affected_kg"] = _("More than the gross weight of the whole consignment.")
    if facts.insurer is None and facts.insurance_policy.strip():
        errors["insurer"] = _("Choose the insurer of this policy.")
    if errors:
        raise ValidationError(errors)
    return convention, reason


def _apply_facts(
    claim: Claim, facts: ClaimFacts, convention: str, reason: str, today: dt.date
) -> None:
    shipment = claim.shipment
    consignment = facts.consignment_weight_kg
    if consignment is None:
        consignment = shipment.gross_weight_kg
    rate = rules.sdr_rate(facts.currency, facts.sdr_rate, facts.sdr_rate_date, today)
    try:
        result = rules.assess(
            shipment=shipment,
            convention=convention,
            kind=facts.kind,
            apparent=facts.apparent,
            delivery_date=facts.delivery_date,
            weight_kg=facts.weight_affected_kg,
            packages=facts.packages_affected,
            consignment_weight_kg=consignment,
            currency=facts.currency,
            rate=rate.rate,
        )
    except TradeInputError as exc:
        raise ValidationError({_CORE_FIELDS.get(exc.field or "", "__all__"): exc.message}) from None
    claim.kind = facts.kind
    claim.apparent = facts.apparent
    claim.description = facts.description
    claim.discovered_on = facts.discovered_on
    claim.delivery_date = facts.delivery_date
    claim.weight_affected_kg = facts.weight_affected_kg
    claim.packages_affected = facts.packages_affected
    claim.consignment_weight_kg = consignment
    claim.amount_claimed = facts.amount_claimed
    claim.currency = facts.currency
    claim.carrier = facts.carrier
    claim.insurer = facts.insurer
    claim.insurance_policy = facts.insurance_policy
    claim.convention = convention
    claim.convention_reason = reason[:300]
    claim.reserves_taken = facts.reserves_taken
    claim.reserves_text = facts.reserves_text if facts.reserves_taken else ""
    claim.reserves_date = facts.reserves_date if facts.reserves_taken else None
    claim.reserves_document = facts.reserves_document if facts.reserves_taken else ""
    claim.handled_by = facts.handled_by
    claim.notice_deadline = result.notice_deadline
    claim.time_bar_date = result.time_bar_date
    claim.liability_cap_sdr = result.liability_cap_sdr
    claim.liability_cap = result.liability_cap
    uses_sdr = result.liability_cap_sdr is not None and rate.rate is not None
    claim.sdr_rate = rate.rate if uses_sdr else None
    claim.sdr_rate_date = rate.day if uses_sdr else None
    claim.sdr_rate_source = rate.source if uses_sdr else ""


def _time_bar_check(claim: Claim, facts: ClaimFacts, today: dt.date) -> None:
    """A claim past its time bar is refused with the rule, or recorded as time-barred when
    the user says why (a carrier that agreed to extend, an action already brought...)."""
    if claim.time_bar_date >= today:
        claim.entered_time_barred = False
        claim.late_reason = ""
        return
    if not facts.late_reason.strip():
        raise ValidationError(
            {
                "delivery_date": _(
                    "Time-barred since %(day)s (%(rules)s: one year, two years by air, from the "
                    "delivery). The claim is not recorded; to keep it anyway (extension agreed "
                    "by the carrier, action already brought), say why."
                )
                % {"day": claim.time_bar_date.isoformat(), "rules": claim.get_convention_display()}
            }
        )
    claim.entered_time_barred = True
    claim.late_reason = facts.late_reason.strip()[:300]
    claim.status = Claim.Status.TIME_BARRED


def create_claim(*, shipment: Shipment, facts: ClaimFacts, user: Actor) -> Claim:
    """Open a claim file on a shipment: deadlines from the trade core, tasks for them."""
    require(user, Action.CREATE, Record.TRANSPORT_CLAIM)
    today = local_today()
    convention, reason = _check_facts(shipment, facts, today)
    with transaction.atomic():
        claim = Claim(
            shipment=shipment,
            created_by=author(user),
        )
        _apply_facts(claim, facts, convention, reason, today)
        _time_bar_check(claim, facts, today)
        claim.number = _next_number(today.year)
        _save(claim, user, "opened")
        _plan_deadlines(claim, user, today)
        parties.log_activity(
            company=claim.carrier,
            user=author(user),
            kind="note",
            subject=_("Transport claim %(number)s opened (%(kind)s, shipment %(shipment)s)")
            % {
                "number": claim.number,
                "kind": claim.get_kind_display(),
                "shipment": shipment,
            },
        )
    return claim


def update_claim(*, claim: Claim, facts: ClaimFacts, user: Actor) -> Claim:
    """Correct the facts: the deadlines and the cap are computed again, the tasks follow."""
    require(user, Action.CHANGE, Record.TRANSPORT_CLAIM)
    if claim.status == Claim.Status.CLOSED:
        raise ValidationError(_("A closed claim cannot change."))
    today = local_today()
    convention, reason = _check_facts(claim.shipment, facts, today)
    with transaction.atomic():
        _apply_facts(claim, facts, convention, reason, today)
        if not claim.entered_time_barred:
            # already recorded in time: a later correction does not re-check against today
            claim.late_reason = ""
        _save(claim, user, "facts corrected")
        _close_deadline_tasks(claim, user, "deadlines recomputed")
        claim.deadlines.all().delete()
        _plan_deadlines(claim, user, today)
    return claim


def _deadline_rows(claim: Claim, today: dt.date) -> list[tuple[str, dt.date, dt.date, str]]:
    rows: list[tuple[str, dt.date, dt.date, str]] = []
    if claim.notice_deadline is not None and claim.notice_deadline >= today:
        if claim.reserves_sent_on is None and claim.claim_sent_on is None:
            rows.append(
                (
                    ClaimDeadline.Kind.NOTICE,
                    claim.notice_deadline,
                    max(today, claim.notice_deadline - dt.timedelta(days=NOTICE_REMINDER_DAYS)),
                    _("Claim %(number)s: written reserves to %(carrier)s by %(day)s"),
                )
            )
    bar = claim.time_bar_date
    if bar >= today:
        rows.append(
            (
                ClaimDeadline.Kind.TIME_BAR_SOON,
                bar,
                max(today, bar - dt.timedelta(days=TIME_BAR_FIRST_REMINDER_DAYS)),
                _(
                    "Claim %(number)s: time bar on %(day)s — obtain settlement from %(carrier)s "
                    "or an extension in writing"
                ),
            )
        )
        rows.append(
            (
                ClaimDeadline.Kind.TIME_BAR,
                bar,
                max(today, bar - dt.timedelta(days=TIME_BAR_LAST_REMINDER_DAYS)),
                _(
                    "Claim %(number)s: time bar on %(day)s — last days to act against "
                    "%(carrier)s (court action or written extension)"
                ),
            )
        )
    return rows


def _plan_deadlines(claim: Claim, user: Actor, today: dt.date) -> None:
    if claim.is_finished:
        return
    url = claim.get_absolute_url()
    for kind, due, remind, title in _deadline_rows(claim, today):
        task = None
        if claim.handled_by is not None:
            task = parties.open_task(
                title=(
                    title
                    % {
                        "number": claim.number,
                        "carrier": claim.carrier,
                        "day": formats.date_format(due, "SHORT_DATE_FORMAT"),
                    }
                )[:200],
                due=remind,
                assigned_to=claim.handled_by,
                company=claim.carrier,
                notes=url,
                user=author(user),
            )
        ClaimDeadline.objects.create(
            claim=claim, kind=kind, due_on=due, remind_on=remind, task=task
        )


def _close_deadline_tasks(
    claim: Claim, user: Actor, reason: str, kinds: tuple[str, ...] | None = None
) -> None:
    deadlines = claim.deadlines.exclude(task=None)
    if kinds is not None:
        deadlines = deadlines.filter(kind__in=kinds)
    task_ids = list(deadlines.values_list("task_id", flat=True))
    if task_ids:
        parties.close_tasks(
            tasks=parties_selectors.open_tasks(company=claim.carrier).filter(pk__in=task_ids),
            user=user,
            reason=reason,
        )


def set_status(
    *, claim: Claim, status: str, user: Actor, on: dt.date | None = None, note: str = ""
) -> Claim:
    """Move the claim on (settled, refused, closed...): a finished claim's tasks are closed."""
    require(user, Action.CHANGE, Record.TRANSPORT_CLAIM)
    if status not in NEXT_STATUSES.get(claim.status, frozenset()):
        raise ValidationError(
            {
                "status": _("A claim that is %(now)s cannot become %(next)s.")
                % {
                    "now": claim.get_status_display().lower(),
                    "next": str(Claim.Status(status).label).lower()
                    if status in Claim.Status.values
                    else status,
                }
            }
        )
    day = on or local_today()
    with transaction.atomic():
        claim.status = status
        if status in (Claim.Status.SETTLED, Claim.Status.REFUSED):
            claim.settled_on = day
        if note.strip():
            claim.outcome = (claim.outcome + "\n" if claim.outcome else "") + (
                f"{day.isoformat()}: {note.strip()}"
            )
        _save(claim, user, f"status {status}")
        if claim.is_finished:
            _close_deadline_tasks(claim, user, f"claim {status}")
    return claim


def save_amounts(*, claim: Claim, values: ClaimAmounts, user: Actor) -> Claim:
    """The amount claimed and what the carrier and the insurer paid."""
    require(user, Action.CHANGE, Record.TRANSPORT_CLAIM)
    if claim.status == Claim.Status.CLOSED:
        raise ValidationError(_("A closed claim cannot change."))
    if values.recovered_carrier + values.recovered_insurer > values.amount_claimed:
        raise ValidationError(
            {
                "recovered_insurer": _(
                    "Recovered in all (%(total)s) is more than the amount claimed: correct the "
                    "amount claimed first."
                )
                % {"total": values.recovered_carrier + values.recovered_insurer}
            }
        )
    with transaction.atomic():
        claim.amount_claimed = values.amount_claimed
        claim.recovered_carrier = values.recovered_carrier
        claim.recovered_insurer = values.recovered_insurer
        if values.outcome.strip():
            claim.outcome = values.outcome.strip()
        _save(claim, user, "amounts")
    return claim


# ------------------------------------------------------------------------- attachments

#: Files kept per claim.
MAX_ATTACHMENTS = 30


def add_attachment(*, claim: Claim, upload: UploadedFile, user: Actor) -> ClaimAttachment:
    """Keep a photo or a PDF with the claim (type checked from its bytes, size bounded)."""
    require(user, Action.CHANGE, Record.TRANSPORT_CLAIM)
    if claim.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"file": _("At most %(count)d files per claim.") % {"count": MAX_ATTACHMENTS}}
        )
    content_type = check_upload(upload)
    with transaction.atomic():
        attachment = ClaimAttachment(
            claim=claim,
            name=(upload.name or "file")[-200:],
            content_type=content_type,
            size=upload.size or 0,
            uploaded_by=author(user),
        )
        attachment.file.save(upload.name or "file", upload, save=False)
        attachment.save()
        _save(claim, user, f"file added: {attachment.name}")
    return attachment


def remove_attachment(*, attachment: ClaimAttachment, user: Actor) -> None:
    require(user, Action.CHANGE, Record.TRANSPORT_CLAIM)
    claim = attachment.claim
    with transaction.atomic():
        name = attachment.name
        attachment.file.delete(save=False)
        attachment.delete()
        _save(claim, user, f"file removed: {name}")


# ------------------------------------------------------------------------------ letters


def letter_recipient(claim: Claim, letter: str) -> Company:
    if letter == "insurer":
        if claim.insurer is None:
            raise ValidationError({"letter": _("Choose the cargo insurer of this claim first.")})
        return claim.insurer
    return claim.carrier


def record_letter(
    *, claim: Claim, letter: str, user: Actor, sent_on: dt.date | None = None, email: bool = False
) -> Claim:
    """A letter sent (by registered post, or by e-mail with its PDF): its date is recorded and
    the claim moves on (reserves sent, claim sent); the exchange is logged on the partner."""
    require(user, Action.CHANGE, Record.TRANSPORT_CLAIM)
    if letter not in LETTERS:
        raise ValidationError({"letter": _("Unknown letter.")})
    if claim.status == Claim.Status.CLOSED:
        raise ValidationError(_("A closed claim cannot change."))
    partner = letter_recipient(claim, letter)
    day = sent_on or local_today()
    if letter == "claim" and claim.amount_claimed <= 0:
        raise ValidationError({"amount_claimed": _("Enter the amount claimed first.")})
    recipient = ""
    if email:
        contact = parties_selectors.first_contact_with_email(partner)
        recipient = contact.email if contact else partner.email
        if not recipient:
            raise ValidationError(
                {"letter": _("%(partner)s has no e-mail address.") % {"partner": partner}}
            )
    with transaction.atomic():
        if letter == "reserves":
            claim.reserves_sent_on = day
            if claim.status == Claim.Status.OPEN:
                claim.status = Claim.Status.RESERVES_SENT
        elif letter == "claim":
            claim.claim_sent_on = day
            if claim.status in (Claim.Status.OPEN, Claim.Status.RESERVES_SENT):
                claim.status = Claim.Status.CLAIM_SENT
        else:
            claim.insurer_claimed_on = day
        _save(claim, user, f"letter {letter} sent")
        if letter in ("reserves", "claim"):
            # a written claim is also the written notice the conventions ask for
            _close_deadline_tasks(claim, user, f"{letter} sent", (ClaimDeadline.Kind.NOTICE,))
        parties.log_activity(
            company=partner,
            user=author(user),
            kind="email" if email else "note",
            subject=_("Claim %(number)s: %(letter)s sent")
            % {
                "number": claim.number,
                "letter": letter_title(letter),
            },
        )
        if email:
            from .letters import queue_letter_email

            transaction.on_commit(
                lambda: queue_letter_email(claim.pk, letter, recipient, _user_id(user))
            )
    return claim


def _user_id(user: Actor) -> int | None:
    return user.pk if isinstance(user, User) else None


def letter_title(letter: str) -> str:
    return {
        "reserves": _("confirmation of reserves"),
        "claim": _("claim letter"),
        "insurer": _("claim to the cargo insurer"),
    }[letter]


# -------------------------------------------------------------------------- daily job


def bar_lapsed_claims(today: dt.date | None = None) -> int:
    """Claims still open past their time bar become time-barred (the daily job), each saved
    so that its history says when and why."""
    day = today or local_today()
    count = 0
    for claim in Claim.objects.filter(time_bar_date__lt=day).exclude(status__in=FINISHED):
        claim.status = Claim.Status.TIME_BARRED
        _save(claim, None, "time bar passed")
        count += 1
    return count
