"""Export control rules: control list numbers (Reg. (EU) 2021/821 Annex I), when a licence is
needed (art. 3, 11), what a licence covers (art. 12) and country measures by CN code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import export_control as ec
from comptoir.trade.errors import TradeInputError

D = dt.date


# ----------------------------------------------------------------------- control numbers


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("5A002", "5A002"),
        ("5a002.A", "5A002.a"),
        (" 5A002.a.1 ", "5A002.a.1"),
        ("6A003.b.4.b", "6A003.b.4.b"),
        ("1C350.d.12", "1C350.d.12"),
        ("2B352.e", "2B352.e"),
        ("0A001.a", "0A001.a"),
    ],
)
def test_control_numbers_are_written_as_annex_i(typed: str, expected: str) -> None:
    assert ec.normalise_control_number(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "5A", "5F002", "5A902", "5A002a", "5A002.1", "5A002.a.b", "EAR99", "5A002.a.1.b.2.c"],
)
def test_other_shapes_are_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(TradeInputError) as refused:
        ec.normalise_control_number(typed)
    assert refused.value.field == "control_number"
    assert "Annex I" in refused.value.message


def test_the_regime_comes_from_the_third_character() -> None:
    assert ec.regime("5A002.a") == "Wassenaar Arrangement"
    assert ec.regime("9A101") == "Missile Technology Control Regime (MTCR)"
    assert ec.regime("2B352.e") == "Australia Group"


@pytest.mark.parametrize(
    ("listed", "item", "covered"),
    [
        ("5A002", "5A002.a.1", True),
        ("5A002.a", "5A002.a", True),
        ("5A002.a", "5A002.b", False),
        ("5A00", "5A002", False),
        ("5A002.a.1", "5A002.a.12", False),
        ("", "5A002", False),
    ],
)
def test_a_listed_entry_covers_itself_and_its_sub_items(
    listed: str, item: str, covered: bool
) -> None:
    assert ec.covers_control_number(listed, item) is covered


_LETTER = st.sampled_from("abcdefgh")
_NUMBER = st.integers(min_value=1, max_value=20).map(str)
_CONTROL = st.builds(
    lambda cat, group, regime, rest: f"{cat}{group}{regime}{rest:02d}",
    st.integers(0, 9),
    st.sampled_from("ABCDE"),
    st.integers(0, 4),
    st.integers(0, 99),
)


@st.composite
def control_numbers(draw: st.DrawFn) -> str:
    base = draw(_CONTROL)
    depth = draw(st.integers(0, 4))
    parts = [draw(_LETTER) if i % 2 == 0 else draw(_NUMBER) for i in range(depth)]
    return base + "".join(f".{p}" for p in parts)


@given(control_numbers())
def test_every_well_formed_number_is_kept_and_covered_by_its_parents(number: str) -> None:
    assert ec.normalise_control_number(number) == number
    assert ec.normalise_control_number(number.lower()) == number
    parts = number.split(".")
    for cut in range(1, len(parts) + 1):
        assert ec.covers_control_number(".".join(parts[:cut]), number)


@given(control_numbers(), control_numbers())
def test_coverage_is_an_ancestor_relation(a: str, b: str) -> None:
    if ec.covers_control_number(a, b) and ec.covers_control_number(b, a):
        assert a == b


# --------------------------------------------------------------------- when a licence is needed


def test_an_export_out_of_the_union_needs_a_licence() -> None:
    assert ec.needs_licence(
        control_number="5A002.a", annex_iv=False, departure="FR", destination="KR"
    )


def test_an_intra_union_transfer_needs_one_only_for_annex_iv() -> None:
    assert not ec.needs_licence(
        control_number="5A002.a", annex_iv=False, departure="FR", destination="DE"
    )
    assert ec.needs_licence(
        control_number="0A001.a", annex_iv=True, departure="FR", destination="DE"
    )


def test_no_control_number_no_licence_nor_from_outside_the_union() -> None:
    assert not ec.needs_licence(control_number="", annex_iv=False, departure="FR", destination="KR")
    assert not ec.needs_licence(
        control_number="5A002.a", annex_iv=False, departure="CN", destination="KR"
    )


def test_union_general_authorisations_list_their_destinations() -> None:
    assert set(ec.EU_GENERAL_AUTHORISATIONS) == {f"EU00{n}" for n in range(1, 9)}
    eu001 = ec.EU_GENERAL_AUTHORISATIONS["EU001"][1]
    assert {"US", "JP", "GB", "CH", "CA"} <= set(eu001)
    assert "RU" not in ec.EU_GENERAL_AUTHORISATIONS["EU003"][1]


# ----------------------------------------------------------------------------- licences


def _licence(**changes: object) -> ec.LicenceFacts:
    values: dict[str, object] = {
        "number": "SBDU-2026-0042",
        "countries": ("KR",),
        "valid_from": D(2026, 1, 1),
        "valid_until": D(2027, 12, 31),
        "control_numbers": ("2B352",),
        "product_ids": (),
        "end_user_ids": (),
        "quantity_limit": Decimal("4"),
        "value_limit": Decimal("200000"),
        "currency": "EUR",
        "quantity_used": Decimal("1"),
        "value_used": Decimal("48000"),
    }
    values.update(changes)
    return ec.LicenceFacts(**values)  # type: ignore[arg-type]


def _need(**changes: object) -> ec.LineNeed:
    values: dict[str, object] = {
        "product_id": 7,
        "product": "LYO-12",
        "control_number": "2B352.e",
        "country": "KR",
        "on": D(2026, 6, 1),
        "quantity": Decimal("2"),
        "value": Decimal("96000"),
        "currency": "EUR",
        "end_user_ids": (11,),
    }
    values.update(changes)
    return ec.LineNeed(**values)  # type: ignore[arg-type]


def test_a_licence_covering_country_item_dates_and_what_is_left_covers() -> None:
    assert ec.licence_refusals(_licence(), _need()) == []
    assert _licence().quantity_left == Decimal("3")
    assert _licence().value_left == Decimal("152000")


def test_a_licence_naming_the_product_covers_it_whatever_its_number() -> None:
    licence = _licence(control_numbers=(), product_ids=(7,))
    assert ec.licence_refusals(licence, _need(control_number="2B352.f")) == []


@pytest.mark.parametrize(
    ("licence", "need", "words"),
    [
        ({"suspended": True}, {}, "suspended"),
        ({}, {"on": D(2025, 12, 31)}, "valid only from 2026-01-01"),
        ({}, {"on": D(2028, 1, 1)}, "expired on 2027-12-31"),
        ({}, {"country": "AE"}, "country AE"),
        ({"control_numbers": ("5A002",)}, {}, "neither the product LYO-12"),
        ({"end_user_ids": (12,)}, {}, "other end users"),
        ({}, {"quantity": Decimal("3.5")}, "has 3 left, the line needs 3.5"),
        ({}, {"value": Decimal("152000.01")}, "152000 EUR of value left"),
        ({}, {"currency": "USD"}, "cannot be checked"),
    ],
)
def test_each_reason_a_licence_does_not_cover(
    licence: dict[str, object], need: dict[str, object], words: str
) -> None:
    reasons = ec.licence_refusals(_licence(**licence), _need(**need))
    assert len(reasons) == 1
    assert words in reasons[0]
    assert "SBDU-2026-0042" in reasons[0]


def test_the_last_day_of_validity_still_counts() -> None:
    assert ec.licence_refusals(_licence(), _need(on=D(2027, 12, 31))) == []
    assert ec.licence_refusals(_licence(valid_until=None), _need(on=D(2040, 1, 1))) == []


@given(
    limit=st.decimals(min_value=1, max_value=10**6, places=3),
    used=st.decimals(min_value=0, max_value=10**6, places=3),
    asked=st.decimals(min_value=Decimal("0.001"), max_value=10**6, places=3),
)
def test_a_line_passes_exactly_when_it_fits_in_what_is_left(
    limit: Decimal, used: Decimal, asked: Decimal
) -> None:
    licence = _licence(quantity_limit=limit, quantity_used=used, value_limit=None)
    refused = ec.licence_refusals(licence, _need(quantity=asked))
    assert (refused == []) is (asked <= limit - used)


@given(st.lists(st.decimals(min_value=Decimal("0.001"), max_value=100, places=3), max_size=20))
def test_allocations_accepted_one_by_one_never_exceed_the_limit(asks: list[Decimal]) -> None:
    used = Decimal("0")
    for asked in asks:
        licence = _licence(quantity_limit=Decimal("250"), quantity_used=used, value_limit=None)
        if not ec.licence_refusals(licence, _need(quantity=asked)):
            used += asked
    assert used <= Decimal("250")


def test_coverage_sorts_covering_licences_from_the_others() -> None:
    found = ec.coverage([_licence(), _licence(number="EU001", countries=("US",))], _need())
    assert found.covering == ("SBDU-2026-0042",)
    assert list(found.refused) == ["EU001"]


# ---------------------------------------------------------------------- country measures


def test_cn_prefixes_are_cleaned_and_checked() -> None:
    # spaces, commas and semicolons separate codes; dots inside a code are dropped
    assert ec.normalise_cn_prefixes("8471.30, 93;8703.21  93") == ["847130", "870321", "93"]
    with pytest.raises(TradeInputError) as refused:
        ec.normalise_cn_prefixes("84 9")
    assert refused.value.field == "cn_prefixes"
    with pytest.raises(TradeInputError):
        ec.normalise_cn_prefixes("847130001")
    with pytest.raises(TradeInputError):
        ec.normalise_cn_prefixes("84A1")


def test_the_longest_listed_code_is_the_one_named() -> None:
    assert ec.cn_matches("73239200", ["73", "7323"]) == "7323"
    assert ec.cn_matches("73239200", ["84", "85"]) == ""
    assert ec.cn_matches("", ["73"]) == ""


@given(st.from_regex(r"[0-9]{8}", fullmatch=True), st.integers(2, 8))
def test_a_code_always_falls_under_its_own_first_digits(cn8: str, length: int) -> None:
    assert ec.cn_matches(cn8, [cn8[:length]]) == cn8[:length]


@given(st.lists(st.from_regex(r"[0-9]{2,8}", fullmatch=True), max_size=30))
def test_cleaning_codes_twice_changes_nothing(codes: list[str]) -> None:
    once = ec.normalise_cn_prefixes(" ".join(codes))
    assert ec.normalise_cn_prefixes(" ".join(once)) == once == sorted(set(codes))


def test_countries_are_checked() -> None:
    assert ec.normalise_countries("kr, ae  KR") == ["AE", "KR"]
    with pytest.raises(TradeInputError) as refused:
        ec.normalise_countries("Korea")
    assert refused.value.field == "countries"


def _measure(kind: str = ec.SECTORAL, **changes: object) -> ec.MeasureFacts:
    values: dict[str, object] = {
        "title": "Industrial goods",
        "kind": kind,
        "legal_reference": "Reg. (EU) 2017/1509",
        "effective_from": D(2017, 8, 30),
        "cn_prefixes": ("72", "73", "84"),
    }
    values.update(changes)
    return ec.MeasureFacts(**values)  # type: ignore[arg-type]


def test_a_sectoral_measure_refuses_a_listed_code_and_names_the_regulation() -> None:
    reason = ec.measure_refusal(
        _measure(), country="KP", product="CF-24-RG", cn8="73239200", on=D(2026, 1, 5)
    )
    assert reason is not None
    assert "CF-24-RG" in reason and "73239200" in reason and "2017/1509" in reason
    assert "listed code 73" in reason


def test_a_sectoral_measure_lets_other_codes_pass_and_refuses_an_unclassified_product() -> None:
    assert (
        ec.measure_refusal(_measure(), country="KP", product="X", cn8="39241000", on=D(2026, 1, 5))
        is None
    )
    unclassified = ec.measure_refusal(
        _measure(), country="KP", product="X", cn8="", on=D(2026, 1, 5)
    )
    assert unclassified is not None and "no CN code" in unclassified


def test_a_full_embargo_refuses_everything_and_a_measure_out_of_force_nothing() -> None:
    embargo = _measure(ec.FULL_EMBARGO, cn_prefixes=())
    reason = ec.measure_refusal(
        embargo, country="KP", product="X", cn8="39241000", on=D(2026, 1, 5)
    )
    assert reason is not None and "full embargo" in reason
    ended = _measure(effective_to=D(2025, 5, 28))
    assert (
        ec.measure_refusal(ended, country="SY", product="X", cn8="73239200", on=D(2026, 1, 5))
        is None
    )
    assert ec.measure_refusal(ended, country="SY", product="X", cn8="73239200", on=D(2025, 5, 28))
    assert (
        ec.measure_refusal(_measure(), country="KP", product="X", cn8="73239200", on=D(2017, 8, 29))
        is None
    )
