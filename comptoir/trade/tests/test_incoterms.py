"""Incoterms® 2020 rules.

Worked examples from the rules' text, ICC Publication No. 723E (Incoterms® 2020):
FOB A2/A3 (delivery and risk on board), CIF A5 (ICC (C), 110 %), CIP A5 (ICC (A),
110 %: the 2020 change from ICC (C)), EXW A2/B7 (no loading, buyer clears for
export), DPU A2 (the only rule where the seller unloads; replaced DAT), DDP A7/A9
(seller clears for import and pays duties), FAS/FOB/CFR/CIF for sea and inland
waterway only (each rule's "guidance note").
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.incoterms import COST_ITEM_LABELS, COST_ITEMS, RULE_CODES, all_rules, get_rule


def test_eleven_rules_in_icc_order() -> None:
    """ICC 723E lists seven rules for any mode, then four for sea and inland waterway."""
    assert RULE_CODES == (
        "EXW",
        "FCA",
        "CPT",
        "CIP",
        "DAP",
        "DPU",
        "DDP",
        "FAS",
        "FOB",
        "CFR",
        "CIF",
    )
    assert [r.code for r in all_rules()] == list(RULE_CODES)
    sea = {r.code for r in all_rules() if r.modes == "sea_and_inland_waterway"}
    assert sea == {"FAS", "FOB", "CFR", "CIF"}


def test_fob_delivery_on_board() -> None:
    """FOB A2/A3: delivery and risk when the goods are on board; B4: buyer contracts carriage."""
    fob = get_rule("FOB")
    assert fob.name == "Free On Board"
    assert "on board" in fob.delivery_point.lower()
    assert "on board" in fob.risk_transfer.lower()
    assert fob.carriage_by == "buyer"
    assert fob.payer("origin_handling") == "seller"
    assert fob.payer("main_carriage") == "buyer"
    assert fob.payer("insurance") == "buyer"


def test_cif_minimum_cover_icc_c_110() -> None:
    """CIF A5: Institute Cargo Clauses (C), at least 110 % of the contract price."""
    cif = get_rule("cif")
    assert cif.seller_must_insure
    assert cif.minimum_cover == "ICC (C)"
    assert cif.insured_value_pct == 110
    assert cif.payer("insurance") == "seller"
    assert cif.payer("destination_handling") == "per_carriage_contract"


def test_cip_cover_icc_a_110() -> None:
    """CIP A5 (Incoterms 2020 change): Institute Cargo Clauses (A), 110 %."""
    cip = get_rule("CIP")
    assert (cip.seller_must_insure, cip.minimum_cover, cip.insured_value_pct) == (
        True,
        "ICC (A)",
        110,
    )


def test_exw_buyer_loads_and_clears_for_export() -> None:
    """EXW A2: not loaded on the collecting vehicle; B7: the buyer clears for export."""
    exw = get_rule("EXW")
    assert all(party == "buyer" for party in exw.costs.values())
    assert "not loaded" in exw.delivery_point


def test_dpu_seller_unloads_and_dat_is_gone() -> None:
    """DPU A2: delivered unloaded at destination; DAT of 2010 became DPU in 2020."""
    dpu = get_rule("DPU")
    assert dpu.payer("unloading_at_destination") == "seller"
    assert get_rule("DAP").payer("unloading_at_destination") == "per_carriage_contract"
    with pytest.raises(TradeInputError, match="replaced by DPU") as caught:
        get_rule("DAT")
    assert caught.value.field == "rule"


def test_ddp_seller_pays_import_duties() -> None:
    """DDP A7/A9: the seller clears for import and pays duties and taxes."""
    ddp = get_rule("DDP")
    assert ddp.payer("import_clearance") == "seller"
    assert ddp.payer("import_duties_taxes") == "seller"
    assert get_rule("DAP").payer("import_duties_taxes") == "buyer"


def test_c_rules_risk_passes_at_origin() -> None:
    """CPT/CFR A3: risk passes at origin although the seller pays carriage (A4)."""
    for code in ("CPT", "CFR"):
        rule = get_rule(code)
        assert rule.carriage_by == "seller"
        assert rule.payer("main_carriage") == "seller"
        assert rule.payer("insurance") == "buyer"


@pytest.mark.parametrize("bad", ["XYZ", "", None, 5, "DDU", "fob "])
def test_unknown_rule(bad: object) -> None:
    if bad == "fob ":
        assert get_rule(bad).code == "FOB"
        return
    with pytest.raises(TradeInputError) as caught:
        get_rule(bad, "incoterm")
    assert caught.value.field == "incoterm"


def test_unknown_cost_item() -> None:
    with pytest.raises(TradeInputError) as caught:
        get_rule("FOB").payer("freight")
    assert caught.value.field == "item"


def test_labels_cover_items() -> None:
    assert set(COST_ITEM_LABELS) == set(COST_ITEMS)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(RULE_CODES))
def test_every_rule_allocates_every_item_and_insurance_follows_risk(code: str) -> None:
    """A9/B9 cover every cost; A5: only CIF and CIP oblige the seller to insure."""
    rule = get_rule(code)
    assert tuple(rule.costs) == COST_ITEMS
    assert set(rule.costs.values()) <= {"seller", "buyer", "per_carriage_contract"}
    assert rule.seller_must_insure == (code in {"CIF", "CIP"})
    assert (rule.insured_value_pct == 110) == rule.seller_must_insure
    # without an insurance obligation, "insurance" names the party at risk during main carriage
    risk_on_seller = code in {"DAP", "DPU", "DDP"}
    expected = "seller" if rule.seller_must_insure or risk_on_seller else "buyer"
    assert rule.payer("insurance") == expected
    # seller pays export clearance under every rule but EXW (A7)
    assert rule.payer("export_clearance") == ("buyer" if code == "EXW" else "seller")
    assert code in rule.source
