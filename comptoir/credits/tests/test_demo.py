"""The demo's credits, built through the services with the real document checker."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.credits import selectors
from comptoir.credits.models import Credit
from comptoir.demo import credits as demo
from comptoir.parties.models import Company

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_demo_credits(
    seller: Any, product: Any, usd_rate: Any, assistant: Any, manager: Any
) -> None:
    from comptoir.catalog.models import Product

    gulf = Company(name=demo.CLIENT, country="AE", city="Dubai", currency="USD")
    gulf.role_list = ["client"]
    gulf.save()
    supplier = Company(name="Ningbo Kitchenware Co.", country="CN", city="Ningbo")
    supplier.role_list = ["supplier"]
    supplier.save()
    second = Product.objects.get(pk=product.pk)
    second.pk = None
    second.reference = "FP-28"
    second.save()
    assert demo.build({"claire": assistant, "julien": manager}) == {"documentary_credits": 2}
    export = Credit.objects.get(direction="export")
    assert export.status == "paid" and export.amount == 22680
    assert export.amendments.get().status == "accepted"
    first, second = export.presentations.order_by("sequence")
    assert first.compliant, first.check_result["discrepancies"]
    assert first.status == "paid"
    assert not second.compliant and second.presented_anyway
    assert {d["code"] for d in second.check_result["discrepancies"]} == {"NOT_CLEAN"}
    assert second.notice.outcome == "waived" and second.status == "paid"
    # what fits after the amendment: nothing blocking
    found, _error = selectors.findings(export, TODAY)
    assert not [f.code for f in found if f.severity == "blocking"]
    imported = Credit.objects.get(direction="import")
    assert imported.status == "received"
    kinds = {row["kind"] for row in selectors.deadlines_due(TODAY) if row["credit"] == imported}
    assert "shipment" in kinds


def test_demo_without_the_client_makes_only_the_import(db: Any) -> None:
    assert demo.build({}) == {"documentary_credits": 0}
