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
    # built once (a few minutes): the two earlier years and the screening are checked on the
    # same demo (the screening test was a second whole build, ~250 s, in compliance/tests)
    _assert_history(counts)
    _assert_screening(counts)


def _assert_screening(counts: dict[str, int]) -> None:
    """The demo's screening: four lists, one hit on a demo contact judged a false positive,
    nothing else raised on the demo's partners, nothing blocking the demo's orders."""
    from comptoir.compliance.models import Hit, HitStatus, ListVersion

    assert counts["sanctions_lists"] == 4 and counts["hits_reviewed"] == 1
    assert set(ListVersion.objects.filter(is_current=True).values_list("source", flat=True)) == {
        "eu",
        "un",
        "ofac",
        "uk",
    }
    hit = Hit.objects.get()
    assert hit.contact is not None and hit.contact.last_name == "Al Mansouri"
    assert hit.status == HitStatus.FALSE_POSITIVE and hit.reviewed_by.username == "julien"
    assert "born in 1979" in hit.review_reason


def _assert_history(counts: dict[str, int]) -> None:
    """Two earlier years of issued invoices, numbered gapless and in date order each year,
    every one settled by payments or credit notes; their shipments and purchases."""
    import datetime as dt
    from collections import defaultdict

    from django.db.models import Sum
    from django.utils import timezone

    from comptoir.demo import history
    from comptoir.purchasing.models import PurchaseOrder
    from comptoir.sales.models import DunningLetter, Invoice, Payment
    from comptoir.supplier_invoices.models import SupplierInvoice
    from comptoir.suppliers.models import PricePoint

    start = history.demo_year_start()
    one_year_before = start - dt.timedelta(days=365)
    issued = Invoice.objects.filter(status=Invoice.Status.ISSUED)
    earlier = issued.filter(kind=Invoice.Kind.INVOICE, issue_date__lt=start)
    assert earlier.filter(issue_date__lt=one_year_before).count() >= 40
    assert earlier.filter(issue_date__gte=one_year_before).count() >= 40
    assert issued.filter(kind=Invoice.Kind.CREDIT_NOTE, issue_date__lt=start).exists()
    # gapless and chronological per kind and year, history and demo year together
    numbers: dict[tuple[str, int], list[tuple[int, dt.date]]] = defaultdict(list)
    for kind, number, day in issued.values_list("kind", "number", "issue_date"):
        numbers[(kind, day.year)].append((int(number.rsplit("-", 1)[1]), day))
    assert len({year for _kind, year in numbers}) >= 3
    for key, rows in numbers.items():
        rows.sort()
        assert [n for n, _d in rows] == list(range(1, len(rows) + 1)), key
        assert [d for _n, d in rows] == sorted(d for _n, d in rows), key
    # every earlier invoice is settled: allocations (and credit notes) make up its total
    for invoice in earlier:
        paid = invoice.allocations.aggregate(s=Sum("amount"))["s"] or 0
        assert paid == invoice.paid_total and invoice.balance_due == 0, invoice.number
    for payment in Payment.objects.filter(received_on__lt=start):
        allocated = payment.allocations.aggregate(s=Sum("amount"))["s"]
        assert allocated is not None and payment.allocations.exists()
    # late payers were reminded
    assert DunningLetter.objects.filter(sent_on__lt=start).count() >= 5
    # shipped with milestones and freight: most on time, a few late
    assert counts["history_shipments"] >= 40
    late = on_time = 0
    for shipment in Shipment.objects.filter(created_at__date__lt=start).prefetch_related(
        "milestones"
    ):
        assert shipment.freight_cost and shipment.freight_cost > 0, shipment.number
        delivered = next(m for m in shipment.milestones.all() if m.step == "delivery")
        assert delivered.actual_at is not None and delivered.planned_on is not None
        if timezone.localdate(delivered.actual_at) > delivered.planned_on:
            late += 1
        else:
            on_time += 1
    assert late >= 3 and on_time > 4 * late, (late, on_time)
    # purchases received, invoiced and paid; the Italian discs' price rose in the last year
    orders = PurchaseOrder.objects.filter(order_date__lt=start)
    assert orders.count() >= 20 and counts["history_purchase_orders"] == orders.count()
    assert SupplierInvoice.objects.filter(order__in=orders, status="paid").count() >= 15
    discs = PricePoint.objects.filter(product__reference="CMP-DISC", day__lt=start)
    first_year = {p.unit_price for p in discs.filter(day__lt=one_year_before)}
    last_year = {p.unit_price for p in discs.filter(day__gte=one_year_before)}
    assert first_year and last_year and min(last_year) > max(first_year)


def _origin_statements() -> dict[str, int]:
    from comptoir.sales.models import Invoice

    counts: dict[str, int] = {}
    for invoice in Invoice.objects.filter(kind="invoice", status="issued").select_related("client"):
        if any(m.get("key") == "origin" for m in invoice.mentions):
            counts[invoice.client.country] = counts.get(invoice.client.country, 0) + 1
    return counts
