"""The sales network's contracts and the action plan's progress: pure rules, with their sources.

Commercial agents (agents commerciaux), French law transposing Directive 86/653/EEC:

- notice: Code de commerce art. L134-11 (Directive art. 15): an open-ended contract ends with a
  notice of **one month in the first year, two months in the second year begun, three months
  from the third year begun**; the parties may not agree shorter; without another agreement
  the notice ends **at the end of a calendar month**. A fixed-term contract that both parties
  go on performing becomes open-ended and its earlier years count (L134-11 al. 2).
- end-of-contract indemnity: L134-12 gives the agent an indemnity for the harm suffered, and
  says nothing of its amount. **French case law** (Cour de cassation, chambre commerciale,
  constant since the 1970s) usually grants **two years of gross commissions**, computed on
  the average of the last two or three years: a usual assessment, not a rule of the text.
  No indemnity in the cases of L134-13 (serious fault of the agent, the agent ending the
  contract without a reason of age, infirmity or illness, assignment to a successor).
- non-compete after the end: L134-14: in writing, limited to the territory or clientele and
  the kind of goods of the contract, **at most two years** after the contract ends.

Distributors: Commission Regulation (EU) 2022/720 (vertical block exemption), art. 4 b) i):
in an exclusive distribution system the supplier may restrict the **active** sales of its
other buyers into a territory reserved to an exclusive distributor; restricting **passive**
sales (answering unsolicited orders) is a hardcore restriction: the whole agreement loses the
exemption. It applies below 30 % market share of each party (art. 3). Ending an established
commercial relationship needs a written notice that takes its length into account (Code de
commerce art. L442-1 II); a notice of 18 months cannot be held too short.

Progress of the action plan: a yearly target spread evenly over the days of the year (the
pro-rata expected to date), a status against it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text

ZERO = Decimal("0")
CENT = Decimal("0.01")
#: L134-14: a non-compete clause after the end lasts at most two years.
MAX_NON_COMPETE_MONTHS = 24
#: L442-1 II: a notice of 18 months cannot be held too short for a commercial relationship.
SAFE_NOTICE_MONTHS = 18
#: Case law on L134-12: two years of gross commissions.
INDEMNITY_YEARS = 2
#: The average is taken on this many last full years at most.
INDEMNITY_AVERAGE_YEARS = 3
#: On track: at least this share of the pro-rata target reached.
ON_TRACK_SHARE = Decimal("0.9")


class ContractKind(StrEnum):
    AGENT = "agent"  # agent commercial: negotiates in our name, paid by commission
    DISTRIBUTOR = "distributor"  # buys and resells in its own name
    IMPORTER = "importer"  # importer-distributor, often with after-sales service
    FRANCHISE = "franchise"


class Status(StrEnum):
    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_TARGET = "no_target"


# ----------------------------------------------------------------------------------- dates


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, on the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year < 1 or year > 9999:
        raise TradeInputError("The date is out of range.", "months")
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def end_of_month(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def years_begun(start: date, day: date) -> int:
    """The contract year in progress on ``day``: 1 during the first year, 2 in the second…"""
    if day < start:
        return 1
    full = day.year - start.year - ((day.month, day.day) < (start.month, start.day))
    return full + 1


def agent_legal_notice_months(start: date, given_on: date) -> int:
    """Minimum notice of a commercial agent's open-ended contract (L134-11 al. 3): one month
    in the first year, two in the second year begun, three from the third year begun."""
    return min(years_begun(start, given_on), 3)


def notice_months(
    kind: ContractKind | str, start: date, given_on: date, agreed_months: int | None
) -> int:
    """The notice to give on ``given_on``: for an agent, the agreed notice but never less than
    the legal minimum (L134-11 al. 3: a shorter one is void); for other contracts, what was
    agreed (1 month when nothing was)."""
    if agreed_months is not None and agreed_months < 0:
        raise TradeInputError("A notice cannot be negative.", "notice_months")
    if ContractKind(kind) == ContractKind.AGENT:
        return max(agreed_months or 0, agent_legal_notice_months(start, given_on))
    return agreed_months if agreed_months else 1


def notice_end(
    kind: ContractKind | str, given_on: date, months: int, *, end_of_month_rule: bool = True
) -> date:
    """The day the contract ends when notice is given on ``given_on``. For an agent, without
    another agreement, the notice ends at the end of a calendar month (L134-11 al. 4)."""
    end = add_months(given_on, months)
    if ContractKind(kind) == ContractKind.AGENT and end_of_month_rule:
        return end_of_month(end)
    return end


def current_term_end(
    starts_on: date,
    ends_on: date | None,
    *,
    tacit_renewal: bool,
    renewal_months: int,
    today: date,
) -> date | None:
    """The end of the term in progress on ``today``: ``ends_on``, or with tacit renewal the
    end of the renewal period running (each renewal of ``renewal_months`` from the previous
    end). ``None``: an open-ended contract."""
    if ends_on is None:
        return None
    if ends_on < starts_on:
        raise TradeInputError("The contract cannot end before it starts.", "ends_on")
    if not tacit_renewal or today <= ends_on:
        return ends_on
    if renewal_months <= 0:
        raise TradeInputError("Give the length of a renewal in months.", "renewal_months")
    periods = 0
    end = ends_on
    while end < today:
        periods += 1
        end = add_months(ends_on, renewal_months * periods)
    return end


def last_notice_day(term_end: date, months: int) -> date:
    """The last day to give notice so that the contract ends at ``term_end`` and is not
    renewed (notice received ``months`` before the end of the term)."""
    if months < 0:
        raise TradeInputError("A notice cannot be negative.", "notice_months")
    return add_months(term_end, -months)


@dataclass(frozen=True)
class Deadline:
    kind: str  # "notice" (last day to give notice before renewal) or "end"
    day: date
    text: Text


def deadlines(
    *,
    kind: ContractKind | str,
    starts_on: date,
    ends_on: date | None,
    tacit_renewal: bool,
    renewal_months: int,
    agreed_notice_months: int | None,
    today: date,
) -> list[Deadline]:
    """What to watch on a contract on ``today``: the last day to give notice before a tacit
    renewal, and the end of the term (fixed term, or renewal period running)."""
    end = current_term_end(
        starts_on, ends_on, tacit_renewal=tacit_renewal, renewal_months=renewal_months, today=today
    )
    if end is None:
        return []
    found: list[Deadline] = []
    if tacit_renewal:
        months = notice_months(kind, starts_on, today, agreed_notice_months)
        last = last_notice_day(end, months)
        found.append(
            Deadline(
                "notice",
                last,
                Text(
                    "Give notice by {day} ({months} months before the end of the term on "
                    "{end}), or the contract is renewed for {renewal} months",
                    day=last,
                    months=months,
                    end=end,
                    renewal=renewal_months,
                ),
            )
        )
    found.append(Deadline("end", end, Text("The contract ends on {end}", end=end)))
    return found


# ------------------------------------------------------------------------ end of contract


@dataclass(frozen=True)
class Indemnity:
    amount: Decimal
    yearly_average: Decimal
    years_counted: int
    basis: Text


def agent_indemnity(yearly_commissions: Sequence[Decimal]) -> Indemnity:
    """The end-of-contract indemnity of a commercial agent as French courts usually assess it
    (case law on L134-12, not the text): two years of gross commissions, on the average of the
    last full years (three at most). ``yearly_commissions``: the last years, latest last."""
    if any(c < ZERO for c in yearly_commissions):
        raise TradeInputError("Commissions cannot be negative.", "commissions")
    counted = list(yearly_commissions)[-INDEMNITY_AVERAGE_YEARS:]
    if not counted:
        return Indemnity(
            ZERO,
            ZERO,
            0,
            Text("No commission paid yet: no basis for an indemnity."),
        )
    average = (sum(counted, ZERO) / len(counted)).quantize(CENT, ROUND_HALF_UP)
    amount = (average * INDEMNITY_YEARS).quantize(CENT, ROUND_HALF_UP)
    return Indemnity(
        amount,
        average,
        len(counted),
        Text(
            "Two years of gross commissions on the average of the last {years} years "
            "({average} EUR a year): the usual assessment of French case law on art. L134-12 "
            "of the Code de commerce, not a rule of the text. None is due in the cases of "
            "art. L134-13 (serious fault, the agent leaving without reason of age or illness, "
            "assignment of the contract).",
            years=len(counted),
            average=average,
        ),
    )


def non_compete_problems(months: int, *, limited_to_territory_and_goods: bool) -> list[Text]:
    """What makes a post-contract non-compete clause of an agent invalid (L134-14)."""
    problems: list[Text] = []
    if months < 0:
        raise TradeInputError("A duration cannot be negative.", "non_compete_months")
    if months > MAX_NON_COMPETE_MONTHS:
        problems.append(
            Text(
                "A non-compete clause lasts at most {max} months after the end of an agent's "
                "contract (Code de commerce art. L134-14).",
                max=MAX_NON_COMPETE_MONTHS,
            )
        )
    if months and not limited_to_territory_and_goods:
        problems.append(
            Text(
                "The clause must be limited to the territory or clientele and the kind of goods "
                "of the contract (Code de commerce art. L134-14)."
            )
        )
    return problems


@dataclass(frozen=True)
class SalesVerdict:
    allowed: bool
    text: Text


def restriction_verdict(*, passive: bool, into_exclusive_territory: bool) -> SalesVerdict:
    """May the supplier forbid a buyer's sales into a territory (Reg. (EU) 2022/720 art. 4 b)?
    Active sales into a territory reserved to an exclusive distributor: yes. Passive sales:
    never (a hardcore restriction)."""
    if passive:
        return SalesVerdict(
            False,
            Text(
                "Passive sales (unsolicited orders) may never be restricted: a hardcore "
                "restriction under Regulation (EU) 2022/720 art. 4 b), the whole agreement "
                "would lose the block exemption."
            ),
        )
    if into_exclusive_territory:
        return SalesVerdict(
            True,
            Text(
                "Active sales into a territory reserved to an exclusive distributor may be "
                "restricted (Regulation (EU) 2022/720 art. 4 b) i), market shares up to 30 %)."
            ),
        )
    return SalesVerdict(
        False,
        Text(
            "Active sales may be restricted only into a territory reserved to us or to an "
            "exclusive distributor (Regulation (EU) 2022/720 art. 4 b) i))."
        ),
    )


def notice_guidance(kind: ContractKind | str, start: date, today: date) -> Text:
    """What the law says on the notice of this kind of contract, for the contract page."""
    if ContractKind(kind) == ContractKind.AGENT:
        return Text(
            "Commercial agent: at least {months} months' notice now (1 month in the first "
            "year, 2 in the second, 3 from the third: Code de commerce art. L134-11), ending "
            "at the end of a calendar month unless agreed otherwise.",
            months=agent_legal_notice_months(start, today),
        )
    return Text(
        "Distribution: a written notice that takes the length of the relationship into account "
        "(Code de commerce art. L442-1 II; {years} years now); {safe} months cannot be held "
        "too short.",
        years=max(years_begun(start, today) - 1, 0),
        safe=SAFE_NOTICE_MONTHS,
    )


# ------------------------------------------------------------------------------- progress


def expected_to_date(target: Decimal, year: int, day: date) -> Decimal:
    """The share of a yearly target expected by ``day`` (evenly over the days of the year)."""
    if target < ZERO:
        raise TradeInputError("A target cannot be negative.", "target")
    first = date(year, 1, 1)
    last = date(year, 12, 31)
    if day < first:
        return ZERO
    if day >= last:
        return target
    elapsed = (day - first).days + 1
    total = (last - first).days + 1
    return (target * elapsed / total).quantize(CENT, ROUND_HALF_UP)


def progress_pct(actual: Decimal, target: Decimal) -> Decimal | None:
    if target <= ZERO:
        return None
    return (actual * 100 / target).quantize(Decimal("0.1"), ROUND_HALF_UP)


def status(actual: Decimal, target: Decimal, expected: Decimal) -> Status:
    """Against the pro-rata expected to date: ahead (above it), on track (at least 90 % of
    it), behind."""
    if target <= ZERO:
        return Status.NO_TARGET
    if actual >= expected:
        return Status.AHEAD if actual > expected else Status.ON_TRACK
    if actual >= (expected * ON_TRACK_SHARE):
        return Status.ON_TRACK
    return Status.BEHIND


def cumulative(monthly: Iterable[Decimal]) -> list[Decimal]:
    """Running totals of monthly figures (the line of a progress chart)."""
    total = ZERO
    out: list[Decimal] = []
    for value in monthly:
        total += value
        out.append(total)
    return out


def target_line(target: Decimal, months: int = 12) -> list[Decimal]:
    """The target spread evenly by month, cumulated (the chart's straight line)."""
    if months <= 0:
        raise TradeInputError("Give at least one month.", "months")
    return [(target * m / months).quantize(CENT, ROUND_HALF_UP) for m in range(1, months + 1)]


__all__ = [
    "ContractKind",
    "Deadline",
    "Indemnity",
    "SalesVerdict",
    "Status",
    "add_months",
    "agent_indemnity",
    "agent_legal_notice_months",
    "cumulative",
    "current_term_end",
    "deadlines",
    "end_of_month",
    "expected_to_date",
    "last_notice_day",
    "non_compete_problems",
    "notice_end",
    "notice_guidance",
    "notice_months",
    "progress_pct",
    "restriction_verdict",
    "status",
    "target_line",
    "years_begun",
]
