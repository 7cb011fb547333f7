"""Currency exposure from sales and the entries of this area: open invoices, confirmed orders
and accepted offers against the expected payments and the hedges; the page, the chart, the
spreadsheet; the maturity task; the services' refusals."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from comptoir.calculators.models import ExchangeRate
from comptoir.fx_exposure import selectors, services
from comptoir.fx_exposure.inputs import HedgeStatusValues, HedgeValues, PaymentValues
from comptoir.fx_exposure.models import Hedge
from comptoir.parties.models import Task
from comptoir.sales import services as sales
from comptoir.sales.models import Invoice
from comptoir.sales.tests.conftest import clients, make_order, product, seller  # noqa: F401
from conftest import make_user

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = dt.date.today()
WRITES = ("INSERT", "UPDATE", "DELETE")


def _hedge(**changes: object) -> Hedge:
    values = {
        "kind": "forward",
        "reference": "FWD-USD-1",
        "bank": "BNP Paribas",
        "side": "sell",
        "currency": "usd",
        "amount": D("30000"),
        "rate": D("1.0800"),
        "trade_date": TODAY - dt.timedelta(days=10),
        "maturity": TODAY + dt.timedelta(days=45),
        **changes,
    }
    return services.save_hedge(hedge=None, values=HedgeValues(**values), user=None)  # type: ignore[arg-type]


@pytest.fixture
def rates(db):  # type: ignore[no-untyped-def]
    # bank rate and budget rate, EUR per USD
    ExchangeRate.objects.create(
        from_currency="USD", to_currency="EUR", valid_from=TODAY, rate=D("0.92"), kind="bank"
    )
    ExchangeRate.objects.create(
        from_currency="EUR",
        to_currency="USD",
        valid_from=TODAY.replace(month=1, day=1),
        rate=D("1.10"),
        kind="budget",
        note="budget 2026",
    )


@pytest.fixture
def usd_book(rates, seller, clients, product):  # type: ignore[no-untyped-def]  # noqa: F811
    us = clients["us"]
    Invoice.objects.create(
        kind=Invoice.Kind.INVOICE,
        status=Invoice.Status.ISSUED,
        number="F-2026-0101",
        client=us,
        issue_date=TODAY - dt.timedelta(days=40),
        due_date=TODAY - dt.timedelta(days=10),
        currency="USD",
        gross_total=D("20000"),
        balance_due=D("20000"),
        eur_rate=D("0.9"),
    )
    order = make_order(us, product, "100", "100", payment_days=60)
    sales.confirm_order(order=order, user=None)  # USD 10,000
    services.save_payment(
        payment=None,
        values=PaymentValues(
            currency="USD",
            amount=D("5000"),
            due_on=TODAY + dt.timedelta(days=20),
            purchase_reference="PO-SUP-7",
        ),
        user=None,
    )
    _hedge()
    return us


def test_exposure_from_sales_payments_and_hedges(usd_book):  # type: ignore[no-untyped-def]
    exposure = selectors.exposure()
    (usd,) = exposure.currencies
    assert usd.receipts == D("30000.00") and usd.payments == D("5000")
    assert usd.net == D("25000.00") and usd.hedged == D("30000")
    assert usd.uncovered == D("-5000.00")  # over-hedged
    assert usd.hedge_ratio == D("120.00")
    assert {f.source for f in exposure.flows} == {"invoice", "order", "payment"}
    assert usd.budget is not None and usd.budget.quantize(D("0.0001")) == D("0.9091")
    assert usd.spot is not None  # the ECB's, or the bank rate when the ECB data stop earlier
    assert usd.gain_vs_budget is not None


def test_page_chart_and_spreadsheet(usd_book, assistant_client):  # type: ignore[no-untyped-def]
    url = reverse("fx_exposure:exposure")
    assistant_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = assistant_client.get(url)
    assert page.status_code == 200
    assert [q for q in queries if q["sql"].lstrip().upper().startswith(WRITES)] == []
    html = page.content.decode()
    assert (
        "<svg" in html
        and 'id="fx-USD"' in html
        and "<script" not in html.split("<svg")[1].split("</svg>")[0]
    )
    response = assistant_client.get(url + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] in ("Currency", "Devise")
    totals = [r for r in rows if r[1] in ("Total",)]
    assert totals and totals[0][2] == 30000 and totals[0][6] == -5000
    for url in (
        reverse("fx_exposure:hedge_list"),
        Hedge.objects.get().get_absolute_url(),
        reverse("fx_exposure:payment_list"),
        reverse("fx_exposure:payment_create"),
    ):
        assert assistant_client.get(url).status_code == 200, url


def test_spreadsheet_texts_are_never_formulas(rates, assistant_client):  # type: ignore[no-untyped-def]
    services.save_payment(
        payment=None,
        values=PaymentValues(
            currency="GBP", amount=D("1"), due_on=TODAY, purchase_reference="=HYPERLINK(1)"
        ),
        user=None,
    )
    response = assistant_client.get(reverse("fx_exposure:exposure") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert all(
        not (isinstance(v, str) and v.startswith("="))
        for row in sheet.iter_rows(values_only=True)
        for v in row
    )


def test_hedge_refusals_name_the_field(db):  # type: ignore[no-untyped-def]
    for changes, field in (
        ({"currency": "EUR"}, "currency"),
        ({"currency": "XYZ"}, "currency"),
        ({"maturity": TODAY - dt.timedelta(days=30)}, "maturity"),
        ({"window_from": TODAY + dt.timedelta(days=400)}, "window_from"),
        ({"reference": " "}, "reference"),
    ):
        with pytest.raises(ValidationError) as caught:
            _hedge(**changes)
        assert field in caught.value.message_dict, changes
    assert not Hedge.objects.exists()


def test_delivery_and_expiry(db):  # type: ignore[no-untyped-def]
    hedge = _hedge()
    with pytest.raises(ValidationError):
        services.set_hedge_status(
            hedge=hedge, values=HedgeStatusValues(status="expired", delivered=D("0")), user=None
        )
    services.set_hedge_status(
        hedge=hedge, values=HedgeStatusValues(status="open", delivered=D("10000")), user=None
    )
    assert hedge.open_amount == D("20000")
    services.set_hedge_status(
        hedge=hedge, values=HedgeStatusValues(status="open", delivered=D("30000")), user=None
    )
    assert hedge.status == "delivered" and hedge.open_amount == D("0")


def test_maturity_task_a_week_before(db, django_user_model):  # type: ignore[no-untyped-def]
    owner = make_user(django_user_model, "julien", "manager")
    soon = _hedge(maturity=TODAY + dt.timedelta(days=6), responsible=owner, reference="FWD-SOON")
    _hedge(maturity=TODAY + dt.timedelta(days=30), responsible=owner, reference="FWD-LATER")
    assert services.remind_maturities(TODAY) == 1
    assert services.remind_maturities(TODAY) == 0
    task = Task.objects.get()
    assert "FWD-SOON" in task.title and task.assigned_to == owner
    services.set_hedge_status(
        hedge=soon, values=HedgeStatusValues(status="delivered", delivered=D("30000")), user=None
    )
    task.refresh_from_db()
    assert task.done_at is not None


def test_manager_records_hedges_assistant_cannot(assistant_client, client, django_user_model):  # type: ignore[no-untyped-def]
    data = {
        "kind": "forward",
        "reference": "FWD-9",
        "bank": "Société Générale",
        "side": "sell",
        "currency": "gbp",
        "amount": "50000",
        "rate": "0.8600",
        "trade_date": TODAY.isoformat(),
        "maturity": (TODAY + dt.timedelta(days=90)).isoformat(),
    }
    assert assistant_client.post(reverse("fx_exposure:hedge_create"), data).status_code == 403
    client.force_login(make_user(django_user_model, "boss", "manager"))
    response = client.post(reverse("fx_exposure:hedge_create"), data)
    assert response.status_code == 302
    assert Hedge.objects.get().currency == "GBP"


def test_a_budget_rate_is_never_taken_for_todays_rate(db):  # type: ignore[no-untyped-def]
    ExchangeRate.objects.create(
        from_currency="EUR", to_currency="GBP", valid_from=TODAY, rate=D("0.85"), kind="budget"
    )
    spot = selectors.spot_rate("GBP", TODAY)
    assert spot is None or "budget" not in spot.source.lower()
    budget = selectors.budget_rate("GBP", TODAY)
    assert budget is not None and budget.rate.quantize(D("0.0001")) == D("1.1765")


def test_chart_piles_hedged_and_uncovered_up_to_the_net_position_with_the_months_named(
    usd_book, assistant_client
):  # type: ignore[no-untyped-def]
    import re
    import xml.etree.ElementTree as ET

    from comptoir.documents.charts import month_label

    (usd,) = selectors.exposure().currencies
    year, month = (int(p) for p in usd.months[0].month.split("-"))
    first = dt.date(year, month, 1)
    for language in ("en", "fr"):
        assistant_client.cookies["comptoir_language"] = language
        html = assistant_client.get(reverse("fx_exposure:exposure")).content.decode()
        section = html.split('id="fx-USD"')[1]
        svg = ET.fromstring(re.search(r"<svg.*?</svg>", section, re.S).group(0))  # type: ignore[union-attr]
        assert "stacked-chart" in (svg.get("class") or "")
        net = [
            D(e.get("data-value") or "0")
            for e in svg.iter()
            if e.get("class") == "overlay-point" and e.get("data-series") == "0"
        ]
        assert sum(net) == usd.net == D("25000.00")  # the piles' totals: the net position
        bars = [D(e.get("data-value") or "0") for e in svg.iter() if e.get("class") == "bar"]
        assert sum(bars) == usd.hedged + usd.uncovered
        # the table beside names the months as the chart does, in the reader's language
        table = section.split('class="list chart-figures"')[1].split("</table>")[0]
        assert month_label(first, language) in table
        assert usd.months[0].month not in table
    assert month_label(first, "fr") != month_label(first, "en")
