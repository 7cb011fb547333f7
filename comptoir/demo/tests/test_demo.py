"""The demo builds from an empty database and shows what the README promises."""

from __future__ import annotations

import pytest

from comptoir.demo import build_demo
from comptoir.shipping.models import Shipment

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_builds_with_its_shipments() -> None:
    counts = build_demo(load_hs=False)
    assert counts["orders"] > 20 and counts["shipments"] == 4
    assert counts["claims"] == 2 and counts["freight_requests"] >= 1
    assert counts["intelligence_items"] >= 10 and counts["intelligence_matches"] >= 5
    assert counts["intra_eu_evidence"] >= 3 and counts["intra_eu_filed"] >= 1
    # statements on origin on the invoices to the UK, Japan and Canada (demo/origin.py)
    assert counts["product_origins"] > 50 and counts["supplier_declarations"] == 2
    statements = _origin_statements()
    assert statements.get("GB") and statements.get("JP") and statements.get("CA"), statements
    by_tag = {
        tag: Shipment.objects.get(reference__contains=tag) for tag in ("CASA", "TYO", "MUC", "NGB")
    }
    assert (by_tag["CASA"].mode, by_tag["CASA"].status) == ("sea_fcl", "delivered")
    assert by_tag["CASA"].containers.count() == 1
    assert by_tag["TYO"].mode == "air" and by_tag["MUC"].mode == "road_groupage"
    ningbo = by_tag["NGB"]
    assert (ningbo.direction, ningbo.mode, ningbo.status) == ("import", "sea_lcl", "in_transit")
    # the import is late at Le Havre: its arrival was planned two days ago
    assert ningbo.milestones.get(step="arrival").actual_at is None


def _origin_statements() -> dict[str, int]:
    from comptoir.sales.models import Invoice

    counts: dict[str, int] = {}
    for invoice in Invoice.objects.filter(kind="invoice", status="issued").select_related("client"):
        if any(m.get("key") == "origin" for m in invoice.mentions):
            counts[invoice.client.country] = counts.get(invoice.client.country, 0) + 1
    return counts
