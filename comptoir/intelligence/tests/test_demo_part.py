"""The intelligence part of the demo, alone: sources from the package's feed files (no
network), alerts that matched, the anti-dumping item linked to China, items for the studies."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.demo.intelligence import build
from comptoir.intelligence.models import Alert, Item, Match, Source

pytestmark = pytest.mark.django_db


def test_the_demo_intelligence(assistant: Any, manager: Any) -> None:
    made = build({"claire": assistant, "julien": manager})
    assert set(made.sources) == {"gulf", "japan", "north_america", "trade_defence", "reports"}
    assert made.counts["intelligence_items"] == Item.objects.count() == 13
    assert {"dubai_hotels", "saudi_retail", "visit_report", "anti_dumping", "tokyo"} <= set(
        made.items
    )
    gulf = Alert.objects.get(name="Cookware demand in the Gulf")
    titles = set(Match.objects.filter(alert=gulf).values_list("item__title", flat=True))
    assert "Dubai hotel openings drive demand for professional cookware" in titles
    assert "Compte rendu de visite - Dubaï, Hotel Show" in titles
    assert not any("Tokyo" in t for t in titles)  # a Japanese item is not in the Gulf
    duties = Alert.objects.get(name="Anti-dumping on what we buy")
    assert list(Match.objects.filter(alert=duties).values_list("item__title", flat=True)) == [
        "Provisional anti-dumping duty on enamelled steel cookware originating in China"
    ]  # the initiation notice is excluded
    rivals = Match.objects.filter(alert__name="Competitors").count()
    assert rivals >= 3
    assert made.items["anti_dumping"].countries.get().country == "CN"
    saber = made.items["saber"]
    assert "<script" not in saber.summary_html
    assert not Source.objects.filter(last_error_kind__gt="").exists()
