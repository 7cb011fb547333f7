"""Every text the trade core shows a user exists in French (issue 11 §6).

Two nets: the messages marked ``Text("...")`` in the trade core's source, read the way
``makemessages --keyword=Text`` reads them; and the texts the calculators actually return,
run on many inputs, so a sentence built without the marker is caught too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from django.utils import translation

from comptoir.calculators.texts import localised, translate, with_french
from comptoir.trade import calc, claims
from comptoir.trade.incoterms import RULE_CODES
from comptoir.trade.texts import Joined, Text

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
TRADE = Path(__file__).resolve().parents[2] / "trade"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _catalog() -> Catalog:
    with LOCALE.open("rb") as stream:
        return read_po(stream)


def _marked_messages() -> list[str]:
    found: list[str] = []
    for path in sorted(TRADE.rglob("*.py")):
        if "tests" in path.parts:
            continue
        for item in extract_from_file("python", str(path), keywords={"Text": None}):
            if item[1] not in found:
                found.append(item[1])
    return found


def test_every_marked_trade_message_has_a_french_translation_with_the_same_placeholders():
    catalog = _catalog()
    messages = _marked_messages()
    assert len(messages) > 200  # the steps, rule texts and labels of ten calculators
    missing = [m for m in messages if catalog.get(m) is None or not catalog.get(m).string]
    assert missing == []
    mismatched = [
        m
        for m in messages
        if set(PLACEHOLDER.findall(m)) != set(PLACEHOLDER.findall(catalog.get(m).string))
    ]
    assert mismatched == []


def _texts(value: Any) -> Iterator[Text]:
    """Every Text in a JSON result, and every Text inside a Text's parameters."""
    if isinstance(value, Text):
        yield value
        for param in value.params.values():
            yield from _texts(param)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


#: Fields of the results that are sentences for the reader (never figures or codes).
PROSE = {"steps", "rule", "notes", "reasons", "guidance", "notice", "name"}
PROSE |= {"delivery_point", "risk_transfer", "bank_closed_reason"}


def _payloads() -> Iterator[tuple[str, dict[str, Any]]]:
    for topic in calc.TOPICS:
        yield topic, calc.describe(topic)["example"]
    for code in RULE_CODES:
        yield "incoterm", {"rule": code}
        yield (
            "landed-cost",
            {"currency": "EUR", "goods_value": "1234.5", "incoterm": code, "vat_rate_pct": "20"},
        )
    yield (
        "landed-cost",
        {
            "currency": "EUR",
            "goods_value": "10000",
            "carriage_after_border": "300",
            "vat_recoverable": False,
            "quantity": 3,
        },
    )
    piece = {"length_cm": 120, "width_cm": 80, "height_cm": 100, "weight_kg": "95"}
    for mode in ("air", "express", "road", "sea_lcl"):
        yield "chargeable-weight", {"mode": mode, "pieces": [piece]}
    yield "chargeable-weight", {"mode": "air", "pieces": [piece], "basis": "piece"}
    yield "loading-metres", {"pallets": [{"length_cm": 120, "width_cm": 80, "quantity": 40}]}
    for convention in claims.CONVENTIONS:
        for kind in claims.KINDS:
            yield (
                "claim",
                {
                    "convention": convention,
                    "delivery_date": "2026-05-07",  # CMR hidden damage: 8 May and a Sunday
                    "kind": kind,
                    "gross_weight_kg": "500",
                    "sdr_rate": "1.2",
                },
            )
    yield (
        "claim",
        {
            "convention": "CMR",
            "delivery_date": "2026-03-02",
            "kind": "delay",
            "gross_weight_kg": "500",
            "carriage_charges": "900",
        },
    )
    yield (
        "claim",
        {
            "convention": "HAGUE_VISBY",
            "delivery_date": "2026-03-02",
            "kind": "hidden_damage",
            "gross_weight_kg": "500",
            "packages": 3,
        },
    )
    yield (
        "lc-amount",
        {
            "credit_amount": "100000",
            "drawn": "20000",
            "invoice_amount": "95000",
            "partial_shipments_allowed": False,
        },
    )
    yield "lc-amount", {"credit_amount": "100000", "invoice_amount": "50000"}
    yield "lc-amount", {"credit_amount": "100000", "tolerance_plus_pct": "5", "currency": "USD"}
    yield (
        "lc-dates",
        {"shipment_date": "2026-04-10", "expiry_date": "2026-05-30", "presentation_days": 15},
    )
    yield "lc-dates", {"shipment_date": "2026-03-02", "expiry_date": "2026-03-10"}
    yield "fx", {"amount": "1000", "from": "USD", "to": "EUR", "date": "2026-03-01"}
    yield "fx", {"amount": "1000", "from": "USD", "to": "EUR", "date": "2026-03-02"}
    yield (
        "fx",
        {"amount": "1000", "from": "USD", "to": "EUR", "date": "2026-03-02", "company_rates": []},
    )
    yield (
        "price-buildup",
        {
            "currency": "EUR",
            "cost_price": "8000",
            "margin_rate": "0.2",
            "insurance_rate": "0.003",
            "commission_rate": "0.05",
        },
    )
    yield (
        "price-buildup",
        {"currency": "JPY", "cost_price": "8000", "markup_rate": "0.25", "insurance_rate": "0.003"},
    )


@pytest.mark.parametrize(("topic", "payload"), list(_payloads()))
def test_every_text_a_calculator_returns_is_a_translated_catalogue_message(topic, payload):
    catalog = _catalog()
    result = calc.run(topic, payload)
    for key, value in result.items():
        if key in PROSE and value is not None and (topic, key) != ("incoterm", "rule"):
            items = value if isinstance(value, list) else [value]
            plain = [item for item in items if not isinstance(item, Text)]
            assert plain == [], f"{topic}.{key} is not a catalogue message"
    for text in _texts(result):
        if isinstance(text, Joined):
            continue
        entry = catalog.get(text.msgid)
        assert entry is not None and entry.string, text.msgid


def test_french_steps_write_figures_and_dates_the_french_way():
    result = calc.run(
        "landed-cost",
        {"currency": "EUR", "goods_value": "12345.6", "duty_rate_pct": "4.5", "incoterm": "DAP"},
    )
    steps = localised(result["steps"], "fr")
    assert steps[0].startswith("Achat DAP : Le transport jusqu'à destination est dans le prix")
    assert "Valeur en douane = marchandises 12\u202f345,60" in steps[1]
    assert "Droits de douane = 12\u202f345,60 x 4,5 % = 555,55" in steps
    claim = calc.run("claim", calc.describe("claim")["example"])
    french = localised(claim, "fr")
    assert any("le 10 mars 2026" in step for step in french["steps"])
    assert french["rule"].startswith("CMR art. 30 (réserves)")


def test_english_rendering_is_the_json_contract_unchanged():
    result = calc.run("claim", calc.describe("claim")["example"])
    assert localised(result, "en") == {key: value for key, value in result.items()}
    text = Text("{amount} on {day}", amount=Decimal("1234.50"), day=claims.date(2026, 3, 2))
    assert translate(text, "en") == str(text) == "1234.50 on 2026-03-02"


def test_api_and_cli_keep_the_english_fields_and_add_french_twins():
    result = calc.run("chargeable-weight", calc.describe("chargeable-weight")["example"])
    both = with_french(result)
    assert both["steps"] == [str(step) for step in result["steps"]]
    assert both["steps_fr"][0].startswith("1 ligne(s), 2 colis : poids brut 190 kg")
    assert both["rule_fr"].startswith("air : le plus élevé du poids brut")
    assert "guidance_fr" not in both


def test_pages_outside_the_calculators_show_trade_texts_in_the_reader_language():
    from django.template import Context, Template
    from django.utils import translation

    ladder = calc.run("price-buildup", calc.describe("price-buildup")["example"])["steps"]
    page = Template("{% load trade_texts %}{{ step|in_language }}")
    with translation.override("fr"):
        french = page.render(Context({"step": ladder[-1]}))
    with translation.override("en"):
        english = page.render(Context({"step": ladder[-1]}))
    assert french.startswith("Les montants sont calculés sans arrondi")
    assert english == str(ladder[-1])


def test_credit_hold_reasons_are_catalogue_messages_with_grouped_figures():
    from comptoir.trade.receivables import credit_decision

    decision = credit_decision(
        credit_limit=Decimal("10000"),
        unpaid_invoices=Decimal("8000"),
        confirmed_not_invoiced=Decimal("0"),
        order_amount=Decimal("4345.6"),
        oldest_overdue_days=0,
        max_overdue_days=30,
    )
    (reason,) = decision.reasons
    assert "12,345.60 exceeds the credit limit of 10,000.00 by 2,345.60." in reason
    french = translate(reason, "fr")
    assert (
        "12\u202f345,60 : dépasse l'encours autorisé de 10\u202f000,00 de 2\u202f345,60." in french
    )


def test_the_first_of_the_month_is_written_1er_in_french():
    text = Text(
        "No fixing on {day} ({weekday}): the latest one before it, {rate_day}, is used",
        day=claims.date(2026, 3, 1),
        weekday=Text("Sunday"),
        rate_day=claims.date(2026, 2, 27),
    )
    assert translate(text, "fr") == (
        "Pas de fixing le 1er mars 2026 (dimanche) : le dernier fixing antérieur, "
        "celui du 27 février 2026, est appliqué"
    )


@pytest.mark.parametrize(("topic", "payload"), list(_payloads()))
def test_every_figure_a_calculator_page_shows_has_a_label_in_both_languages(topic, payload):
    """The table of figures names each one with a catalogue label, never the raw key."""
    from comptoir.calculators.templatetags.calc_labels import LABELS
    from comptoir.calculators.views import _facts

    catalog = _catalog()
    for key, _value in _facts(calc.run(topic, payload)):
        for part in str(key).split(" · "):
            if part[:1].isdigit() or part.isupper():  # a date, a code (EUR, 40HC): not a label
                continue
            assert part in LABELS, f"{topic}: {part} has no label"
            with translation.override("en"):
                msgid = str(LABELS[part])
            entry = catalog.get(msgid)
            assert entry is not None and entry.string, f"{topic}: {part} has no French"
