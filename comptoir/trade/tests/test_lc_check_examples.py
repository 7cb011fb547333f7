"""The bundled checker examples (docs/examples/lc/) give the verdict their name says: the
page offers them to users and the benchmark runs them, so a rule change that flips one is
seen here. The two ``demo-`` files are the demo's drawings under its Jebel Ali credit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comptoir.trade import lc_check

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "docs" / "examples" / "lc").glob("*.json"))


def test_the_examples_are_there() -> None:
    assert len(EXAMPLES) >= 7


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_gets_the_verdict_its_name_says(path: Path) -> None:
    result = lc_check.check_presentation(json.loads(path.read_text(encoding="utf-8")))
    expected = "discrepant" not in path.stem
    assert result["compliant"] is expected, result["discrepancies"]
    assert bool(result["discrepancies"]) is not expected
