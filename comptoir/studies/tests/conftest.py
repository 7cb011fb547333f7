"""Shared data of the market studies tests: intelligence items about the Gulf (created
directly: the intelligence area's services are another helper's), a shared file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from comptoir.intelligence.models import Item, Source
from comptoir.sales.tests.conftest import seller  # noqa: F401
from comptoir.studies import services
from comptoir.studies.inputs import FileValues
from comptoir.studies.models import ThematicFile

GULF_FR = (
    "Le marché des ustensiles de cuisson aux Émirats arabes unis progresse de 7,5 % par an. "
    "Les importateurs de Dubaï cherchent des poêles en inox et des casseroles haut de gamme. "
    "La concurrence chinoise reste forte sur l'entrée de gamme. "
    "Les droits de douane du CCG sont de 5 % pour les ustensiles de cuisson."
)
GULF_EN = (
    "Demand for stainless steel cookware in Saudi Arabia keeps growing. "
    "Retailers in Riyadh report that stainless steel cookware sells twice as fast as "
    "aluminium pans. Import duties of 5% apply under the GCC common external tariff."
)


def make_item(source: Source, n: int, title: str, text: str, language: str) -> Item:
    return Item.objects.create(
        source=source,
        fingerprint=f"fp-{n}",
        title=title,
        link=f"https://example.com/{n}",
        published_at=timezone.now() - dt.timedelta(days=n),
        language=language,
        text=text,
    )


@pytest.fixture
def items(db: Any) -> list[Item]:
    source = Source.objects.create(
        name="Business France Golfe", kind="feed", country="AE", theme="market", reliability=2
    )
    return [
        make_item(source, 1, "Ustensiles de cuisson aux Émirats", GULF_FR, "fr"),
        make_item(source, 2, "Cookware in Saudi Arabia", GULF_EN, "en"),
    ]


@pytest.fixture
def gulf_file(db: Any, assistant: Any) -> ThematicFile:
    return services.create_file(
        values=FileValues(
            title="Cookware demand in the Gulf", theme="market", countries=("AE", "SA")
        ),
        user=assistant,
    )
