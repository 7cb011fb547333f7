"""Sources read from a local server (feeds, pages, faults), documents, alerts, matches, digest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from comptoir.intelligence import fetch, selectors, services
from comptoir.intelligence.inputs import AlertValues, DocumentValues, LinkValues, SourceValues
from comptoir.intelligence.models import Item, Match, Source
from comptoir.parties.models import Company

from .conftest import PAGE, Server

pytestmark = pytest.mark.django_db


def make_source(url: str = "", kind: str = "feed", **values: Any) -> Source:
    fields: dict[str, Any] = {
        "name": "Gulf Retail News",
        "kind": kind,
        "url": url,
        "theme": "market",
    }
    fields.update(values)
    return services.save_source(source=None, values=SourceValues(**fields), user=None)


def make_alert(terms: str, **values: Any) -> Any:
    return services.save_alert(
        alert=None,
        values=AlertValues(name=values.pop("name", terms[:30]), terms=terms, **values),
        user=None,
    )


# --------------------------------------------------------------------------- feeds


def test_a_feed_is_read_its_html_sanitised_and_each_item_stored_once(feed_server: Server) -> None:
    source = make_source(f"{feed_server.url}/feed.xml", country="AE")
    assert services.poll_source(source.pk)["new"] == 3
    first = Item.objects.get(link="https://gulf.example/a1")
    assert "<b>casseroles</b>" in first.summary_html
    for bad in ("<script", "alert(1)", "<img", "javascript:"):
        assert bad not in first.summary_html
    assert first.text.startswith("Hotels order casseroles")
    assert first.published_at == dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC)
    # read again: nothing new, nothing twice
    assert services.poll_source(source.pk)["new"] == 0
    assert Item.objects.count() == 3
    source.refresh_from_db()
    assert source.last_error == "" and source.last_success_at is not None
    # the item without an id is known by its normalised link (query sorted)
    assert Item.objects.filter(link="https://gulf.example/a3?b=2&a=1").exists()


def test_two_polls_at_once_store_each_item_once(feed_server: Server) -> None:
    source = make_source(f"{feed_server.url}/feed.xml")
    data = (feed_server.folder / "feed.xml").read_bytes()
    first = services.ingest_feed(source, data=data)
    second = services.ingest_feed(source, data=data)
    assert len(first) == 3 and second == []
    assert Item.objects.count() == 3


def test_conditional_get_reads_nothing_when_unchanged(feed_server: Server) -> None:
    source = make_source(f"{feed_server.url}/etag.xml", theme="regulation", country="JP")
    assert services.poll_source(source.pk)["new"] == 1
    assert services.poll_source(source.pk) == {"new": 0, "seconds": pytest.approx(0, abs=5)}
    assert feed_server.etag_sent_back == ["", '"v1"']
    source.refresh_from_db()
    assert source.etag == '"v1"' and not source.last_error


@pytest.mark.parametrize(
    ("path", "kind", "words"),
    [
        ("/slow", "timeout", "0.5 s"),
        ("/garbage", "garbage", "Not an RSS or Atom feed"),
        ("/huge", "too_big", "limit 204800"),
        ("/huge-unannounced", "too_big", "limit 204800"),
        ("/error", "http", "HTTP 500"),
        ("/loop", "redirects", "redirections"),
        ("/missing.xml", "http", "HTTP 404"),
    ],
)
def test_a_bad_source_gets_its_error_and_never_raises(
    feed_server: Server, path: str, kind: str, words: str
) -> None:
    source = make_source(feed_server.url + path)
    result = services.poll_source(source.pk)
    assert result["error"] == kind
    source.refresh_from_db()
    assert source.last_error_kind == kind
    assert words in source.last_error
    assert source.errors_in_a_row == 1 and source.last_polled_at is not None
    assert not Item.objects.exists()


def test_poll_due_queues_one_job_per_source_and_a_bad_one_blocks_none(feed_server: Server) -> None:
    bad = make_source(f"{feed_server.url}/garbage", name="Bad")
    slow = make_source(f"{feed_server.url}/slow", name="Slow")
    good = make_source(f"{feed_server.url}/feed.xml", name="Good")
    later = make_source(f"{feed_server.url}/atom.xml", name="Read an hour ago")
    Source.objects.filter(pk=later.pk).update(last_polled_at=timezone.now() - dt.timedelta(hours=1))
    make_source(kind="document", name="Reports")
    assert services.poll_due() == 3  # the test queue runs each job at once
    assert Item.objects.filter(source=good).count() == 3
    assert Source.objects.get(pk=bad.pk).last_error_kind == "garbage"
    assert Source.objects.get(pk=slow.pk).last_error_kind == "timeout"
    assert not Item.objects.filter(source=later).exists()
    assert services.poll_due() == 0  # read just now: not due again


def test_addresses_that_may_not_be_read(feed_server: Server, settings: Any) -> None:
    with pytest.raises(ValidationError) as bad:
        make_source("file:///etc/passwd")
    assert "url" in bad.value.message_dict
    with pytest.raises(fetch.FetchError) as refused:
        fetch.fetch("ftp://example.com/feed")
    assert refused.value.kind == "refused"
    settings.INTELLIGENCE_ALLOW_PRIVATE_ADDRESSES = False
    for url in (f"{feed_server.url}/feed.xml", "http://10.1.2.3/feed", "http://[::1]/"):
        with pytest.raises(fetch.FetchError) as local:
            fetch.fetch(url)
        assert local.value.kind == "refused"
    source = make_source(f"{feed_server.url}/feed.xml")
    assert services.poll_source(source.pk)["error"] == "refused"
    assert feed_server.hits.get("/feed.xml") is None


def test_source_values_checked_with_field_names() -> None:
    with pytest.raises(ValidationError) as bad:
        make_source("", poll_every_hours=0, country="XX", reliability=9)
    assert set(bad.value.message_dict) == {"url", "poll_every_hours", "country", "reliability"}


# --------------------------------------------------------------------------- pages and documents


def test_a_page_makes_a_new_item_when_its_text_changes(feed_server: Server) -> None:
    url = feed_server.write("notice.html", PAGE.format(text="First version of the notice."))
    source = make_source(url, kind="page", theme="regulation")
    assert services.poll_source(source.pk)["new"] == 1
    assert services.poll_source(source.pk)["new"] == 0
    feed_server.write("notice.html", PAGE.format(text="Second version: the rate is 25.6 %."))
    assert services.poll_source(source.pk)["new"] == 1
    latest = Item.objects.filter(source=source).order_by("-id").first()
    assert latest is not None and "25.6 %" in latest.text
    assert "Home | About" not in latest.text
    assert latest.title == "Customs notice 2026/12"


def _pdf(text: str) -> bytes:
    """A one-page PDF with a line of text (what pypdf reads)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_documents_uploaded_pdf_and_text(assistant: Any) -> None:
    source = make_source(kind="document", name="Reports", theme="regulation")
    alert = make_alert("anti-dumping")
    pdf = services.add_document(
        source=source,
        values=DocumentValues(
            filename="notice.pdf", content=_pdf("New anti-dumping duty on cookware")
        ),
        user=assistant,
    )
    assert "anti-dumping duty" in pdf.text and pdf.file
    assert Match.objects.filter(item=pdf, alert=alert).exists()
    note = services.add_document(
        source=source,
        values=DocumentValues(
            filename="note.txt", content="Visite Dubaï\nLes hôtels achètent".encode(), title="Note"
        ),
        user=assistant,
    )
    assert note.title == "Note" and "hôtels" in note.text
    for values, words in (
        (DocumentValues(filename="x.exe", content=b"MZ"), "PDF"),
        (DocumentValues(filename="x.txt", content=b""), "empty"),
        (
            DocumentValues(
                filename="note.txt", content="Visite Dubaï\nLes hôtels achètent".encode()
            ),
            "already",
        ),
        (DocumentValues(filename="x.pdf", content=b"%PDF-1.4 broken"), "PDF"),
        (
            DocumentValues(filename="big.txt", content=b"a" * (services.MAX_DOCUMENT_BYTES + 1)),
            "10 MB",
        ),
    ):
        with pytest.raises(ValidationError) as bad:
            services.add_document(source=source, values=values, user=assistant)
        assert words in bad.value.message_dict["file"][0]


# --------------------------------------------------------------------------- alerts


def test_alerts_match_items_arriving_and_items_already_there(feed_server: Server) -> None:
    casseroles = make_alert("casserole", name="Cookware demand", country="AE")
    source = make_source(f"{feed_server.url}/feed.xml", country="AE")
    services.poll_source(source.pk)
    assert list(Match.objects.filter(alert=casseroles).values_list("item__link", flat=True)) == [
        "https://gulf.example/a1"
    ]
    # created afterwards: the last 90 days are matched at once
    duties = make_alert('"anti-dumping duties"\nréglementations', name="Duties")
    assert Match.objects.filter(alert=duties).count() == 1
    japan = make_source(f"{feed_server.url}/atom.xml", country="JP", theme="regulation")
    services.poll_source(japan.pk)
    assert Match.objects.filter(alert=duties).count() == 2
    # the country narrows: the Gulf alert does not see the Japanese item
    assert not Match.objects.filter(alert=casseroles, item__source=japan).exists()


def test_competitor_scope_excluded_words_and_a_change_of_alert(feed_server: Server) -> None:
    services.poll_source(make_source(f"{feed_server.url}/feed.xml").pk)
    rival = Company.objects.create(name="Le Creuset", country="FR", city="Fresnoy")
    alert = services.save_alert(
        alert=None, values=AlertValues(name="Rival", competitor=rival), user=None
    )
    assert [m.item.title for m in Match.objects.filter(alert=alert)] == [
        "Le Creuset opens a store in Riyadh"
    ]
    services.save_alert(
        alert=alert,
        values=AlertValues(name="Rival", competitor=rival, terms="store", excluded="Riyadh"),
        user=None,
    )
    assert not Match.objects.filter(alert=alert).exists()


def test_alert_terms_checked_with_the_line(assistant: Any) -> None:
    with pytest.raises(ValidationError) as bad:
        services.save_alert(
            alert=None,
            values=AlertValues(name="", terms='casserole\n"droits de douane'),
            user=assistant,
        )
    assert bad.value.message_dict["terms"] == ["Line 2: a quote is not closed."]
    assert "name" in bad.value.message_dict
    with pytest.raises(ValidationError) as empty:
        services.save_alert(alert=None, values=AlertValues(name="Nothing"), user=assistant)
    assert "terms" in empty.value.message_dict


def test_someone_elses_alert_is_changed_by_its_owner_or_a_manager(
    assistant: Any, manager: Any, reader: Any, django_user_model: Any
) -> None:
    from conftest import make_user

    other = make_user(django_user_model, "other", "assistant")
    alert = services.save_alert(
        alert=None, values=AlertValues(name="Mine", owner=assistant, terms="wok"), user=assistant
    )
    values = AlertValues(name="Mine", owner=assistant, terms="woks")
    with pytest.raises(PermissionDenied):
        services.save_alert(alert=alert, values=values, user=other)
    services.save_alert(alert=alert, values=values, user=manager)
    with pytest.raises(PermissionDenied):
        services.save_alert(alert=None, values=AlertValues(name="R", terms="wok"), user=reader)


# --------------------------------------------------------------------------- home and digest


def test_unread_matches_mark_read_and_the_daily_digest(
    feed_server: Server, assistant: Any, manager: Any
) -> None:
    assistant.email = "claire@example.com"
    assistant.save()
    assistant.profile.language = "fr"
    assistant.profile.save()
    manager.email = "marc@example.com"
    manager.save()
    make_alert("casserole", name="Casseroles", owner=assistant)
    make_alert("dumping", name="Droits antidumping")  # shared
    services.poll_source(make_source(f"{feed_server.url}/feed.xml").pk)
    mine = selectors.matches_of(assistant, unread=True)
    assert mine.count() == 2
    assert selectors.matches_of(manager, unread=True).count() == 1
    assert services.queue_digests(timezone.localdate()) == 2  # the test queue sends at once
    to_claire = next(m for m in mail.outbox if m.to == ["claire@example.com"])
    assert to_claire.subject == "Comptoir veille : 2 nouveaux articles pour vos alertes"
    assert "Demand for cast-iron casseroles grows in Dubai" in to_claire.body
    assert "Bonjour" in to_claire.body
    mail.outbox.clear()
    assert services.queue_digests(timezone.localdate()) == 0  # nothing new: no e-mail
    assert mail.outbox == []
    services.mark_read(matches=list(mine[:1]), user=assistant)
    assert selectors.matches_of(assistant, unread=True).count() == 1
    assert selectors.matches_of(manager, unread=True).count() == 1  # read separately


# --------------------------------------------------------------------------- regulatory watch


def test_an_item_linked_to_products_countries_and_a_cn_code(
    feed_server: Server, product: Any, assistant: Any, reader: Any
) -> None:
    services.poll_source(make_source(f"{feed_server.url}/feed.xml").pk)
    item = Item.objects.get(link="https://gulf.example/a2")
    services.link_item(
        item=item,
        values=LinkValues(countries=("cn", "VN"), cn_code="7323 92", customs_topic="anti_dumping"),
        user=assistant,
    )
    assert list(selectors.items_of_product(product)) == [item]  # 732392 covers 73239200
    assert list(selectors.items_of_country("CN")) == [item]
    services.link_item(item=item, values=LinkValues(products=(product,)), user=assistant)
    assert list(selectors.items_of_product(product)) == [item]
    assert not selectors.items_of_country("CN").exists()
    with pytest.raises(ValidationError) as bad:
        services.link_item(
            item=item,
            values=LinkValues(countries=("XX",), cn_code="73a", customs_topic="?"),
            user=assistant,
        )
    assert set(bad.value.message_dict) == {"countries", "cn_code", "customs_topic"}
    with pytest.raises(PermissionDenied):
        services.link_item(item=item, values=LinkValues(), user=reader)


def test_the_cron_command_queues_the_sources_due(feed_server: Server) -> None:
    import io
    import json

    from django.core.management import call_command

    source = make_source(f"{feed_server.url}/feed.xml")
    out = io.StringIO()
    call_command("intelligence", "poll", stdout=out)
    assert json.loads(out.getvalue()) == {"queued": 1}
    assert Item.objects.filter(source=source).count() == 3  # the test queue ran the job
    out = io.StringIO()
    call_command("intelligence", "poll", "--source", str(source.pk), stdout=out)
    assert json.loads(out.getvalue())["new"] == 0


def test_match_items_reads_and_writes_in_bulk(django_assert_max_num_queries: Any) -> None:
    """As many queries for 60 items as for 6: alerts, countries and matches read and written
    at once, never item by item; a second run stores nothing twice."""
    source = Source.objects.create(name="Bulk", kind="document", theme="market", country="AE")
    product = make_alert("casserole", name="Cookware")
    make_alert('"droits de douane"', name="Duties", excluded="recette")
    now = timezone.now()
    texts = ["Casseroles en fonte à Dubaï", "Les droits de douane montent", "Une recette"]
    items = Item.objects.bulk_create(
        [
            Item(source=source, fingerprint=f"bulk-{n}", title=f"Item {n}", text=texts[n % 3])
            for n in range(60)
        ]
    )
    for item in items:
        item.fetched_at = now
    with django_assert_max_num_queries(8):
        assert services.match_items(items[:6]) == 4
    with django_assert_max_num_queries(8):
        assert services.match_items(items) == 40 - 4
    with django_assert_max_num_queries(8):
        assert services.match_items(items) == 0
    assert Match.objects.filter(alert=product).count() == 20
