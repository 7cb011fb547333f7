"""The document checker: each UCP 600 / ISBP 821 rule, a case raising it and a close one not.

The base presentation (``lc_check_base.BASE``) complies; each test changes one thing.
Published sources behind the figures:

* UCP 600 (ICC Publication No. 600) articles as cited in each test;
* ISBP 821 (ICC, 2023) C3-C5 for the invoice's description (it may say more, never less);
* ICC forum, "tolerance allowed - sub-article 30 (c)"
  (https://library.iccwbo.org/iccForum/viewtopic.php?p=2994): EUR 12,000, no tolerance,
  partial shipments not allowed: a drawing 5 % less is allowed;
* 2,000 MT for USD 0.9 million, no more-or-less clause: quantity may vary 5 % but the
  amount may not exceed USD 900,000 (art. 30 b, the example test_credit.py cites);
* Trade Finance Expertise, "UCP 600 - Article 29"
  (https://tradefinanceexpertise.blogspot.com/2023/01/ucp-600-article-29.html): an expiry on
  a Saturday moves to the Monday.

Weekdays used (2026): Sun 15 Nov, Mon 16 Nov, Fri 20 Nov, Sun 22 Nov, Sun 6 Dec,
Mon 7 Dec, Sat 12 Dec, Mon 14 Dec, Tue 15 Dec; Fri 25 Dec is Christmas (France).
"""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.trade import lc_check
from comptoir.trade.errors import TradeInputError
from comptoir.trade.tests.lc_check_base import BASE, payload, required


def run(data: dict[str, Any]) -> dict[str, Any]:
    return lc_check.check_presentation(data)


def codes(data: dict[str, Any]) -> list[str]:
    return [d["code"] for d in run(data)["discrepancies"]]


def only(data: dict[str, Any]) -> dict[str, Any]:
    """The single discrepancy found (the test fails if there are none or several)."""
    found = run(data)["discrepancies"]
    assert len(found) == 1, found
    return dict(found[0])


# --- the contract ----------------------------------------------------------------------------


def test_the_base_presentation_complies() -> None:
    result = run(BASE)
    assert result["compliant"] is True
    assert result["discrepancies"] == []
    assert result["last_presentation_date"] == "2026-12-07"  # 16 Nov + 21 days, a Monday
    assert any("21 calendar days" in step for step in result["steps"])
    assert set(result) == {"compliant", "discrepancies", "last_presentation_date", "steps"}


def test_the_codes_and_document_types_of_the_contract() -> None:
    assert len(lc_check.CODES) == 25 and len(set(lc_check.CODES)) == 25
    assert set(lc_check.RULES) == set(lc_check.CODES)
    assert lc_check.DOCUMENT_TYPES == (
        "commercial_invoice",
        "bill_of_lading",
        "insurance",
        "packing_list",
        "certificate_of_origin",
    )


def test_a_discrepancy_has_the_five_fields_and_cites_its_article() -> None:
    found = only(payload(commercial_invoice={"currency": "USD"}))
    assert set(found) == {"code", "document", "field", "rule", "message"}
    assert found == {
        "code": "CURRENCY_MISMATCH",
        "document": "commercial_invoice",
        "field": "currency",
        "rule": "UCP 600 art. 18 a (iii)",
        "message": "The invoice is in USD; the credit is in EUR.",
    }


def test_messages_and_steps_in_french() -> None:
    result = lc_check.check_presentation(
        payload(commercial_invoice={"currency": "USD"}), language="fr"
    )
    assert result["discrepancies"][0]["message"] == "La facture est en USD ; le crédit est en EUR."
    assert any("7 décembre 2026" in step for step in result["steps"])


# --- DOCUMENT_MISSING, art. 14 g --------------------------------------------------------------


def test_a_required_document_not_presented_is_missing() -> None:
    found = only(payload(certificate_of_origin=None))
    assert (found["code"], found["document"]) == ("DOCUMENT_MISSING", "certificate_of_origin")


def test_a_document_not_required_is_disregarded() -> None:
    """UCP 600 art. 14 g: a document presented but not required is disregarded, even a wrong one."""
    data = payload(certificate_of_origin={"country_of_origin": "China", "date": "2027-01-01"})
    data["credit"]["documents_required"].pop()  # no certificate required
    result = run(data)
    assert result["compliant"] is True
    assert any("disregarded" in step for step in result["steps"])


# --- dates: art. 14 c, 29 a, 29 c, 6 e --------------------------------------------------------


def test_presentation_on_day_21_is_in_time_day_22_is_late() -> None:
    """Art. 14 c and 3: shipped Monday 16 Nov, day 21 is Monday 7 Dec."""
    assert codes(payload(presented="2026-12-07")) == []
    found = only(payload(presented="2026-12-08"))
    assert (found["code"], found["document"], found["field"]) == (
        "LATE_PRESENTATION",
        "presentation",
        "date",
    )
    assert "2026-12-07" in found["message"]


def test_the_period_runs_from_the_on_board_date_not_the_issue_date() -> None:
    """Art. 20 a (ii): a received-for-shipment bill issued 5 Nov, loaded on board 16 Nov:
    the 21 days run from 16 Nov, so 6 Dec (a Sunday) moves to Monday 7 Dec."""
    data = payload(
        presented="2026-12-07",
        bill_of_lading={"date": "2026-11-05"},
        insurance={"date": "2026-11-05"},
        packing_list={"date": "2026-11-04"},
        commercial_invoice={"date": "2026-11-04"},
        certificate_of_origin={"date": "2026-11-05"},
    )
    assert codes(data) == []


def test_day_21_on_a_sunday_moves_to_monday_when_expiry_is_later() -> None:
    """Art. 29 a: shipped Sunday 15 Nov, day 21 is Sunday 6 Dec -> Monday 7 Dec."""
    data = payload(bill_of_lading={"on_board_date": "2026-11-15", "date": "2026-11-15"})
    result = run(
        payload(presented="2026-12-07", bill_of_lading=data["presentation"]["documents"][1])
    )
    assert result["last_presentation_date"] == "2026-12-07"
    assert result["compliant"] is True


def test_day_21_and_expiry_on_the_same_sunday_both_move_to_monday() -> None:
    """Art. 29 a applies to the expiry date too: both fall on Sunday 6 Dec -> Monday 7 Dec."""
    bill = {"on_board_date": "2026-11-15", "date": "2026-11-15"}
    data = payload({"expiry_date": "2026-12-06"}, presented="2026-12-07", bill_of_lading=bill)
    result = run(data)
    assert result["last_presentation_date"] == "2026-12-07"
    assert result["compliant"] is True
    late = run(payload({"expiry_date": "2026-12-06"}, presented="2026-12-08", bill_of_lading=bill))
    assert [d["code"] for d in late["discrepancies"]] == ["CREDIT_EXPIRED"]


def test_never_after_expiry_even_within_21_days() -> None:
    """Art. 14 c "in any event not later than the expiry date": shipped 16 Nov, expiry
    Saturday 28 Nov (banks closed) -> Monday 30 Nov; presented 1 Dec, day 15 after shipment."""
    data = payload({"expiry_date": "2026-11-28"}, presented="2026-11-30")
    assert run(data)["last_presentation_date"] == "2026-11-30"
    assert codes(data) == []
    assert codes(payload({"expiry_date": "2026-11-28"}, presented="2026-12-01")) == [
        "CREDIT_EXPIRED"
    ]


def test_expiry_on_a_public_holiday_moves_to_the_next_banking_day() -> None:
    """Art. 29 a: expiry Friday 25 December (Christmas) -> Monday 28 December 2026."""
    bill = {"on_board_date": "2026-12-10", "date": "2026-12-10"}
    changed = {"latest_shipment_date": "2026-12-10", "expiry_date": "2026-12-25"}
    late_docs = {"date": "2026-12-09"}
    data = payload(
        changed,
        presented="2026-12-28",
        bill_of_lading=bill,
        insurance=late_docs,
        packing_list=late_docs,
        commercial_invoice=late_docs,
        certificate_of_origin=late_docs,
    )
    result = run(data)
    assert result["last_presentation_date"] == "2026-12-28"
    assert result["compliant"] is True


def test_shipment_on_the_latest_date_is_in_time() -> None:
    bill = {"on_board_date": "2026-11-20", "date": "2026-11-20"}
    assert codes(payload(bill_of_lading=bill)) == []


def test_shipment_after_the_latest_date_is_late() -> None:
    bill = {"on_board_date": "2026-11-21", "date": "2026-11-21"}
    found = only(payload(bill_of_lading=bill))
    assert (found["code"], found["field"]) == ("LATE_SHIPMENT", "on_board_date")


def test_the_latest_shipment_date_is_not_extended_on_a_sunday() -> None:
    """Art. 29 c: latest shipment Sunday 22 Nov; shipping on Monday 23 Nov is late."""
    bill = {"on_board_date": "2026-11-23", "date": "2026-11-23"}
    found = only(payload({"latest_shipment_date": "2026-11-22"}, bill_of_lading=bill))
    assert found["code"] == "LATE_SHIPMENT"
    assert found["rule"] == "UCP 600 art. 20 a (ii) and art. 29 c"


def test_documents_may_predate_the_credit() -> None:
    """Art. 14 i: a document may be dated before the credit's issue date."""
    data = payload(packing_list={"date": "2026-09-20"}, commercial_invoice={"date": "2026-09-20"})
    result = run(data)
    assert result["compliant"] is True
    assert any("14 i" in step for step in result["steps"])


def test_a_document_dated_after_presentation() -> None:
    """Art. 14 i: never dated later than the presentation."""
    found = only(payload(packing_list={"date": "2026-11-26"}))
    assert (found["code"], found["document"], found["field"]) == (
        "DOCUMENT_DATED_AFTER_PRESENTATION",
        "packing_list",
        "date",
    )
    assert codes(payload(packing_list={"date": "2026-11-25"})) == []


# --- bill of lading: art. 20, 27, 31 ----------------------------------------------------------


def test_no_on_board_notation() -> None:
    found = only(payload(bill_of_lading={"on_board_date": None}))
    assert (found["code"], found["field"]) == ("NOT_ON_BOARD", "on_board_date")


def test_a_shipped_on_board_bill_needs_no_notation() -> None:
    """Art. 20 a (ii): the issue date of a "shipped on board" bill is the date of shipment."""
    data = payload(bill_of_lading={"on_board_date": None, "shipped_on_board": True})
    assert codes(data) == []


@pytest.mark.parametrize(
    "clauses",
    [
        "3 cartons torn and re-taped",
        "Packaging is not sufficient for the sea journey",
        "Drums leaking; contents wet",
        "Goods damaged on arrival at terminal",
    ],
)
def test_a_clause_declaring_defective_goods_or_packaging(clauses: str) -> None:
    """Art. 27: a clean transport document bears no clause expressly declaring a defect."""
    found = only(payload(bill_of_lading={"clauses": clauses}))
    assert (found["code"], found["field"]) == ("NOT_CLEAN", "clauses")


@pytest.mark.parametrize(
    "clauses",
    [
        "Shipper's load and count",
        "SLAC; STC 24 pallets",
        "Packaging may not be sufficient for the sea journey",
        "No visible damage to the packaging",
        "Carrier reserves the right to tranship",
    ],
)
def test_clauses_that_are_not_defect_clauses(clauses: str) -> None:
    """Art. 27 and ISBP 821 section E: "shipper's load and count", "said to contain", a
    hedged remark ("may not be") or a denial ("no damage") declare no defect; art. 20 d:
    a clause reserving the right to tranship is disregarded."""
    assert codes(payload(bill_of_lading={"clauses": clauses})) == []


def test_a_bill_marked_not_clean() -> None:
    assert only(payload(bill_of_lading={"clean": False}))["code"] == "NOT_CLEAN"


def test_full_set_short_of_one_original() -> None:
    """Art. 20 a (iv): the full set as issued (3/3) when the credit asks for the full set."""
    found = only(payload(bill_of_lading={"originals_presented": 2}))
    assert (found["code"], found["field"]) == ("INCOMPLETE_SET", "originals_presented")


def test_two_of_three_originals_when_the_credit_asks_for_two() -> None:
    """A credit asking for "2/3 original bills of lading" is satisfied by two of three."""
    data = required(
        payload(bill_of_lading={"originals_presented": 2}), "bill_of_lading", originals=2
    )
    assert codes(data) == []
    short = required(
        payload(bill_of_lading={"originals_presented": 1}), "bill_of_lading", originals=2
    )
    assert codes(short) == ["INCOMPLETE_SET"]


def test_a_bill_of_lading_is_a_full_set_by_default() -> None:
    """Art. 20 a (iv) when the credit does not say how many originals."""
    data = required(
        payload(bill_of_lading={"originals_presented": 2}), "bill_of_lading", originals=None
    )
    assert codes(data) == ["INCOMPLETE_SET"]


def test_all_originals_of_the_insurance_document() -> None:
    """Art. 28 b: all originals issued of an insurance document must be presented."""
    found = only(payload(insurance={"originals_issued": 2, "originals_presented": 1}))
    assert (found["code"], found["document"], found["rule"]) == (
        "INCOMPLETE_SET",
        "insurance",
        "UCP 600 art. 28 b",
    )


def test_ports_not_as_stated() -> None:
    found = only(payload(bill_of_lading={"port_of_discharge": "Tanger Med"}))
    assert (found["code"], found["field"]) == ("PORT_MISMATCH", "port_of_discharge")


def test_ports_written_differently_are_the_same_port() -> None:
    """Art. 14 d: case, spacing and an added country are no conflict."""
    bill = {"port_of_loading": "LE  HAVRE (FR)", "port_of_discharge": "casablanca, morocco"}
    assert codes(payload(bill_of_lading=bill)) == []


def test_transhipment_prohibited_and_goods_not_in_containers() -> None:
    found = only(payload(bill_of_lading={"transhipment": True, "containerised": False}))
    assert found["code"] == "TRANSHIPMENT_PROHIBITED"


def test_transhipment_of_containers_despite_the_prohibition() -> None:
    """Art. 20 c (ii): transhipment may be indicated, even if prohibited, when the goods are
    shipped in a container as evidenced by the bill of lading."""
    result = run(payload(bill_of_lading={"transhipment": True, "containerised": True}))
    assert result["compliant"] is True
    assert any("20 c (ii)" in step for step in result["steps"])


def test_freight_collect_under_a_cif_credit() -> None:
    found = only(payload(bill_of_lading={"freight": "freight collect"}))
    assert (found["code"], found["field"]) == ("FREIGHT_TERMS", "freight")


def test_freight_notation_missing_when_the_credit_asks_for_it() -> None:
    assert codes(payload(bill_of_lading={"freight": None})) == ["FREIGHT_TERMS"]


def test_no_freight_notation_asked_nor_shown_under_cif() -> None:
    """Without a requirement, a bill silent on freight is no discrepancy (only a
    contradicting "collect" under a C-rule would be)."""
    data = required(payload(bill_of_lading={"freight": None}), "bill_of_lading", freight=None)
    assert codes(data) == []


def test_two_bills_on_the_same_vessel_and_voyage_are_one_shipment() -> None:
    """Art. 31 b: several sets on the same vessel and voyage for the same destination are
    not a partial shipment; the latest on-board date is the date of shipment."""
    data = payload(bill_of_lading={"gross_weight_kg": "4825", "packages": 12})
    second = dict(data["presentation"]["documents"][1])
    second.update(on_board_date="2026-11-18", date="2026-11-18", reference="B")
    data["presentation"]["documents"].append(second)
    result = run(data)
    assert result["compliant"] is True, result["discrepancies"]
    assert result["last_presentation_date"] == "2026-12-09"  # 18 Nov + 21


def test_two_bills_on_different_vessels_are_a_partial_shipment() -> None:
    data = payload(bill_of_lading={"gross_weight_kg": "4825", "packages": 12})
    second = dict(data["presentation"]["documents"][1])
    second.update(vessel="MSC Agadir", voyage="12W")
    data["presentation"]["documents"].append(second)
    assert codes(data) == ["PARTIAL_SHIPMENT_PROHIBITED"]
    data["credit"]["partial_shipments"] = "allowed"
    assert codes(data) == []


# --- invoice: art. 18 -------------------------------------------------------------------------


def test_invoice_not_issued_by_the_beneficiary() -> None:
    found = only(payload(commercial_invoice={"issuer": "Comptoir Trading SAS"}))
    assert (found["code"], found["rule"]) == ("INVOICE_NOT_BY_BENEFICIARY", "UCP 600 art. 18 a (i)")


def test_beneficiary_written_differently_is_the_beneficiary() -> None:
    assert codes(payload(commercial_invoice={"issuer": "COMPTOIR DEMO S.A.S."})) == []


def test_invoice_not_made_out_to_the_applicant() -> None:
    found = only(payload(commercial_invoice={"addressee": "Atlas Import SARL"}))
    assert found["code"] == "INVOICE_NOT_TO_APPLICANT"


def test_applicant_without_accent_nor_legal_form() -> None:
    assert codes(payload(commercial_invoice={"addressee": "MAROC HOTELLERIE DISTRIBUTION"})) == []


def test_invoice_in_another_currency() -> None:
    assert codes(payload(commercial_invoice={"currency": "USD"})) == ["CURRENCY_MISMATCH"]


def test_invoice_description_saying_less() -> None:
    """Art. 18 c, ISBP 821 C3-C5: "steel kitchen equipment" drops "stainless"."""
    found = only(payload(commercial_invoice={"goods_description": "Steel kitchen equipment"}))
    assert (found["code"], found["field"]) == ("DESCRIPTION_MISMATCH", "goods_description")
    assert "stainles" in found["message"] or "stainless" in found["message"]


def test_invoice_description_saying_more_in_other_case_and_plural() -> None:
    """ISBP 821 C3-C5: the invoice may add details; no mirror image is required."""
    description = "STAINLESS-STEEL KITCHEN EQUIPMENTS, 400 pcs, model KX-400, HS 8419.81"
    assert codes(payload(commercial_invoice={"goods_description": description})) == []


def test_trade_term_written_with_its_edition() -> None:
    assert codes(payload(commercial_invoice={"incoterm": "cif Incoterms® 2020"})) == []


def test_invoice_with_another_trade_term_or_place() -> None:
    found = only(payload(commercial_invoice={"incoterm": "CFR"}))
    assert (found["code"], found["field"]) == ("DESCRIPTION_MISMATCH", "incoterm")
    found = only(payload(commercial_invoice={"named_place": "Tangier"}))
    assert (found["code"], found["field"]) == ("DESCRIPTION_MISMATCH", "named_place")


# --- amounts, quantities, unit prices: art. 30, 31 --------------------------------------------


def test_amount_at_the_tolerance_is_accepted_a_cent_more_is_not() -> None:
    """+5 % on EUR 48,000.00 = 50,400.00 (art. 30 with the credit's tolerance)."""
    cover = {"amount": "56000.00"}
    assert codes(payload(commercial_invoice={"amount": "50400.00"}, insurance=cover)) == []
    found = only(payload(commercial_invoice={"amount": "50400.01"}, insurance=cover))
    assert (found["code"], found["rule"]) == (
        "AMOUNT_EXCEEDS_CREDIT",
        "UCP 600 art. 18 b and art. 30",
    )


def test_no_tolerance_not_a_cent_more() -> None:
    changed: dict[str, Any] = {"tolerance_plus_pct": None, "tolerance_minus_pct": None}
    cover = {"amount": "53000.00"}
    assert codes(payload(changed, commercial_invoice={"amount": "48000.01"}, insurance=cover)) == [
        "AMOUNT_EXCEEDS_CREDIT"
    ]


def test_about_allows_ten_percent_on_amount_quantity_and_unit_price() -> None:
    """Art. 30 a: "about" before the amount, quantity and unit price: 10 % either way."""
    changed: dict[str, Any] = {
        "tolerance_plus_pct": None,
        "tolerance_minus_pct": None,
        "about": True,
    }
    invoice = {"amount": "52800.00", "quantity": "440", "unit_price": "120.00"}
    assert codes(payload(changed, commercial_invoice=invoice, insurance={"amount": "58080"})) == []
    assert codes(payload(changed, commercial_invoice={"unit_price": "132.00"})) == []
    assert codes(payload(changed, commercial_invoice={"unit_price": "132.01"})) == [
        "UNIT_PRICE_MISMATCH"
    ]
    assert codes(payload(changed, commercial_invoice={"quantity": "441"})) == [
        "QUANTITY_OUT_OF_TOLERANCE"
    ]


def test_art_30_c_five_percent_less_with_the_full_quantity() -> None:
    """ICC forum, sub-article 30 (c): no tolerance, partial shipments prohibited, the full
    quantity at the stated unit price: a drawing up to 5 % less is allowed (45,600 on 48,000)."""
    changed: dict[str, Any] = {"tolerance_plus_pct": None, "tolerance_minus_pct": None}
    assert codes(payload(changed, commercial_invoice={"amount": "45600.00"})) == []
    found = only(payload(changed, commercial_invoice={"amount": "45599.99"}))
    assert (found["code"], found["rule"]) == ("AMOUNT_SHORT", "UCP 600 art. 30 c")


def test_art_30_c_needs_the_full_quantity() -> None:
    changed: dict[str, Any] = {"tolerance_plus_pct": None, "tolerance_minus_pct": None}
    invoice = {"amount": "46800.00", "quantity": "390"}
    assert codes(payload(changed, commercial_invoice=invoice)) == [
        "AMOUNT_SHORT",
        "PARTIAL_SHIPMENT_PROHIBITED",
    ]


def test_art_30_c_does_not_apply_when_the_credit_states_a_tolerance() -> None:
    """Art. 30 c last sentence: with the credit's own -5 %, 45,600.00 is the floor."""
    assert codes(payload(commercial_invoice={"amount": "45600.00"})) == []
    assert codes(payload(commercial_invoice={"amount": "45599.99"})) == ["AMOUNT_SHORT"]


def test_a_short_drawing_is_fine_when_partial_shipments_are_allowed() -> None:
    """Art. 31 a: partial drawings are allowed unless prohibited."""
    invoice = {"amount": "24000.00", "quantity": "200"}
    assert codes(payload({"partial_shipments": "allowed"}, commercial_invoice=invoice)) == []


def test_five_percent_on_a_bulk_quantity_but_never_above_the_amount() -> None:
    """Art. 30 b: 2,000 MT for USD 900,000: 2,100 MT is within the quantity tolerance, but
    the drawing may not exceed the credit amount."""
    changed: dict[str, Any] = {
        "currency": "USD",
        "amount": "900000",
        "tolerance_plus_pct": None,
        "tolerance_minus_pct": None,
        "quantity": "2000",
        "unit": "MT",
        "unit_price": "450",
        "goods_description": "Durum wheat",
    }
    invoice = {
        "currency": "USD",
        "quantity": "2100",
        "unit_price": "450",
        "amount": "900000",
        "goods_description": "Durum wheat, crop 2026",
    }
    insurance = {"currency": "USD", "amount": "990000"}
    bill = {"goods_description": "Durum wheat in bulk"}
    data = payload(changed, commercial_invoice=invoice, insurance=insurance, bill_of_lading=bill)
    assert codes(data) == []
    over = payload(
        changed,
        commercial_invoice={**invoice, "amount": "945000"},
        insurance={**insurance, "amount": "1039500"},
        bill_of_lading=bill,
    )
    assert codes(over) == ["AMOUNT_EXCEEDS_CREDIT"]
    too_much = payload(
        changed,
        commercial_invoice={**invoice, "quantity": "2100.001"},
        insurance=insurance,
        bill_of_lading=bill,
    )
    assert codes(too_much) == ["QUANTITY_OUT_OF_TOLERANCE"]


def test_no_quantity_tolerance_for_goods_counted_in_units() -> None:
    """Art. 30 b: the 5 % does not apply to a quantity stated in packing units or items."""
    assert codes(payload(commercial_invoice={"quantity": "401"})) == ["QUANTITY_OUT_OF_TOLERANCE"]


def test_quantity_short_when_partial_shipments_are_prohibited() -> None:
    found = only(payload(commercial_invoice={"quantity": "380", "amount": "45600.00"}))
    assert (found["code"], found["field"]) == ("PARTIAL_SHIPMENT_PROHIBITED", "quantity")


def test_unit_price_other_than_the_credits() -> None:
    assert codes(payload(commercial_invoice={"unit_price": "121.00"})) == ["UNIT_PRICE_MISMATCH"]
    assert codes(payload(commercial_invoice={"unit_price": "120"})) == []


# --- insurance: art. 28 -----------------------------------------------------------------------


def test_insurance_at_exactly_110_percent_is_enough() -> None:
    """Art. 28 f (ii): 110 % of the CIF value 48,000.00 = 52,800.00."""
    assert codes(payload(insurance={"amount": "52800.00"})) == []
    found = only(payload(insurance={"amount": "52799.99"}))
    assert (found["code"], found["rule"]) == ("INSURANCE_UNDERINSURED", "UCP 600 art. 28 f (ii)")


def test_insurance_on_the_invoice_gross_value_when_not_cif() -> None:
    """Art. 28 f (ii): CIF/CIP value not determinable (FCA): the invoice's gross value."""
    changed = {"incoterm": "FCA", "named_place": "Le Havre"}
    invoice = {"incoterm": "FCA", "named_place": "Le Havre", "amount": "50000.00"}
    bill = {"freight": "freight collect"}
    data = required(
        payload(
            changed, commercial_invoice=invoice, insurance={"amount": "55000"}, bill_of_lading=bill
        ),
        "bill_of_lading",
        freight=None,
    )
    assert codes(data) == []
    short = required(
        payload(
            changed, commercial_invoice=invoice, insurance={"amount": "54999"}, bill_of_lading=bill
        ),
        "bill_of_lading",
        freight=None,
    )
    assert codes(short) == ["INSURANCE_UNDERINSURED"]


def test_insurance_in_another_currency() -> None:
    assert codes(payload(insurance={"currency": "USD"})) == ["INSURANCE_CURRENCY"]


def test_insurance_dated_after_shipment() -> None:
    found = only(payload(insurance={"date": "2026-11-17"}))
    assert (found["code"], found["rule"]) == ("INSURANCE_DATED_AFTER_SHIPMENT", "UCP 600 art. 28 e")


def test_insurance_dated_after_shipment_but_effective_from_shipment() -> None:
    """Art. 28 e: dated later, but showing cover effective from the date of shipment."""
    assert codes(payload(insurance={"date": "2026-11-17", "effective_date": "2026-11-16"})) == []
    assert codes(payload(insurance={"date": "2026-11-16"})) == []


def test_insurance_risks_narrower_than_required() -> None:
    found = only(payload(insurance={"risks": "ICC (C)"}))
    assert found["code"] == "INSURANCE_RISKS"


def test_insurance_risks_written_otherwise() -> None:
    assert codes(payload(insurance={"risks": "ICC A + War + Strikes"})) == []
    war = required(
        payload(insurance={"risks": "ICC (A)"}), "insurance", risks="ICC (A), war and strikes"
    )
    assert codes(war) == ["INSURANCE_RISKS"]


def test_usual_risks_and_all_risks() -> None:
    """Art. 28 g: "usual risks" accepts the cover as it is; 28 h: "all risks" accepts any
    all-risks notation."""
    usual = required(payload(insurance={"risks": "ICC (C)"}), "insurance", risks="usual risks")
    assert codes(usual) == []
    all_risks = required(payload(insurance={"risks": "All Risks"}), "insurance", risks="all risks")
    assert codes(all_risks) == []


# --- conflicts between documents: art. 14 d ---------------------------------------------------


def test_gross_weight_conflicting_between_bill_and_packing_list() -> None:
    found = only(payload(packing_list={"gross_weight_kg": "9700"}))
    assert (found["code"], found["document"], found["field"]) == (
        "DATA_CONFLICT",
        "packing_list",
        "gross_weight_kg",
    )


def test_weights_written_differently_do_not_conflict() -> None:
    """Art. 14 d: data need not be identical: 9,650 kg and 9650.4 kg are the same weight."""
    assert codes(payload(packing_list={"gross_weight_kg": "9650.4"})) == []


def test_a_bill_of_lading_describing_other_goods() -> None:
    found = only(payload(bill_of_lading={"goods_description": "Frozen fish"}))
    assert (found["code"], found["document"]) == ("DATA_CONFLICT", "bill_of_lading")


def test_a_bill_of_lading_describing_the_goods_in_general_terms() -> None:
    """Art. 14 e: general terms not conflicting with the credit."""
    bill = {"goods_description": "24 pallets STC kitchen equipment, HS 8419"}
    assert codes(payload(bill_of_lading=bill)) == []


def test_certificate_of_another_origin() -> None:
    found = only(payload(certificate_of_origin={"country_of_origin": "Germany"}))
    assert (found["code"], found["field"]) == ("DATA_CONFLICT", "country_of_origin")
    assert codes(payload(certificate_of_origin={"country_of_origin": "FR"})) == []


# --- last presentation date without a bill of lading ------------------------------------------


def test_without_transport_document_the_last_day_is_the_expiry() -> None:
    data = payload(bill_of_lading=None)
    data["credit"]["documents_required"] = [
        d for d in data["credit"]["documents_required"] if d["type"] != "bill_of_lading"
    ]
    result = run(data)
    assert result["last_presentation_date"] == "2026-12-15"
    assert result["compliant"] is True


# --- bad input ----------------------------------------------------------------------------


def error(data: Any) -> TradeInputError:
    with pytest.raises(TradeInputError) as caught:
        lc_check.check_presentation(data)
    return caught.value


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"expiry_date": "2026-11-19"}, "credit.expiry_date"),
        ({"issue_date": "2026-12-16"}, "credit.issue_date"),
        ({"tolerance_plus_pct": "101"}, "credit.tolerance_plus_pct"),
        ({"tolerance_minus_pct": "-1"}, "credit.tolerance_minus_pct"),
        ({"partial_shipments": "sometimes"}, "credit.partial_shipments"),
        ({"transhipment": "maybe"}, "credit.transhipment"),
        ({"amount": "-5"}, "credit.amount"),
        ({"currency": None}, "credit.currency"),
        ({"currency": "EURO"}, "credit.currency"),
        ({"expiry_date": "2026-02-30"}, "credit.expiry_date"),
        ({"unit": "furlong"}, "credit.unit"),
        ({"expiry_country": "XX"}, "credit.expiry_country"),
        ({"about": True}, "credit.tolerance_plus_pct"),
        ({"colour": "red"}, "credit.colour"),
        ({"incoterm": "FOT"}, "credit.incoterm"),
        (
            {"documents_required": [{"type": "bill_of_exchange"}]},
            "credit.documents_required[0].type",
        ),
    ],
)
def test_bad_credit(changed: dict[str, Any], field: str) -> None:
    assert error(payload(changed)).field == field


@pytest.mark.parametrize(
    ("documents", "field"),
    [
        ({"commercial_invoice": {"amount": "-1"}}, "presentation.documents[0].amount"),
        ({"commercial_invoice": {"amount": "1,000.00"}}, "presentation.documents[0].amount"),
        (
            {"bill_of_lading": {"on_board_date": "16/11/2026"}},
            "presentation.documents[1].on_board_date",
        ),
        (
            {"bill_of_lading": {"originals_presented": 4}},
            "presentation.documents[1].originals_presented",
        ),
        ({"bill_of_lading": {"clean": "yes"}}, "presentation.documents[1].clean"),
        ({"bill_of_lading": {"freight": "free"}}, "presentation.documents[1].freight"),
        ({"insurance": {"date": None}}, "presentation.documents[2].date"),
        ({"packing_list": {"type": "draft"}}, "presentation.documents[3].type"),
        ({"certificate_of_origin": {"stamp": "x"}}, "presentation.documents[4].stamp"),
    ],
)
def test_bad_document(documents: dict[str, Any], field: str) -> None:
    assert error(payload(**documents)).field == field


def test_at_most_50_documents() -> None:
    data = payload()
    data["presentation"]["documents"] = [dict(data["presentation"]["documents"][3])] * 51
    assert error(data).field == "presentation.documents"


def test_the_payload_must_be_an_object_with_both_parts() -> None:
    assert error([]).field is None
    assert error({"credit": BASE["credit"]}).field == "presentation"
    assert error({**BASE, "extra": 1}).field == "extra"
