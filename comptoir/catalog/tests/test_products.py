"""Products: HS code checked against the loaded nomenclature, weights and packaging rules."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comptoir.catalog.forms import ProductForm
from comptoir.catalog.models import HsCode

pytestmark = pytest.mark.django_db


def product_data(**overrides):
    data = {
        "reference": "CF-24-RG",
        "name_fr": "Cocotte fonte émaillée 24 cm",
        "name_en": "Enamelled cast-iron casserole 24 cm",
        "hs_code": "7323.92",
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


def test_hs_code_is_free_when_no_nomenclature_is_loaded():
    form = ProductForm(data=product_data(hs_code="999999", cn_code=""))
    assert form.is_valid(), form.errors


def test_hs_code_must_exist_in_the_loaded_nomenclature(hs_loaded):
    assert ProductForm(data=product_data()).is_valid()
    form = ProductForm(data=product_data(hs_code="732398", cn_code=""))
    assert not form.is_valid() and "not a subheading" in form.errors["hs_code"][0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hs_code", "847130"),
        ("cn_code", "7323920"),
        ("taric_code", "8471300000"),
        ("taric_code", "73239200"),
        ("un_number", "UN12"),
        ("gross_weight_kg", "4.0"),
        ("net_weight_kg", "-1"),
    ],
)
def test_bad_product_input_is_refused(field, value):
    form = ProductForm(data=product_data(**{field: value}))
    assert not form.is_valid()
    assert field in form.errors


def test_carton_must_be_complete_and_heavier_than_its_units():
    form = ProductForm(data=product_data(units_per_carton="2"))
    assert not form.is_valid() and "carton_length_cm" in form.errors
    form = ProductForm(
        data=product_data(
            units_per_carton="2",
            carton_length_cm="54",
            carton_width_cm="33",
            carton_height_cm="20",
            carton_gross_weight_kg="5",
        )
    )
    assert not form.is_valid() and "carton_gross_weight_kg" in form.errors
    form = ProductForm(
        data=product_data(
            units_per_carton="2",
            carton_length_cm="54",
            carton_width_cm="33",
            carton_height_cm="20",
            carton_gross_weight_kg="10.4",
            un_number="1950",
        )
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["un_number"] == "UN1950"


def test_hs_import_command_loads_the_csv(tmp_path):
    from conftest import HS_CSV

    if not HS_CSV.exists():
        pytest.skip("shared HS data not present")
    out = io.StringIO()
    call_command("hs", "import", str(HS_CSV), stdout=out)
    assert HsCode.objects.filter(code="732392").exists()
    assert "loaded" in out.getvalue()


def test_hs_import_of_a_bad_file_changes_nothing(tmp_path, hs_loaded):
    before = HsCode.objects.count()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "section,hscode,description,parent,level\nI,01,Animals,TOTAL,2\nI,01X1,broken,01,4\n"
    )
    with pytest.raises(CommandError):
        call_command("hs", "import", str(bad))
    assert HsCode.objects.count() == before


def test_hs_search_command_prints_json(hs_loaded, capsys):
    call_command("hs", "search", "sac à main en cuir", "--top", "5", "--json")
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 5
    assert set(hits[0]) == {"code", "description", "path", "score"}
    assert "420221" in [h["code"] for h in hits]
    assert hits[0]["score"] >= hits[-1]["score"]


def test_hs_suggestions_as_you_type(assistant_client, hs_loaded):
    page = assistant_client.get(
        "/catalog/hs/suggest/?hs_query=running+shoes+with+rubber+soles"
    ).content.decode()
    assert "6404" in page


def test_only_administrators_upload_a_nomenclature(assistant_client, django_user_model, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from conftest import make_user

    csv = b"section,hscode,description,parent,level\nI,01,Animals; live,TOTAL,2\nI,0101,Horses,01,4\nI,010121,Horses; pure-bred,0101,6\n"
    response = assistant_client.post("/catalog/hs/", {"file": SimpleUploadedFile("hs.csv", csv)})
    assert response.status_code == 403
    assert not HsCode.objects.exists()
    admin = make_user(django_user_model, "boss", "administrator")
    client.force_login(admin)
    client.post("/catalog/hs/", {"file": SimpleUploadedFile("hs.csv", csv)})
    assert HsCode.objects.count() == 3
    bad = csv + b"I,0101XX,broken,0101,6\n"
    client.post("/catalog/hs/", {"file": SimpleUploadedFile("hs.csv", bad)})
    assert HsCode.objects.count() == 3


def test_product_export_writes_no_live_formula(assistant_client):
    from comptoir.catalog.models import Product
    from comptoir.documents.tests.exports_check import assert_csv_is_inert, assert_xlsx_is_inert

    evil = "=cmd|' /C calc'!A0"
    Product.objects.create(
        reference="@EVIL",
        name_fr=evil,
        name_en=evil,
        hs_code="732392",
        origin_country="FR",
        net_weight_kg=1,
        gross_weight_kg=1,
        cost_price=1,
    )
    csv = assistant_client.get("/catalog/products/?format=csv").content
    assert_csv_is_inert(csv, evil, "@EVIL")
    xlsx = assistant_client.get("/catalog/products/?format=xlsx").content
    assert_xlsx_is_inert(xlsx, evil, "@EVIL")


def test_a_nomenclature_file_beyond_the_size_limit_is_refused(
    django_user_model, client, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from comptoir.catalog import views
    from conftest import make_user

    monkeypatch.setattr(views, "MAX_HS_FILE_BYTES", 100)
    client.force_login(make_user(django_user_model, "boss", "administrator"))
    client.cookies["comptoir_language"] = "en"
    csv = b"section,hscode,description,parent,level\n" + b"I,01,Animals; live,TOTAL,2\n" * 10
    response = client.post("/catalog/hs/", {"file": SimpleUploadedFile("hs.csv", csv)}, follow=True)
    assert "larger than" in response.content.decode()
    assert not HsCode.objects.exists()
