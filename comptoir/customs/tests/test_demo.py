"""The customs demo: the tariff excerpt, the Ningbo import with one difference to explain,
an export with its proof and one without after 30 days (with its task), the carnet."""

from __future__ import annotations

import pytest

from comptoir.customs import selectors
from comptoir.customs.models import (
    Carnet,
    ExportDeclaration,
    ImportEntry,
    SpecialProcedure,
    TariffRate,
)
from comptoir.demo import customs as demo
from comptoir.shipping.models import Shipment

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_demo_customs(world, assistant):  # type: ignore[no-untyped-def]
    TariffRate.objects.all().delete()  # the demo brings its own excerpt
    Shipment.objects.filter(pk=world.inbound.pk).update(reference="PO-2026-031 NGB")
    Shipment.objects.filter(pk=world.outbound.pk).update(reference="SO-1 TYO")
    counts = demo.build({"claire": assistant})
    assert counts["import_declarations"] == 1 and counts["export_declarations"] == 1
    entry = ImportEntry.objects.get()
    differences = selectors.differences(entry)
    beyond = [d for d in differences if not d.within_tolerance]
    assert {(d.position, d.figure) for d in beyond} >= {(1, "duty")}
    export = ExportDeclaration.objects.get()
    assert export.exited and export.declared_on < TODAY
    carnet = Carnet.objects.get()
    assert [i.missing for i in carnet.items.order_by("position")] == [2, 0, 0]
    assert SpecialProcedure.objects.count() == 2


def test_demo_without_the_shipments(db, assistant):  # type: ignore[no-untyped-def]
    counts = demo.build({"claire": assistant})
    assert counts["import_declarations"] == 0 and counts["export_declarations"] == 0
    assert counts["ata_carnets"] == 1
