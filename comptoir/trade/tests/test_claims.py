"""Transport claims: CMR, Montreal 1999, Hague-Visby.

Worked examples from the conventions' texts and commentaries:

1. CMR art. 30 §1/§4: hidden damage, delivery Monday 2 March 2026 in France: 7 days,
   Sundays and public holidays excepted -> Tuesday 10 March 2026.
2. CMR with holidays: delivery Thursday 30 April 2026 in France (1 May and 8 May are public
   holidays) -> Monday 11 May 2026.
3. CMR art. 23 §3: 8.33 SDR x 500 kg = 4,165 SDR; at EUR 1.20 per SDR = EUR 4,998.00;
   art. 23 §5 delay capped at the carriage charges; art. 30 §3 21 days; art. 32 1 year.
4. Montreal art. 22 §3 as revised by ICAO: 22 SDR/kg from 28 December 2019 (Anchor Risk,
   https://www.anchorrisk.com/in-focus/detail/liability-limitation/), 26 SDR/kg from
   28 December 2024 (Benesch, https://beneschlaw.com/resources/inflation-strikes-again-limitations-of-liability-for-international-air-transportation-are-rising.html;
   Magrath, http://forwarderlaw.com/2024/11/01/montreal-convention-damage-limitations-increase).
5. Montreal art. 31 §2: 14 days (damage) and 21 days (delay); art. 35: 2 years.
6. Hague-Visby art. IV r.5(a): higher of 666.67 SDR per package and 2 SDR per kg; for "one
   container" of 20 t the package is the container (Handy Bulk, "Hague-Visby Rules Package
   Limitation", https://www.handybulk.com/hague-visby-rules-package-limitation): 40,000 SDR.
7. Hague-Visby art. III r.6: 3 days for damage not apparent; one year to sue.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.claims import add_years, claim, montreal_limits_on
from comptoir.trade.errors import TradeInputError

D = Decimal


def test_cmr_hidden_damage_skips_sunday() -> None:
    result = claim("CMR", date(2026, 3, 2), "hidden_damage", D("500"), sdr_rate=D("1.20"))
    assert result.notice_deadline == date(2026, 3, 10)
    assert result.time_bar_date == date(2027, 3, 2)
    assert result.time_bar_wilful_misconduct == date(2029, 3, 2)
    assert result.liability_cap_sdr == D("4165.00")
    assert result.liability_cap == D("4998.00")
    assert "art. 23 §3" in result.rule


def test_cmr_hidden_damage_skips_french_holidays() -> None:
    result = claim("CMR", date(2026, 4, 30), "hidden_damage", D("100"))
    assert result.notice_deadline == date(2026, 5, 11)
    assert "2026-05-01" in result.steps[1] and "2026-05-08" in result.steps[1]
    assert result.liability_cap is None  # no SDR rate given


def test_cmr_holidays_of_the_delivery_country() -> None:
    """Same delivery in Germany: 1 May and Ascension (14 May is after) -> Saturday 9 May."""
    result = claim("CMR", date(2026, 4, 30), "hidden_damage", D("100"), country="DE")
    assert result.notice_deadline == date(2026, 5, 9)


def test_cmr_apparent_and_delay() -> None:
    apparent = claim("CMR", date(2026, 3, 2), "apparent_damage", D("10"))
    assert apparent.notice_deadline == date(2026, 3, 2)
    delay = claim("CMR", date(2026, 3, 2), "delay", D("10"), carriage_charges=D("850"))
    assert delay.notice_deadline == date(2026, 3, 23)
    assert delay.liability_cap_sdr is None
    assert delay.liability_cap == D("850")
    assert "art. 30 §3" in delay.notice


def test_montreal_limit_revisions() -> None:
    assert montreal_limits_on(date(2019, 12, 27)).cargo_per_kg == 19
    assert montreal_limits_on(date(2019, 12, 28)).cargo_per_kg == 22
    assert montreal_limits_on(date(2024, 12, 27)).cargo_per_kg == 22
    assert montreal_limits_on(date(2024, 12, 28)).cargo_per_kg == 26
    assert montreal_limits_on(date(2005, 1, 1)).cargo_per_kg == 17
    assert montreal_limits_on(date(2024, 12, 28)).baggage_per_passenger == 1519
    assert montreal_limits_on(date(2019, 12, 28)).baggage_per_passenger == 1288


def test_montreal_damage_and_delay() -> None:
    damage = claim("MONTREAL", date(2026, 3, 2), "hidden_damage", D("100"), sdr_rate=D("1.20"))
    assert damage.notice_deadline == date(2026, 3, 16)
    assert damage.time_bar_date == date(2028, 3, 2)
    assert damage.liability_cap_sdr == D("2600.00")
    assert damage.liability_cap == D("3120.00")
    old = claim("montreal", date(2024, 12, 27), "delay", D("100"))
    assert old.notice_deadline == date(2025, 1, 17)
    assert old.liability_cap_sdr == D("2200.00")


def test_hague_visby_package_or_kilo() -> None:
    """10 packages of 500 kg: 6,666.70 SDR; one 20 t container: 40,000 SDR."""
    cartons = claim("HAGUE_VISBY", date(2026, 3, 2), "hidden_damage", D("500"), packages=10)
    assert cartons.liability_cap_sdr == D("6666.70")
    assert cartons.notice_deadline == date(2026, 3, 5)
    assert cartons.time_bar_date == date(2027, 3, 2)
    container = claim("Hague-Visby", date(2026, 3, 2), "apparent_damage", D("20000"), packages=1)
    assert container.liability_cap_sdr == D("40000.00")
    assert container.notice_deadline == date(2026, 3, 2)
    no_count = claim("HAGUE_VISBY", date(2026, 3, 2), "partial_loss", D("300"))
    assert no_count.liability_cap_sdr == D("600.00")
    delay = claim("HAGUE_VISBY", date(2026, 3, 2), "delay", D("300"))
    assert delay.notice_deadline is None


def test_time_bar_from_29_february() -> None:
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert claim("CMR", date(2028, 2, 29), "partial_loss", D("1")).time_bar_date == date(
        2029, 2, 28
    )


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        (("ROTTERDAM", date(2026, 3, 2), "delay", D("1")), {}, "convention"),
        (("CMR", date(2026, 3, 2), "lost_in_space", D("1")), {}, "kind"),
        (("CMR", date(2026, 3, 2), "delay", D("-1")), {}, "gross_weight_kg"),
        (("MONTREAL", date(2003, 11, 3), "delay", D("1")), {}, "delivery_date"),
        (("HAGUE_VISBY", date(1984, 2, 13), "delay", D("1")), {}, "delivery_date"),
        (("CMR", date(2026, 3, 2), "delay", D("1")), {"packages": -1}, "packages"),
        (("CMR", date(2026, 3, 2), "delay", D("1")), {"sdr_rate": D("0")}, "sdr_rate"),
        (
            ("CMR", date(2026, 3, 2), "delay", D("1")),
            {"carriage_charges": D("-1")},
            "carriage_charges",
        ),
        (("CMR", date(2026, 3, 2), "delay", D("1")), {"country": "XX"}, "country"),
        (("CMR", date(2026, 3, 2), "delay", D("1")), {"currency": "XYZ"}, "currency"),
    ],
)
def test_bad_input(args: tuple[object, ...], kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(TradeInputError) as caught:
        claim(*args, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["CMR", "MONTREAL", "HAGUE_VISBY"]),
    st.sampled_from(["apparent_damage", "hidden_damage", "partial_loss", "delay", "total_loss"]),
    st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31)),
    st.decimals(min_value=0, max_value=100000, places=3, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=500),
)
def test_claim_properties(
    convention: str, kind: str, delivered: date, weight: Decimal, packages: int
) -> None:
    """Notice before the time bar; caps proportional to weight; HV cap >= both limbs."""
    result = claim(convention, delivered, kind, weight, packages=packages, sdr_rate=D("1.2"))
    assert result.time_bar_date > delivered
    if result.notice_deadline is not None:
        assert delivered <= result.notice_deadline < result.time_bar_date
    if convention == "HAGUE_VISBY":
        assert result.liability_cap_sdr is not None
        assert result.liability_cap_sdr >= (2 * weight).quantize(D("0.01"), ROUND_HALF_UP)
        assert result.liability_cap_sdr >= (D("666.67") * packages).quantize(
            D("0.01"), ROUND_HALF_UP
        )
    if (
        result.liability_cap_sdr is not None
        and result.sdr_per_kg is not None
        and convention != "HAGUE_VISBY"
    ):
        assert result.liability_cap_sdr == (result.sdr_per_kg * weight).quantize(
            D("0.01"), ROUND_HALF_UP
        )


def test_every_convention_has_its_rules_function() -> None:
    from comptoir.trade.claims import CONVENTION_RULES, CONVENTIONS

    assert set(CONVENTION_RULES) == set(CONVENTIONS)


@given(
    convention=st.sampled_from(("CMR", "MONTREAL", "HAGUE_VISBY", "FR_DOMESTIC")),
    kind=st.sampled_from(
        ("apparent_damage", "hidden_damage", "partial_loss", "delay", "total_loss")
    ),
    day=st.dates(min_value=date(2017, 5, 1), max_value=date(2040, 12, 31)),
    weight=st.decimals(min_value=0, max_value=100000, places=3),
)
@settings(max_examples=150, deadline=None)
def test_dispatch_answers_every_convention_and_kind(
    convention: str, kind: str, day: date, weight: Decimal
) -> None:
    result = claim(convention, day, kind, weight, packages=2, sdr_rate=Decimal("1.2"))
    assert (result.convention, result.kind) == (convention, kind)
    assert result.steps[0] == result.notice and result.time_bar_date > day
    assert result.rule.startswith(
        {"CMR": "CMR", "MONTREAL": "Montreal", "HAGUE_VISBY": "Hague", "FR_DOMESTIC": "Code de"}[
            convention
        ]
    )
