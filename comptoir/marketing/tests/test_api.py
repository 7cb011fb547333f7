"""The API: the feed of a price list and a newsletter's content, for signed-in users only."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from comptoir.catalog.models import PriceList, Product
from comptoir.marketing import services
from comptoir.marketing.inputs import LineValues, MaterialValues

pytestmark = pytest.mark.django_db


def test_feed_and_newsletter_through_the_api(
    reader: Any, charter: Any, profiled: list[Product], eur_list: PriceList
) -> None:
    api = APIClient()
    assert api.get(f"/api/marketing/feed/{eur_list.pk}/").status_code in {401, 403}
    api.force_authenticate(reader)
    feed = api.get(f"/api/marketing/feed/{eur_list.pk}/").json()
    assert feed["count"] == 2 and feed["products"][0]["sku"] == "CAS-24"
    assert feed["products"][0]["price"] == "62.00"
    material = services.save_material(
        values=MaterialValues(
            kind="newsletter",
            title_fr="Nouveautés",
            title_en="News",
            price_list=eur_list,
            lines=(LineValues(product=profiled[0]),),
        ),
        user=None,
    )
    content = api.get(f"/api/marketing/materials/{material.pk}/newsletter/").json()
    assert content["fr"]["subject"] == "Nouveautés" and "<html" in content["en"]["html"]
    listed = api.get("/api/marketing/materials/?kind=newsletter").json()
    assert [m["id"] for m in listed] == [material.pk]
    assert api.get("/api/marketing/materials/?kind=poster").status_code == 400
