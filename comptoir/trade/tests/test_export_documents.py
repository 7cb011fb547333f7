"""The export document set: documents required (Incoterms® 2020 A5/A6, UCP 600, legalisation,
EUR.1) and the consistency check across the set.

Worked examples:

1. CIF Casablanca, sea, documentary credit, goods of French origin: invoice, packing list,
   shipping instructions, B/L instructions and the B/L (CIF A6, UCP 600 art. 20), a
   certificate of origin (the credit), EUR.1 to confirm (Morocco, PEM), insurance at 110 %
   ICC (C) (CIF A5, UCP 600 art. 28).
2. EXW: no transport document is owed by the seller (EXW A6).
3. CIP Riyadh by air: a legalised certificate of origin and a legalised invoice, AWB,
   insurance ICC (A).
4. 10,000.00 insured CIF: 11,000.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade import export_documents as ed
from comptoir.trade.errors import TradeInputError

D = Decimal


def kinds(facts: ed.ChecklistFacts) -> list[str]:
    return [r.kind for r in ed.required_documents(facts)]


def test_cif_casablanca_under_a_credit() -> None:
    facts = ed.ChecklistFacts(
        incoterm="CIF",
        mode="sea",
        origin_country="FR",
        destination_country="MA",
        payment_instrument="lc",
        eu_origin=True,
    )
    required = {r.kind: r for r in ed.required_documents(facts)}
    assert list(required) == [
        "commercial_invoice",
        "packing_list",
        "shipping_instructions",
        "bl_instructions",
        "bill_of_lading",
        "origin_request",
        "origin_certificate",
        "eur1",
        "insurance_request",
        "insurance_certificate",
    ]
    assert required["commercial_invoice"].rule == "UCP 600 art. 18"
    assert required["bill_of_lading"].rule == "Incoterms® 2020 CIF A6, UCP 600 art. 20"
    assert "(C)" in required["insurance_request"].reason
    assert "UCP 600 art. 28" in required["insurance_request"].rule
    assert required["eur1"].to_confirm
    assert not required["origin_request"].legalised


def test_exw_owes_no_transport_document() -> None:
    facts = ed.ChecklistFacts("EXW", "road", "FR", "CH")
    assert kinds(facts) == ["commercial_invoice", "packing_list"]


def test_cip_riyadh_by_air_asks_for_legalised_documents() -> None:
    facts = ed.ChecklistFacts("CIP", "air", "FR", "SA", "open_account")
    required = {r.kind: r for r in ed.required_documents(facts)}
    assert required["commercial_invoice"].legalised
    assert required["origin_request"].legalised
    assert "SA" in required["origin_request"].reason
    assert "awb_instructions" in required and "air_waybill" in required
    assert "(A)" in required["insurance_certificate"].reason
    assert required["insurance_request"].rule == "Incoterms® 2020 CIP A5"


def test_road_uses_the_cmr_and_dangerous_goods_the_adr() -> None:
    facts = ed.ChecklistFacts("DAP", "road", "FR", "GB", dangerous_goods=True)
    required = {r.kind: r for r in ed.required_documents(facts)}
    assert "cmr" in required
    assert required["cmr"].rule == "Incoterms® 2020 DAP A6"
    assert required["dangerous_goods"].rule == "ADR 5.4.1"
    assert ed.dangerous_goods_regime("air") == "IATA DGR"
    assert ed.dangerous_goods_regime("sea") == "IMDG"


def test_no_preference_without_eu_origin_nor_inside_the_union() -> None:
    assert "eur1" not in kinds(ed.ChecklistFacts("FCA", "road", "FR", "MA", eu_origin=False))
    assert "eur1" not in kinds(ed.ChecklistFacts("FCA", "road", "FR", "DE", eu_origin=True))
    assert "eur1" in kinds(ed.ChecklistFacts("FCA", "road", "FR", "CH", eu_origin=True))


def test_unknown_incoterm_is_refused() -> None:
    with pytest.raises(TradeInputError) as error:
        ed.required_documents(ed.ChecklistFacts("FOO", "sea", "FR", "MA"))
    assert error.value.field == "incoterm"


def test_insurance_cover() -> None:
    cif = ed.insurance_cover(D("10000.00"), "CIF")
    assert cif.insured_value == D("11000.00") and cif.clauses == "ICC (C)"
    cip = ed.insurance_cover(D("1234.57"), "cip")
    assert cip.insured_value == D("1358.03") and cip.clauses == "ICC (A)"
    with pytest.raises(TradeInputError):
        ed.insurance_cover(D("-1"), "CIF")


def figures(label: str, **changes: object) -> ed.DocumentFigures:
    base: dict[str, object] = {
        "label": label,
        "role": "packing",
        "packages": 20,
        "gross_weight_kg": D("208.000"),
        "net_weight_kg": D("172.000"),
        "marks": "ATLAS CUISINE\nCC2026-00001",
        "description": "Cocotte ronde fonte 24 cm",
        "hs_codes": ("7323920000",),
        "consignee": "Atlas Cuisine SARL",
        "incoterm": "CIF Casablanca",
        "date": dt.date(2026, 12, 1),
    }
    base.update(changes)
    return ed.DocumentFigures(**base)  # type: ignore[arg-type]


def test_a_set_that_agrees() -> None:
    result = ed.check_consistency(
        [
            figures("Packing list"),
            figures(
                "B/L",
                role="transport",
                marks="atlas  cuisine cc2026-00001",
                hs_codes=("732392",),
                net_weight_kg=None,
                incoterm=None,
                date=dt.date(2026, 12, 3),
            ),
        ]
    )
    assert result.agrees
    assert result.differences == ()


def test_every_difference_with_the_documents_that_disagree() -> None:
    result = ed.check_consistency(
        [
            figures("Shipment", role="shipment", date=None),
            figures("Packing list"),
            figures("B/L", role="transport", packages=21, gross_weight_kg=D("209")),
        ]
    )
    fields = [d.field for d in result.differences]
    assert fields == ["packages", "gross_weight_kg"]
    packages = result.differences[0]
    assert packages.values == (("Shipment", "20"), ("Packing list", "20"), ("B/L", "21"))
    assert "same on every document" in packages.rule


def test_weight_tolerance() -> None:
    docs = [figures("A"), figures("B", gross_weight_kg=D("209"))]
    assert not ed.check_consistency(docs).agrees
    assert ed.check_consistency(docs, tolerance_pct=D("0.5")).agrees
    with pytest.raises(TradeInputError):
        ed.check_consistency(docs, tolerance_pct=D("11"))


def test_dates_in_order() -> None:
    result = ed.check_consistency(
        [
            figures("Invoice", role="invoice", date=dt.date(2026, 12, 5)),
            figures("B/L", role="transport", date=dt.date(2026, 12, 3)),
            figures("Certificate", role="origin", date=dt.date(2026, 12, 9)),
        ]
    )
    assert [d.field for d in result.differences] == ["dates"]
    assert dict(result.differences[0].values) == {"Invoice": "2026-12-05", "B/L": "2026-12-03"}
    assert "UCP 600 art. 28 (e)" in result.differences[0].rule


def test_same_label_twice_is_refused() -> None:
    with pytest.raises(TradeInputError):
        ed.check_consistency([figures("A"), figures("A")])


# ------------------------------------------------------------------------------ properties

weights = st.decimals(min_value=D("0.001"), max_value=D("99999"), places=3)
doc_count = st.integers(min_value=1, max_value=8)


@settings(max_examples=60, deadline=None)
@given(doc_count, st.integers(min_value=1, max_value=5000), weights)
def test_identical_documents_always_agree(n: int, packages: int, gross: Decimal) -> None:
    docs = [figures(f"D{i}", packages=packages, gross_weight_kg=gross) for i in range(n)]
    assert ed.check_consistency(docs).agrees


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2, max_value=8),
    st.data(),
    st.integers(min_value=1, max_value=5000),
)
def test_one_changed_count_is_one_difference_naming_it(
    n: int, data: st.DataObject, delta: int
) -> None:
    odd = data.draw(st.integers(min_value=0, max_value=n - 1))
    docs = [figures(f"D{i}", packages=20 + (delta if i == odd else 0)) for i in range(n)]
    result = ed.check_consistency(docs)
    assert [d.field for d in result.differences] == ["packages"]
    assert dict(result.differences[0].values)[f"D{odd}"] == str(20 + delta)
    assert len(result.differences[0].values) == n


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 50), weights), min_size=1, max_size=6), st.randoms())
def test_order_of_documents_does_not_change_the_verdict(
    rows: list[tuple[int, Decimal]], rnd: object
) -> None:
    docs = [figures(f"D{i}", packages=p, gross_weight_kg=g) for i, (p, g) in enumerate(rows)]
    shuffled = list(docs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = ed.check_consistency(docs), ed.check_consistency(shuffled)
    assert [d.field for d in a.differences] == [d.field for d in b.differences]
    assert {d.field: set(d.values) for d in a.differences} == {
        d.field: set(d.values) for d in b.differences
    }


@settings(max_examples=60, deadline=None)
@given(
    st.lists(weights, min_size=2, max_size=6),
    st.decimals(min_value=D(0), max_value=D(5), places=2),
    st.decimals(min_value=D(0), max_value=D(5), places=2),
)
def test_a_wider_tolerance_never_finds_more(
    grosses: list[Decimal], t1: Decimal, t2: Decimal
) -> None:
    low, high = sorted((t1, t2))
    docs = [figures(f"D{i}", gross_weight_kg=g) for i, g in enumerate(grosses)]
    strict = ed.check_consistency(docs, tolerance_pct=low)
    loose = ed.check_consistency(docs, tolerance_pct=high)
    assert len(loose.differences) <= len(strict.differences)


@settings(max_examples=60, deadline=None)
@given(doc_count, st.sampled_from(ed.FIELDS))
def test_a_document_stating_nothing_never_disagrees(n: int, name: str) -> None:
    docs = [figures(f"D{i}") for i in range(n)]
    silent = ed.DocumentFigures(label="silent")
    assert ed.check_consistency([*docs, silent]).agrees
