"""Intra-EU supplies: the proof of transport (Reg. 282/2011 art. 45 bis), EMEBI rounding and
grouping, the état récapitulatif (CGI art. 289 B).

Worked cases:

1. We transport; a signed CMR (carrier Transports Martin) and the carrier's invoice (same
   carrier): one issuer only -> not presumed (art. 45 bis §1: two different parties). Add the
   transport insurance policy (insurer Helvetia): presumed (one (a) + one (b), two parties).
2. The buyer collects (EXW) on 14 March: CMR + insurance from two parties are not enough
   without his written statement; a statement received 10 April is in time (tenth day of the
   following month), one received 11 April is late.
3. A contradicting item does not count.
4. Net mass 0.4 kg -> 1; 2.5 -> 3; 2.49 -> 2. Values: 1234.50 EUR -> 1235.
5. État récapitulatif: invoice 10,000.40 EUR and credit note 1,500.60 EUR to DE123456789 in
   the month: regime 21 = 10,000; regime 25 = 1,501 filed, -1,501 in the month's total.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import intra_eu as r

MARCH = dt.date(2026, 3, 14)


def ev(
    kind: r.EvidenceKind, issuer: str, day: dt.date = MARCH, contradicts: bool = False
) -> r.Evidence:
    return r.Evidence(kind=kind, issuer=issuer, received_on=day, contradicts=contradicts)


def test_two_items_of_one_carrier_are_not_enough() -> None:
    items = [
        ev(r.EvidenceKind.CMR, "Transports Martin"),
        ev(r.EvidenceKind.CARRIER_INVOICE, "transports  MARTIN"),
    ]
    result = r.proof_status(transporter=r.Transporter.SELLER, items=items, supply_date=MARCH)
    assert not result.presumed
    assert "two different parties" in str(result.missing[0])
    items.append(ev(r.EvidenceKind.INSURANCE, "Helvetia"))
    result = r.proof_status(transporter=r.Transporter.SELLER, items=items, supply_date=MARCH)
    assert result.presumed and result.missing == ()
    assert (result.items_a, result.items_b) == (2, 1)


def test_two_category_a_from_two_parties() -> None:
    items = [ev(r.EvidenceKind.CMR, "Martin"), ev(r.EvidenceKind.BILL_OF_LADING, "CMA CGM")]
    assert r.proof_status(transporter=r.Transporter.SELLER, items=items, supply_date=MARCH).presumed


def test_category_b_alone_is_never_enough() -> None:
    items = [ev(r.EvidenceKind.INSURANCE, "Helvetia"), ev(r.EvidenceKind.BANK_PAYMENT, "BNP")]
    result = r.proof_status(transporter=r.Transporter.SELLER, items=items, supply_date=MARCH)
    assert not result.presumed
    assert "category (a)" in str(result.missing[0])


def test_nothing_received() -> None:
    result = r.proof_status(transporter=r.Transporter.SELLER, items=[], supply_date=MARCH)
    assert not result.presumed and len(result.missing) == 1


def test_buyer_transports_needs_statement_by_the_tenth() -> None:
    base = [ev(r.EvidenceKind.CMR, "Spedition Huber"), ev(r.EvidenceKind.INSURANCE, "Allianz")]
    result = r.proof_status(transporter=r.Transporter.BUYER, items=base, supply_date=MARCH)
    assert not result.presumed
    assert "2026-04-10" in str(result.missing[0])
    on_time = base + [ev(r.EvidenceKind.BUYER_STATEMENT, "Buyer", dt.date(2026, 4, 10))]
    assert r.proof_status(
        transporter=r.Transporter.BUYER, items=on_time, supply_date=MARCH
    ).presumed
    late = base + [ev(r.EvidenceKind.BUYER_STATEMENT, "Buyer", dt.date(2026, 4, 11))]
    result = r.proof_status(transporter=r.Transporter.BUYER, items=late, supply_date=MARCH)
    assert not result.presumed and result.statement_on_time is False


def test_statement_deadline_across_the_year() -> None:
    assert r.statement_deadline(dt.date(2026, 12, 31)) == dt.date(2027, 1, 10)
    assert r.statement_deadline(dt.date(2026, 1, 1)) == dt.date(2026, 2, 10)


def test_contradicting_item_does_not_count() -> None:
    items = [
        ev(r.EvidenceKind.CMR, "Martin"),
        ev(r.EvidenceKind.INSURANCE, "Helvetia", contradicts=True),
    ]
    result = r.proof_status(transporter=r.Transporter.SELLER, items=items, supply_date=MARCH)
    assert not result.presumed
    assert any("contradicts" in str(m) for m in result.missing)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(r.EvidenceKind)), st.sampled_from(["A", "B", "C"]), st.booleans()
        ),
        max_size=6,
    ),
    st.sampled_from(list(r.Transporter)),
)
def test_presumption_properties(
    raw: list[tuple[r.EvidenceKind, str, bool]], who: r.Transporter
) -> None:
    items = [ev(kind, issuer, contradicts=bad) for kind, issuer, bad in raw]
    result = r.proof_status(transporter=who, items=items, supply_date=MARCH)
    usable = [i for i in items if not i.contradicts]
    if result.presumed:
        # at least one (a), two items from two parties
        assert any(i.kind in r.CATEGORY_A for i in usable)
        assert len({i.issuer for i in usable if i.kind != r.EvidenceKind.BUYER_STATEMENT}) >= 2
        if who == r.Transporter.BUYER:
            assert any(i.kind == r.EvidenceKind.BUYER_STATEMENT for i in usable)
    else:
        assert result.missing
    # adding a contradicting item never makes an insufficient proof sufficient
    more = items + [ev(r.EvidenceKind.CMR, "Z", contradicts=True)]
    assert (
        r.proof_status(transporter=who, items=more, supply_date=MARCH).presumed == result.presumed
    )


def test_rounding() -> None:
    assert r.net_mass_kg(Decimal("0.4")) == 1
    assert r.net_mass_kg(Decimal("2.5")) == 3
    assert r.net_mass_kg(Decimal("2.49")) == 2
    assert r.net_mass_kg(Decimal("0")) == 0
    assert r.whole_euros(Decimal("1234.50")) == 1235
    assert r.to_eur(Decimal("100"), Decimal("0.92345")) == Decimal("92.35")


@given(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("100000"), places=3))
def test_positive_mass_is_never_zero(kg: Decimal) -> None:
    assert r.net_mass_kg(kg) >= 1
    assert abs(r.net_mass_kg(kg) - kg) <= Decimal("0.5") or kg < 1


def test_departments() -> None:
    assert r.department_of("63300") == "63"
    assert r.department_of("20000") == "2A"
    assert r.department_of("20200") == "2B"
    assert r.department_of("97400") == "974"
    assert r.department_of("1000", "BE") == ""


def line(**over: object) -> r.SourceLine:
    values: dict[str, object] = dict(
        document="FA-1",
        document_date=MARCH,
        flow="D",
        credit=False,
        cn8="73239100",
        description="Casserole",
        partner_country="DE",
        partner_vat="DE123456789",
        origin_country="FR",
        net_mass_kg=Decimal("10.4"),
        quantity=Decimal("4"),
        value_eur=Decimal("100.40"),
        nature="11",
        mode="3",
        department="63",
    )
    values.update(over)
    return r.SourceLine(**values)  # type: ignore[arg-type]


def test_emebi_groups_then_rounds() -> None:
    lines, problems = r.emebi_lines(
        [line(), line(document="FA-2", net_mass_kg=Decimal("0.2"), value_eur=Decimal("0.20"))],
        "D",
    )
    assert problems == []
    assert len(lines) == 1
    assert lines[0].net_mass == 11  # 10.6 kg summed, then rounded
    assert lines[0].invoiced_amount == 101
    assert lines[0].documents == ("FA-1", "FA-2")
    assert lines[0].regime == "21"


def test_emebi_problems_named() -> None:
    _, problems = r.emebi_lines(
        [line(cn8="7323", partner_vat="", net_mass_kg=Decimal("0"), mode="")], "D"
    )
    fields = {p.field for p in problems}
    assert {"cn8", "partner_vat", "net_mass", "mode"} <= fields


def test_emebi_leaves_credit_notes_and_other_flow_out() -> None:
    lines, _ = r.emebi_lines([line(credit=True), line(flow="A")], "D")
    assert lines == []


def test_b2c_dispatch_needs_no_vat_number() -> None:
    lines, problems = r.emebi_lines([line(partner_vat="", regime="29", nature="12")], "D")
    assert problems == [] and lines[0].regime == "29" and lines[0].partner_vat == ""


def test_recap_credit_note_in_its_month() -> None:
    sources = [
        r.RecapSource("FA-1", MARCH, False, "Küchen GmbH", "DE 123456789", Decimal("10000.40")),
        r.RecapSource("AV-1", MARCH, True, "Küchen GmbH", "DE123456789", Decimal("1500.60")),
        r.RecapSource("FA-2", MARCH, False, "Sans TVA", "", Decimal("5")),
    ]
    lines, problems = r.recap_lines(sources)
    assert [(x.partner_vat, x.regime, x.amount, x.signed_amount) for x in lines] == [
        ("DE123456789", "21", 10000, 10000),
        ("DE123456789", "25", 1501, -1501),
    ]
    assert [p.document for p in problems] == ["FA-2"]


def test_month_bounds() -> None:
    assert r.month_bounds(dt.date(2026, 2, 14)) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert r.month_bounds(dt.date(2026, 12, 1)) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
