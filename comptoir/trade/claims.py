"""Transport claims: notice deadlines, time bars and liability caps per convention.

Sources (texts as in force, limits in SDR, the IMF's special drawing right):

* **CMR** - Convention on the Contract for the International Carriage of Goods by
  Road, Geneva, 19 May 1956, with its 1978 Protocol (SDR, in force 28 Dec. 1980):
  art. 30 §1 reservations at delivery (apparent loss or damage) or in writing within
  7 days of delivery, Sundays and public holidays excepted (not apparent);
  art. 30 §3 delay: no compensation unless a written reservation within 21 days
  from the time the goods were placed at the consignee's disposal; art. 30 §4 the
  day of delivery is not counted; art. 23 §3 8.33 SDR per kg of gross weight
  short; art. 23 §5 delay: at most the carriage charges; art. 32 §1 limitation 1
  year (3 years for wilful misconduct), running for partial loss, damage or delay
  from the date of delivery, the first day not counted.
* **Montreal Convention 1999** (in force 4 Nov. 2003): art. 31 §2 written complaint
  within 14 days from receipt (damage) or 21 days from the date the cargo was
  placed at the person's disposal (delay); art. 31 §4 no action without it; art. 52
  "days" are calendar days; art. 22 §3 limit per kg for destruction, loss, damage
  or delay of cargo, 17 SDR at entry into force, revised by ICAO under art. 24 to
  19 SDR (30 Dec. 2009), 22 SDR (28 Dec. 2019) and 26 SDR (28 Dec. 2024); art. 22 §4
  weight of the package(s) concerned; art. 35 action within 2 years from arrival.
* **Hague-Visby Rules** - Brussels Convention of 1924 as amended by the Visby
  Protocol 1968 and the SDR Protocol 1979 (in force 14 Feb. 1984): art. III r.6
  notice before or at removal of the goods (apparent loss or damage) or within 3
  days (not apparent); suit within one year of delivery; art. IV r.5(a)
  666.67 SDR per package or unit or 2 SDR per kg of gross weight of the goods lost
  or damaged, whichever is the higher; art. IV r.5(c) container clause.

* **French domestic road carriage** (transport intérieur): Code de commerce art. L133-3
  (reception extinguishes the action for damage or partial loss unless a reasoned
  protest ("protestation motivée") reaches the carrier by extrajudicial act or
  registered letter within the 3 days, public holidays not counted, that follow the
  day of receipt; it does not apply to total loss) and art. L133-6 (actions for
  damage, loss or delay are barred after one year, running from the day the goods
  were delivered or offered, or for total loss from the day they should have been
  delivered). Liability limits of the contrat type général (Code des transports,
  annex II to art. D3222-1, as approved by décret n° 2017-461 of 31 March 2017, in
  force 1 May 2017): art. 22.1, consignment under 3 tonnes: 33 EUR per kg of gross
  weight of the goods lost or damaged, at most 1,000 EUR per package lost,
  incomplete or damaged; consignment of 3 tonnes or more: 20 EUR per kg, at most the
  consignment's gross weight in tonnes x 3,200 EUR; art. 23: delay, at most the price
  of carriage (duties, taxes and sundry costs excluded); art. 21.1: goods not
  delivered 30 days after the agreed time are presumed lost. The contrat type applies
  when no written contract says otherwise (Code des transports art. L1432-4).
* **Total loss** (goods never delivered): CMR art. 20 §1 and art. 32 §1 b (the year
  runs from the 30th day after the agreed time limit); Montreal art. 35 (2 years from
  the date the aircraft ought to have arrived); Hague-Visby art. III r.6 (one year
  from the date the goods should have been delivered). ``delivery_date`` is then the
  date the goods should have been delivered.

Conversion of SDR into money happens at the date set by the convention or the
court (CMR art. 23 §7, Montreal art. 23, Hague-Visby art. IV r.5(d)); the rate
given is the user's estimate.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Final, Literal, Protocol, cast

from comptoir.trade import calendars
from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code, format_amount, round_money
from comptoir.trade.texts import Text, joined, number

__all__ = [
    "CONVENTIONS",
    "KINDS",
    "MONTREAL_LIMITS",
    "ClaimResult",
    "Convention",
    "Kind",
    "add_days_excluding_holidays",
    "add_years",
    "claim",
    "montreal_limits_on",
]

Convention = Literal["CMR", "MONTREAL", "HAGUE_VISBY", "FR_DOMESTIC"]
Kind = Literal["apparent_damage", "hidden_damage", "partial_loss", "delay", "total_loss"]
CONVENTIONS: Final = ("CMR", "MONTREAL", "HAGUE_VISBY", "FR_DOMESTIC")
KINDS: Final = ("apparent_damage", "hidden_damage", "partial_loss", "delay", "total_loss")

CMR_SDR_PER_KG: Final = Decimal("8.33")
HV_SDR_PER_PACKAGE: Final = Decimal("666.67")
HV_SDR_PER_KG: Final = Decimal(2)

#: Contrat type général (décret n° 2017-461, annex art. 22.1), in euros.
FR_THRESHOLD_KG: Final = Decimal(3000)
FR_EUR_PER_KG_UNDER_3T: Final = Decimal(33)
FR_EUR_PER_PACKAGE_UNDER_3T: Final = Decimal(1000)
FR_EUR_PER_KG_FROM_3T: Final = Decimal(20)
FR_EUR_PER_TONNE_FROM_3T: Final = Decimal(3200)
#: Code de commerce art. L133-3: days for the reasoned protest, public holidays not counted.
FR_PROTEST_DAYS: Final = 3
#: CMR art. 32 §1 b: for total loss the year runs from the 30th day after the agreed time.
CMR_TOTAL_LOSS_DAYS: Final = 30


@dataclass(frozen=True, slots=True)
class MontrealLimits:
    """Montreal Convention limits in SDR in force from ``since`` (art. 21, 22; revised under art. 24)."""

    since: date
    cargo_per_kg: Decimal  # art. 22 §3: destruction, loss, damage or delay of cargo
    baggage_per_passenger: Decimal  # art. 22 §2
    delay_per_passenger: Decimal  # art. 22 §1
    source: Text


MONTREAL_LIMITS: Final = (
    MontrealLimits(
        date(2003, 11, 4),
        Decimal(17),
        Decimal(1000),
        Decimal(4150),
        Text("Montreal Convention 1999 as adopted"),
    ),
    MontrealLimits(
        date(2009, 12, 30),
        Decimal(19),
        Decimal(1131),
        Decimal(4694),
        Text("ICAO revision of 2009 (art. 24)"),
    ),
    MontrealLimits(
        date(2019, 12, 28),
        Decimal(22),
        Decimal(1288),
        Decimal(5346),
        Text("ICAO revision of 2019 (art. 24)"),
    ),
    MontrealLimits(
        date(2024, 12, 28),
        Decimal(26),
        Decimal(1519),
        Decimal(6303),
        Text("ICAO revision of 2024 (art. 24)"),
    ),
)

_IN_FORCE: Final = {
    "CMR": (
        date(1980, 12, 28),
        "the CMR limits in SDR (1978 Protocol) apply from 28 December 1980",
    ),
    "MONTREAL": (
        date(2003, 11, 4),
        "the Montreal Convention entered into force on 4 November 2003",
    ),
    "HAGUE_VISBY": (
        date(1984, 2, 14),
        "the Hague-Visby limits in SDR (1979 Protocol) apply from 14 February 1984",
    ),
    "FR_DOMESTIC": (
        date(2017, 5, 1),
        "the contrat type général of décret n° 2017-461 applies from 1 May 2017",
    ),
}


def montreal_limits_on(day: date) -> MontrealLimits:
    """The Montreal Convention limits in force on ``day``.

    Source: Montreal Convention 1999 art. 22 and the ICAO reviews under art. 24
    (cargo: 17 SDR/kg; 19 from 2009-12-30; 22 from 2019-12-28; 26 from 2024-12-28).
    """
    if day < MONTREAL_LIMITS[0].since:
        raise TradeInputError(
            "The Montreal Convention entered into force on 2003-11-04.", "delivery_date"
        )
    current = MONTREAL_LIMITS[0]
    for limits in MONTREAL_LIMITS:
        if limits.since <= day:
            current = limits
    return current


def add_years(day: date, years: int) -> date:
    """Same calendar date ``years`` later; 29 February becomes 28 February in common years.

    Source: the usual civil-law computation of periods in years (the period ends
    on the day with the same number; failing it, on the last day of the month).
    """
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return date(year, day.month, min(day.day, last))


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """Result of :func:`claim`; ``liability_cap`` is in ``currency`` when an SDR rate was given."""

    convention: Convention
    kind: Kind
    delivery_date: date
    notice_deadline: date | None
    notice: Text  # what must be done by the deadline, and the consequence
    time_bar_date: date
    time_bar_wilful_misconduct: date | None  # CMR art. 32 §1: 3 years
    sdr_per_kg: Decimal | None
    liability_cap_sdr: Decimal | None
    liability_cap: Decimal | None
    currency: str
    rule: Text
    steps: tuple[Text, ...]
    #: French domestic road: the contrat type's limit per kg, in euros (no SDR involved)
    eur_per_kg: Decimal | None = None


def _convention(value: str) -> Convention:
    key = (
        value.strip().upper().replace("-", "_").replace(" ", "_") if isinstance(value, str) else ""
    )
    if key not in CONVENTIONS:
        raise TradeInputError(
            f"Unknown convention {value!r}. Conventions: {', '.join(CONVENTIONS)}.", "convention"
        )
    return cast(Convention, key)


@dataclass(slots=True)
class _Terms:
    """What one convention says about a claim: filled in by the convention's function."""

    notice_deadline: date | None
    notice: Text
    time_bar: date
    rule: Text
    steps: list[Text] = field(default_factory=list)
    wilful: date | None = None
    sdr_per_kg: Decimal | None = None
    cap_sdr: Decimal | None = None
    cap_money: Decimal | None = None
    eur_per_kg: Decimal | None = None


@dataclass(frozen=True, slots=True)
class _Claim:
    """The facts of a claim, checked, as every convention's function reads them."""

    delivery_date: date
    kind: Kind
    gross_weight_kg: Decimal
    weight: Decimal  # gross weight as shown in the steps (3 decimals at most)
    packages: int | None
    currency: str
    country: str
    carriage_charges: Decimal | None
    consignment_weight_kg: Decimal | None = None


class _ConventionRules(Protocol):
    def __call__(self, facts: _Claim, /) -> _Terms: ...


def _cmr_notice(facts: _Claim, steps: list[Text]) -> tuple[date | None, Text]:
    """CMR art. 30: the reservations due for this kind of claim, and by when."""
    delivery_date, k = facts.delivery_date, facts.kind
    notice_deadline: date | None
    if k == "total_loss":
        notice_deadline = None
        notice = Text(
            "Total loss: no reservations are possible, the goods never arrived; the goods may be "
            "treated as lost 30 days after the agreed time limit, or 60 days after the carrier "
            "took them over when no time limit was agreed (art. 20 §1): claim in writing at once"
        )
    elif k in ("apparent_damage", "partial_loss"):
        notice_deadline = delivery_date
        notice = Text(
            "Reservations giving a general indication of the loss or damage at the time of delivery "
            "(on the consignment note), else the goods are presumed received as described (art. 30 §1)"
        )
        steps.append(Text("Reservations at delivery: {day}", day=delivery_date))
        if k == "partial_loss":
            steps.append(
                Text(
                    "If the loss was not apparent at delivery (contents missing from intact "
                    "packages), the 7-day period for hidden damage applies instead"
                )
            )
    elif k == "hidden_damage":
        notice_deadline = calendars.add_days_excluding_sundays_and_holidays(
            facts.country, delivery_date, 7
        )
        notice = Text(
            "Written reservations within 7 days of delivery, Sundays and public holidays excepted, "
            "else the goods are presumed received as described (art. 30 §1, §4)"
        )
        skipped = [
            delivery_date + timedelta(days=i)
            for i in range(1, (notice_deadline - delivery_date).days + 1)
            if (delivery_date + timedelta(days=i)).weekday() == 6
            or calendars.holiday_name(facts.country, delivery_date + timedelta(days=i))
        ]
        if skipped:
            steps.append(
                Text(
                    "7 days after delivery {day}, delivery day not counted (art. 30 §4), skipping "
                    "Sundays and public holidays in {country} ({skipped}): {deadline}",
                    day=delivery_date,
                    country=facts.country,
                    skipped=joined(", ", skipped),
                    deadline=notice_deadline,
                )
            )
        else:
            steps.append(
                Text(
                    "7 days after delivery {day}, delivery day not counted (art. 30 §4), skipping "
                    "Sundays and public holidays in {country}: {deadline}",
                    day=delivery_date,
                    country=facts.country,
                    deadline=notice_deadline,
                )
            )
    else:
        notice_deadline = delivery_date + timedelta(days=21)
        notice = Text(
            "Written reservation within 21 days from the time the goods were placed at the "
            "consignee's disposal, else no compensation for delay is payable (art. 30 §3)"
        )
        steps.append(
            Text(
                "Delivery {day} + 21 days, delivery day not counted (art. 30 §4): {deadline}",
                day=delivery_date,
                deadline=notice_deadline,
            )
        )
    return notice_deadline, notice


def _cmr(facts: _Claim) -> _Terms:
    """CMR art. 23 §3 and §5, 30, 32 (with the 1978 Protocol)."""
    delivery_date, k = facts.delivery_date, facts.kind
    steps: list[Text] = []
    notice_deadline, notice = _cmr_notice(facts, steps)
    if k == "total_loss":
        start = delivery_date + timedelta(days=CMR_TOTAL_LOSS_DAYS)
        time_bar = add_years(start, 1)
        wilful = add_years(start, 3)
        steps.append(
            Text(
                "Time bar for total loss: 1 year from the 30th day after the agreed time limit "
                "{day} (art. 32 §1 b): {time_bar}; 3 years for wilful misconduct: {wilful}",
                day=delivery_date,
                time_bar=time_bar,
                wilful=wilful,
            )
        )
    else:
        time_bar = add_years(delivery_date, 1)
        wilful = add_years(delivery_date, 3)
        steps.append(
            Text(
                "Time bar: 1 year from delivery, the day of delivery not counted (art. 32 §1 a): "
                "{time_bar}; 3 years for wilful misconduct: {wilful}",
                time_bar=time_bar,
                wilful=wilful,
            )
        )
    terms = _Terms(
        notice_deadline,
        notice,
        time_bar,
        Text(
            "CMR art. 30 (reservations), art. 32 §1 (1-year limitation), art. 23 §3 (8.33 SDR/kg) "
            "and §5 (delay: carriage charges)"
        ),
        steps,
        wilful=wilful,
    )
    if k == "delay":
        terms.cap_money = facts.carriage_charges
        if facts.carriage_charges is not None:
            steps.append(
                Text(
                    "Delay: compensation may not exceed the carriage charges (art. 23 §5): "
                    "{amount} {currency}",
                    amount=Decimal(format_amount(facts.carriage_charges, facts.currency)),
                    currency=facts.currency,
                )
            )
        else:
            steps.append(
                Text(
                    "Delay: compensation may not exceed the carriage charges (art. 23 §5); "
                    "give carriage_charges to compute the cap"
                )
            )
    else:
        terms.sdr_per_kg = CMR_SDR_PER_KG
        terms.cap_sdr = CMR_SDR_PER_KG * facts.gross_weight_kg
        steps.append(
            Text(
                "Cap: 8.33 SDR x {weight} kg gross weight short = {cap} SDR (art. 23 §3)",
                weight=facts.weight,
                cap=number(terms.cap_sdr, 2),
            )
        )
    return terms


def _montreal(facts: _Claim) -> _Terms:
    """Montreal Convention 1999 art. 22 §3-4, 24 (ICAO revisions), 31, 35, 52."""
    delivery_date, k = facts.delivery_date, facts.kind
    limits = montreal_limits_on(delivery_date)
    steps: list[Text] = []
    notice_deadline: date | None
    if k == "total_loss":
        notice_deadline = None
        notice = Text(
            "Non-delivery: art. 31 sets no complaint period, but the air waybill conditions "
            "usually ask for a written complaint within 120 days of its issue: write at once"
        )
    elif k == "delay":
        notice_deadline = delivery_date + timedelta(days=21)
        notice = Text(
            "Written complaint within 21 days from the date the cargo was placed at the person's "
            "disposal; no action lies without it save fraud (art. 31 §2-4)"
        )
    else:
        notice_deadline = delivery_date + timedelta(days=14)
        notice = Text(
            "Written complaint forthwith after discovery and at the latest within 14 days from "
            "receipt; no action lies without it save fraud (art. 31 §2-4)"
        )
        if k == "partial_loss":
            steps.append(
                Text("Partial loss is treated as damage (14 days), the safe reading of art. 31 §2")
            )
    if notice_deadline is not None:
        steps.append(Text("Notice: {deadline} (calendar days, art. 52)", deadline=notice_deadline))
    time_bar = add_years(delivery_date, 2)
    steps.append(
        Text(
            "Time bar: 2 years from arrival at destination (art. 35): {time_bar}",
            time_bar=time_bar,
        )
    )
    cap_sdr = limits.cargo_per_kg * facts.gross_weight_kg
    steps.append(
        Text(
            "Limit in force on {day}: {per_kg} SDR/kg ({source}, since {since})",
            day=delivery_date,
            per_kg=number(limits.cargo_per_kg),
            source=limits.source,
            since=limits.since,
        )
    )
    steps.append(
        Text(
            "Cap: {per_kg} SDR x {weight} kg of the package(s) concerned = {cap} SDR "
            "(art. 22 §3-4); it applies to delay too and is not broken by the carrier's fault, "
            "only by a special declaration of interest",
            per_kg=number(limits.cargo_per_kg),
            weight=facts.weight,
            cap=number(cap_sdr, 2),
        )
    )
    rule = Text(
        "Montreal Convention 1999 art. 31 (complaints), art. 35 (2-year limitation), "
        "art. 22 §3 ({per_kg} SDR/kg, {source})",
        per_kg=number(limits.cargo_per_kg),
        source=limits.source,
    )
    return _Terms(
        notice_deadline,
        notice,
        time_bar,
        rule,
        steps,
        sdr_per_kg=limits.cargo_per_kg,
        cap_sdr=cap_sdr,
    )


def _hague_visby(facts: _Claim) -> _Terms:
    """Hague-Visby Rules art. III r.6 and IV r.5."""
    delivery_date, k, packages = facts.delivery_date, facts.kind, facts.packages
    steps: list[Text] = []
    notice_deadline: date | None
    if k in ("apparent_damage", "partial_loss"):
        notice_deadline = delivery_date
        notice = Text(
            "Written notice before or at the time of removal of the goods into the receiver's "
            "custody, else removal is prima facie evidence of delivery as described in the bill "
            "of lading (art. III r.6)"
        )
        steps.append(Text("Notice at removal of the goods: {day}", day=delivery_date))
    elif k == "hidden_damage":
        notice_deadline = delivery_date + timedelta(days=3)
        notice = Text(
            "Written notice within 3 days of delivery, else removal is prima facie evidence of "
            "delivery as described in the bill of lading (art. III r.6)"
        )
        steps.append(
            Text("Delivery {day} + 3 days: {deadline}", day=delivery_date, deadline=notice_deadline)
        )
    elif k == "total_loss":
        notice_deadline = None
        notice = Text(
            "Total loss: no notice at removal is possible; the year runs from the date the goods "
            "should have been delivered (art. III r.6): claim in writing at once"
        )
    else:
        notice_deadline = None
        notice = Text(
            "The Hague-Visby Rules set no notice period for delay; claims for loss caused by delay "
            "are subject to the same one-year time bar and limits"
        )
    time_bar = add_years(delivery_date, 1)
    steps.append(
        Text(
            "Time bar: suit within one year of delivery (art. III r.6): {time_bar}",
            time_bar=time_bar,
        )
    )
    by_weight = HV_SDR_PER_KG * facts.gross_weight_kg
    by_package = HV_SDR_PER_PACKAGE * packages if packages is not None else None
    cap_sdr = max(by_weight, by_package) if by_package is not None else by_weight
    if by_package is not None:
        steps.append(
            Text(
                "Cap: higher of 666.67 SDR x {packages} package(s) = {by_package} SDR and "
                "2 SDR x {weight} kg = {by_weight} SDR: {cap} SDR (art. IV r.5(a))",
                packages=cast(int, packages),
                by_package=number(by_package, 2),
                weight=facts.weight,
                by_weight=number(by_weight, 2),
                cap=number(cap_sdr, 2),
            )
        )
    else:
        steps.append(
            Text(
                "Cap: 2 SDR x {weight} kg = {by_weight} SDR (art. IV r.5(a)); give the number of "
                "packages on the bill of lading to compare with 666.67 SDR per package",
                weight=facts.weight,
                by_weight=number(by_weight, 2),
            )
        )
    steps.append(
        Text(
            "Packages counted in a container are those enumerated in the bill of lading "
            "(art. IV r.5(c))"
        )
    )
    rule = Text(
        "Hague-Visby Rules art. III r.6 (notice, one-year time bar) and art. IV r.5 (666.67 SDR "
        "per package or 2 SDR per kg, whichever is higher)"
    )
    return _Terms(
        notice_deadline, notice, time_bar, rule, steps, sdr_per_kg=HV_SDR_PER_KG, cap_sdr=cap_sdr
    )


def add_days_excluding_holidays(country: str, start: date, days: int) -> date:
    """``days`` days after ``start`` (not counted), public holidays of ``country`` not counted.

    Source: Code de commerce art. L133-3 ("dans les trois jours, non compris les jours
    fériés, qui suivent celui de cette réception"). Sundays are counted: the text names
    public holidays only, and the earlier date is the safe one to keep.
    """
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if calendars.holiday_name(country, current) is None:
            counted += 1
    return current


def _fr_notice(facts: _Claim, steps: list[Text]) -> tuple[date | None, Text]:
    """Code de commerce art. L133-3 (damage, partial loss); nothing for delay or total loss."""
    delivery_date, k = facts.delivery_date, facts.kind
    if k == "total_loss":
        steps.append(
            Text(
                "The goods are presumed lost 30 days after the agreed delivery date "
                "(contrat type général art. 21.1)"
            )
        )
        return None, Text(
            "Total loss: the 3-day protest of art. L133-3 does not apply (the goods were never "
            "received); claim in writing at once"
        )
    if k == "delay":
        return None, Text(
            "Delay: art. L133-3 asks no protest for delay, but the loss must be proved and "
            "claimed within the one-year time bar; write to the carrier at once"
        )
    deadline = add_days_excluding_holidays(facts.country, delivery_date, FR_PROTEST_DAYS)
    steps.append(
        Text(
            "3 days after receipt {day}, the day of receipt and public holidays not counted, "
            "Sundays counted (the safe reading): {deadline}",
            day=delivery_date,
            deadline=deadline,
        )
    )
    if k == "apparent_damage" or k == "partial_loss":
        steps.append(
            Text(
                'Write precise reserves on the consignment note at delivery ("subject to '
                'unpacking" is worthless) and confirm them by registered letter within the '
                "3 days"
            )
        )
    return deadline, Text(
        "Reasoned protest to the carrier by registered letter or extrajudicial act within 3 "
        "days after receipt, public holidays not counted, else the action for damage or partial "
        "loss is extinguished (Code de commerce art. L133-3)"
    )


def _fr_domestic(facts: _Claim) -> _Terms:
    """Code de commerce art. L133-3, L133-6; contrat type général (décret n° 2017-461) art. 21-23."""
    delivery_date, k = facts.delivery_date, facts.kind
    steps: list[Text] = []
    notice_deadline, notice = _fr_notice(facts, steps)
    time_bar = add_years(delivery_date, 1)
    if k == "total_loss":
        steps.append(
            Text(
                "Time bar: 1 year from the day the goods should have been delivered, {day} "
                "(art. L133-6): {time_bar}",
                day=delivery_date,
                time_bar=time_bar,
            )
        )
    else:
        steps.append(
            Text(
                "Time bar: 1 year from the day the goods were delivered or offered, {day} "
                "(art. L133-6): {time_bar}",
                day=delivery_date,
                time_bar=time_bar,
            )
        )
    rule = Text(
        "Code de commerce art. L133-3 (3-day protest) and L133-6 (1-year time bar); contrat "
        "type général, décret n° 2017-461, art. 22.1 (33 EUR/kg and 1,000 EUR per package "
        "under 3 t; 20 EUR/kg and 3,200 EUR per tonne from 3 t) and art. 23 (delay: price of "
        "carriage)"
    )
    terms = _Terms(notice_deadline, notice, time_bar, rule, steps)
    if k == "delay":
        terms.cap_money = facts.carriage_charges
        if facts.carriage_charges is not None:
            steps.append(
                Text(
                    "Delay: at most the price of carriage, duties, taxes and sundry costs "
                    "excluded (contrat type général art. 23): {amount} EUR",
                    amount=Decimal(format_amount(facts.carriage_charges, "EUR")),
                )
            )
        else:
            steps.append(
                Text(
                    "Delay: at most the price of carriage (contrat type général art. 23); give "
                    "the carriage charges to compute the cap"
                )
            )
        return terms
    consignment = (
        facts.consignment_weight_kg
        if facts.consignment_weight_kg is not None
        else facts.gross_weight_kg
    )
    if facts.consignment_weight_kg is None:
        steps.append(
            Text(
                "Consignment weight not given: the weight concerned, {weight} kg, is taken as "
                "the whole consignment",
                weight=facts.weight,
            )
        )
    if consignment < FR_THRESHOLD_KG:
        per_kg = FR_EUR_PER_KG_UNDER_3T
        by_weight = per_kg * facts.gross_weight_kg
        terms.eur_per_kg = per_kg
        if facts.packages is not None:
            by_package = FR_EUR_PER_PACKAGE_UNDER_3T * facts.packages
            cap = min(by_weight, by_package)
            steps.append(
                Text(
                    "Consignment under 3 tonnes ({consignment} kg): lower of 33 EUR x {weight} kg "
                    "= {by_weight} EUR and 1,000 EUR x {packages} package(s) = {by_package} EUR: "
                    "{cap} EUR (art. 22.1)",
                    consignment=number(consignment, 3),
                    weight=facts.weight,
                    by_weight=number(by_weight, 2),
                    packages=facts.packages,
                    by_package=number(by_package, 2),
                    cap=number(cap, 2),
                )
            )
        else:
            cap = by_weight
            steps.append(
                Text(
                    "Consignment under 3 tonnes ({consignment} kg): 33 EUR x {weight} kg = {cap} "
                    "EUR (art. 22.1); give the packages lost or damaged to apply the limit of "
                    "1,000 EUR per package",
                    consignment=number(consignment, 3),
                    weight=facts.weight,
                    cap=number(cap, 2),
                )
            )
    else:
        per_kg = FR_EUR_PER_KG_FROM_3T
        by_weight = per_kg * facts.gross_weight_kg
        by_tonne = FR_EUR_PER_TONNE_FROM_3T * consignment / 1000
        cap = min(by_weight, by_tonne)
        terms.eur_per_kg = per_kg
        steps.append(
            Text(
                "Consignment of 3 tonnes or more ({consignment} kg): lower of 20 EUR x {weight} "
                "kg = {by_weight} EUR and 3,200 EUR x {tonnes} t = {by_tonne} EUR: {cap} EUR "
                "(art. 22.1)",
                consignment=number(consignment, 3),
                weight=facts.weight,
                by_weight=number(by_weight, 2),
                tonnes=number(consignment / 1000, 3),
                by_tonne=number(by_tonne, 2),
                cap=number(cap, 2),
            )
        )
    terms.cap_money = round_money(cap, "EUR")
    steps.append(
        Text(
            "The limits do not apply to wilful misconduct (dol) or inexcusable fault of the "
            "carrier; a declared value or a special interest in delivery replaces them"
        )
    )
    return terms


#: The rules of each convention, one function each.
CONVENTION_RULES: Final[dict[Convention, _ConventionRules]] = {
    "CMR": _cmr,
    "MONTREAL": _montreal,
    "HAGUE_VISBY": _hague_visby,
    "FR_DOMESTIC": _fr_domestic,
}


def claim(
    convention: str,
    delivery_date: date,
    kind: str,
    gross_weight_kg: Decimal,
    *,
    packages: int | None = None,
    sdr_rate: Decimal | None = None,
    currency: str = "EUR",
    country: str = "FR",
    carriage_charges: Decimal | None = None,
    consignment_weight_kg: Decimal | None = None,
) -> ClaimResult:
    """Notice deadline, time bar and liability cap of a cargo claim.

    Source: CMR art. 23 §3 and §5, 30, 32 (with the 1978 Protocol); Montreal
    Convention 1999 art. 22 §3-4, 24 (ICAO revisions), 31, 35, 52; Hague-Visby
    Rules art. III r.6 and IV r.5. ``gross_weight_kg`` is the gross weight of the
    goods lost or damaged (CMR art. 23 §3, Montreal art. 22 §4, Hague-Visby art.
    IV r.5(a)); ``packages`` their number of packages or units on the bill of
    lading (Hague-Visby only); ``sdr_rate`` the value of one SDR in ``currency``;
    ``country`` the country of delivery, whose public holidays stop the CMR 7-day
    count; ``carriage_charges`` caps CMR compensation for delay (art. 23 §5) and French
    domestic compensation for delay (contrat type général art. 23).
    ``FR_DOMESTIC`` (Code de commerce art. L133-3, L133-6; contrat type général of
    décret n° 2017-461 art. 21-23) works in euros and reads ``consignment_weight_kg``,
    the gross weight of the whole consignment (3-tonne threshold, 3,200 EUR per tonne).
    For ``total_loss``, ``delivery_date`` is the date the goods should have been delivered.
    """
    conv = _convention(convention)
    if kind not in KINDS:
        raise TradeInputError(f"Unknown kind of claim {kind!r}. Kinds: {', '.join(KINDS)}.", "kind")
    k = cast(Kind, kind)
    start, why = _IN_FORCE[conv]
    if delivery_date < start:
        raise TradeInputError(
            f"Delivery date {delivery_date.isoformat()} is too early: {why}.", "delivery_date"
        )
    if gross_weight_kg < 0:
        raise TradeInputError("A weight must not be negative.", "gross_weight_kg")
    if packages is not None and (
        isinstance(packages, bool) or not isinstance(packages, int) or packages < 0
    ):
        raise TradeInputError(
            "The number of packages must be a whole number, zero or more.", "packages"
        )
    if sdr_rate is not None and sdr_rate <= 0:
        raise TradeInputError("The SDR rate must be greater than zero.", "sdr_rate")
    if carriage_charges is not None and carriage_charges < 0:
        raise TradeInputError("The carriage charges must not be negative.", "carriage_charges")
    if consignment_weight_kg is not None and consignment_weight_kg < 0:
        raise TradeInputError("A weight must not be negative.", "consignment_weight_kg")
    code = currency_code(currency)
    if conv == "FR_DOMESTIC" and code != "EUR":
        raise TradeInputError(
            "The French contrat type sets its limits in euros: give the amounts in EUR.",
            "currency",
        )
    facts = _Claim(
        delivery_date,
        k,
        gross_weight_kg,
        number(gross_weight_kg, 3),
        packages,
        code,
        calendars.country_code(country),
        carriage_charges,
        consignment_weight_kg,
    )
    terms = CONVENTION_RULES[conv](facts)
    steps = [terms.notice, *terms.steps]
    cap_sdr, cap_money = terms.cap_sdr, terms.cap_money
    if cap_sdr is not None:
        cap_sdr = round_money(cap_sdr, "XDR")
        if sdr_rate is not None:
            cap_money = round_money(cap_sdr * sdr_rate, code)
            steps.append(
                Text(
                    "In {currency}: {cap} SDR x {rate} = {amount} (rate to be confirmed at the date "
                    "set by the convention or the court)",
                    currency=code,
                    cap=number(cap_sdr),
                    rate=number(sdr_rate),
                    amount=Decimal(format_amount(cap_money, code)),
                )
            )
    return ClaimResult(
        conv,
        k,
        delivery_date,
        terms.notice_deadline,
        terms.notice,
        terms.time_bar,
        terms.wilful,
        terms.sdr_per_kg,
        cap_sdr,
        cap_money,
        code,
        terms.rule,
        tuple(steps),
        terms.eur_per_kg,
    )
