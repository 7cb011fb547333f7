"""The JSON facade: contracts of issue 3, input validation, error fields.

Worked examples: the inputs printed in issue 3 for each topic (incoterm FOB, fx USD 1,000
on 2026-03-02, lc-dates with 21 days in France, claim with an SDR at EUR 1.20), run through
the facade; the figures themselves are checked against their sources in the module tests.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.calc import TOPICS, describe, run
from comptoir.trade.errors import TradeInputError
from comptoir.trade.fx import CompanyRate, DictRateSource, Quote

CONTRACT_KEYS: dict[str, set[str]] = {
    "incoterm": {"rule", "name", "modes", "delivery_point", "risk_transfer", "insurance", "costs"},
    "price-buildup": {"prices", "insurance_premium_cif", "insurance_premium_cip", "steps"},
    "fx": {"amount", "converted", "rate", "rate_date", "source"},
    "chargeable-weight": {
        "gross_weight_kg",
        "volume_m3",
        "volumetric_weight_kg",
        "chargeable_weight_kg",
        "rule",
    },
    "loading-metres": {"loading_metres", "chargeable_weight_kg"},
    "landed-cost": {
        "customs_value",
        "duty",
        "vat_base",
        "import_vat",
        "landed_cost",
        "landed_cost_per_unit",
    },
    "lc-dates": {"latest_presentation_date", "rule"},
    "lc-amount": {"min_amount", "max_amount", "available", "ok", "rule"},
    "claim": {"notice_deadline", "time_bar_date", "liability_cap_sdr", "liability_cap", "rule"},
    "score": {"ranking"},
}


def error_of(topic: str, payload: Any, **kwargs: Any) -> TradeInputError:
    with pytest.raises(TradeInputError) as caught:
        run(topic, payload, **kwargs)
    assert caught.value.message
    return caught.value


def test_topics() -> None:
    assert TOPICS == (
        "incoterm",
        "price-buildup",
        "fx",
        "chargeable-weight",
        "loading-metres",
        "landed-cost",
        "lc-dates",
        "lc-amount",
        "claim",
        "score",
    )


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_runs_its_example_and_keeps_the_contract(topic: str) -> None:
    info = describe(topic)
    assert info["topic"] == topic and info["title"] and info["source"]
    assert info["doc"] == f"docs/calculators/{topic}.md"
    result = run(topic, info["example"])
    assert CONTRACT_KEYS[topic] <= set(result)
    assert result["steps"] and all(isinstance(step, str) for step in result["steps"])
    assert json.loads(json.dumps(result)) == result  # JSON-ready: no Decimal, no date


def test_incoterm_contract() -> None:
    """Issue 3: {"rule": "FOB"}."""
    result = run("incoterm", {"rule": "FOB"})
    assert result["modes"] == "sea_and_inland_waterway"
    assert result["insurance"] == {
        "seller_must_insure": False,
        "minimum_cover": None,
        "insured_value_pct": None,
    }
    assert list(result["costs"]) == [
        "loading_at_origin",
        "export_clearance",
        "pre_carriage",
        "origin_handling",
        "main_carriage",
        "insurance",
        "destination_handling",
        "on_carriage",
        "unloading_at_destination",
        "import_clearance",
        "import_duties_taxes",
    ]
    cip = run("incoterm", {"rule": "cip"})
    assert cip["insurance"] == {
        "seller_must_insure": True,
        "minimum_cover": "ICC (A)",
        "insured_value_pct": 110,
    }


def test_price_buildup_amounts_are_strings() -> None:
    result = run("price-buildup", describe("price-buildup")["example"])
    assert result["prices"]["CIF"] == "12721.98"
    assert result["insurance_premium_cif"] == "41.98"
    assert all(isinstance(v, str) for v in result["prices"].values())


def test_price_buildup_from_cost_and_margin_with_commission() -> None:
    """Cost 7,500 at a 25 % margin on the selling price: EXW 10,000; 5 % commission on CIF."""
    result = run(
        "price-buildup",
        {
            "currency": "EUR",
            "cost_price": "7500",
            "margin_rate": "0.25",
            "costs": {"main_carriage": 1000},
            "insurance_rate": 0.003,
            "commission_rate": "0.05",
        },
    )
    assert result["prices"]["EXW"] == "10000.00"
    assert result["margin"]["markup_rate"] == "0.333333"
    assert result["commissions"]["EXW"] == "500.00"
    markup = run(
        "price-buildup",
        {"currency": "EUR", "cost_price": "8000", "markup_rate": "0.25", "insurance_rate": "0"},
    )
    assert markup["prices"]["EXW"] == "10000.00"
    assert markup["margin"]["margin_rate"] == "0.2"
    achieved = run(
        "price-buildup",
        {"currency": "EUR", "exw": "100", "cost_price": "80", "insurance_rate": "0"},
    )
    assert achieved["margin"]["margin"] == "20.00"


def test_fx_issue_example() -> None:
    """Issue 3: USD 1,000 on 2026-03-02 at the ECB rate of that date."""
    result = run("fx", {"amount": "1000", "from": "USD", "to": "EUR", "date": "2026-03-02"})
    assert result["rate_date"] == "2026-03-02"
    assert result["source"].startswith("ECB")
    assert result["amount"] == "1000.00"
    assert Decimal(result["converted"]) == (1000 * Decimal(result["rate"])).quantize(
        Decimal("0.01")
    )
    sunday = run("fx", {"amount": 1000, "from": "usd", "to": "eur", "date": "2026-03-01"})
    assert sunday["rate_date"] == "2026-02-27"
    assert "No fixing on 2026-03-01" in sunday["steps"][0]


def test_fx_company_rates_in_payload_and_from_the_caller() -> None:
    payload = {
        "amount": "1000",
        "from": "USD",
        "to": "EUR",
        "date": "2026-03-02",
        "company_rates": [
            {
                "from": "USD",
                "to": "EUR",
                "date": "2026-01-01",
                "rate": "0.9",
                "label": "budget 2026",
            }
        ],
    }
    result = run("fx", payload)
    assert (result["converted"], result["rate_date"], result["source"]) == (
        "900.00",
        "2026-01-01",
        "budget 2026",
    )
    assert run("fx", {**payload, "use_company_rates": False})["source"].startswith("ECB")
    bank = DictRateSource(
        [CompanyRate("USD", "EUR", date(2026, 3, 2), Decimal("0.85"), "bank rate")]
    )
    base = {"amount": "1000", "from": "USD", "to": "EUR", "date": "2026-03-02"}
    assert run("fx", base, company_rates=bank)["source"].startswith("ECB")  # not asked for
    asked = run("fx", {**base, "use_company_rates": True}, company_rates=bank)
    assert (asked["converted"], asked["source"]) == ("850.00", "bank rate")
    missing = run("fx", {**base, "to": "JPY", "use_company_rates": True}, company_rates=bank)
    assert missing["source"].startswith("ECB") and "No company rate" in missing["steps"][0]
    none = run("fx", {**base, "use_company_rates": True})
    assert "No company rates are recorded" in none["steps"][0]


def test_fx_rate_source_replaces_ecb() -> None:
    class Fixed:
        def quote(self, from_currency: str, to_currency: str, on: date) -> Quote:
            return Quote(from_currency, to_currency, Decimal("2"), on, "test source")

    result = run(
        "fx",
        {"amount": "1.005", "from": "EUR", "to": "USD", "date": "2099-01-01"},
        rate_source=Fixed(),
    )
    assert (result["converted"], result["source"], result["amount"]) == (
        "2.01",
        "test source",
        "1.005",
    )


def test_chargeable_weight_and_loading_metres_json() -> None:
    air = run(
        "chargeable-weight",
        {
            "mode": "air",
            "pieces": [{"length_cm": 30, "width_cm": 45, "height_cm": 65, "weight_kg": "14"}],
        },
    )
    assert (air["volumetric_weight_kg"], air["chargeable_weight_kg"]) == ("14.625", "15")
    assert "revenue_tonnes" not in air
    sea = run(
        "chargeable-weight",
        {
            "mode": "sea_lcl",
            "pieces": [{"length_cm": 150, "width_cm": 120, "height_cm": 120, "weight_kg": 500}],
        },
    )
    assert sea["revenue_tonnes"] == "2.16"
    ldm = run(
        "loading-metres",
        {"pallets": [{"length_cm": 120, "width_cm": 80, "quantity": 16, "stackable_levels": 2}]},
    )
    assert (ldm["loading_metres"], ldm["ldm_weight_kg"], ldm["gross_weight_kg"]) == (
        "3.2",
        "5920",
        None,
    )


def test_landed_cost_json_with_incoterm_guidance() -> None:
    result = run(
        "landed-cost",
        {
            "currency": "EUR",
            "goods_value": "10000",
            "freight_to_border": "1000",
            "insurance_to_border": "200",
            "duty_rate_pct": "20",
            "vat_rate_pct": "18",
            "vat_recoverable": False,
            "incoterm": "FOB",
        },
    )
    assert result["landed_cost"] == "15859.20"
    assert result["incoterm"] == "FOB" and "freight_to_border" in result["guidance"]


def test_lc_dates_issue_example() -> None:
    result = run(
        "lc-dates",
        {
            "shipment_date": "2026-12-04",
            "expiry_date": "2027-01-31",
            "presentation_days": 21,
            "bank_country": "FR",
        },
    )
    assert result["latest_presentation_date"] == "2026-12-28"
    assert result["extended"] is True and result["bank_closed_reason"] == "Christmas Day"


def test_lc_amount_json() -> None:
    result = run(
        "lc-amount",
        {"credit_amount": "100000", "about": True, "drawn": "0", "invoice_amount": "110000.01"},
    )
    assert (result["min_amount"], result["max_amount"], result["ok"]) == (
        "90000.00",
        "110000.00",
        False,
    )
    jpy = run(
        "lc-amount", {"credit_amount": "1000000", "currency": "JPY", "tolerance_plus_pct": "5"}
    )
    assert (jpy["max_amount"], jpy["ok"]) == ("1050000", None)


def test_claim_issue_example() -> None:
    result = run(
        "claim",
        {
            "convention": "CMR",
            "delivery_date": "2026-03-02",
            "kind": "hidden_damage",
            "gross_weight_kg": "500",
            "packages": 10,
            "sdr_rate": "1.20",
        },
    )
    assert result["notice_deadline"] == "2026-03-10"
    assert result["time_bar_date"] == "2027-03-02"
    assert (result["liability_cap_sdr"], result["liability_cap"]) == ("4165.00", "4998.00")
    hv = run(
        "claim",
        {
            "convention": "HAGUE_VISBY",
            "delivery_date": "2026-03-02",
            "kind": "delay",
            "gross_weight_kg": 1,
        },
    )
    assert hv["notice_deadline"] is None and hv["liability_cap"] is None


def test_score_json() -> None:
    result = run("score", describe("score")["example"])
    assert [item["name"] for item in result["ranking"]] == ["Supplier B", "Supplier A"]
    assert result["ranking"][0]["score"] == "7.33"
    assert result["ranking"][0]["details"]["quality"] == {
        "weight": "2",
        "grade": "9",
        "weighted": "18",
    }


@pytest.mark.parametrize(
    ("topic", "payload", "field"),
    [
        ("incoterm", {"rule": "FOO"}, "rule"),
        ("incoterm", {}, "rule"),
        ("incoterm", {"rule": "FOB", "rules": ["CIF"]}, "rules"),
        ("incoterm", ["FOB"], None),
        ("price-buildup", {"currency": "EUX", "exw": "1", "insurance_rate": "0"}, "currency"),
        ("price-buildup", {"currency": "EUR", "exw": "1e5", "insurance_rate": "0"}, "exw"),
        ("price-buildup", {"currency": "EUR", "exw": "NaN", "insurance_rate": "0"}, "exw"),
        ("price-buildup", {"currency": "EUR", "exw": "-1", "insurance_rate": "0"}, "exw"),
        (
            "price-buildup",
            {"currency": "EUR", "exw": "1", "insurance_rate": "0", "costs": {"freight": 1}},
            "costs.freight",
        ),
        (
            "price-buildup",
            {"currency": "EUR", "exw": "1", "insurance_rate": "0", "costs": {"on_carriage": "-1"}},
            "costs.on_carriage",
        ),
        (
            "price-buildup",
            {"currency": "EUR", "exw": "1", "insurance_rate": "0", "costs": {"insurance": "1"}},
            "costs.insurance",
        ),
        (
            "price-buildup",
            {"currency": "EUR", "exw": "1", "insurance_rate": "0", "costs": []},
            "costs",
        ),
        ("price-buildup", {"currency": "EUR", "exw": "1"}, "insurance_rate"),
        ("price-buildup", {"currency": "EUR", "insurance_rate": "0"}, "exw"),
        (
            "price-buildup",
            {
                "currency": "EUR",
                "exw": "1",
                "cost_price": "1",
                "margin_rate": "0.1",
                "insurance_rate": "0",
            },
            "margin_rate",
        ),
        (
            "price-buildup",
            {"currency": "EUR", "margin_rate": "0.1", "insurance_rate": "0"},
            "cost_price",
        ),
        (
            "price-buildup",
            {
                "currency": "EUR",
                "cost_price": "1",
                "margin_rate": "0.1",
                "markup_rate": "0.1",
                "insurance_rate": "0",
            },
            "markup_rate",
        ),
        (
            "price-buildup",
            {"currency": "EUR", "cost_price": "1", "margin_rate": "1", "insurance_rate": "0"},
            "margin_rate",
        ),
        (
            "price-buildup",
            {"currency": "EUR", "exw": "1", "insurance_rate": "0", "commission_rate": "2"},
            "commission_rate",
        ),
        ("fx", {"amount": "1", "from": "USD", "to": "XYZ", "date": "2026-03-02"}, "to"),
        ("fx", {"amount": "1", "from": "USD", "to": "EUR", "date": "2026-02-30"}, "date"),
        ("fx", {"amount": "1", "from": "USD", "to": "EUR", "date": "02/03/2026"}, "date"),
        ("fx", {"amount": "1", "from": "USD", "to": "EUR", "date": "2099-01-01"}, "date"),
        ("fx", {"amount": "1", "from": "USD", "to": "EUR"}, "date"),
        (
            "fx",
            {
                "amount": "1",
                "from": "USD",
                "to": "EUR",
                "date": "2026-03-02",
                "company_rates": [{"from": "USD"}],
            },
            "company_rates.0.to",
        ),
        (
            "fx",
            {
                "amount": "1",
                "from": "USD",
                "to": "EUR",
                "date": "2026-03-02",
                "company_rates": [{"from": "USD", "to": "EUR", "date": "2026-01-01", "rate": "0"}],
            },
            "company_rates.0.rate",
        ),
        (
            "fx",
            {"amount": "1", "from": "USD", "to": "EUR", "date": "2026-03-02", "company_rates": "x"},
            "company_rates",
        ),
        (
            "fx",
            {
                "amount": "1",
                "from": "USD",
                "to": "EUR",
                "date": "2026-03-02",
                "use_company_rates": "yes",
            },
            "use_company_rates",
        ),
        (
            "chargeable-weight",
            {
                "mode": "air",
                "pieces": [{"length_cm": 1, "width_cm": 1, "height_cm": 1, "weight_kg": "-2"}],
            },
            "pieces.0.weight_kg",
        ),
        (
            "chargeable-weight",
            {
                "mode": "air",
                "pieces": [
                    {"length_cm": 1, "width_cm": 1, "height_cm": 1, "weight_kg": 1, "quantity": 1.5}
                ],
            },
            "pieces.0.quantity",
        ),
        (
            "chargeable-weight",
            {
                "mode": "air",
                "pieces": [
                    {"length_cm": 1, "width_cm": 1, "height_cm": 1, "weight_kg": 1, "colour": "red"}
                ],
            },
            "pieces.0.colour",
        ),
        (
            "chargeable-weight",
            {"mode": "air", "pieces": [{"width_cm": 1, "height_cm": 1, "weight_kg": 1}]},
            "pieces.0.length_cm",
        ),
        ("chargeable-weight", {"mode": "air", "pieces": []}, "pieces"),
        (
            "chargeable-weight",
            {
                "mode": "air",
                "pieces": [
                    {
                        "length_cm": 1,
                        "width_cm": 1,
                        "height_cm": 1,
                        "weight_kg": 1,
                        "quantity": 1e300,
                    }
                ],
            },
            "pieces.0.quantity",
        ),
        ("chargeable-weight", {"mode": "air", "pieces": {}}, "pieces"),
        ("chargeable-weight", {"mode": "air", "pieces": ["box"]}, "pieces.0"),
        (
            "chargeable-weight",
            {
                "mode": "barge",
                "pieces": [{"length_cm": 1, "width_cm": 1, "height_cm": 1, "weight_kg": 1}],
            },
            "mode",
        ),
        (
            "chargeable-weight",
            {
                "mode": "air",
                "pieces": [{"length_cm": 1, "width_cm": 1, "height_cm": 1, "weight_kg": 1}],
                "kg_per_m3": "0",
            },
            "kg_per_m3",
        ),
        (
            "loading-metres",
            {"pallets": [{"length_cm": 120, "width_cm": 80, "stackable_levels": 0}]},
            "pallets.0.stackable_levels",
        ),
        (
            "loading-metres",
            {"pallets": [{"length_cm": 120, "width_cm": 80, "weight_kg": "-1"}]},
            "pallets.0.weight_kg",
        ),
        (
            "loading-metres",
            {"pallets": [{"length_cm": 120, "width_cm": 80}], "kg_per_ldm": "abc"},
            "kg_per_ldm",
        ),
        ("landed-cost", {"currency": "EUR", "goods_value": "-5"}, "goods_value"),
        (
            "landed-cost",
            {"currency": "EUR", "goods_value": "5", "vat_rate_pct": "120"},
            "vat_rate_pct",
        ),
        ("landed-cost", {"currency": "EUR", "goods_value": "5", "incoterm": "XXX"}, "incoterm"),
        ("landed-cost", {"currency": "EUR", "goods_value": "5", "quantity": "0"}, "quantity"),
        ("lc-dates", {"shipment_date": "2026-03-02", "expiry_date": "2026-03-01"}, "expiry_date"),
        ("lc-dates", {"shipment_date": "2026-02-29", "expiry_date": "2026-03-31"}, "shipment_date"),
        (
            "lc-dates",
            {"shipment_date": "2026-03-02", "expiry_date": "2026-04-01", "bank_country": "ZZ"},
            "bank_country",
        ),
        (
            "lc-dates",
            {
                "shipment_date": "2026-03-02",
                "expiry_date": "2026-04-01",
                "presentation_days": "21.5",
            },
            "presentation_days",
        ),
        (
            "lc-dates",
            {"shipment_date": "2026-03-02", "expiry_date": "2026-04-01", "presentation_days": 0},
            "presentation_days",
        ),
        (
            "lc-dates",
            {
                "shipment_date": "2026-03-02",
                "expiry_date": "2026-04-01",
                "bank_subdiv": "ZZ",
                "bank_country": "DE",
            },
            "subdiv",
        ),
        ("lc-amount", {"credit_amount": "0"}, "credit_amount"),
        (
            "lc-amount",
            {"credit_amount": "100", "about": True, "tolerance_plus_pct": "5"},
            "tolerance_plus_pct",
        ),
        ("lc-amount", {"credit_amount": "100", "about": "yes"}, "about"),
        ("lc-amount", {"credit_amount": "100", "currency": "ECU"}, "currency"),
        (
            "claim",
            {
                "convention": "WARSAW",
                "delivery_date": "2026-03-02",
                "kind": "delay",
                "gross_weight_kg": 1,
            },
            "convention",
        ),
        (
            "claim",
            {"convention": 1, "delivery_date": "2026-03-02", "kind": "delay", "gross_weight_kg": 1},
            "convention",
        ),
        (
            "claim",
            {
                "convention": "CMR",
                "delivery_date": "2026-03-02",
                "kind": "theft",
                "gross_weight_kg": 1,
            },
            "kind",
        ),
        (
            "claim",
            {
                "convention": "CMR",
                "delivery_date": "2026-13-02",
                "kind": "delay",
                "gross_weight_kg": 1,
            },
            "delivery_date",
        ),
        (
            "claim",
            {
                "convention": "CMR",
                "delivery_date": "2026-03-02",
                "kind": "delay",
                "gross_weight_kg": "-1",
            },
            "gross_weight_kg",
        ),
        (
            "claim",
            {
                "convention": "CMR",
                "delivery_date": "2026-03-02",
                "kind": "delay",
                "gross_weight_kg": 1,
                "country": "XX",
            },
            "country",
        ),
        (
            "claim",
            {
                "convention": "CMR",
                "delivery_date": "2026-03-02",
                "kind": "delay",
                "gross_weight_kg": 1,
                "sdr_rate": "0",
            },
            "sdr_rate",
        ),
        (
            "claim",
            {
                "convention": "CMR",
                "delivery_date": "2026-03-02",
                "kind": "delay",
                "gross_weight_kg": 1,
                "packages": -1,
            },
            "packages",
        ),
        (
            "score",
            {
                "criteria": [{"name": "p", "weight": 1}],
                "options": [{"name": "A", "grades": {"p": "x"}}],
            },
            "options.0.grades.p",
        ),
        (
            "score",
            {
                "criteria": [{"name": "p", "weight": 1}],
                "options": [{"name": "A", "grades": {"p": 11}}],
            },
            "options.0.grades.p",
        ),
        (
            "score",
            {
                "criteria": [{"name": "p", "weight": -1}],
                "options": [{"name": "A", "grades": {"p": 1}}],
            },
            "criteria.0.weight",
        ),
        (
            "score",
            {"criteria": [{"name": "p", "weight": 1}], "options": [{"name": "A"}]},
            "options.0.grades",
        ),
        ("score", {"criteria": [], "options": [{"name": "A", "grades": {}}]}, "criteria"),
    ],
)
def test_bad_input_names_the_field(topic: str, payload: Any, field: str | None) -> None:
    assert error_of(topic, payload).field == field


def test_unknown_topic_and_error_object() -> None:
    error = error_of("tariff", {})
    assert error.field == "topic"
    assert set(error.as_dict()) == {"error", "field"}
    with pytest.raises(TradeInputError):
        describe("tariff")


def test_lenient_but_exact_number_forms() -> None:
    """JSON numbers and decimal strings both work; integer strings for counts."""
    a = run(
        "lc-dates",
        {"shipment_date": "2026-03-02", "expiry_date": "2026-04-15", "presentation_days": "21"},
    )
    b = run(
        "lc-dates",
        {"shipment_date": "2026-03-02", "expiry_date": "2026-04-15", "presentation_days": 21.0},
    )
    assert a["latest_presentation_date"] == b["latest_presentation_date"] == "2026-03-23"


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
)
def test_json_round_trip_of_any_ladder(rule: str, exw: Decimal) -> None:
    """Any valid payload gives a JSON-serialisable result whose prices parse back as decimals."""
    result = run("price-buildup", {"currency": "EUR", "exw": str(exw), "insurance_rate": "0.003"})
    text = json.dumps(result)
    assert Decimal(json.loads(text)["prices"][rule]) >= exw


DOCS = Path(__file__).resolve().parents[3] / "docs" / "calculators"
CLI_EXAMPLE = re.compile(r"comptoir calc (\S+) --json '(.*?)'\n(.*?)```", re.DOTALL)
SHOWN = re.compile(r'"(\w+)": ("(?:[^"\\]|\\.)*"|null|true|false|-?\d+)')


def _flat(result: dict[str, Any]) -> dict[str, Any]:
    flat = {k: v for k, v in result.items() if not isinstance(v, dict | list)}
    for value in result.values():
        if isinstance(value, dict):
            flat.update(
                {
                    k: v
                    for k, v in value.items()
                    if k not in result and not isinstance(v, dict | list)
                }
            )
    return flat


@pytest.mark.parametrize("topic", TOPICS)
def test_documentation_page_and_its_cli_examples(topic: str) -> None:
    """Every topic has docs/calculators/<topic>.md; its CLI examples run and show true figures."""
    text = (DOCS / f"{topic}.md").read_text(encoding="utf-8")
    assert "## The rule" in text
    examples = [m for m in CLI_EXAMPLE.finditer(text) if m[1] == topic]
    assert examples, f"no CLI example for {topic}"
    for match in examples:
        data = json.loads(match[2])
        if data == {"rule": "DAT"}:
            assert error_of(topic, data).field == "rule"
            continue
        flat = _flat(run(topic, data))
        for key, shown in SHOWN.findall(match[3]):
            if key in flat and not shown.endswith('..."'):
                assert json.loads(shown) == flat[key], (topic, key)


# --- issue 9, item 9: express package by package; carriage after the EU border -----------


def test_express_chargeable_weight_json_is_package_by_package() -> None:
    parcels = [
        {"length_cm": 40, "width_cm": 30, "height_cm": 20, "weight_kg": "20"},
        {"length_cm": 60, "width_cm": 50, "height_cm": 50, "weight_kg": "2"},
    ]
    express = run("chargeable-weight", {"mode": "express", "pieces": parcels})
    assert (express["basis"], express["chargeable_weight_kg"]) == ("piece", "50")
    assert express["shipment_chargeable_weight_kg"] == "35"
    assert [p["chargeable_kg"] for p in express["pieces"]] == ["20", "30"]
    assert "DHL Express, UPS and FedEx" in express["source"]
    air = run("chargeable-weight", {"mode": "air", "pieces": parcels})
    assert (air["basis"], air["chargeable_weight_kg"]) == ("shipment", "29")
    assert "pieces" not in air
    parcel = run("chargeable-weight", {"mode": "air", "pieces": parcels, "basis": "piece"})
    assert parcel["chargeable_weight_kg"] == "45"
    assert (
        error_of("chargeable-weight", {"mode": "road", "pieces": parcels, "basis": "piece"}).field
        == "basis"
    )


def test_landed_cost_json_with_carriage_after_the_border() -> None:
    base = {"currency": "EUR", "goods_value": "10000", "duty_rate_pct": "4.5", "vat_rate_pct": "20"}
    dap = run("landed-cost", {**base, "carriage_after_border": "300", "incoterm": "DAP"})
    assert (dap["customs_value"], dap["duty"], dap["vat_base"], dap["import_vat"]) == (
        "9700.00",
        "436.50",
        "10436.50",
        "2087.30",
    )
    assert dap["carriage_after_border"] == "300.00"
    assert "carriage_after_border" in dap["guidance"]
    assert dap["steps"][0].startswith("Bought DAP: ")
    fob = run(
        "landed-cost",
        {**base, "carriage_after_border": "300", "carriage_after_border_in_price": False},
    )
    assert (fob["customs_value"], fob["vat_base"], fob["landed_cost"]) == (
        "10000.00",
        "10750.00",
        "10750.00",
    )
    too_much = {**base, "carriage_after_border": "10000.01"}
    assert error_of("landed-cost", too_much).field == "carriage_after_border"
    assert (
        error_of("landed-cost", {**base, "carriage_after_border_in_price": "yes"}).field
        == "carriage_after_border_in_price"
    )
