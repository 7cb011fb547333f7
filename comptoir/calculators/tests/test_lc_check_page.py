"""The page /calculators/lc-check/: an example loads, a check shows the verdict, the last day
for presentation, the discrepancy table and the steps, in French and in English."""

import io
import json

import pytest

from comptoir.trade.tests.lc_check_base import BASE, payload

pytestmark = pytest.mark.django_db

URL = "/calculators/lc-check/"


def check(client, data, **extra):  # type: ignore[no-untyped-def]
    return client.post(URL, {"payload": json.dumps(data), **extra}).content.decode()


def test_the_page_opens_with_an_example(reader_client):  # type: ignore[no-untyped-def]
    reader_client.cookies["comptoir_language"] = "en"
    page = reader_client.get(URL).content.decode()
    assert "Documentary credit: document checker" in page
    assert "compliant-cif-casablanca" in page
    assert "&quot;credit&quot;" in page  # the example's JSON in the text area
    assert 'data-testid="result"' not in page


def test_a_read_only_user_checks_a_discrepant_set_in_english(reader_client):  # type: ignore[no-untyped-def]
    reader_client.cookies["comptoir_language"] = "en"
    page = check(
        reader_client, payload(presented="2026-12-08", packing_list={"gross_weight_kg": "9700"})
    )
    assert "Discrepancies found: 2" in page
    assert "LATE_PRESENTATION" in page and "DATA_CONFLICT" in page
    assert "UCP 600 art. 14 c and art. 29 a" in page
    assert "Packing list" in page
    assert 'data-testid="steps"' in page
    assert "Dec. 7, 2026" in page or "7 December 2026" in page or "December 7, 2026" in page


def test_in_french(reader_client):  # type: ignore[no-untyped-def]
    reader_client.cookies["comptoir_language"] = "fr"
    page = check(reader_client, payload(commercial_invoice={"currency": "USD"}))
    assert "vérificateur de documents" in page
    assert "La facture est en USD ; le crédit est en EUR." in page
    assert "Facture commerciale" in page
    assert "7 décembre 2026" in page
    compliant = check(reader_client, BASE)
    assert "Présentation conforme" in compliant


def test_an_uploaded_file_is_checked(reader_client):  # type: ignore[no-untyped-def]
    reader_client.cookies["comptoir_language"] = "en"
    upload = io.BytesIO(json.dumps(BASE).encode())
    upload.name = "CHECK.json"
    page = reader_client.post(URL, {"payload": "", "file": upload}).content.decode()
    assert "Compliant presentation" in page


def test_bad_input_names_the_field(reader_client):  # type: ignore[no-untyped-def]
    reader_client.cookies["comptoir_language"] = "en"
    page = check(reader_client, payload({"tolerance_plus_pct": "120"}))
    assert 'data-testid="lc-error"' in page
    assert "credit.tolerance_plus_pct" in page
    page = reader_client.post(URL, {"payload": "{oops"}).content.decode()
    assert "not valid JSON" in page
    page = reader_client.post(URL, {"payload": ""}).content.decode()
    assert "Paste the CHECK.json" in page
