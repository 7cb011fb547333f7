"""Texts of the trade core: message identifiers with parameters that read as English strings."""

from __future__ import annotations

import copy
import pickle
from datetime import date
from decimal import Decimal

import pytest

from comptoir.trade.texts import WEEKDAYS, Text, in_currency, joined, number, percent, render


def test_a_text_is_its_english_sentence() -> None:
    text = Text("Rate of {day}: {rate}", day=date(2026, 3, 2), rate=number(Decimal("1.08500"), 4))
    assert text == "Rate of 2026-03-02: 1.085"
    assert isinstance(text, str) and text.msgid == "Rate of {day}: {rate}"
    assert dict(text.params) == {"day": date(2026, 3, 2), "rate": Decimal("1.085")}


def test_a_text_cannot_be_changed() -> None:
    text = Text("Monday")
    with pytest.raises(AttributeError):
        text.msgid = "Tuesday"


def test_render_translates_the_message_and_the_texts_inside_it() -> None:
    text = Text("No fixing on {day} ({weekday})", day=date(2026, 3, 1), weekday=WEEKDAYS[6])
    french = {"No fixing on {day} ({weekday})": "Pas de fixing le {day} ({weekday})"}
    french["Sunday"] = "dimanche"
    assert render(text, lambda m: french.get(m, m), lambda v: "1er mars") == (
        "Pas de fixing le 1er mars (dimanche)"
    )


def test_joined_parts_are_rendered_one_by_one_and_the_semicolon_is_a_message() -> None:
    parts = joined("; ", [Text("seller"), Decimal("1.50"), "FOB"])
    assert parts == "seller; 1.50; FOB"
    french = {"seller": "vendeur", "; ": " ; "}
    assert render(parts, lambda m: french.get(m, m), lambda v: "1,50") == "vendeur ; 1,50 ; FOB"


def test_figures_keep_the_decimals_the_contract_shows() -> None:
    assert str(Text("{x}", x=in_currency(Decimal("1000"), "EUR"))) == "1000.00"
    assert str(Text("{x}", x=in_currency(Decimal("1000.4"), "JPY", rounded=True))) == "1000"
    assert str(Text("{x}", x=number(Decimal("160.500"), 3))) == "160.5"
    assert str(Text("cover {share}", share=percent(110))) == "cover 110 %"


def test_texts_survive_copy_and_pickle() -> None:
    text = Text("{a} and {b}", a=Text("seller"), b=joined(", ", [date(2026, 1, 2), 3]))
    for clone in (copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
        assert clone == text and clone.msgid == text.msgid
        cloned, original = clone.params["b"], text.params["b"]
        assert isinstance(cloned, Text) and isinstance(original, Text)
        assert cloned.msgid == original.msgid
