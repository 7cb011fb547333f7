"""The Combined Nomenclature: loaded all or nothing (command, upload), looked up with its path
in French and English, carried by products (form, page, list, export, API), and the
migration that split the old national code."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from comptoir.catalog import selectors, services
from comptoir.catalog.forms import ProductForm
from comptoir.catalog.models import CnCode, HsCode, Product
from comptoir.catalog.values import ProductValues
from conftest import make_user

from .cn_sample import CN_CSV

pytestmark = pytest.mark.django_db

BAD_ROWS = (
    "cn8,7323930,7323 93,732392,Of stainless steel,en aciers inoxydables,\n"  # row 14: 7 digits
    "cn8,73239300,7323 93 00,732393,Of stainless steel,,\n"  # row 15: parent missing, no FR
)


@pytest.fixture
def cn(db):  # type: ignore[no-untyped-def]
    return services.import_cn_nomenclature(stream=io.StringIO(CN_CSV), user=None)


@pytest.fixture
def en_client(assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


def product_data(**overrides: str) -> dict[str, str]:
    data = {
        "reference": "CF-24-RG",
        "name_fr": "Cocotte fonte émaillée 24 cm",
        "name_en": "Enamelled cast-iron casserole 24 cm",
        "cn_code": "7323 92 00",
        "origin_country": "FR",
        "net_weight_kg": "4.3",
        "gross_weight_kg": "4.9",
        "cost_price": "38.50",
        "cost_currency": "EUR",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def make_product(reference: str = "CF-24-RG", **fields: object) -> Product:
    values = {
        "reference": reference,
        "name_fr": "Cocotte",
        "name_en": "Casserole",
        "hs_code": "732392",
        "origin_country": "FR",
        "net_weight_kg": 4,
        "gross_weight_kg": 5,
        "cost_price": 38,
    } | fields
    return Product.objects.create(**values)


# ------------------------------------------------------------------ import, all or nothing


def test_the_import_loads_every_level_with_both_labels(cn):
    assert (cn.rows, cn.codes) == (12, 3)
    entry = selectors.cn_entry("6109 10 00")
    assert entry is not None and entry.description("fr") == "de coton"
    assert selectors.supplementary_unit("61091000") == "PST"
    assert selectors.supplementary_unit("73239200") == ""
    assert selectors.cn_exists("73239200") and not selectors.cn_exists("7323")


def test_a_bad_file_changes_nothing_and_lists_every_bad_row(cn):
    with pytest.raises(ValidationError) as caught:
        services.import_cn_nomenclature(stream=io.StringIO(CN_CSV + BAD_ROWS), user=None)
    messages = caught.value.messages
    assert any(m.startswith("Row 14:") and "8 digits" in m for m in messages), messages
    assert any(m.startswith("Row 15:") and "French" in m for m in messages), messages
    assert CnCode.objects.count() == 12  # the CN loaded before is still there


def test_the_bad_rows_are_named_in_french(cn):
    with translation.override("fr"), pytest.raises(ValidationError) as caught:
        services.import_cn_nomenclature(stream=io.StringIO(CN_CSV + BAD_ROWS), user=None)
    messages = caught.value.messages
    assert any(m.startswith("Ligne 14") and "8 chiffres" in m for m in messages), messages
    assert any(m.startswith("Ligne 15") and "français" in m for m in messages), messages


def test_only_administrators_load_a_cn(cn, django_user_model):
    from django.core.exceptions import PermissionDenied

    assistant = make_user(django_user_model, "ann", "assistant")
    with pytest.raises(PermissionDenied):
        services.import_cn_nomenclature(stream=io.StringIO(CN_CSV), user=assistant)
    admin = make_user(django_user_model, "boss", "administrator")
    assert services.import_cn_nomenclature(stream=io.StringIO(CN_CSV), user=admin).codes == 3


def test_the_command_loads_the_bundled_cn_without_a_path(capsys):
    out = io.StringIO()
    call_command("cn", "import", stdout=out)
    assert "9791 eight-digit codes" in out.getvalue()
    assert selectors.cn_code_count() == 9791
    # no HS was loaded: the bundled HS 2022 comes too, so the classification help works
    assert "HS 2022 lines loaded" in out.getvalue() and HsCode.objects.count() > 6000
    again = io.StringIO()
    call_command("cn", "import", stdout=again)
    assert "HS 2022" not in again.getvalue()
    call_command("cn", "show", "61091000", "--language", "fr", stdout=out)
    assert "6109 10 00" in out.getvalue() and "T-shirts" in out.getvalue()


def test_the_command_refuses_a_bad_file_and_names_its_rows(cn, tmp_path):
    bad = tmp_path / "cn2027.csv"
    bad.write_text(CN_CSV + BAD_ROWS, encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("cn", "import", str(bad))
    assert "Row 14" in str(caught.value) and "Row 15" in str(caught.value)
    assert CnCode.objects.count() == 12
    with pytest.raises(CommandError, match="No such file"):
        call_command("cn", "import", str(tmp_path / "missing.csv"))


def test_the_upload_is_for_administrators_and_all_or_nothing(client, django_user_model):
    assistant = make_user(django_user_model, "ann", "assistant")
    client.force_login(assistant)
    file = SimpleUploadedFile("cn.csv", CN_CSV.encode())
    assert client.post("/catalog/cn/", {"file": file}).status_code == 403
    assert not CnCode.objects.exists()
    client.force_login(make_user(django_user_model, "boss", "administrator"))
    client.cookies["comptoir_language"] = "en"
    zipped = SimpleUploadedFile("cn.csv.gz", gzip.compress(CN_CSV.encode()))
    page = client.post("/catalog/cn/", {"file": zipped}, follow=True).content.decode()
    assert "3 eight-digit codes" in page and CnCode.objects.count() == 12
    bad = SimpleUploadedFile("cn.csv", (CN_CSV + BAD_ROWS).encode())
    page = client.post("/catalog/cn/", {"file": bad}, follow=True).content.decode()
    assert "Nothing was loaded" in page and "Row 15" in page
    assert CnCode.objects.count() == 12


def test_an_upload_beyond_the_limit_is_refused(client, django_user_model, monkeypatch):
    monkeypatch.setattr(services, "MAX_CN_FILE_BYTES", 100)
    client.force_login(make_user(django_user_model, "boss", "administrator"))
    client.cookies["comptoir_language"] = "en"
    file = SimpleUploadedFile("cn.csv", CN_CSV.encode())
    page = client.post("/catalog/cn/", {"file": file}, follow=True).content.decode()
    assert "larger than" in page and not CnCode.objects.exists()


# ------------------------------------------------------------------ labels and paths


def test_a_code_is_named_with_its_path_in_each_language(cn):
    assert selectors.cn_path("73239200", "en") == (
        "73 Articles of iron or steel > 7323 Table, kitchen or other household articles and "
        "parts thereof, of iron or steel > 7323 92 Of cast iron, enamelled > 7323 92 00 Of cast "
        "iron, enamelled"
    )
    assert selectors.cn_path("61091000", "fr").startswith("61 Vêtements et accessoires")
    assert [e.code for e in selectors.cn_chain("7323 92 00")] == [
        "73",
        "7323",
        "732392",
        "73239200",
    ]
    assert selectors.cn_path("99999999", "en") == ""


def test_an_other_code_is_printed_with_the_label_above_it(cn):
    assert selectors.cn_short_label("73239200", "fr") == "en fonte, émaillés"
    en = selectors.cn_short_label("73239900", "en")
    assert en.startswith("Table, kitchen or other household articles") and en.endswith("— other")
    fr = selectors.cn_short_label("73239900", "fr")
    assert fr.startswith("Articles de ménage") and fr.endswith("— autres")
    labels = selectors.cn_short_labels(["73239200", "61091000", "732392", "12345678"], "en")
    assert labels == {"73239200": "Of cast iron, enamelled", "61091000": "Of cotton"}


def test_the_json_lookup_gives_the_path_in_the_users_language(cn, assistant_client):
    response = assistant_client.get("/catalog/cn/61091000/?language=fr")
    data = response.json()
    assert response.status_code == 200
    assert data["hs_code"] == "610910" and data["supplementary_unit_notation"] == "p/st"
    assert [p["code"] for p in data["path"]] == ["61", "6109", "610910", "61091000"]
    assert data["path"][1]["label"].startswith("T-shirts et maillots")
    assert assistant_client.get("/catalog/cn/6109 1000/?language=en").json()["label"] == "Of cotton"
    missing = assistant_client.get("/catalog/cn/61099000/")
    assert missing.status_code == 404 and "61099000" not in missing.json()["error"]
    assert "6109 90 00" in missing.json()["error"]
    assert assistant_client.get("/catalog/cn/61x/").status_code == 400


def test_the_form_fragment_shows_the_path_of_the_typed_code(cn, en_client):
    page = en_client.get("/catalog/cn/lookup/?cn_code=7323+92+00").content.decode()
    assert "7323 92" in page and "Of cast iron, enamelled" in page and "732392" in page
    page = en_client.get("/catalog/cn/lookup/?cn_code=73239300").content.decode()
    assert "not a code of the loaded Combined Nomenclature" in page


def test_the_browse_page_goes_from_chapters_to_codes(cn, en_client):
    page = en_client.get("/catalog/cn/").content.decode()
    assert "Articles of iron or steel" in page and "Textiles" in page
    page = en_client.get("/catalog/cn/?open=73").content.decode()
    assert "?open=7323" in page and 'id="cn-73239200"' not in page
    page = en_client.get("/catalog/cn/?open=6109").content.decode()
    assert "6109 10 00" in page and "p/st" in page and "de coton" in page  # both languages
    response = en_client.get("/catalog/cn/?code=61091000")
    assert response.status_code == 302 and response["Location"].endswith("?open=6109#cn-61091000")


# ------------------------------------------------------------------ products


def test_a_new_product_needs_a_cn_code_of_the_loaded_cn(cn):
    form = ProductForm(data=product_data(cn_code=""))
    assert not form.is_valid() and "cn_code" in form.errors
    form = ProductForm(data=product_data(cn_code="73239300"))
    assert not form.is_valid()
    assert "not a code of the loaded Combined Nomenclature" in form.errors["cn_code"][0]
    form = ProductForm(data=product_data())
    assert form.is_valid(), form.errors
    assert form.values().hs_code == "732392" and form.values().cn_code == "73239200"


def test_the_cn_error_is_in_french_for_a_french_user(cn):
    with translation.override("fr"):
        form = ProductForm(data=product_data(cn_code="7323 93 00"))
        assert not form.is_valid()
        assert "n'est pas un code de la Nomenclature combinée chargée" in form.errors["cn_code"][0]
        form = ProductForm(data=product_data(taric_code="6109100010"))
        assert not form.is_valid()
        assert "doit commencer par le code NC 73239200" in form.errors["taric_code"][0]


def test_without_a_loaded_cn_any_well_formed_code_is_taken():
    form = ProductForm(data=product_data(cn_code="9999 99 99"))
    assert form.is_valid(), form.errors
    assert form.values().hs_code == "999999"
    assert ProductForm(data=product_data(cn_code="", hs_code="732392")).is_valid()
    form = ProductForm(data=product_data(cn_code="", hs_code=""))
    assert not form.is_valid() and "hs_code" in form.errors


def test_a_product_saved_without_a_cn_code_keeps_working(cn):
    old = make_product()
    form = ProductForm(data=product_data(cn_code="", hs_code="732392"), instance=old)
    assert form.is_valid(), form.errors


def test_the_service_keeps_the_hs_code_in_step_with_the_cn_code(cn):
    values = ProductValues(
        reference="TS-1",
        name_fr="T-shirt",
        name_en="T-shirt",
        hs_code="732392",
        cn_code="61091000",
        taric_code="6109100010",
        origin_country="PT",
        net_weight_kg=ProductForm.base_fields["net_weight_kg"].to_python("0.2"),
        gross_weight_kg=ProductForm.base_fields["gross_weight_kg"].to_python("0.25"),
        cost_price=ProductForm.base_fields["cost_price"].to_python("4"),
    )
    product = services.save_product(product=None, values=values, user=None)
    assert (product.hs_code, product.cn8, product.full_hs_code) == (
        "610910",
        "61091000",
        "6109100010",
    )
    with pytest.raises(ValidationError):
        services.save_product(
            product=product,
            values=ProductValues(**{**values.__dict__, "taric_code": "7323920000"}),
            user=None,
        )


def test_the_product_page_and_form_show_the_path(cn, en_client):
    product = make_product(cn_code="73239900")
    page = en_client.get(f"/catalog/products/{product.pk}/").content.decode()
    assert "7323 99 00" in page and "Table, kitchen or other household articles" in page
    assert "Articles de ménage" in page  # the other language beside it
    form = en_client.get(f"/catalog/products/{product.pk}/edit/").content.decode()
    assert 'hx-get="/catalog/cn/lookup/"' in form and 'value="73239900"' in form
    bare = make_product("OLD-1")
    page = en_client.get(f"/catalog/products/{bare.pk}/").content.decode()
    assert "No CN code" in page


def test_the_product_screen_saves_the_codes(cn, assistant_client):
    response = assistant_client.post(
        "/catalog/products/new/", product_data(cn_code="7323.92.00", taric_code="7323 9200 00")
    )
    assert response.status_code == 302
    product = Product.objects.get(reference="CF-24-RG")
    assert (product.cn_code, product.taric_code, product.hs_code) == (
        "73239200",
        "7323920000",
        "732392",
    )


def test_the_list_filters_by_cn_code_and_exports_it(cn, assistant_client):
    make_product("A", cn_code="73239200")
    make_product("B", cn_code="61091000", hs_code="610910")
    make_product("C")
    refs = [p.reference for p in selectors.product_list({"cn": "6109"})]
    assert refs == ["B"]
    assert [p.reference for p in selectors.product_list({"no_cn": "1"})] == ["C"]
    assert [p.reference for p in selectors.product_list({"q": "7323 92"})] == ["A", "C"]
    csv = assistant_client.get("/catalog/products/?format=csv").content.decode("utf-8-sig")
    header = csv.splitlines()[0].split(",")
    assert "cn_code" in header and "taric_code" in header and "hs_national" not in header
    assert "61091000" in csv


def test_the_api_reads_and_writes_the_cn_code(cn, assistant):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(assistant)
    created = api.post("/api/products/", product_data(), format="json")
    assert created.status_code == 201, created.content
    assert created.json()["cn_code"] == "73239200" and created.json()["hs_code"] == "732392"
    refused = api.post(
        "/api/products/", product_data(reference="X", cn_code="73239300"), format="json"
    )
    assert refused.status_code == 400 and "cn_code" in json.dumps(refused.json())


def test_a_new_cn_lists_the_products_whose_code_it_no_longer_has(cn, en_client):
    make_product("GONE", cn_code="73239300")
    make_product("KEPT", cn_code="73239200")
    assert [p.reference for p in selectors.products_with_unknown_cn()] == ["GONE"]
    page = en_client.get("/catalog/cn/").content.decode()
    assert "GONE" in page and "KEPT" not in page


def test_the_old_national_code_still_reads_and_sets_the_codes():
    product = make_product(hs_national="7323920000")
    assert (product.cn_code, product.taric_code, product.hs_national) == (
        "73239200",
        "7323920000",
        "7323920000",
    )


def test_the_api_names_a_cn_code_with_its_path(cn, assistant):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(assistant)
    data = api.get("/api/cn/7323 99 00?language=fr").json()
    assert data["short_label"].startswith("Articles de ménage") and data["label"] == "autres"
    assert data["path_text"].startswith("73 Ouvrages en fonte")
    missing = api.get("/api/cn/73239300?language=en")
    assert missing.status_code == 404 and missing.json()["field"] == "code"
    assert api.get("/api/cn/abc").status_code == 400
    assert APIClient().get("/api/cn/73239900").status_code in (401, 403)
