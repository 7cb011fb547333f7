"""Products from CSV/XLSX: all rows or none, the CN code checked as on the screen, an
existing reference updated (export, add the CN codes, import back)."""

from __future__ import annotations

import io

import pytest
from django.utils import translation

from comptoir.catalog import imports, services
from comptoir.catalog.models import Product
from comptoir.documents import tabular

from .cn_sample import CN_CSV

pytestmark = pytest.mark.django_db

HEADER = (
    "reference;name_fr;name_en;cn_code;origin_country;net_weight_kg;gross_weight_kg;cost_price\n"
)


@pytest.fixture
def cn(db):  # type: ignore[no-untyped-def]
    return services.import_cn_nomenclature(stream=io.StringIO(CN_CSV), user=None)


def run(text: str, user=None, name: str = "products.csv"):  # type: ignore[no-untyped-def]
    return imports.import_products(stream=io.BytesIO(text.encode()), filename=name, user=user)


def test_a_good_file_creates_the_products_with_their_codes(cn, assistant):
    report = run(
        HEADER
        + "CF-24;Cocotte;Casserole;7323 92 00;FR;4,3;4,9;38,50\n"
        + "TS-1;T-shirt;T-shirt;61091000;pt;0.2;0.25;4\n",
        assistant,
    )
    assert report.ok and (report.created, report.updated) == (2, 0), report.errors
    shirt = Product.objects.get(reference="TS-1")
    assert (shirt.cn_code, shirt.hs_code, shirt.origin_country) == ("61091000", "610910", "PT")
    assert str(Product.objects.get(reference="CF-24").net_weight_kg) == "4.300"


def test_one_bad_row_and_nothing_is_imported_every_error_listed(cn, assistant):
    with translation.override("en"):
        report = run(
            HEADER
            + "CF-24;Cocotte;Casserole;73239200;FR;4.3;4.9;38.5\n"
            + "BAD-1;X;X;73239300;FR;1;1;1\n"
            + "BAD-2;X;X;;FR;2;1;1\n"
            + "CF-24;Cocotte;Casserole;73239200;FR;4.3;4.9;38.5\n",
            assistant,
        )
    assert not report.ok and not Product.objects.exists()
    where = {(e.row, e.column) for e in report.errors}
    assert {(3, "cn_code"), (4, "cn_code"), (4, "gross_weight_kg"), (5, "reference")} <= where
    assert any("not a code of the loaded Combined Nomenclature" in e.message for e in report.errors)


def test_the_errors_are_in_french_for_a_french_user(cn, assistant):
    with translation.override("fr"):
        report = run(HEADER + "BAD-1;X;X;73239300;FR;1;1;1\n", assistant)
    assert "n'est pas un code de la Nomenclature combinée chargée" in report.errors[0].message


def test_an_export_completed_with_cn_codes_updates_the_products(cn, assistant):
    old = Product.objects.create(
        reference="OLD",
        name_fr="Ancien",
        name_en="Old",
        hs_code="732399",
        origin_country="FR",
        net_weight_kg=1,
        gross_weight_kg=2,
        cost_price=3,
    )
    report = run("reference,cn_code,taric_code\nOLD,73239900,7323990010\n", assistant)
    assert report.ok and report.updated == 1, report.errors
    old.refresh_from_db()
    assert (old.cn_code, old.taric_code, old.hs_code, old.name_fr) == (
        "73239900",
        "7323990010",
        "732399",
        "Ancien",
    )


def test_an_old_export_with_the_national_code_still_imports(cn, assistant):
    text = HEADER.replace("cn_code", "hs_code;hs_national") + (
        "CF-24;Cocotte;Casserole;732392;7323920000;FR;4.3;4.9;38.5\n"
    )
    report = run(text, assistant)
    assert report.ok, report.errors
    product = Product.objects.get(reference="CF-24")
    assert (product.cn_code, product.taric_code) == ("73239200", "7323920000")


def test_unknown_columns_and_too_many_rows_are_refused(cn, assistant):
    assert run("reference,colour\nA,red\n", assistant).errors[0].column == "colour"
    big = HEADER + "".join(f"R{i};x;x;73239200;FR;1;1;1\n" for i in range(3))
    report = imports.import_products(
        stream=io.BytesIO(big.encode()), filename="p.csv", user=assistant, max_rows=2
    )
    assert report.errors and report.errors[0].row == 0 and not Product.objects.exists()
    assert tabular.MAX_ROWS == 10_000


def test_a_read_only_user_cannot_import(cn, reader):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(HEADER + "CF-24;Cocotte;Casserole;73239200;FR;4.3;4.9;38.5\n", reader)


def test_the_import_page(cn, assistant_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    assistant_client.cookies["comptoir_language"] = "en"
    assert "cn_code" in assistant_client.get("/catalog/products/import/").content.decode()
    bad = SimpleUploadedFile("p.csv", (HEADER + "B;X;X;73239300;FR;1;1;1\n").encode())
    page = assistant_client.post("/catalog/products/import/", {"file": bad}).content.decode()
    assert "nothing imported" in page and not Product.objects.exists()
    good = SimpleUploadedFile("p.csv", (HEADER + "G;X;X;73239200;FR;1;1;1\n").encode())
    response = assistant_client.post("/catalog/products/import/", {"file": good})
    assert response.status_code == 302 and Product.objects.filter(reference="G").exists()
