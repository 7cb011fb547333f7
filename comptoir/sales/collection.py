"""Collection: dunning runs and letters, the dunning procedure, agents' contracts.

The rules are the trade core's (:mod:`comptoir.trade.receivables`): the dunning steps sent
one after the other, the commission rounding. What collection reads (open balances, aged
receivables, the letters due, statements, commissions) is in :mod:`comptoir.sales.selectors`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comptoir.accounts.roles import Action, Record, require
from comptoir.audit import save_instance, stamp
from comptoir.common.dates import today as _today
from comptoir.common.values import apply_values
from comptoir.documents.pdf import render_pdf
from comptoir.parties import selectors as party_selectors
from comptoir.parties import services as parties
from comptoir.parties.models import Company
from comptoir.trade import invoicing

from . import facts, penalties
from .models import (
    AgentContract,
    DunningLetter,
    DunningLevel,
    Invoice,
    SellerProfile,
)
from .selectors import ZERO, dunning_count, open_invoices


def propose_dunning_run(today: dt.date | None = None) -> int:
    """The daily job's part: when letters are due, a task "dunning run" for each manager.

    One open task per manager at a time: a newer proposal replaces an older undone one
    (the task points at the dunning run page, which always shows today's letters)."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from comptoir.accounts.roles import Role

    day = today or _today()
    count = dunning_count(day)
    url = reverse("sales:dunning_run")
    managers = get_user_model().objects.filter(is_active=True, profile__role=Role.MANAGER)
    with transaction.atomic():
        parties.close_tasks(
            tasks=party_selectors.open_tasks(notes=url, assigned_to=managers).exclude(due_date=day),
            user=None,
            reason="newer dunning proposal",
        )
        if not count:
            return 0
        for manager in managers:
            if party_selectors.has_task(assigned_to=manager, notes=url, due=day):
                continue
            language = getattr(getattr(manager, "profile", None), "language", "fr")
            with translation.override(language):
                title = ngettext(
                    "Dunning run: %(n)d letter to send", "Dunning run: %(n)d letters to send", count
                ) % {"n": count}
            parties.open_task(title=title, notes=url, due=day, assigned_to=manager, user=None)
    return count


def _letter_context(
    client: Company, level: DunningLevel, invoices: list[Invoice], language: str, day: dt.date
) -> dict[str, Any]:
    from .documents import client_block, seller_context

    seller = SellerProfile.current()
    rows: list[dict[str, Any]] = []
    interests: list[Decimal] = []
    rates: set[Decimal] = set()
    known = True
    for inv in invoices:
        assert inv.due_date is not None  # an issued invoice has its due date
        days_late = (day - inv.due_date).days
        interest, periods = penalties.interest(
            inv.balance_due, inv.due_date, day, inv.currency, seller
        )
        known = known and interest is not None
        rates.update(p.penalty_rate for p in periods)
        interests.append(interest or ZERO)
        rows.append({"invoice": inv, "days_late": days_late, "interest": interests[-1]})
    # L441-10 II: each half-year of the delay at its own rate (ECB rate on 1 January / 1 July).
    rate = " / ".join(f"{r:.2f}" for r in sorted(rates)) if known and rates else None
    if rate and language == "fr":
        rate = rate.replace(".", ",")
    return {
        "seller": seller_context(),
        "client": client_block(client, language),
        "level": level,
        "title": level.name(language),
        "text": level.text_fr if language == "fr" else level.text_en,
        "rows": rows,
        "total": sum((inv.balance_due for inv in invoices), ZERO),
        "interest_total": sum(interests, ZERO) if rate else ZERO,
        "indemnity": invoicing.RECOVERY_INDEMNITY_EUR * len(invoices) if level.level >= 2 else ZERO,
        "currency": invoices[0].currency,
        "day": day,
        "rate": rate,
    }


def letter_pdf(
    client: Company, level: DunningLevel, invoices: list[Invoice], language: str, day: dt.date
) -> bytes:
    with translation.override(language):
        return render_pdf(
            "sales/pdf/dunning_letter.html", _letter_context(client, level, invoices, language, day)
        )


def send_dunning(
    *,
    client: Company,
    level_number: int,
    invoice_ids: list[int],
    user: User | None,
    today: dt.date | None = None,
) -> DunningLetter:
    """Send one letter (PDF by e-mail, in the client's language) and record it on the client."""
    require(user, Action.ISSUE, Record.DUNNING_LETTER)
    day = today or _today()
    level = DunningLevel.objects.get(level=level_number)
    invoices = list(open_invoices(client).filter(pk__in=invoice_ids))
    if not invoices:
        raise ValidationError(_("These invoices are paid or are not this client's."))
    currencies = {inv.currency for inv in invoices}
    if len(currencies) > 1:
        raise ValidationError(_("One letter per currency."))
    language = "fr" if client.language == "fr" else "en"
    pdf = letter_pdf(client, level, invoices, language, day)
    contact = party_selectors.first_contact_with_email(client)
    to = client.email or (contact.email if contact else "")
    with transaction.atomic():
        letter = DunningLetter(
            client=client,
            level=level,
            sent_on=day,
            sent_by=user if getattr(user, "is_authenticated", False) else None,
            email_to=to,
            language=language,
            total_due=sum((inv.balance_due for inv in invoices), ZERO),
            currency=invoices[0].currency,
            pdf=pdf,
        )
        stamp(letter, user, "dunning")
        letter.save()
        letter.invoices.set(invoices)
        numbers = ", ".join(inv.number or "" for inv in invoices)
        parties.log_activity(
            company=client,
            contact=contact,
            user=user,
            kind="email" if to else "note",
            subject=f"{level.name(language)}: {numbers}",
            body=_("%(total)s %(cur)s due; letter sent to %(to)s.")
            % {
                "total": letter.total_due,
                "cur": letter.currency,
                "to": to or _("(no e-mail: print and post it)"),
            },
        )
        if to:
            from .tasks import email_dunning_letter  # the task module imports mailing

            # Queued in the letter's transaction: the job exists exactly when the letter does.
            email_dunning_letter.enqueue(letter.pk)
    return letter


def letter_text(level: DunningLevel, language: str) -> str:
    return level.text_fr if language == "fr" else level.text_en


# --------------------------------------------------------------------------- the procedure


@dataclass(frozen=True)
class DunningLevelValues:
    """One level of the dunning procedure as the manager sets it (``pk``: the level's record)."""

    pk: int
    level: int
    name_fr: str
    name_en: str
    days_after_due: int
    text_fr: str
    text_en: str
    hand_over: bool


def save_dunning_levels(*, levels: Sequence[DunningLevelValues], user: User | None) -> None:
    """Change the levels of the procedure; each must come strictly later than the one before
    (ordered by level), or nothing is saved."""
    require(user, Action.ADMINISTER, Record.DUNNING_LEVEL)
    with transaction.atomic():
        current = {lv.pk: lv for lv in DunningLevel.objects.select_for_update()}
        changed = []
        for values in levels:
            record = current.get(values.pk)
            if record is None:
                raise ValidationError(_("Unknown dunning level."))
            if any(
                getattr(record, f.name) != getattr(values, f.name)
                for f in fields(values)
                if f.name != "pk"
            ):
                apply_values(record, values, skip=("pk",))
                changed.append(record)
        delays = [lv.days_after_due for lv in sorted(current.values(), key=lambda lv: lv.level)]
        if delays != sorted(set(delays)):
            raise ValidationError(_("Each level must come strictly later than the previous one."))
        for record in changed:
            save_instance(record, user)


@dataclass(frozen=True)
class AgentContractValues:
    agent: Company
    countries: str  # ISO codes, "DE, AT"
    rate_pct: Decimal
    valid_from: dt.date
    valid_until: dt.date | None = None


def save_agent_contract(*, values: AgentContractValues, user: User | None) -> AgentContract:
    """A new agent's contract: the commission on what its territory's clients pay."""
    require(user, Action.CREATE, Record.AGENT_CONTRACT)
    if values.valid_until is not None and values.valid_until < values.valid_from:
        raise ValidationError({"valid_until": _("The end is before the start.")})
    with transaction.atomic():
        contract = save_instance(AgentContract(**vars(values)), user)
        # the documents already issued in its countries: their facts name their agent again
        facts.refresh_agents(contract.country_list)
    return contract
