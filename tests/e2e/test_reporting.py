"""The dashboards and the pivot in the browser, in French and in English (issue 17).

One small world whose figures are computed by hand (Y is last year, all in EUR):

- Küchenhaus (DE, EUR): invoice of 10 March Y, 10 x 100 = 1 000, paid 400 on 30 April Y;
  an invoice of 1 March Y-1, 500; an invoice of today, 3 x 100 = 300.
- Chef's Table (US, USD): invoice of 15 April Y, 1 000 USD at 0.9 = 900; credit note of
  20 May Y, 200 USD at 0.8 = 160.
  Revenue of Y = 1 000 + 900 - 160 = 1 740; Germany alone 1 000; year to date 300.
  Outstanding at 31 December Y = (1 000 - 400) + (1 000 - 200) USD x 0.9 + 500 (Y-1, unpaid)
  = 600 + 720 + 500 = 1 820.
- A sea shipment to the US of 1 200 kg picked up 2 June Y, delivered 20 June Y.
- A supplier invoice of Ningbo Enamel (CN, USD) of 10 June Y: 2 000 USD at 0.9 = 1 800 spend.
- A supplier's declaration of origin ending in 10 days (compliance, a date cell).

Each registered dashboard is opened (a new dashboard fails here until its hand-computed
figure is added to ``FIGURES``), its key figure read in the language's number format, its
charts checked; the sales dashboard is filtered, refused a bad date, drilled down and
exported; the pivot computed, drilled, exported, saved and reopened; the API read as JSON.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from tests.e2e.browser import submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["fr", "en"]
D = Decimal

#: dashboard key -> (figure key, value with ``period=last_year``), as the language writes it
FIGURES: dict[str, tuple[str, dict[str, str]]] = {
    "overview": ("net_invoiced", {"fr": "1 740,00 EUR", "en": "1,740.00 EUR"}),
    "sales": ("revenue", {"fr": "1 740,00 EUR", "en": "1,740.00 EUR"}),
    "receivables": ("outstanding", {"fr": "1 820,00 EUR", "en": "1,820.00 EUR"}),
    "logistics": ("weight", {"fr": "1 200 kg", "en": "1,200 kg"}),
    "purchasing": ("spend", {"fr": "1 800,00 EUR", "en": "1,800.00 EUR"}),
    "compliance": ("declarations_expiring", {"fr": "1", "en": "1"}),
}

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "dashboards": "Tableaux de bord",
        "ends_before": "La période se termine avant de commencer.",
        "invalid_date": "Saisissez une date valide.",
        "revenue": "Chiffre d'affaires (EUR)",
        "by_country": "Par pays",
        "pivot": "Tableau croisé",
        "saved": "Vue enregistrée.",
        "compared": "par rapport à la période du 01/01/",
        "year_before": "Année précédente : ",
        "june": "juin",
        "facts": "Données",
        "bad_columns": "Colonnes : ",
    },
    "en": {
        "dashboards": "Dashboards",
        "ends_before": "The period ends before it starts.",
        "invalid_date": "Enter a valid date.",
        "revenue": "Revenue (EUR)",
        "by_country": "By country",
        "pivot": "Pivot",
        "saved": "View saved.",
        "compared": "compared with 01/01/",
        "year_before": "Year before: ",
        "june": "June",
        "facts": "Facts",
        "bad_columns": "Columns: ",
    },
}


def _plain(text: str) -> str:
    """Text with the no-break spaces of French numbers made ordinary spaces, and the French
    typographic apostrophe a plain one."""
    return text.replace("\u202f", " ").replace("\xa0", " ").replace("\u2019", "'")


def _main(page: Any) -> str:
    return _plain(str(page.locator("main").inner_text()))


def _figure(page: Any, key: str) -> str:
    return _plain(str(page.locator(f"#figure-{key} strong").inner_text())).strip()


def _go(page: Any, url: str) -> Any:
    response = page.goto(url)
    assert response is not None
    return response


def _seed(today: dt.date) -> SimpleNamespace:
    """The world above, made with the reporting tests' factories (sales_facts, ops_data and
    the purchasing dashboard's supplier invoices)."""
    from comptoir.origin.models import SupplierDeclaration
    from comptoir.parties.models import Zone
    from comptoir.reporting.tests import ops_data
    from comptoir.reporting.tests.sales_facts import company, invoice, pay, product
    from comptoir.reporting.tests.test_purchasing_dashboard import _invoice, _order
    from comptoir.sales.models import Invoice

    year = today.year - 1
    europe = Zone.objects.create(name="Europe")
    de = company("Küchenhaus", "DE", "EUR", ["client"], zone=europe, city="Stuttgart")
    us = company("Chef's Table", "US", "USD", ["client"], city="Chicago")
    ops_data.usd_rate("0.9")
    p1 = product("P1", "40")
    fa1 = invoice(de, dt.date(year, 3, 10), [(p1, "10", "100", "0", None)])
    pay(fa1, dt.date(year, 4, 30), "400")
    Invoice.objects.filter(pk=fa1.pk).update(paid_total=D("400"), balance_due=D("600"))
    fa2 = invoice(us, dt.date(year, 4, 15), [(p1, "5", "200", "0", None)], rate="0.9")
    invoice(
        us,
        dt.date(year, 5, 20),
        [(p1, "1", "200", "0", None)],
        rate="0.8",
        kind=Invoice.Kind.CREDIT_NOTE,
        credited=fa2,
    )
    Invoice.objects.filter(pk=fa2.pk).update(balance_due=D("800"))
    invoice(de, dt.date(year - 1, 3, 1), [(p1, "5", "100", "0", None)])
    invoice(de, today, [(p1, "3", "100", "0", None)])
    ops_data.shipment(
        us,
        mode="sea_fcl",
        destination="US",
        kg="1200",
        value="5000",
        steps={
            "pickup": (dt.date(year, 6, 2), dt.date(year, 6, 2)),
            "delivery": (dt.date(year, 6, 22), dt.date(year, 6, 20)),
        },
    )
    ningbo = ops_data.company("Ningbo Enamel", "CN", roles=",supplier,")
    lid = product("LID-24", "2")
    purchase = _order(ningbo, "USD", (lid, "1000"))
    _invoice(purchase, "NE-1", dt.date(year, 6, 10), "0.9", [(1, "1000", "2000")])
    SupplierDeclaration.objects.create(
        supplier=ningbo,
        reference="LTSD-1",
        valid_from=today - dt.timedelta(days=300),
        valid_to=today + dt.timedelta(days=10),
        received_on=today - dt.timedelta(days=300),
    )
    return SimpleNamespace(year=year, de=de, us=us, fa1=fa1, fa2=fa2)


def _login(page: Any, language: str) -> None:
    _go(page, "/accounts/login/")
    page.fill("#id_username", "claire")
    page.fill("#id_password", "pw-claire")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/")
    page.click(f"button[name=language][value={language}]")
    page.wait_for_selector(f"html[lang={language}]")


def _open_workbook(download: Any) -> Any:
    import openpyxl

    with open(download.path(), "rb") as stream:
        return openpyxl.load_workbook(io.BytesIO(stream.read()))


def _no_formula(workbook: Any) -> None:
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not (isinstance(value, str) and value.startswith("=")), value


@pytest.mark.parametrize("language", LANGUAGES)
def test_dashboards_and_pivot(page, django_user_model, language):  # type: ignore[no-untyped-def]
    from comptoir.reporting import registry
    from conftest import make_user

    texts = TEXTS[language]
    today = dt.date.today()
    world = _seed(today)
    make_user(django_user_model, "claire", "manager")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _login(page, language)

    # the index lists every registered dashboard
    _go(page, "/reporting/")
    assert texts["dashboards"] in _main(page)
    specs = registry.specs()
    assert len(specs) >= 6
    for spec in specs:
        assert page.locator(f"a[href='/reporting/{spec.key}/']").count() == 1

    # each dashboard: its key figure computed by hand, charts drawn as readable SVG
    for spec in specs:
        assert spec.key in FIGURES, f"add the hand-computed key figure of {spec.key!r}"
        figure_key, values = FIGURES[spec.key]
        response = _go(page, f"/reporting/{spec.key}/?period=last_year")
        assert response.status == 200, spec.key
        assert _figure(page, figure_key) == values[language], spec.key
        # the period only where it applies, and the year before said in the language
        assert page.locator("#id_period").count() == int("period" in spec.filters), spec.key
        if "compare" in spec.filters:
            assert texts["compared"] in _main(page), spec.key
            assert texts["year_before"] in _main(page), spec.key
        svgs = page.locator("figure.chart-box svg")
        for i in range(svgs.count()):
            svg = svgs.nth(i)
            assert svg.is_visible(), spec.key
            box = svg.bounding_box()
            assert box is not None and box["width"] > 200 and box["height"] > 100, spec.key
            assert svg.locator("text").count() > 0, spec.key  # titles, axes, labels

    # the sales dashboard: its chart beside its table, filters that change the figure
    _go(page, "/reporting/sales/?period=last_year")
    assert page.locator("figure.chart-box svg").count() >= 1
    headers = [_plain(h) for h in page.locator("#table-revenue_by_country th").all_text_contents()]
    assert texts["revenue"] in headers, headers
    page.select_option("#id_country", "DE")
    submit(page, "#report-filters button[type=submit]")
    assert _figure(page, "revenue") == FIGURES["sales"][1][language].replace(
        "1 740" if language == "fr" else "1,740", "1 000" if language == "fr" else "1,000"
    )
    page.select_option("#id_country", "")
    page.select_option("#id_period", "year_to_date")
    submit(page, "#report-filters button[type=submit]")
    assert _figure(page, "revenue") == ("300,00 EUR" if language == "fr" else "300.00 EUR")

    # a period ending before it starts: the message under the field, nothing computed
    page.select_option("#id_period", "custom")
    page.fill("#id_start", f"{world.year}-06-30")
    page.fill("#id_end", f"{world.year}-01-01")
    submit(page, "#report-filters button[type=submit]")
    assert texts["ends_before"] in page.locator("#field-end .error").inner_text()
    assert page.locator(".report-section").count() == 0
    assert page.locator("#export-xlsx").count() == 0
    # a date that does not exist (typed in the address)
    response = _go(page, f"/reporting/sales/?period=custom&start={world.year}-02-30&end=x")
    assert response.status == 400
    assert texts["invalid_date"] in page.locator("#field-start .error").inner_text()
    assert page.locator(".report-section").count() == 0

    # drill down: the top client's row opens the client, the revenue figure the invoices
    _go(page, "/reporting/sales/?period=last_year")
    submit(page, "#table-top_clients a:has-text('Küchenhaus')")
    assert f"/parties/{world.de.pk}/" in page.url or "Küchenhaus" in _main(page)
    assert "Küchenhaus" in page.locator("h1").inner_text()
    _go(page, "/reporting/sales/?period=last_year")
    submit(page, "#figure-revenue a")
    assert world.fa1.number in _main(page) and world.fa2.number in _main(page)
    # the invoice list opened with the dashboard's period, shown in its date fields
    assert "issued_from=" in page.url and "issued_to=" in page.url
    assert page.locator("#issued_from").input_value().endswith("-01-01")
    assert page.locator("#issued_to").input_value().endswith("-12-31")

    # the spreadsheet of the sales dashboard: typed values, currency in the header
    _go(page, "/reporting/sales/?period=last_year")
    with page.expect_download() as info:
        page.click("#export-xlsx")
    workbook = _open_workbook(info.value)
    names = workbook.sheetnames
    assert len(names) >= 3
    by_country = next(workbook[n] for n in names if _plain(n).startswith(texts["by_country"]))
    header = [c.value for c in by_country[1]]
    assert any(isinstance(h, str) and "(EUR)" in h for h in header), header
    cells = {r[0]: r for r in by_country.iter_rows(min_row=2, values_only=True)}
    germany = next(
        r
        for k, r in cells.items()
        if isinstance(k, str) and ("Allemagne" in k or "Germany" in k or k == "DE")
    )
    assert D(str(germany[1])) == D("1000") and isinstance(germany[1], int | float)
    _no_formula(workbook)

    # the compliance spreadsheet holds a date cell (the declaration ending in 10 days)
    _go(page, "/reporting/compliance/")
    with page.expect_download() as info:
        page.click("#export-xlsx")
    workbook = _open_workbook(info.value)
    dates = [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, dt.datetime | dt.date)
    ]
    assert today + dt.timedelta(days=10) in [
        d.date() if isinstance(d, dt.datetime) else d for d in dates
    ]
    _no_formula(workbook)

    # month names are whole (Django's French short names write June and July "Jui")
    _go(page, "/reporting/purchasing/?period=last_year")
    months = page.locator("#table-spend_by_month tbody tr th, #table-spend_by_month tbody td")
    assert f"{texts['june']} {world.year}" in [m.strip() for m in months.all_text_contents()]

    # the pivot: country x year, revenue; a cell, its lines, its spreadsheet, a saved view
    _go(page, "/reporting/pivot/")
    assert texts["pivot"] in page.locator("h1").inner_text()
    assert texts["facts"] in page.locator("#pivot-form").inner_text()
    page.select_option("#pivot-form select[name=source]", "invoice_lines")
    page.select_option("#pivot-form select[name=rows]", "country")
    page.select_option("#pivot-form select[name=columns]", "year")
    for box in page.locator("#pivot-form input[name=measures]").all():
        box.set_checked(box.get_attribute("value") == "revenue")
    page.select_option("#pivot-form select[name=period]", "last_year")
    submit(page, "#pivot-form button[type=submit]")
    table = _plain(str(page.locator("#pivot").inner_text()))
    us_row = page.locator("#pivot tbody tr", has_text="US").first
    us_text = _plain(str(us_row.inner_text()))
    assert ("740,00" if language == "fr" else "740.00") in us_text, us_text
    assert ("1 740,00" if language == "fr" else "1,740.00") in table, table
    with page.expect_download() as info:
        page.click("#pivot-xlsx")
    workbook = _open_workbook(info.value)
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert any("(EUR)" in str(h) for h in rows[0]), rows[0]
    amounts = [v for r in rows[1:] for v in r[1:] if isinstance(v, int | float)]
    assert D("740") in [D(str(v)) for v in amounts], rows
    _no_formula(workbook)
    # drill down from the US cell to its invoice and credit note
    submit(page, "#pivot tbody tr:has-text('US') td a >> nth=0")
    drill = _main(page)
    assert world.fa2.number in drill, drill
    submit(page, f"#drill a:has-text('{world.fa2.number}')")
    assert world.fa2.number in page.locator("h1").inner_text()
    # a wrong choice is named as the form names it, nothing computed
    response = _go(page, "/reporting/pivot/?source=invoice_lines&rows=country&columns=planet")
    assert response.status == 400
    assert texts["bad_columns"] in _plain(str(page.locator("#pivot-errors").inner_text()))
    assert page.locator("#pivot").count() == 0
    # save the view and reopen it
    _go(
        page,
        "/reporting/pivot/?source=invoice_lines&rows=country&columns=year&measures=revenue&period=last_year",
    )
    page.fill("#pivot-save input[name=name]", f"CA pays {language}")
    submit(page, "#pivot-save button[type=submit]")
    assert texts["saved"] in _main(page)
    _go(page, "/reporting/pivot/")
    submit(page, f"#pivot-views a:has-text('CA pays {language}')")
    assert f"CA pays {language}" in page.locator("h1").inner_text()
    assert ("1 740,00" if language == "fr" else "1,740.00") in _plain(
        str(page.locator("#pivot").inner_text())
    )

    # the API through the signed-in page: JSON figures, a 400 naming the bad filter
    answer = page.request.get("/api/reporting/dashboards/sales/?period=last_year&country=DE")
    assert answer.status == 200
    data = answer.json()
    revenue = next(f for s in data["sections"] for f in s["figures"] if f["key"] == "revenue")
    assert D(revenue["value"]) == D("1000") and revenue["currency"] == "EUR"
    bad = page.request.get("/api/reporting/dashboards/sales/?period=custom&start=2025-02-30")
    assert bad.status == 400
    assert "start" in bad.json() and bad.headers["content-type"].startswith("application/json")

    # on a 390 px wide screen the page does not scroll sideways: wide tables scroll in their box
    page.set_viewport_size({"width": 390, "height": 844})
    for url in ["/reporting/", "/reporting/pivot/", *[f"/reporting/{s.key}/" for s in specs]]:
        _go(page, url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        wide = page.evaluate(
            """() => { const w = document.documentElement.clientWidth; return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 12).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)); }"""
        )
        assert overflow <= 1, (url, overflow, wide)
    assert errors == []
