"""A purchase order from draft to goods receipt in the browser, in French and in English
(issue 15): the buyer types the order (FOB Ningbo, 30 % deposit, balance against the B/L
copy), issues it (PO-YYYY-NNNNN), records the supplier's confirmation with a price
difference and accepts it, marks the goods ready, creates the inbound shipment, then
receives the goods: a receipt above the order is refused with a clear message, the real
one with a shortage opens a claim to the supplier with its deadline. Then the supplier's
invoice bills the 5,000 lids ordered: the three-way match lists the 200 lids invoiced but not
received before approval, and the buyer disputes it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tests.e2e.browser import submit, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["fr", "en"]

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "saved": "Brouillon de commande enregistré.",
        "issued": "émise",
        "differences": "écart(s) à accepter ou contester",
        "accepted": "Écarts acceptés",
        "ready": "Marchandise prête.",
        "shipment": "Expédition à l'import",
        "refused": "pcs de plus peuvent être reçus",
        "claim": "réclamation(s) au fournisseur ouverte(s)",
        "shortage": "Manquant",
        "partly": "Partiellement reçue",
        "to_settle": "à régler",
        "disputed": "Contestée",
    },
    "en": {
        "saved": "Draft purchase order saved.",
        "issued": "issued",
        "differences": "difference(s) to accept or dispute",
        "accepted": "Differences accepted",
        "ready": "Goods ready.",
        "shipment": "Inbound shipment",
        "refused": "pcs more can be received",
        "claim": "claim(s) to the supplier opened",
        "shortage": "Shortage",
        "partly": "Partly received",
        "to_settle": "to settle",
        "disputed": "Disputed",
    },
}


def _main(page: Any) -> str:
    return str(page.locator("main").inner_text())


def _data() -> tuple[Any, Any]:
    from comptoir.catalog.models import Product
    from comptoir.parties.models import Company

    supplier = Company(
        name="Ningbo Enamel Works", country="CN", city="Ningbo", currency="USD", language="en"
    )
    supplier.role_list = ["supplier"]
    supplier.save()
    lid = Product.objects.create(
        reference="CMP-LID-24",
        name_fr="Couvercle fonte émaillée 24 cm",
        name_en="Enamelled cast-iron lid 24 cm",
        hs_code="732394",
        origin_country="CN",
        net_weight_kg=Decimal("1.6"),
        gross_weight_kg=Decimal("1.75"),
        cost_price=Decimal("2.4"),
    )
    return supplier, lid


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_order_to_receipt(logged_in, language):  # type: ignore[no-untyped-def]
    from comptoir.purchasing.models import PurchaseOrder

    texts = TEXTS[language]
    supplier, lid = _data()
    page = logged_in
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    switch_language(page, language)

    page.goto("/purchasing/new/")
    page.select_option("#id_supplier", str(supplier.pk))
    page.fill("#id_supplier_reference", "PI-2026-118")
    page.select_option("#id_currency", "USD")
    page.select_option("#id_incoterm", "FOB")
    page.fill("#id_named_place", "Ningbo")
    page.select_option("#id_payment_instrument", "deposit")
    page.fill("#id_deposit_pct", "30")
    page.select_option("#id_balance_trigger", "bl_copy")
    page.select_option("#id_lines-0-product", str(lid.pk))
    page.fill("#id_lines-0-supplier_reference", "HL-EL-24")
    page.fill("#id_lines-0-quantity", "5000")
    page.fill("#id_lines-0-unit_price", "1.85")
    submit(page, "#save-order")
    assert texts["saved"] in _main(page)

    submit(page, "#issue-order")
    order = PurchaseOrder.objects.get()
    assert order.number == f"PO-{dt.date.today().year}-00001"
    assert order.number in _main(page) and texts["issued"] in _main(page)
    assert "2 775,00" in _main(page).replace("\u202f", " ").replace("\xa0", " ") or (
        "2,775.00" in _main(page)
    )  # the 30 % deposit

    # the supplier confirms a higher price: the difference is listed, then accepted
    line = order.lines.get()
    page.fill(f"#id_c{line.pk}-unit_price", "1.95")
    submit(page, "#save-confirmation")
    assert texts["differences"] in _main(page)
    submit(page, "#accept-confirmation")
    assert texts["accepted"] in _main(page)

    submit(page, "#goods-ready")
    assert texts["ready"] in _main(page)
    submit(page, "#create-shipment")
    assert "IMP-" in _main(page) and texts["shipment"] in _main(page)

    # a receipt above the order is refused, nothing saved
    page.fill(f"#id_r{line.pk}-received", "5200")
    submit(page, "#save-receipt")
    assert texts["refused"] in _main(page)
    assert not order.receipts.exists()

    # the real receipt: 200 lids short of the 5000 announced
    page.fill(f"#id_r{line.pk}-received", "4800")
    submit(page, "#save-receipt")
    main = _main(page)
    assert texts["claim"] in main and texts["shortage"] in main and texts["partly"] in main

    # the supplier invoices the 5,000 lids ordered at the confirmed price
    submit(page, "#record-supplier-invoice")
    page.fill("#id_number", "HL-INV-26-118")
    page.fill("#id_invoice_date", dt.date.today().isoformat())
    page.fill("#id_eur_rate", "0.92")
    page.fill(f"#id_qty_{line.pk}", "5000")
    page.fill(f"#id_price_{line.pk}", "1.95")
    submit(page, "#save-invoice")
    main = _main(page)
    assert "HL-INV-26-118" in main and texts["to_settle"] in main
    assert "4800" in main.replace("\u202f", "").replace("\xa0", "").replace(",", "").replace(
        " ", ""
    )  # what was received, against the 5000 invoiced
    assert page.locator("#approve").count() == 0  # an assistant cannot approve differences
    page.fill("#id_reason", "200 lids short on receipt: credit note expected.")
    submit(page, "#dispute")
    assert texts["disputed"] in page.locator("#status").inner_text()
    assert errors == []
