"""The screens and the public feed: pages read only, the feed answers to its secret alone,
CSV formulas are neutralised, a revoked link no longer answers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.catalog.models import PriceList, Product
from comptoir.marketing import services
from comptoir.marketing.inputs import FeedLinkValues, LineValues, MaterialValues

pytestmark = pytest.mark.django_db


def _writes(ctx: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}
    ]


def test_pages_read_only(
    assistant_client: Any, charter: Any, profiled: list[Product], eur_list: PriceList
) -> None:
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
    urls = [
        "/marketing/",
        "/marketing/charter/",
        "/marketing/charter/logo/",
        f"/marketing/products/{profiled[0].pk}/",
        f"/marketing/products/{profiled[0].pk}/sheet.pdf?lang=fr",
        f"/marketing/{material.pk}/",
        f"/marketing/{material.pk}/newsletter/?lang=fr",
        f"/marketing/{material.pk}/newsletter/?lang=en&format=text",
        profiled[0].get_absolute_url(),
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            response = assistant_client.get(url)
        assert response.status_code == 200, url
        assert not _writes(ctx), url
    page = assistant_client.get(profiled[0].get_absolute_url()).content.decode()
    assert 'id="product-marketing"' in page


def test_assistant_cannot_change_the_charter_by_post(assistant_client: Any, charter: Any) -> None:
    response = assistant_client.post(
        "/marketing/charter/",
        {
            "primary_colour": "#000000",
            "text_on_primary": "#FFFFFF",
            "secondary_colour": "#000000",
            "accent_colour": "#000000",
            "heading_font": "DejaVu Sans",
            "body_font": "DejaVu Sans",
        },
    )
    assert response.status_code in {200, 403}
    charter.refresh_from_db()
    assert charter.primary_colour == "#1F4E79"


def test_public_feed_by_secret_only(
    client: Any, profiled: list[Product], eur_list: PriceList
) -> None:
    profiled[1].name_en = "=cmd|' /C calc'!A0"
    profiled[1].save()
    link, secret = services.create_feed_link(
        values=FeedLinkValues(name="Website", price_list=eur_list), user=None
    )
    data = json.loads(client.get(f"/marketing/feed/{secret}/products.json").content)
    assert data["count"] == 2
    first = data["products"][0]
    assert first["sku"] == "CAS-24" and first["price"] == "62.00" and first["currency"] == "EUR"
    photo = client.get(first["image_url"].removeprefix("http://testserver"))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    csv = client.get(f"/marketing/feed/{secret}/products.csv").content.decode("utf-8-sig")
    assert "'=cmd" in csv
    assert client.get("/marketing/feed/wrong-secret/products.json").status_code == 404
    services.revoke_feed_link(link=link, user=None)
    assert client.get(f"/marketing/feed/{secret}/products.json").status_code == 404
    assert client.get(f"/marketing/feed/{secret}/products.csv").status_code == 404
