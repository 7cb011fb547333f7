"""The comparison's grades and the invoice check, on figures computed by hand."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from comptoir.freight import comparison
from comptoir.freight.comparison import Charge, QuoteFacts

D = Decimal
LABELS = {"cost": "Cost", "transit": "Transit", "reliability": "Reliability", "service": "Service"}
WEIGHTS = {"cost": 40, "transit": 25, "reliability": 20, "service": 15}


def test_grades_and_scores_by_hand() -> None:
    quotes = [
        QuoteFacts("A", D("2000"), 30, on_time=2, history=2, service_grade=D(6)),
        QuoteFacts("B", D("1800"), 35, on_time=0, history=0, service_grade=D(8)),
        QuoteFacts("C", D("2500"), 25, on_time=0, history=1, service_grade=D(5)),
    ]
    result = comparison.compare(quotes, WEIGHTS, LABELS)
    grades = {g.key: g.grades for g in result.graded}
    # cost: 10 x 1800 / 2000 = 9; 10; 10 x 1800 / 2500 = 7.2
    assert grades["A"]["cost"] == D("9.00")
    assert grades["B"]["cost"] == D("10.00")
    assert grades["C"]["cost"] == D("7.20")
    # transit: 10 x 25 / 30 = 8.33; 10 x 25 / 35 = 7.14; 10
    assert grades["A"]["transit"] == D("8.33")
    assert grades["B"]["transit"] == D("7.14")
    assert grades["C"]["transit"] == D("10.00")
    # reliability: 2/2 -> 10; no history -> neutral 5; 0/1 -> 0
    assert grades["A"]["reliability"] == D("10.00")
    assert grades["B"]["reliability"] == D("5")
    assert grades["C"]["reliability"] == D("0.00")
    ranked = result.ranked()
    # A: (40x9 + 25x8.33 + 20x10 + 15x6) / 100 = 858.25 / 100
    assert ranked["A"].score_rounded == D("8.58")
    # B: (400 + 178.5 + 100 + 120) / 100 = 7.985 -> 7.99
    assert ranked["B"].score_rounded == D("7.99")
    # C: (288 + 250 + 0 + 75) / 100 = 6.13
    assert ranked["C"].score_rounded == D("6.13")
    assert [r.name for r in result.result.ranking] == ["A", "B", "C"]  # type: ignore[union-attr]
    assert result.best() == "A"
    assert result.is_best("A") and not result.is_best("B")
    assert "neutral grade 5" in str(
        next(g for g in result.graded if g.key == "B").explanations["reliability"]
    )
    assert result.steps[0].startswith("Score = sum(weight x grade)")


def test_same_day_service_does_not_divide_by_zero() -> None:
    graded = comparison.grade_quotes(
        [QuoteFacts("X", D("100"), 0, 0, 0, D(5)), QuoteFacts("Y", D("100"), 2, 0, 0, D(5))]
    )
    assert graded[0].grades["transit"] == D("10.00")
    assert graded[1].grades["transit"] == D("5.00")


def test_all_weights_zero_gives_grades_without_score() -> None:
    result = comparison.compare(
        [QuoteFacts("X", D("100"), 3, 0, 0, D(5))],
        {"cost": 0, "transit": 0, "reliability": 0, "service": 0},
        LABELS,
    )
    assert result.result is None and result.graded


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2),
            st.integers(min_value=0, max_value=365),
            st.integers(min_value=0, max_value=10),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_grades_stay_on_the_scale_and_the_cheapest_gets_ten(rows: list[tuple[D, int, int]]) -> None:
    quotes = [
        QuoteFacts(f"Q{i}", cost, days, on_time=min(i, 3), history=3, service_grade=D(service))
        for i, (cost, days, service) in enumerate(rows)
    ]
    graded = comparison.grade_quotes(quotes)
    cheapest = min(q.cost_eur for q in quotes)
    for quote, g in zip(quotes, graded, strict=True):
        assert all(D(0) <= grade <= D(10) for grade in g.grades.values())
        if quote.cost_eur == cheapest:
            assert g.grades["cost"] == D(10)
    result = comparison.compare(quotes, WEIGHTS, LABELS)
    assert result.result is not None
    assert all(D(0) <= r.score <= D(10) for r in result.result.ranking)


def _eur(amount: Decimal, currency: str) -> Decimal:
    return amount * {"EUR": D(1), "USD": D("0.9")}[currency]


def test_invoice_differences_line_by_line() -> None:
    quoted = [
        Charge("main_carriage", "", D("1500.00"), "EUR"),
        Charge("origin_charges", "", D("300.00"), "EUR"),
        Charge("documentation", "", D("200.00"), "EUR"),
    ]
    invoiced = [
        Charge("main_carriage", "", D("1500.00"), "EUR"),
        Charge("origin_charges", "", D("350.00"), "EUR"),
        Charge("customs", "", D("80.00"), "EUR"),
    ]
    check = comparison.check_invoice(quoted, invoiced, _eur)
    outcomes = {line.kind: (line.outcome, line.difference_eur) for line in check.lines}
    assert outcomes == {
        "main_carriage": ("same", D("0.00")),
        "origin_charges": ("different", D("50.00")),
        "documentation": ("missing", D("-200.00")),
        "customs": ("extra", D("80.00")),
    }
    assert check.quoted_eur == D("2000.00")
    assert check.invoiced_eur == D("1930.00")
    assert check.difference_eur == D("-70.00")
    assert check.difference == D("-70.00")
    assert check.has_differences


def test_an_invoice_in_another_currency_is_compared_in_eur() -> None:
    quoted = [Charge("main_carriage", "", D("1000.00"), "USD")]
    invoiced = [Charge("main_carriage", "", D("900.00"), "EUR")]
    check = comparison.check_invoice(quoted, invoiced, _eur)
    (line,) = check.lines
    assert line.outcome == "currency"
    assert line.difference is None and line.difference_eur == D("0.00")
    assert check.difference is None and check.difference_eur == D("0.00")


def test_other_charges_match_by_description_and_same_invoice_has_no_difference() -> None:
    quoted = [Charge("other", "Fumigation", D("90"), "EUR"), Charge("baf", "", D("120"), "EUR")]
    invoiced = [Charge("baf", "", D("120"), "EUR"), Charge("other", "fumigation ", D("90"), "EUR")]
    check = comparison.check_invoice(quoted, invoiced, _eur)
    assert not check.has_differences
    assert check.difference_eur == D("0")


def test_every_grade_explanation_has_a_french_translation_with_its_placeholders() -> None:
    import re
    from pathlib import Path

    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    root = Path(comparison.__file__).resolve().parents[1]
    with (root / "locale" / "fr" / "LC_MESSAGES" / "django.po").open("rb") as stream:
        catalog = read_po(stream)
    found = [
        m[1] for m in extract_from_file("python", comparison.__file__, keywords={"Text": None})
    ]
    assert len(found) == 5
    placeholder = re.compile(r"{(\w+)}")
    for message in found:
        entry = catalog.get(message)
        assert entry is not None and entry.string, message
        assert set(placeholder.findall(message)) == set(placeholder.findall(entry.string))
