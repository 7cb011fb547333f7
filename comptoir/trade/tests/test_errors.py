"""TradeInputError: the error object of the calculator contract (issue 3).

Issue 3: bad input prints ``{"error": MESSAGE, "field": NAME}`` and exits 2; the field is
the JSON field, dotted for nested values.
"""

from __future__ import annotations

import pytest

from comptoir.trade.errors import TradeInputError


def test_error_object() -> None:
    error = TradeInputError("Bad weight.", "weight_kg")
    assert error.message == "Bad weight."
    assert error.field == "weight_kg"
    assert error.as_dict() == {"error": "Bad weight.", "field": "weight_kg"}
    assert str(error) == "weight_kg: Bad weight."
    assert "TradeInputError" in repr(error)


def test_nested_field_paths() -> None:
    assert TradeInputError("Bad.", "weight_kg").under("pieces.0.").field == "pieces.0.weight_kg"
    assert TradeInputError("Whole payload.").under("pieces.").field == "pieces"


def test_is_a_value_error_without_field() -> None:
    with pytest.raises(ValueError, match="Expected"):
        raise TradeInputError("Expected a JSON object.")
    assert TradeInputError("x").as_dict() == {"error": "x", "field": None}
