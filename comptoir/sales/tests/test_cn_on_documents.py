"""The documents print the product's CN code and its label in the partner's language (the
short form of catalog.selectors.cn_short_label); an issued invoice keeps what it printed."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from comptoir.catalog import services as catalog_services
from comptoir.catalog.models import Product
from comptoir.catalog.tests.cn_sample import CN_CSV
from comptoir.sales import documents
from comptoir.sales.models import Order

from .conftest import make_order
from .test_invoice_rules import invoice_for, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def cn(db):  # type: ignore[no-untyped-def]
    return catalog_services.import_cn_nomenclature(stream=io.StringIO(CN_CSV), user=None)


def test_the_invoice_prints_the_cn_label_in_the_clients_language(
    seller, clients, product, assistant, cn
):
    french = pdf_text(bytes(invoice_for(make_order(clients["fr"], product), assistant).pdf))
    assert "73239200" in french and "en fonte, émaillés" in french
    assert "Code SH/NC" in french.replace("/ ", "/")
    english = pdf_text(bytes(invoice_for(make_order(clients["us"], product), assistant).pdf))
    assert "73239200" in english and "Of cast iron, enamelled" in english
    assert "en fonte, émaillés" not in english


def test_an_other_code_is_printed_with_its_heading(seller, clients, product, assistant, cn):
    Product.objects.filter(pk=product.pk).update(cn_code="73239900", taric_code="")
    product.refresh_from_db()
    text = pdf_text(bytes(invoice_for(make_order(clients["fr"], product), assistant).pdf))
    assert "73239900" in text
    assert "Articles de ménage ou d'économie domestique" in text and "— autres" in text


def test_an_issued_invoice_keeps_the_code_it_was_issued_with(
    seller, clients, product, assistant, cn
):
    invoice = invoice_for(make_order(clients["us"], product), assistant)
    printed = bytes(invoice.pdf)
    Product.objects.filter(pk=product.pk).update(cn_code="61091000", hs_code="610910")
    invoice.refresh_from_db()
    assert [line.hs_code for line in invoice.lines.all()] == ["73239200"]
    assert bytes(invoice.pdf) == printed


def test_the_proforma_and_the_order_confirmation_print_the_label(
    seller, clients, product, assistant, cn, client
):
    order = make_order(clients["fr"], product)
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CONFIRMED)
    client.force_login(assistant)
    for kind in ("proforma", "confirmation"):
        response = client.get(f"/sales/orders/{order.pk}/pdf/{kind}/")
        text = pdf_text(response.content)
        assert "73239200" in text and "en fonte, émaillés" in text, kind


def test_a_product_without_a_cn_code_prints_its_hs_code_alone(seller, clients, product, cn):
    Product.objects.filter(pk=product.pk).update(cn_code="", taric_code="")
    order = make_order(clients["fr"], product)
    rows = documents.commercial_context(order, "PRO-FORMA")["rows"]
    assert (rows[0]["hs_code"], rows[0]["goods_label"]) == ("732392", "")


def test_the_delivery_note_rows_carry_the_code_and_label(product, cn):
    rows = documents.delivery_rows(
        [{"product": product, "line": None, "cartons": 1, "net": Decimal(1), "gross": Decimal(1)}],
        "en",
    )
    assert rows[0]["hs_code"] == "73239200"
    assert rows[0]["goods_label"] == "Of cast iron, enamelled"
