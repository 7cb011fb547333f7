"""Collection: open balances, aged receivables, dunning runs, statements, agents' commissions.

The rules are the trade core's (:mod:`comptoir.trade.receivables`): the ageing buckets, the
dunning steps sent one after the other, the commission rounding. Queries are written so
that the lists stay fast on 100 000 invoices (balances and buckets computed in the database).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    DecimalField,
    F,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comptoir.accounts.roles import Action, Record, require
from comptoir.audit import stamp
from comptoir.documents.pdf import render_pdf
from comptoir.parties.models import Activity, Company
from comptoir.trade import invoicing, receivables

from . import penalties
from .models import (
    AgentContract,
    DunningLetter,
    DunningLevel,
    Invoice,
    PaymentAllocation,
    SellerProfile,
)

ZERO = Decimal("0")
MONEY = DecimalField(max_digits=14, decimal_places=2)


def with_balance(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Annotate ``balance``: what is still due (the stored ``balance_due``)."""
    return invoices.annotate(balance=F("balance_due"))


def open_invoices(client: Company | None = None) -> QuerySet[Invoice]:
    qs = Invoice.objects.filter(status=Invoice.Status.ISSUED, kind=Invoice.Kind.INVOICE)
    if client is not None:
        qs = qs.filter(client=client)
    return with_balance(qs.filter(balance_due__gt=0))


def _bucket_case(as_of: dt.date) -> Case:
    """The core's buckets (:func:`comptoir.trade.receivables.bucket`) as a SQL CASE."""
    return Case(
        When(due_date__gte=as_of, then=Value("not_due")),
        When(due_date__gte=as_of - dt.timedelta(days=30), then=Value("1-30")),
        When(due_date__gte=as_of - dt.timedelta(days=60), then=Value("31-60")),
        When(due_date__gte=as_of - dt.timedelta(days=90), then=Value("61-90")),
        default=Value("over_90"),
        output_field=CharField(),
    )


@dataclass
class AgedRow:
    key: Any
    label: str
    currency: str
    buckets: dict[str, Decimal] = field(
        default_factory=lambda: dict.fromkeys(receivables.BUCKETS, ZERO)
    )
    total: Decimal = ZERO
    eur_total: Decimal | None = None


def aged_receivables(
    as_of: dt.date, group: str = "client", eur_rates: dict[str, Decimal] | None = None
) -> dict[str, Any]:
    """Open balances per client (or zone, or currency) and bucket, with EUR totals.

    ``eur_rates`` gives EUR per unit of each currency at ``as_of`` (the caller takes them
    from the company's or the ECB's rates); a currency without a rate is reported, not guessed.
    """
    fields = {
        "client": ("client_id", "client__name"),
        "zone": ("client__zone_id", "client__zone__name"),
        "currency": ("currency", "currency"),
    }
    key_field, label_field = fields[group]
    rows = (
        open_invoices()
        .annotate(bucket=_bucket_case(as_of))
        .values(key_field, label_field, "currency", "bucket")
        .annotate(amount=Sum("balance"))
        .order_by(label_field, "currency")
    )
    table: dict[tuple[Any, str], AgedRow] = {}
    for r in rows:
        k = (r[key_field], r["currency"])
        row = table.get(k)
        if row is None:
            row = table[k] = AgedRow(r[key_field], r[label_field] or _("(no zone)"), r["currency"])
        row.buckets[r["bucket"]] += r["amount"]
        row.total += r["amount"]
    rates = eur_rates or {}
    missing = set()
    eur_buckets = dict.fromkeys(receivables.BUCKETS, ZERO)
    for row in table.values():
        rate = Decimal("1") if row.currency == "EUR" else rates.get(row.currency)
        if rate is None:
            missing.add(row.currency)
            continue
        row.eur_total = (row.total * rate).quantize(Decimal("0.01"))
        for b in receivables.BUCKETS:
            eur_buckets[b] += (row.buckets[b] * rate).quantize(Decimal("0.01"))
    return {
        "rows": list(table.values()),
        "eur_buckets": eur_buckets,
        "eur_total": sum(eur_buckets.values(), ZERO),
        "missing_rates": sorted(missing),
        "currencies": sorted({row.currency for row in table.values()}),
    }


# --------------------------------------------------------------------------- dunning


@dataclass(frozen=True)
class DueInvoice:
    """The few fields of an overdue invoice a dunning run needs (light on 100 000 invoices)."""

    pk: int
    number: str
    due_date: dt.date
    balance: Decimal


@dataclass
class Proposal:
    client: Company
    level: DunningLevel
    invoices: list[DueInvoice]
    currency: str
    total: Decimal


def _steps() -> tuple[list[DunningLevel], list[receivables.DunningStep]]:
    levels = list(DunningLevel.objects.order_by("level"))
    return levels, [receivables.DunningStep(lv.level, lv.days_after_due) for lv in levels]


def _due_groups(
    day: dt.date,
) -> tuple[dict[int, DunningLevel], dict[tuple[int, int, str], list[DueInvoice]]]:
    """Per (client, level, currency), the open overdue invoices whose next letter is due."""
    levels, steps = _steps()
    if not steps:
        return {}, {}
    overdue = open_invoices().filter(due_date__lt=day)
    last: dict[int, tuple[int, dt.date]] = {}
    for pk, level, sent_on in DunningLetter.objects.filter(invoices__in=overdue).values_list(
        "invoices", "level__level", "sent_on"
    ):
        if pk not in last or level > last[pk][0]:
            last[pk] = (level, sent_on)
    groups: dict[tuple[int, int, str], list[DueInvoice]] = defaultdict(list)
    rows = overdue.values_list("pk", "number", "due_date", "balance_due", "client_id", "currency")
    for pk, number, due, balance, client_id, currency in rows.iterator(chunk_size=5000):
        sent_level, sent_on = last.get(pk, (0, None))
        step = receivables.next_dunning_level(due, day, steps, sent_level, sent_on)
        if step is not None:
            groups[(client_id, step.level, currency)].append(DueInvoice(pk, number, due, balance))
    return {lv.level: lv for lv in levels}, groups


def dunning_count(today: dt.date | None = None) -> int:
    """How many letters today's run would send (for the home page)."""
    return len(_due_groups(today or timezone.localdate())[1])


def dunning_proposals(today: dt.date | None = None) -> list[Proposal]:
    """The letters due today: per client and level, the overdue invoices that reached it."""
    by_level, groups = _due_groups(today or timezone.localdate())
    clients = Company.objects.in_bulk({client_id for client_id, _, _ in groups})
    proposals = [
        Proposal(
            client=clients[client_id],
            level=by_level[level],
            invoices=invoices,
            currency=currency,
            total=sum((inv.balance for inv in invoices), ZERO),
        )
        for (client_id, level, currency), invoices in groups.items()
    ]
    proposals.sort(key=lambda p: (p.client.name, p.level.level))
    return proposals


def propose_dunning_run(today: dt.date | None = None) -> int:
    """The daily job's part: when letters are due, a task "dunning run" for each manager.

    One open task per manager at a time: a newer proposal replaces an older undone one
    (the task points at the dunning run page, which always shows today's letters)."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from comptoir.accounts.roles import Role
    from comptoir.parties.models import Task

    day = today or timezone.localdate()
    count = dunning_count(day)
    url = reverse("sales:dunning_run")
    managers = get_user_model().objects.filter(is_active=True, profile__role=Role.MANAGER)
    with transaction.atomic():
        Task.objects.filter(notes=url, done_at__isnull=True, assigned_to__in=managers).exclude(
            due_date=day
        ).update(done_at=timezone.now())
        if not count:
            return 0
        for manager in managers:
            if Task.objects.filter(assigned_to=manager, notes=url, due_date=day).exists():
                continue
            language = getattr(getattr(manager, "profile", None), "language", "fr")
            with translation.override(language):
                title = ngettext(
                    "Dunning run: %(n)d letter to send", "Dunning run: %(n)d letters to send", count
                ) % {"n": count}
            Task.objects.create(title=title, notes=url, due_date=day, assigned_to=manager)
    return count


def _letter_context(
    client: Company, level: DunningLevel, invoices: list[Invoice], language: str, day: dt.date
) -> dict[str, Any]:
    from .documents import client_block, seller_context

    seller = SellerProfile.current()
    rows = []
    rates: set[Decimal] = set()
    known = True
    for inv in invoices:
        days_late = (day - inv.due_date).days
        interest, periods = penalties.interest(inv.balance, inv.due_date, day, inv.currency, seller)
        known = known and interest is not None
        rates.update(p.penalty_rate for p in periods)
        rows.append({"invoice": inv, "days_late": days_late, "interest": interest or ZERO})
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
        "total": sum((inv.balance for inv in invoices), ZERO),
        "interest_total": sum((r["interest"] for r in rows), ZERO) if rate else ZERO,
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
    client: Company,
    level_number: int,
    invoice_ids: list[int],
    user: Any,
    today: dt.date | None = None,
) -> DunningLetter:
    """Send one letter (PDF by e-mail, in the client's language) and record it on the client."""
    require(user, Action.ISSUE, Record.DUNNING_LETTER)
    day = today or timezone.localdate()
    level = DunningLevel.objects.get(level=level_number)
    invoices = list(open_invoices(client).filter(pk__in=invoice_ids))
    if not invoices:
        raise ValidationError(_("These invoices are paid or are not this client's."))
    currencies = {inv.currency for inv in invoices}
    if len(currencies) > 1:
        raise ValidationError(_("One letter per currency."))
    language = "fr" if client.language == "fr" else "en"
    pdf = letter_pdf(client, level, invoices, language, day)
    contact = (
        client.contacts.filter(erased_at__isnull=True).exclude(email="").order_by("pk").first()
    )
    to = client.email or (contact.email if contact else "")
    with transaction.atomic():
        letter = DunningLetter(
            client=client,
            level=level,
            sent_on=day,
            sent_by=user if getattr(user, "is_authenticated", False) else None,
            email_to=to,
            language=language,
            total_due=sum((inv.balance for inv in invoices), ZERO),
            currency=invoices[0].currency,
            pdf=pdf,
        )
        stamp(letter, user, "dunning")
        letter.save()
        letter.invoices.set(invoices)
        numbers = ", ".join(inv.number for inv in invoices)
        Activity.objects.create(
            company=client,
            contact=contact,
            user=letter.sent_by,
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


def in_dunning(client: Company) -> bool:
    """True when a reminder was sent for an invoice of the client that is still open."""
    return DunningLetter.objects.filter(client=client, invoices__in=open_invoices(client)).exists()


# --------------------------------------------------------------------------- statements and commissions


def statement(client: Company, until: dt.date | None = None) -> dict[str, Any]:
    """Statement of account: issued invoices, credit notes and payments, with the balance."""
    day = until or timezone.localdate()
    entries = []
    for inv in Invoice.objects.filter(
        client=client, status=Invoice.Status.ISSUED, issue_date__lte=day
    ):
        sign = 1 if inv.kind == Invoice.Kind.INVOICE else -1
        entries.append(
            {
                "date": inv.issue_date,
                "document": inv.number,
                "due": inv.due_date if sign > 0 else None,
                "debit": inv.gross_total if sign > 0 else ZERO,
                "credit": inv.gross_total if sign < 0 else ZERO,
                "currency": inv.currency,
            }
        )
    for alloc in PaymentAllocation.objects.filter(
        invoice__client=client, payment__received_on__lte=day
    ).select_related("payment", "invoice"):
        entries.append(
            {
                "date": alloc.payment.received_on,
                "document": _("Payment %(ref)s → %(inv)s")
                % {"ref": alloc.payment.reference or alloc.payment.pk, "inv": alloc.invoice.number},
                "due": None,
                "debit": ZERO,
                "credit": alloc.amount,
                "currency": alloc.invoice.currency,
            }
        )
    entries.sort(key=lambda e: (e["currency"], e["date"], e["document"]))
    balances: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for e in entries:
        balances[e["currency"]] += e["debit"] - e["credit"]
        e["balance"] = balances[e["currency"]]
    return {"entries": entries, "balances": dict(balances), "until": day}


def commission_statement(contract: AgentContract, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Commission on the amounts collected in the period from clients of the territory.

    The base is the part of each payment that settles an invoice, without VAT, in EUR at the
    invoice's rate (commission on paid invoices: Code de commerce art. L134-9 lets the
    parties agree that it is due when the client pays).
    """
    allocations = (
        PaymentAllocation.objects.filter(
            payment__received_on__range=(start, end),
            invoice__client__country__in=contract.country_list,
            invoice__issue_date__gte=contract.valid_from,
        )
        .select_related("invoice__client", "payment")
        .order_by("payment__received_on")
    )
    if contract.valid_until:
        allocations = allocations.filter(invoice__issue_date__lte=contract.valid_until)
    rows = []
    total_base = ZERO
    for a in allocations:
        inv = a.invoice
        net_share = a.amount * inv.net_total / inv.gross_total if inv.gross_total else ZERO
        base = (net_share * inv.eur_rate).quantize(Decimal("0.01"))
        rows.append({"allocation": a, "invoice": inv, "base_eur": base})
        total_base += base
    return {
        "contract": contract,
        "start": start,
        "end": end,
        "rows": rows,
        "base": total_base,
        "commission": receivables.commission(total_base, contract.rate_pct, "EUR"),
    }
