"""The demo's market intelligence: sources for Japan, the Gulf and North America and the
EU's trade defence notices, their items, the team's alerts and what they matched.

The feeds are files of the package (``demo/feeds/*.xml``), ingested through the same service
as a poll (``intelligence.services.ingest_feed``) without any network; their dates are
written relative to the day the demo is built ({d3} = three days ago), so the items are
always recent. The returned :class:`DemoIntelligence` carries the items by key, for the
market studies demo (the thematic file "cookware demand in the Gulf" clips them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from comptoir.catalog.models import Product
from comptoir.intelligence import services
from comptoir.intelligence.inputs import AlertValues, DocumentValues, LinkValues, SourceValues
from comptoir.intelligence.models import Item, Match, Source

FEEDS = Path(__file__).resolve().parent / "feeds"

#: (key, file, values of the source)
SOURCES: list[tuple[str, str, dict[str, Any]]] = [
    ("gulf", "gulf.xml", dict(name="Gulf Hospitality & Retail Monitor", country="AE",
                              sector="hotel and retail", theme="market", language="en",
                              reliability=3, url="https://gulf-retail.example/feed.xml")),
    ("japan", "japan.xml", dict(name="Veille Japon - arts de la table", country="JP",
                                sector="cookware", theme="market", language="fr", reliability=2,
                                url="https://veille-japon.example/atom.xml")),
    ("north_america", "north_america.xml", dict(name="North American Housewares Report",
                                                country="US", sector="housewares",
                                                theme="competitor", language="en",
                                                reliability=3,
                                                url="https://housewares-na.example/rss")),
    ("trade_defence", "eu_trade_defence.xml", dict(name="EU trade defence notices", country="",
                                                   sector="", theme="regulation", language="en",
                                                   reliability=1,
                                                   url="https://trade-defence.example/rss")),
]  # fmt: skip

VISIT_NOTE = """Compte rendu de visite - Dubaï, salon Hotel Show

Rencontré trois acheteurs de chaînes hôtelières : forte demande de cocottes en fonte émaillée
24 et 28 cm pour les buffets, délais souhaités sous 8 semaines, prix DAP Jebel Ali.
Concurrents présents : Le Creuset, Staub. Les distributeurs demandent des supports en anglais
et en arabe et les certificats de contact alimentaire.
"""


@dataclass
class DemoIntelligence:
    """What the demo made: counts for the summary and the items for the studies demo."""

    sources: dict[str, Source] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def _feed_bytes(name: str, now: dt.datetime) -> bytes:
    text = (FEEDS / name).read_text(encoding="utf-8")
    for days in range(0, 31):
        day = now - dt.timedelta(days=days, hours=2)
        text = text.replace("{d" + str(days) + "iso}", day.strftime("%Y-%m-%dT%H:%M:%SZ"))
        text = text.replace("{d" + str(days) + "}", format_datetime(day, usegmt=True))
    return text.encode("utf-8")


def build(users: dict[str, User]) -> DemoIntelligence:
    """Sources, items (no network), alerts and their matches; a regulatory link."""
    claire, julien = users.get("claire"), users.get("julien")
    now = timezone.now().astimezone(dt.UTC)
    made = DemoIntelligence()
    # the alerts first: the items are matched as they arrive, as in real life
    alerts = [
        AlertValues(name="Cookware demand in the Gulf", owner=claire, country="AE",
                    terms="casserole\ncocotte\n\"cast-iron\"\ncookware demand"),
        AlertValues(name="Anti-dumping on what we buy", owner=None, theme="regulation",
                    terms="anti-dumping\nantidumping\n\"droit antidumping\"",
                    excluded="initiation"),
        AlertValues(name="Competitors", owner=julien,
                    terms="\"Le Creuset\"\nStaub\nZwilling"),
        AlertValues(name="Japan: rules and standards", owner=claire, country="JP",
                    terms="règles d'origine\nréglementation\nstandards\nlabelling"),
    ]  # fmt: skip
    for values in alerts:
        services.save_alert(alert=None, values=values, user=values.owner or claire)
    for key, name, fields in SOURCES:
        source = services.save_source(
            source=None,
            values=SourceValues(kind="feed", poll_every_hours=24, **fields),
            user=claire,
        )
        made.sources[key] = source
        services.ingest_feed(source, data=_feed_bytes(name, now))
        source.last_polled_at = source.last_success_at = now
        source.save(update_fields=["last_polled_at", "last_success_at"])
    reports = services.save_source(
        source=None,
        values=SourceValues(name="Rapports et comptes rendus de visite", kind="document",
                            theme="market", country="AE", sector="cookware", language="fr",
                            reliability=2),
        user=claire,
    )  # fmt: skip
    made.sources["reports"] = reports
    made.items["visit_report"] = services.add_document(
        source=reports,
        values=DocumentValues(
            filename="compte-rendu-dubai.txt",
            content=VISIT_NOTE.encode("utf-8"),
            title="Compte rendu de visite - Dubaï, Hotel Show",
            published_on=(now - dt.timedelta(days=7)).date(),
        ),
        user=claire,
    )
    by_link = {i.link: i for i in Item.objects.exclude(link="")}
    keys = {
        "dubai_hotels": "https://gulf-retail.example/2026/dubai-hotels-cookware",
        "saudi_retail": "https://gulf-retail.example/2026/saudi-retail-kitchen",
        "saber": "https://gulf-retail.example/2026/saber-cookware",
        "qatar_fair": "https://gulf-retail.example/2026/qatar-horeca-fair",
        "tokyo": "https://veille-japon.example/2026/cocottes-tokyo",
        "anti_dumping": "https://trade-defence.example/2026/ad-enamelled-steel-cookware",
        "us_tariffs": "https://housewares-na.example/2026/us-tariff-review",
    }
    made.items.update({k: by_link[url] for k, url in keys.items() if url in by_link})
    # regulatory watch: the anti-dumping duty concerns enamelled steel bought in China
    duty = made.items.get("anti_dumping")
    if duty is not None:
        bought = tuple(Product.objects.filter(cn_code__startswith="732394")[:5])
        services.link_item(
            item=duty,
            values=LinkValues(
                products=bought,
                countries=("CN",),
                cn_code="732394",
                customs_topic="anti_dumping",
                link_note="Check the TARIC additional code on every import from China.",
            ),
            user=claire,
        )
    saber = made.items.get("saber")
    if saber is not None:
        services.link_item(
            item=saber,
            values=LinkValues(countries=("SA",), customs_topic="standards"),
            user=claire,
        )
    made.counts = {
        "intelligence_sources": Source.objects.count(),
        "intelligence_items": Item.objects.count(),
        "intelligence_matches": Match.objects.count(),
    }
    return made
