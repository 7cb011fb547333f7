"""Documentary collections (remise documentaire) and the bill of exchange's due date.

Sources:

* ICC Uniform Rules for Collections, 1995 Revision, ICC Publication No. 522 (URC 522):

  - art. 4 b: what the collection instruction must give (remitting bank, principal, drawee
    with the full address where presentation is to be made, presenting bank, amount and
    currency, documents enclosed and the count of each, terms of payment and of delivery of
    the documents, charges and interest and whether they may be waived, method of payment,
    instructions in case of non-payment, non-acceptance or other non-compliance);
  - art. 4 c i: the drawee's complete address (the collecting bank is not liable for delays
    caused by an incomplete one);
  - art. 6: documents payable at sight are presented for payment without delay, those
    payable at a tenor other than sight are presented for acceptance without delay and then
    for payment not later than the due date;
  - art. 7 a-c: a collection should not contain a bill payable at a future date with
    documents released against payment; if it does and the instruction does not say D/A or
    D/P, the documents are released only against payment;
  - art. 10 a: goods are not sent to the address of a bank, nor consigned to its order,
    without the bank's prior agreement;
  - art. 20-21: interest and charges: the drawee's refusal lets the presenting bank deliver
    the documents without them unless the instruction says they may not be waived;
  - art. 24: no obligation to protest without a specific instruction;
  - art. 25: the case-of-need's powers must be stated, or the banks take no instruction
    from him;
  - art. 26 c: the presenting bank advises non-payment or non-acceptance without delay; if
    the remitting bank gives no instructions within 60 days of that advice, the documents
    may be returned.

* The bill of exchange (lettre de change): Geneva Uniform Law on Bills of Exchange and
  Promissory Notes (ULB, 1930; in France Code de commerce art. L511-1 ff.):

  - art. 33: a bill is drawn at sight, at a fixed period after sight, at a fixed
    period after date, or on a fixed date;
  - art. 34: a bill at sight is payable on presentation;
  - art. 35: the due date of a bill at a fixed period after sight is counted from
    the date of acceptance (or of the protest);
  - art. 73: the day from which a period runs is not counted;
  - art. 72: a bill falling due on a legal holiday is payable on the next business
    day.

  Under English law (Bills of Exchange Act 1882 s. 14 as amended by the Banking and
  Financial Dealings Act 1971 s. 3(2)), a bill not payable on demand that falls due on a
  non-business day is payable on the succeeding business day: the same result. The law of
  the place of payment governs; Comptoir moves the due date to the next banking day at the
  drawee's place of payment and says which law it follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from comptoir.trade import calendars
from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text

__all__ = [
    "CHASE_AFTER_DAYS",
    "KINDS",
    "RETURN_AFTER_DAYS",
    "TENORS",
    "BillDueDate",
    "ChecklistItem",
    "CollectionFacts",
    "bill_due_date",
    "checklist",
    "law_of_bill",
    "problems",
]

KINDS = ("dp", "da")
TENORS = ("sight", "days_after_sight", "days_after_bl", "days_after_invoice", "fixed_date")
#: Tenors counted in days from an event.
DAY_TENORS = ("days_after_sight", "days_after_bl", "days_after_invoice")
MAX_TENOR_DAYS = 720
#: No advice from the bank this many days after the documents were sent: ask (house rule).
CHASE_AFTER_DAYS = 10
#: URC 522 art. 26 c iii: documents may be returned 60 days after an advice of non-payment.
RETURN_AFTER_DAYS = 60

#: Countries whose bills law follows the Geneva Uniform Law (signatories and countries that
#: adopted it in their code).
GENEVA = frozenset("AT BE BR CH CZ DE DK FI FR GR HU IT JP LU MC NL NO PL PT RU SE SK TR".split())
#: Countries whose bills law follows the English Bills of Exchange Act 1882 (or derives from it).
COMMON_LAW = frozenset("GB IE IN SG HK MY NG KE ZA AU NZ CA GH PK".split())


def law_of_bill(country: str) -> Text:
    """The bills law of the place of payment, as the due date's step names it."""
    if country in GENEVA:
        return Text(
            "Geneva Uniform Law on Bills of Exchange art. 72 (in France, Code de commerce art. L511-1 ff.)"
        )
    if country in COMMON_LAW:
        return Text(
            "Bills of Exchange Act 1882 s. 14 (due on a non-business day: next business day)"
        )
    return Text(
        "the law of the place of payment ({country}); Comptoir applies the next banking day, as "
        "the Geneva Uniform Law art. 72 does: have the collecting bank confirm",
        country=country,
    )


@dataclass(frozen=True, slots=True)
class BillDueDate:
    """Result of :func:`bill_due_date`. ``due_date`` is None while the date it counts from
    (acceptance, B/L date) is not known yet."""

    due_date: date | None
    unadjusted: date | None
    counted_from: date | None
    extended: bool
    closed_reason: str | None
    rule: Text
    steps: tuple[Text, ...]


def _days(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_TENOR_DAYS:
        raise TradeInputError(
            f"The tenor is a whole number of days between 1 and {MAX_TENOR_DAYS}.", "tenor_days"
        )
    return value


def bill_due_date(
    *,
    tenor: str,
    days: int = 0,
    country: str = "FR",
    sight_date: date | None = None,
    bl_date: date | None = None,
    invoice_date: date | None = None,
    fixed_date: date | None = None,
) -> BillDueDate:
    """The due date of the bill drawn under a collection.

    ``sight_date`` is the date of presentation (at sight) or of acceptance (after sight,
    ULB art. 35); ``country`` is the place of payment (the drawee's), whose banking days
    decide the move of a due date falling on a closed day (ULB art. 72).
    """
    if tenor not in TENORS:
        raise TradeInputError(f"Unknown tenor {tenor!r}: one of {', '.join(TENORS)}.", "tenor")
    place = calendars.country_code(country, "country")
    law = law_of_bill(place)
    steps: list[Text] = []
    start: date | None
    if tenor == "sight":
        start = sight_date
        if start is None:
            return BillDueDate(
                None,
                None,
                None,
                False,
                None,
                Text("ULB art. 34: a bill at sight is payable on presentation"),
                (Text("At sight: payable when the collecting bank presents the documents."),),
            )
        steps.append(
            Text(
                "At sight: payable on presentation, {day} (ULB art. 34; URC 522 art. 6)", day=start
            )
        )
        return BillDueDate(
            start,
            start,
            start,
            False,
            None,
            Text("ULB art. 34: a bill at sight is payable on presentation"),
            tuple(steps),
        )
    if tenor == "fixed_date":
        if fixed_date is None:
            raise TradeInputError("Give the bill's fixed due date.", "fixed_date")
        start, unadjusted = None, fixed_date
        steps.append(Text("Fixed due date written on the bill: {day}", day=fixed_date))
    else:
        count = _days(days)
        what, start = {
            "days_after_sight": (Text("acceptance"), sight_date),
            "days_after_bl": (Text("the bill of lading date"), bl_date),
            "days_after_invoice": (Text("the invoice date"), invoice_date),
        }[tenor]
        if start is None:
            pending = (
                Text(
                    "{days} days after sight: the due date is known when the drawee accepts "
                    "(ULB art. 35).",
                    days=count,
                )
                if tenor == "days_after_sight"
                else Text("{days} days after {what}: enter that date.", days=count, what=what)
            )
            return BillDueDate(
                None, None, None, False, None, Text("ULB art. 33, 35, 73"), (pending,)
            )
        try:
            unadjusted = start + timedelta(days=count)
        except OverflowError:
            raise TradeInputError("The date is out of range.", "tenor_days") from None
        steps.append(
            Text(
                "{start} ({what}) + {days} days = {day} (the first day is not counted, ULB art. "
                "73; after sight: from the acceptance, art. 35)",
                start=start,
                what=what,
                days=count,
                day=unadjusted,
            )
        )
    due = calendars.next_banking_day(place, unadjusted)
    extended = due != unadjusted
    reason = calendars.is_weekend_or_holiday(place, unadjusted) if extended else None
    if extended:
        steps.append(
            Text(
                "Banks in {country} are closed on {day} ({reason}): payable on the next banking "
                "day, {due} ({law})",
                country=place,
                day=unadjusted,
                reason=reason or "",
                due=due,
                law=law,
            )
        )
    else:
        steps.append(
            Text("Banks in {country} are open on {day}: due that day", country=place, day=due)
        )
    return BillDueDate(
        due,
        unadjusted,
        start,
        extended,
        reason,
        Text("ULB art. 33, 35, 73 and {law}", law=law),
        tuple(steps),
    )


# ------------------------------------------------------------------ the collection instruction


@dataclass(frozen=True, slots=True)
class CollectionFacts:
    """What the collection instruction will say (plain values, from the collection record)."""

    kind: str  # "dp" or "da"
    tenor: str
    tenor_days: int
    amount: Decimal
    currency: str
    drawee_name: str
    drawee_address: str
    collecting_bank_name: str
    collecting_bank_bic: str
    remitting_bank_name: str
    documents: tuple[tuple[str, int, int], ...]  # (kind, originals, copies)
    charges_for: str  # "drawee", "drawer", "shared"
    charges_waivable: bool
    protest: bool
    unpaid_instructions: str
    case_of_need: str
    case_of_need_powers: str
    bill_of_exchange: bool
    goods_consigned_to_bank: bool = False
    interest_rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    key: str
    ok: bool
    text: Text


def checklist(facts: CollectionFacts) -> tuple[ChecklistItem, ...]:
    """What URC 522 art. 4 b asks the instruction to give, and whether it does."""
    items = [
        ChecklistItem(
            "remitting_bank",
            bool(facts.remitting_bank_name),
            Text("Our bank, the remitting bank (art. 4 b i)"),
        ),
        ChecklistItem(
            "drawee",
            bool(facts.drawee_name and facts.drawee_address.strip()),
            Text(
                "The drawee with the full address where the documents are presented (art. 4 b iii, 4 c)"
            ),
        ),
        ChecklistItem(
            "collecting_bank",
            bool(facts.collecting_bank_name and facts.collecting_bank_bic),
            Text("The collecting (presenting) bank with its BIC (art. 4 b iv)"),
        ),
        ChecklistItem(
            "amount",
            facts.amount > 0 and bool(facts.currency),
            Text("The amount and currency to collect (art. 4 b v)"),
        ),
        ChecklistItem(
            "documents",
            bool(facts.documents) and all(o + c > 0 for _, o, c in facts.documents),
            Text("The documents enclosed, with the number of originals and copies (art. 4 b vi)"),
        ),
        ChecklistItem(
            "terms",
            facts.kind in KINDS and facts.tenor in TENORS,
            Text(
                "Documents released against payment or acceptance, and the tenor (art. 4 b vii, art. 7)"
            ),
        ),
        ChecklistItem(
            "charges",
            facts.charges_for in ("drawee", "drawer", "shared"),
            Text("Who bears the charges, and whether they may be waived (art. 4 b viii, art. 21)"),
        ),
        ChecklistItem(
            "unpaid",
            bool(facts.unpaid_instructions.strip()),
            Text("What to do if the drawee does not pay or accept (art. 4 b xi, art. 26)"),
        ),
        ChecklistItem(
            "protest",
            True,
            Text("Protest or not: without an instruction, banks do not protest (art. 24)"),
        ),
    ]
    if facts.case_of_need:
        items.append(
            ChecklistItem(
                "case_of_need",
                bool(facts.case_of_need_powers.strip()),
                Text(
                    "The case-of-need's powers (art. 25): without them the banks take no instruction from him"
                ),
            )
        )
    return tuple(items)


def problems(facts: CollectionFacts) -> tuple[tuple[str, Text, bool], ...]:
    """What is wrong with the collection: ``(field, message, blocking)``. Blocking problems
    stop the instruction from being sent; the others are warnings with their rule."""
    found: list[tuple[str, Text, bool]] = []
    if facts.kind not in KINDS:
        found.append(("kind", Text("Choose D/P or D/A."), True))
    if facts.tenor not in TENORS:
        found.append(("tenor", Text("Choose the bill's tenor."), True))
    if facts.kind == "da" and facts.tenor == "sight":
        found.append(
            (
                "tenor",
                Text(
                    "Documents against acceptance need a bill payable later: a bill at sight is "
                    "paid, not accepted (URC 522 art. 6, 7)."
                ),
                True,
            )
        )
    if facts.kind == "da" and not facts.bill_of_exchange:
        found.append(
            (
                "bill_of_exchange",
                Text(
                    "Documents against acceptance: the drawee accepts a bill of exchange, so draw one."
                ),
                True,
            )
        )
    if facts.kind == "dp" and facts.tenor != "sight":
        found.append(
            (
                "tenor",
                Text(
                    "D/P with a bill payable later: the documents stay at the bank until the due "
                    "date; URC 522 art. 7 a advises against it (art. 7 c: released only against "
                    "payment)."
                ),
                False,
            )
        )
    if facts.tenor in DAY_TENORS and not 1 <= facts.tenor_days <= MAX_TENOR_DAYS:
        found.append(
            (
                "tenor_days",
                Text(
                    "The tenor is a whole number of days between 1 and {max}.", max=MAX_TENOR_DAYS
                ),
                True,
            )
        )
    if facts.amount <= 0:
        found.append(("amount", Text("The amount to collect must be positive."), True))
    if not facts.documents:
        found.append(
            ("documents", Text("List the documents sent to the bank (URC 522 art. 4 b vi)."), True)
        )
    if facts.goods_consigned_to_bank:
        found.append(
            (
                "documents",
                Text(
                    "Goods consigned to the collecting bank need its agreement beforehand (URC 522 "
                    "art. 10 a)."
                ),
                False,
            )
        )
    if facts.case_of_need and not facts.case_of_need_powers.strip():
        found.append(
            (
                "case_of_need_powers",
                Text("Say what the case-of-need may do (URC 522 art. 25)."),
                False,
            )
        )
    if not facts.unpaid_instructions.strip():
        found.append(
            (
                "unpaid_instructions",
                Text(
                    "Say what the bank does if the drawee does not pay or accept (URC 522 art. 4 "
                    "b xi): store and insure the goods, return the documents, wait for our "
                    "instructions."
                ),
                False,
            )
        )
    return tuple(found)
