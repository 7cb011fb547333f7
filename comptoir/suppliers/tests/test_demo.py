"""The demo's supplier panel: four suppliers with their files, an audit with findings, the
enamelled lids among the supplied products, deliveries so that the OTIF is not empty, and a
decided review; the daily job then opens the reminders."""

from __future__ import annotations

import pytest

from comptoir.demo import suppliers as demo
from comptoir.parties.models import Task
from comptoir.suppliers import selectors, services
from comptoir.suppliers.models import Review, SupplierFile

from .conftest import TODAY, supplier_company

pytestmark = pytest.mark.django_db


def test_demo_suppliers(assistant, manager) -> None:  # type: ignore[no-untyped-def]
    for name, country in (
        ("Guangzhou Huali Bakelite Co., Ltd.", "CN"),
        ("Pune Stainless Works Pvt Ltd", "IN"),
        ("Alluminio Brianza S.p.A.", "IT"),
        ("Madeiras do Minho Lda", "PT"),
    ):
        supplier_company(name, country)
    counts = demo.build({"claire": assistant, "julien": manager})
    assert counts == {"supplier_files": 4, "supplier_deliveries": 16}
    huali = SupplierFile.objects.get(company__country="CN")
    assert huali.audits.get().findings.startswith("Fire exits")
    assert selectors.supplier_reliability(huali.company) is not None
    lid = selectors.supplied_products(demo._lid(None))
    assert {s.supplier.company.country for s in lid} == {"CN", "IN"}
    review = Review.objects.get(supplier=huali)
    assert review.decision == "watch" and review.score is not None
    figures = selectors.performance(huali)
    assert figures.otif.count == 6 and figures.trends
    # the day's job: the expiring ISO 9001, the expired SA8000, the FSC renewal, the audits
    # never made (three suppliers) and the overdue corrective action
    opened = services.plan_reminders(TODAY)
    assert opened >= 6
    assert Task.objects.filter(title__contains="SA8000", assigned_to=assistant).exists()
    assert Task.objects.filter(title__startswith="Corrective action").exists()
    # again: nothing more (the demo may be built twice on the same database)
    assert demo.build({"claire": assistant, "julien": manager})["supplier_files"] == 0
    assert services.plan_reminders(TODAY) == 0


def test_demo_without_suppliers_makes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    assert demo.build({}) == {"supplier_files": 0, "supplier_deliveries": 0}
