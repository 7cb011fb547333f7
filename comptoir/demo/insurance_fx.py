"""Export credit insurance and currency exposure of the demo: an Allianz Trade policy with the
insurer's cover on the main clients (one reduced below what the client owes, one still
requested), the budget rates of the year, two forward contracts (sell USD, sell GBP; the
pound's matures within the week, so its reminder is a task), and two supplier payments
expected in dollars. Everything goes through ``comptoir.credit_insurance.services`` and
``comptoir.fx_exposure.services``.

Needs: the demo users (``julien`` the manager, ``claire`` the assistant, ``admin``) and the
sales demo's clients and invoices (by name; a client missing is skipped); the suppliers of
the companies demo are named on the expected payments when they exist.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import User

from comptoir.audit import save_instance
from comptoir.calculators.models import ExchangeRate
from comptoir.common.dates import today
from comptoir.credit_insurance import selectors as insurance_selectors
from comptoir.credit_insurance import services as insurance
from comptoir.credit_insurance.inputs import (
    ClaimValues,
    CoverDecision,
    CoverRequest,
    DeclarationValues,
    PolicyValues,
)
from comptoir.credit_insurance.models import Policy
from comptoir.fx_exposure import selectors as fx_selectors
from comptoir.fx_exposure import services as fx
from comptoir.fx_exposure.inputs import HedgeValues, PaymentValues
from comptoir.parties.models import Company

D = Decimal
#: client name -> limit requested and granted (EUR); None granted: still waiting.
COVERS: dict[str, tuple[str, str | None]] = {
    "Küchenhaus Berger GmbH": ("80000", "80000"),
    "Harcourt Kitchen Supplies Ltd": ("60000", "60000"),
    "Chef's Table Imports Inc.": ("150000", "120000"),
    "Cuisine Plaisir SPRL": ("40000", "40000"),
    "Outback Kitchenware Pty Ltd": ("30000", "30000"),
    "Maison Gourmet Québec inc.": ("45000", None),
}
#: The insurer reduces this buyer's limit after late payments (below what it owes).
REDUCED = ("Casa Cucina S.r.l.", "150000")
#: Budget rates of the year, units of the currency per EUR (the treasurer's budget).
BUDGET = {"USD": D("1.0900"), "GBP": D("0.8500")}
#: Forward contracts: currency, share of the net receipts sold forward, days to maturity, bank.
FORWARDS = (
    ("USD", D("0.60"), 75, "BNP Paribas", "FX-FWD-2026-0412"),
    ("GBP", D("0.50"), 6, "Crédit Agricole CIB", "FX-FWD-2026-0417"),
)
#: Supplier payments expected in dollars: supplier, amount, days ahead, reference, what for.
PAYMENTS = (
    (
        "Guangzhou Huali Bakelite Co., Ltd.",
        "12500",
        40,
        "PO-2026-0087",
        "Bakelite knobs and handles",
    ),
    ("Pune Stainless Works Pvt Ltd", "21000", 70, "PO-2026-0091", "Stainless steel lids"),
)


def _company(name: str) -> Company | None:
    return Company.objects.filter(name=name).order_by("pk").first()


def _thousands(value: Decimal) -> Decimal:
    return (value / 1000).quantize(D("1"), rounding=ROUND_HALF_UP) * 1000


def _policy(users: dict[str, User], day: dt.date) -> Policy:
    return insurance.save_policy(
        policy=None,
        values=PolicyValues(
            insurer="Allianz Trade",
            number="AT-FR-2026-118734",
            starts_on=dt.date(day.year, 1, 1),
            ends_on=dt.date(day.year, 12, 31),
            commercial_share_pct=D("90"),
            political_share_pct=D("95"),
            max_credit_days=120,
            threatened_loss_days=60,
            waiting_period_days=150,
            premium_rate_pct=D("0.2800"),
            discretionary_limit=D("15000"),
            responsible=users.get("claire"),
            notes="Contrat Allianz Trade « Export Plus » : conditions particulières du 2 janvier.",
        ),
        user=users.get("julien"),
    )


def _covers(policy: Policy, users: dict[str, User], day: dt.date) -> int:
    claire = users.get("claire")
    start = min(max(policy.starts_on, day - dt.timedelta(days=300)), day - dt.timedelta(days=40))
    made = 0
    for number, (name, (requested, granted)) in enumerate(COVERS.items(), start=1):
        buyer = _company(name)
        if buyer is None:
            continue
        asked = start + dt.timedelta(days=number * 3)
        cover = insurance.request_cover(
            policy=policy,
            request=CoverRequest(buyer=buyer, amount=D(requested), requested_on=asked),
            user=claire,
        )
        if granted is not None:
            state = "granted"
            insurance.decide_cover(
                cover=cover,
                decision=CoverDecision(
                    state=state,
                    amount=D(granted),
                    decided_on=asked + dt.timedelta(days=6),
                    insurer_reference=f"AGR-{4471000 + number * 137}",
                    note="" if granted == requested else "Partial approval.",
                ),
                user=claire,
            )
        made += 1
    name, requested = REDUCED
    buyer = _company(name)
    if buyer is not None:
        asked = start + dt.timedelta(days=2)
        cover = insurance.request_cover(
            policy=policy,
            request=CoverRequest(buyer=buyer, amount=D(requested), requested_on=asked),
            user=claire,
        )
        cover = insurance.decide_cover(
            cover=cover,
            decision=CoverDecision(
                state="granted",
                amount=D(requested),
                decided_on=asked + dt.timedelta(days=5),
                insurer_reference="AGR-4470882",
            ),
            user=claire,
        )
        owed = insurance_selectors.outstanding(buyer).total
        reduced = max(_thousands(owed * D("0.6")), D("10000"))
        if reduced >= cover.amount:
            reduced = cover.amount / 2
        insurance.decide_cover(
            cover=cover,
            decision=CoverDecision(
                state="reduced",
                amount=reduced,
                decided_on=day - dt.timedelta(days=9),
                effective_from=day - dt.timedelta(days=8),
                insurer_reference="AGR-4470882-R1",
                note="Reduced after payments 10 to 15 days late (insurer's notice).",
            ),
            user=claire,
        )
        made += 1
    return made


def _declaration(policy: Policy, users: dict[str, User], day: dt.date) -> int:
    """The oldest overdue invoice of a buyer with a limit, declared 45 days after its due date
    (within the policy's 60), the claim filed when the waiting period started."""
    named = set(
        policy.covers.filter(state__in=("granted", "reduced")).values_list("buyer_id", flat=True)
    )
    for row in insurance_selectors.invoices_to_declare(day):
        invoice = row.invoice
        assert invoice.due_date is not None
        declared_on = invoice.due_date + dt.timedelta(days=45)
        if invoice.client_id not in named or declared_on > day:
            continue
        declaration = insurance.declare_threatened_loss(
            policy=policy,
            values=DeclarationValues(
                buyer=invoice.client,
                invoices=[invoice],
                declared_on=declared_on,
                reference="MS-2026-30417",
                notes="Buyer says a customer of theirs went into administration; reminders unanswered.",
            ),
            user=users.get("claire"),
        )
        insurance.update_claim(
            declaration=declaration,
            values=ClaimValues(
                status="claim",
                claim_filed_on=min(declared_on + dt.timedelta(days=30), day),
                reference="MS-2026-30417",
                notes=declaration.notes,
            ),
            user=users.get("claire"),
        )
        return 1
    return 0


def _budget_rates(users: dict[str, User], day: dt.date) -> None:
    for currency, per_euro in BUDGET.items():
        entry = ExchangeRate(
            from_currency="EUR",
            to_currency=currency,
            valid_from=dt.date(day.year, 1, 1),
            rate=per_euro,
            kind=ExchangeRate.Kind.BUDGET,
            note=f"Budget {day.year}",
        )
        if not ExchangeRate.objects.filter(
            from_currency="EUR", to_currency=currency, valid_from=entry.valid_from
        ).exists():
            save_instance(entry, users.get("admin"), "budget rate of the year")


def _forwards(users: dict[str, User], day: dt.date) -> int:
    julien = users.get("julien")
    receipts: dict[str, Decimal] = {}
    for flow in fx_selectors.flows(day):
        signed = flow.amount if flow.direction == "receive" else -flow.amount
        receipts[flow.currency] = receipts.get(flow.currency, D("0")) + signed
    made = 0
    for currency, share, days, bank, reference in FORWARDS:
        spot = fx_selectors.spot_rate(currency, day)
        amount = _thousands(receipts.get(currency, D("0")) * share)
        if spot is None or amount <= 0:
            continue
        # the forward rate: today's rate plus the forward points (the dollar and the pound
        # earn more interest than the euro, so they sell forward a little cheaper)
        points = D("1") + D("0.0004") * days / 30
        rate = (D("1") / spot.rate * points).quantize(D("0.0001"))
        fx.save_hedge(
            hedge=None,
            values=HedgeValues(
                kind="forward",
                reference=reference,
                bank=bank,
                side="sell",
                currency=currency,
                amount=amount,
                rate=rate,
                trade_date=day - dt.timedelta(days=20),
                maturity=day + dt.timedelta(days=days),
                responsible=julien,
                notes="Sale of the expected receipts of the quarter.",
            ),
            user=julien,
        )
        made += 1
    return made


def _payments(users: dict[str, User], day: dt.date) -> int:
    made = 0
    for supplier, amount, days, reference, what in PAYMENTS:
        fx.save_payment(
            payment=None,
            values=PaymentValues(
                currency="USD",
                amount=D(amount),
                due_on=day + dt.timedelta(days=days),
                supplier=_company(supplier),
                purchase_reference=reference,
                description=what,
            ),
            user=users.get("claire"),
        )
        made += 1
    return made


def build(users: dict[str, User]) -> dict[str, int]:
    """The demo's policy, covers, budget rates, forwards and expected payments; how many."""
    day = today()
    # read again: a profile created with the user and changed since is cached on it
    users = {name: User.objects.select_related("profile").get(pk=u.pk) for name, u in users.items()}
    policy = _policy(users, day)
    covers = _covers(policy, users, day)
    declarations = _declaration(policy, users, day)
    _budget_rates(users, day)
    payments = _payments(users, day)
    hedges = _forwards(users, day)
    # the day's reminders, as the daily job would open them this morning
    insurance.remind_declarations(day)
    fx.remind_maturities(day)
    return {
        "insurance_covers": covers,
        "threatened_losses": declarations,
        "hedges": hedges,
        "expected_payments": payments,
    }
