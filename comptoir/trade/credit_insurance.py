"""Export credit insurance (assurance-crédit): cover per buyer, outstanding against cover,
threatened-loss deadlines, indemnity and recoveries.

Sources and conventions:

* The insurer grants a **credit limit per buyer** (agrément, limite de crédit) on request; it
  may reduce or cancel it at any time for future deliveries. Without a limit, a policy may let
  the insured cover a buyer itself up to a **discretionary limit** (limite discrétionnaire,
  "non-dénommés"); above it, or for a buyer the insurer refused or cancelled, nothing is
  covered. (Policy conditions of the market: Allianz Trade, Coface, Atradius, Bpifrance
  Assurance Export; each insurer words them itself: the figures are the policy's.)
* Only the **insured share** (quotité garantie, typically 90 % of the commercial risk, up to
  95 % for the political risk) of the **covered** loss is indemnified; the rest stays with the
  insured.
* A debt unpaid at its due date must be declared as a **threatened loss** (menace de sinistre,
  déclaration d'impayé) within the days the policy sets after the unpaid due date; a late
  declaration may lose the cover (policy conditions).
* The indemnity is paid after the **waiting period** (délai constitutif de sinistre) counted
  from the declaration, unless the buyer's insolvency is established earlier (policy
  conditions).
* A sale on a **credit period** longer than the policy's maximum is not covered (policy
  conditions: "durée maximale de crédit").
* **Recoveries after indemnity** are shared between insurer and insured in the proportion of
  the indemnity (the insurer is subrogated for its share: Code des assurances art. L121-12,
  Code civil art. 1346).

Money is :class:`~decimal.Decimal`, rounded half-up to the cent only at the documented points.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from comptoir.trade.errors import TradeInputError

__all__ = [
    "CoverState",
    "Indemnity",
    "Position",
    "RecoverySplit",
    "effective_cover",
    "indemnity",
    "indemnity_expected_on",
    "order_beyond_cover",
    "position",
    "split_recovery",
    "term_exceeds_policy",
    "threatened_loss_deadline",
]

ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")
#: Longest delay a policy sets for a declaration or a waiting period, in days.
MAX_POLICY_DAYS = 720


def _cents(value: Decimal) -> Decimal:
    result = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return result + 0 if result.is_zero() else result


def _share(pct: Decimal, field: str = "insured_share_pct") -> Decimal:
    if not isinstance(pct, Decimal) or not pct.is_finite() or pct <= ZERO or pct > HUNDRED:
        raise TradeInputError("The insured share is a percentage above 0 and at most 100.", field)
    return pct


def _amount(value: Decimal, field: str) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite() or value < ZERO:
        raise TradeInputError("An amount cannot be negative.", field)
    return value


def _days(days: int, field: str) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or days < 0 or days > MAX_POLICY_DAYS:
        raise TradeInputError(f"A number of days between 0 and {MAX_POLICY_DAYS}.", field)
    return days


class CoverState:
    """Where the insurer's decision on a buyer stands."""

    NONE = "none"  # never asked
    REQUESTED = "requested"  # asked, no answer yet
    GRANTED = "granted"
    REDUCED = "reduced"
    REFUSED = "refused"
    CANCELLED = "cancelled"

    WITH_LIMIT = frozenset({GRANTED, REDUCED})
    #: The insurer said no: the discretionary limit does not apply either.
    BARRED = frozenset({REFUSED, CANCELLED})


def effective_cover(
    state: str, limit: Decimal, discretionary_limit: Decimal
) -> tuple[Decimal, str]:
    """The amount covered on a buyer and on what basis: ``"limit"`` (the insurer's decision),
    ``"discretionary"`` (the policy's discretionary limit, for a buyer not refused) or
    ``"none"``.

    Policy conditions: a named limit replaces the discretionary limit; a refused or cancelled
    buyer has no cover at all for new deliveries.
    """
    _amount(limit, "limit")
    _amount(discretionary_limit, "discretionary_limit")
    if state in CoverState.WITH_LIMIT:
        return limit, "limit"
    if state in CoverState.BARRED:
        return ZERO, "none"
    if state not in (CoverState.NONE, CoverState.REQUESTED):
        raise TradeInputError(f"Unknown cover state {state!r}.", "state")
    if discretionary_limit > ZERO:
        return discretionary_limit, "discretionary"
    return ZERO, "none"


@dataclass(frozen=True, slots=True)
class Position:
    """A buyer's outstanding against its cover, in one currency (EUR on the pages)."""

    outstanding: Decimal
    cover: Decimal
    covered: Decimal  # the part of the outstanding within the cover
    uncovered: Decimal  # the part above it: the insurer pays nothing on it
    used_pct: Decimal | None  # outstanding / cover, None without cover
    insured: Decimal  # what the insurer would pay if everything covered were lost
    retained: Decimal  # what we would lose: uninsured share + uncovered part

    @property
    def beyond_cover(self) -> bool:
        return self.uncovered > ZERO


def position(outstanding: Decimal, cover: Decimal, insured_share_pct: Decimal) -> Position:
    """Outstanding vs cover: the covered part is capped by the cover; the insured amount is
    the insured share of the covered part (quotité garantie, policy conditions)."""
    _amount(outstanding, "outstanding")
    _amount(cover, "cover")
    share = _share(insured_share_pct)
    covered = min(outstanding, cover)
    uncovered = outstanding - covered
    insured = _cents(covered * share / HUNDRED)
    used = _cents(outstanding * HUNDRED / cover) if cover > ZERO else None
    return Position(
        outstanding=outstanding,
        cover=cover,
        covered=covered,
        uncovered=uncovered,
        used_pct=used,
        insured=insured,
        retained=outstanding - insured,
    )


def order_beyond_cover(
    outstanding: Decimal, order_amount: Decimal, cover: Decimal
) -> tuple[bool, Decimal]:
    """Would this order take the buyer beyond its cover, and by how much (the new uncovered
    part that the order adds)? A flag for credit control, not a refusal."""
    _amount(outstanding, "outstanding")
    _amount(order_amount, "order_amount")
    _amount(cover, "cover")
    after = outstanding + order_amount
    if after <= cover or order_amount == ZERO:
        return False, ZERO
    return True, after - max(cover, outstanding)


def threatened_loss_deadline(due_date: date, declaration_days: int) -> date:
    """The last day to declare an unpaid invoice as a threatened loss: the unpaid due date
    plus the days the policy sets (policy conditions; e.g. 30 or 60 days)."""
    return due_date + timedelta(days=_days(declaration_days, "threatened_loss_days"))


def indemnity_expected_on(declared_on: date, waiting_days: int) -> date:
    """When the indemnity falls due: the declaration plus the waiting period (délai
    constitutif de sinistre, policy conditions), insolvency established earlier aside."""
    return declared_on + timedelta(days=_days(waiting_days, "waiting_period_days"))


def term_exceeds_policy(payment_days: int, max_credit_days: int) -> bool:
    """A sale on a credit period longer than the policy's maximum is not covered (policy
    conditions). ``max_credit_days`` 0 means the policy sets none."""
    if max_credit_days <= 0:
        return False
    return payment_days > max_credit_days


@dataclass(frozen=True, slots=True)
class Indemnity:
    loss: Decimal  # declared amount still unpaid
    covered_loss: Decimal  # within the cover at the time of the deliveries
    uncovered_loss: Decimal  # above the cover: not indemnified
    indemnity: Decimal  # insured share of the covered loss
    retained: Decimal  # what we bear: loss - indemnity


def indemnity(
    loss: Decimal, cover: Decimal, insured_share_pct: Decimal, recovered_before: Decimal = ZERO
) -> Indemnity:
    """The indemnity expected on a declared loss: the insured share of the loss within the
    cover, after what was recovered before the indemnity (policy conditions).

    Worked case: loss 120,000, cover 100,000, insured share 90 %, nothing recovered:
    covered loss 100,000, indemnity 90,000, uncovered 20,000, retained 30,000.
    """
    _amount(loss, "amount_declared")
    _amount(cover, "cover")
    _amount(recovered_before, "recovered_before")
    share = _share(insured_share_pct)
    if recovered_before > loss:
        raise TradeInputError("More recovered than the amount declared.", "recovered_before")
    remaining = loss - recovered_before
    covered = min(remaining, cover)
    paid = _cents(covered * share / HUNDRED)
    return Indemnity(
        loss=remaining,
        covered_loss=covered,
        uncovered_loss=remaining - covered,
        indemnity=paid,
        retained=remaining - paid,
    )


@dataclass(frozen=True, slots=True)
class RecoverySplit:
    to_insurer: Decimal
    kept: Decimal


def split_recovery(recovered: Decimal, indemnity_paid: Decimal, loss: Decimal) -> RecoverySplit:
    """A recovery after the indemnity is shared in proportion of the indemnity to the loss
    (subrogation: Code des assurances art. L121-12): the insurer gets ``recovered x indemnity
    / loss``, the insured keeps the rest."""
    _amount(recovered, "recovered")
    _amount(indemnity_paid, "indemnity_received")
    _amount(loss, "amount_declared")
    if loss == ZERO or indemnity_paid == ZERO:
        return RecoverySplit(ZERO, recovered)
    if indemnity_paid > loss:
        raise TradeInputError("The indemnity cannot exceed the loss.", "indemnity_received")
    to_insurer = _cents(recovered * indemnity_paid / loss)
    return RecoverySplit(to_insurer, recovered - to_insurer)
