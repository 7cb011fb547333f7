"""The pivot screen, the drill-down, the XLSX and the saved views through HTTP."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from comptoir.reporting import services
from comptoir.reporting.models import PivotView
from comptoir.reporting.pivot.spec import parse_spec
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client: Any) -> None:
    client.cookies["comptoir_language"] = "en"


YEAR = "period=custom&start=2026-01-01&end=2026-12-31"


def _no_writes(client: Any, url: str) -> Any:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []
    return response


def test_pivot_page_shows_the_table_with_totals_and_links(
    facts: Any, assistant_client: Any
) -> None:
    response = _no_writes(
        assistant_client,
        f"/reporting/pivot/?source=invoice_lines&rows=country&columns=month&measures=revenue&{YEAR}&compare=1",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="pivot"' in html
    assert "Germany (DE)" in html
    assert "1,000.00" in html or "1 000,00" in html or "1000.00" in html
    assert "/reporting/pivot/drill/?" in html
    assert "a year earlier" in html
    assert "change (%)" in html


def test_pivot_page_refuses_a_bad_spec_naming_the_field(assistant_client: Any) -> None:
    response = assistant_client.get("/reporting/pivot/?source=invoice_lines&rows=planet")
    assert response.status_code == 400
    assert "Unknown dimension planet" in response.content.decode()


def test_pivot_xlsx_is_typed_with_the_currency_in_the_header(
    facts: Any, assistant_client: Any
) -> None:
    response = assistant_client.get(
        f"/reporting/pivot/?source=invoice_lines&rows=country&measures=revenue&measures=quantity&{YEAR}&format=xlsx"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Country", "Revenue (EUR)", "Quantity")
    assert rows[1][0] == "United States (US)"
    assert rows[1][1] == 900 and isinstance(rows[1][1], int | float)
    assert rows[-1][0] == "Total" and rows[-1][1] == 1700


def test_xlsx_neutralises_formulas(facts: Any, assistant_client: Any) -> None:
    facts.de.name = '=HYPERLINK("http://evil")'
    facts.de.save()
    response = assistant_client.get(
        f"/reporting/pivot/?source=invoice_lines&rows=client&measures=revenue&{YEAR}&format=xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    labels = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert '=HYPERLINK("http://evil")' in labels  # kept as text
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_drill_down_lists_lines_linking_to_documents(facts: Any, assistant_client: Any) -> None:
    response = _no_writes(
        assistant_client,
        f"/reporting/pivot/drill/?source=invoice_lines&rows=country&columns=month&{YEAR}&row=DE&column=2026-04",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/sales/invoices/{facts.c1.pk}/" in html
    assert "IN-1" not in html
    bad = assistant_client.get(
        f"/reporting/pivot/drill/?source=invoice_lines&rows=country&{YEAR}&row=Germany"
    )
    assert bad.status_code == 400
    assert "two-letter" in bad.content.decode()


def test_drill_down_xlsx(facts: Any, assistant_client: Any) -> None:
    response = assistant_client.get(
        f"/reporting/pivot/drill/?source=invoice_lines&rows=country&{YEAR}&row=DE&format=xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Invoice"
    assert {r[0] for r in rows[1:]} == {"IN-1", "AV-1"}
    assert Decimal(str(sorted(r[-1] for r in rows[1:])[0])) == Decimal("-200")


def test_saved_views_save_rename_share_delete(
    facts: Any, client: Any, django_user_model: Any
) -> None:
    alice = make_user(django_user_model, "alice", "assistant")
    bob = make_user(django_user_model, "bob", "assistant")
    boss = make_user(django_user_model, "boss", "manager")
    client.force_login(alice)
    response = client.post(
        "/reporting/pivot/views/save/",
        {"name": "DE by month", "source": "invoice_lines", "rows": "month", "f_country": "DE"},
    )
    view = PivotView.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?view={view.pk}")
    assert view.owner == alice and view.spec["filters"] == {"country": "DE"}
    assert parse_spec(view.spec).filters == (("country", "DE"),)
    page = client.get(f"/reporting/pivot/?view={view.pk}")
    assert "DE by month" in page.content.decode()
    client.post(f"/reporting/pivot/views/{view.pk}/rename/", {"name": "Germany"})
    view.refresh_from_db()
    assert view.name == "Germany"
    # bob does not see alice's view; alice (an assistant) may not share it
    client.force_login(bob)
    assert client.get(f"/reporting/pivot/?view={view.pk}").status_code == 404
    client.force_login(alice)
    assert (
        client.post(f"/reporting/pivot/views/{view.pk}/share/", {"shared": "1"}).status_code == 403
    )
    # a manager shares one of his views with everyone
    client.force_login(boss)
    client.post(
        "/reporting/pivot/views/save/", {"name": "Zones", "source": "invoice_lines", "rows": "zone"}
    )
    zones = PivotView.objects.get(owner=boss)
    client.post(f"/reporting/pivot/views/{zones.pk}/share/", {"shared": "1"})
    zones.refresh_from_db()
    assert zones.shared
    client.force_login(bob)
    page = client.get("/reporting/pivot/")
    assert f"?view={zones.pk}" in page.content.decode()
    assert client.get(f"/reporting/pivot/?view={zones.pk}").status_code == 200
    # ... but may not rename or delete someone else's
    assert client.post(f"/reporting/pivot/views/{zones.pk}/delete/").status_code == 403
    assert PivotView.objects.filter(pk=zones.pk).exists()
    client.force_login(alice)
    client.post(f"/reporting/pivot/views/{view.pk}/delete/")
    assert list(PivotView.objects.all()) == [zones]


def test_saving_a_bad_spec_or_no_name_saves_nothing(facts: Any, assistant_client: Any) -> None:
    assistant_client.post("/reporting/pivot/views/save/", {"name": "x", "rows": "planet"})
    assistant_client.post("/reporting/pivot/views/save/", {"name": "  ", "rows": "country"})
    assert not PivotView.objects.exists()


def test_owner_check_in_the_service(facts: Any, django_user_model: Any) -> None:
    alice = make_user(django_user_model, "alice", "assistant")
    boss = make_user(django_user_model, "boss", "manager")
    view = services.save_view(
        owner=alice, name="Mine", spec=parse_spec({"rows": "country"}), user=alice
    )
    with pytest.raises(PermissionDenied):
        services.rename_view(view=view, name="Theirs", user=boss)
    with pytest.raises(PermissionDenied):
        services.save_view(
            owner=alice, name="For her", spec=parse_spec({"rows": "country"}), user=boss
        )
