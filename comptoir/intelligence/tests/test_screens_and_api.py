"""The intelligence pages and API: a source added and read now, items listed and shown
sanitised, alerts saved with errors on their field, matches on the home page marked read,
the product and country pages showing the regulatory watch, roles obeyed, errors in JSON."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.intelligence import services
from comptoir.intelligence.inputs import AlertValues, LinkValues, SourceValues
from comptoir.intelligence.models import Alert, Item, Match, Source

from .conftest import Server

pytestmark = pytest.mark.django_db


@pytest.fixture
def fr(assistant_client: Any) -> Any:
    assistant_client.cookies["comptoir_language"] = "fr"
    return assistant_client


@pytest.fixture
def en(assistant_client: Any) -> Any:
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


def _feed(feed_server: Server) -> Source:
    source = services.save_source(
        source=None,
        values=SourceValues(
            name="Gulf Retail News",
            kind="feed",
            url=f"{feed_server.url}/feed.xml",
            theme="market",
            country="AE",
        ),
        user=None,
    )
    services.poll_source(source.pk)
    return source


def test_add_a_source_and_read_it_now(fr: Any, feed_server: Server) -> None:
    page = fr.get("/intelligence/sources/new/")
    assert "Ajouter une source" in page.content.decode()
    bad = fr.post(
        "/intelligence/sources/new/",
        {
            "name": "X",
            "kind": "feed",
            "url": "file:///etc/passwd",
            "theme": "market",
            "reliability": 5,
            "poll_every_hours": 24,
        },
    )
    assert bad.status_code == 200
    assert "Seules les adresses http:// et https://" in bad.content.decode()
    done = fr.post(
        "/intelligence/sources/new/",
        {"name": "Gulf", "kind": "feed", "url": f"{feed_server.url}/feed.xml", "theme": "market",
         "country": "AE", "reliability": 2, "poll_every_hours": 6, "active": "on"},
    )  # fmt: skip
    source = Source.objects.get(name="Gulf")
    assert done.status_code == 302 and done["Location"] == source.get_absolute_url()
    assert fr.get(f"/intelligence/sources/{source.pk}/poll/").status_code == 405  # no write on GET
    fr.post(f"/intelligence/sources/{source.pk}/poll/")
    assert Item.objects.filter(source=source).count() == 3
    shown = fr.get(source.get_absolute_url()).content.decode()
    assert "Demand for cast-iron casseroles grows in Dubai" in shown
    assert "2 - usually reliable" not in shown and "Lire maintenant" in shown


def test_a_failing_source_shows_its_error_and_the_list_filters(
    en: Any, feed_server: Server
) -> None:
    source = services.save_source(
        source=None,
        values=SourceValues(
            name="Broken", kind="feed", url=f"{feed_server.url}/error", theme="market"
        ),
        user=None,
    )
    services.poll_source(source.pk)
    page = en.get(source.get_absolute_url()).content.decode()
    assert "Error answered by the server" in page and "HTTP 500" in page
    failing = en.get("/intelligence/sources/?status=failing").content.decode()
    assert "Broken" in failing
    assert "Broken" not in en.get("/intelligence/sources/?status=paused").content.decode()


def test_item_list_and_page_sanitised_with_its_alerts(en: Any, feed_server: Server) -> None:
    services.save_alert(
        alert=None, values=AlertValues(name="Cookware Gulf", terms="casserole"), user=None
    )
    _feed(feed_server)
    listing = en.get("/intelligence/?q=casseroles&country=AE").content.decode()
    assert "Demand for cast-iron casseroles grows in Dubai" in listing
    assert "Le Creuset opens" not in listing
    assert "Le Creuset opens" in en.get("/intelligence/?country=AE").content.decode()
    item = Item.objects.get(link="https://gulf.example/a1")
    page = en.get(item.get_absolute_url()).content.decode()
    assert "<b>casseroles</b>" in page and "<script>alert(1)" not in page
    assert "Cookware Gulf" in page
    # a summary written unsafe in the database is still shown sanitised
    Item.objects.filter(pk=item.pk).update(summary_html="<p>ok</p><script>alert(3)</script>")
    assert "alert(3)" not in en.get(item.get_absolute_url()).content.decode()


def test_alert_form_errors_on_their_field_in_french(fr: Any) -> None:
    page = fr.post(
        "/intelligence/alerts/new/",
        {"name": "Douane", "terms": '"droits de douane', "active": "on"},
    )
    assert "Ligne 1 : un guillemet n&#x27;est pas fermé." in page.content.decode()
    done = fr.post(
        "/intelligence/alerts/new/",
        {"name": "Douane", "terms": '"droits de douane"', "active": "on"},
    )
    alert = Alert.objects.get(name="Douane")
    assert done.status_code == 302 and alert.owner is not None  # not shared: the user's


def test_home_page_new_matches_marked_read(fr: Any, assistant: Any, feed_server: Server) -> None:
    services.save_alert(
        alert=None,
        values=AlertValues(name="Casseroles", owner=assistant, terms="casserole"),
        user=None,
    )
    _feed(feed_server)
    home = fr.get("/").content.decode()
    assert "Veille : 1 nouvel article pour vos alertes" in home
    match = Match.objects.get()
    fr.post("/intelligence/matches/read/", {"match": [match.pk], "next": "/"})
    assert "nouvel article pour vos alertes" not in fr.get("/").content.decode()


def test_product_and_country_pages_show_the_regulatory_watch(
    en: Any, product: Any, feed_server: Server
) -> None:
    _feed(feed_server)
    item = Item.objects.get(link="https://gulf.example/a2")
    en.post(
        f"/intelligence/items/{item.pk}/link/",
        {
            "products": [product.pk],
            "countries": "CN",
            "cn_code": "7323",
            "customs_topic": "anti_dumping",
        },
    )
    assert set(item.products.all()) == {product}
    title = "EU anti-dumping duty on Chinese enamelled steel cookware"
    assert title in en.get(product.get_absolute_url()).content.decode()
    assert title in en.get("/parties/countries/CN/").content.decode()
    bad = en.post(f"/intelligence/items/{item.pk}/link/", {"countries": "ZZ", "cn_code": "73x"})
    assert "Unknown country code: ZZ." in bad.content.decode()


def test_read_only_users_read_but_do_not_write(reader_client: Any, feed_server: Server) -> None:
    source = _feed(feed_server)
    assert reader_client.get("/intelligence/").status_code == 200
    assert reader_client.get(source.get_absolute_url()).status_code == 200
    assert reader_client.get("/intelligence/sources/new/").status_code == 403
    assert reader_client.post(f"/intelligence/sources/{source.pk}/poll/").status_code == 403
    assert reader_client.post(f"/intelligence/sources/{source.pk}/delete/").status_code == 403
    assert Source.objects.filter(pk=source.pk).exists()


# --------------------------------------------------------------------------- API


def test_api_sources_items_alerts_matches(en: Any, feed_server: Server, product: Any) -> None:
    bad = en.post("/api/intelligence/sources/", {"name": "X", "kind": "feed", "url": "ftp://x", "theme": "market"},
                  content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and "url" in bad.json()
    hours = en.post("/api/intelligence/sources/", {"name": "X", "kind": "feed", "url": "https://x.example/f",
                    "theme": "market", "poll_every_hours": 1000}, content_type="application/json")  # fmt: skip
    assert hours.status_code == 400 and "poll_every_hours" in hours.json()
    created = en.post(
        "/api/intelligence/sources/",
        {
            "name": "Gulf",
            "kind": "feed",
            "url": f"{feed_server.url}/feed.xml",
            "theme": "market",
            "country": "AE",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    alert = en.post(
        "/api/intelligence/alerts/",
        {"name": "Duties", "terms": '"anti-dumping duty"', "shared": True},
        content_type="application/json",
    )
    assert alert.status_code == 201 and alert.json()["shared"] is True
    wrong = en.post(
        "/api/intelligence/alerts/",
        {"name": "W", "terms": '"open'},
        content_type="application/json",
    )
    assert wrong.json() == {"terms": ["Line 1: a quote is not closed."]}
    pk = created.json()["id"]
    assert en.post(f"/api/intelligence/sources/{pk}/poll/").status_code == 202
    items = en.get("/api/intelligence/items/?q=dumping").json()
    assert items["count"] == 1 and items["results"][0]["alerts"] == [alert.json()["id"]]
    item_id = items["results"][0]["id"]
    assert en.get("/api/intelligence/items/?since=yesterday").json() == {
        "since": ["Use the form YYYY-MM-DD."]
    }
    linked = en.post(
        f"/api/intelligence/items/{item_id}/link/",
        {
            "products": [product.pk],
            "countries": ["CN"],
            "cn_code": "73239200",
            "customs_topic": "anti_dumping",
        },
        content_type="application/json",
    )
    assert linked.status_code == 200 and linked.json()["countries"] == ["CN"]
    matches = en.get("/api/intelligence/matches/?unread=1").json()
    assert matches["count"] == 1
    assert en.post(
        "/api/intelligence/matches/read/", {}, content_type="application/json"
    ).json() == {"matches": ["List the matches, or send all."]}
    read = en.post(
        "/api/intelligence/matches/read/", {"all": True}, content_type="application/json"
    )
    assert read.json() == {"read": 1}
    assert en.get("/api/intelligence/matches/?unread=1").json()["count"] == 0
    # deleting a source is a manager's
    refused = en.delete(f"/api/intelligence/sources/{pk}/")
    assert refused.status_code == 403 and "detail" in refused.json()


def test_api_read_only_user_reads_and_marks_read(reader_client: Any, feed_server: Server) -> None:
    services.save_alert(alert=None, values=AlertValues(name="All", terms="casserole"), user=None)
    _feed(feed_server)
    assert reader_client.get("/api/intelligence/items/").json()["count"] == 3
    refused = reader_client.post(
        "/api/intelligence/alerts/", {"name": "R", "terms": "x"}, content_type="application/json"
    )
    assert refused.status_code == 403
    done = reader_client.post(
        "/api/intelligence/matches/read/", {"all": True}, content_type="application/json"
    )
    assert done.json() == {"read": 1}
    services.link_item(item=Item.objects.first(), values=LinkValues(cn_code="7323"), user=None)  # type: ignore[arg-type]
