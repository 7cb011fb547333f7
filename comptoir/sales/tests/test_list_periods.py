"""The invoice and order lists filtered by a period (issue 17: the dashboards' revenue and
intake open them with their period), by the client's country and by the client; a date
that does not exist, a reversed period or a date out of bounds is refused naming the field,
in French and in English, and nothing is listed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from comptoir.parties.models import Company
from comptoir.sales.models import Invoice, Order

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(db: Any) -> dict[str, Any]:
    de = Company.objects.create(name="Berger GmbH", country="DE", currency="EUR", roles=",client,")
    us = Company.objects.create(name="Acme Inc", country="US", currency="USD", roles=",client,")

    def invoice(number: str, client: Company, day: dt.date) -> Invoice:
        return Invoice.objects.create(
            kind="invoice",
            status="issued",
            number=number,
            client=client,
            issue_date=day,
            currency=client.currency,
            eur_rate=Decimal("1"),
        )

    def order(number: str, client: Company, day: dt.date) -> Order:
        return Order.objects.create(
            number=number,
            client=client,
            order_date=day,
            status=Order.Status.CONFIRMED,
            currency=client.currency,
            incoterm="FCA",
            incoterm_place="Thiers",
        )

    return {
        "feb": invoice("FA-1", de, dt.date(2026, 2, 28)),
        "mar1": invoice("FA-2", de, dt.date(2026, 3, 1)),
        "mar31": invoice("FA-3", us, dt.date(2026, 3, 31)),
        "apr": invoice("FA-4", de, dt.date(2026, 4, 1)),
        "o_mar": order("CO-1", de, dt.date(2026, 3, 15)),
        "o_apr": order("CO-2", us, dt.date(2026, 4, 15)),
        "de": de,
        "us": us,
    }


def _listed(client: Any, url: str, params: dict[str, str]) -> set[str]:
    answer = client.get(url, params)
    assert answer.status_code == 200, answer.content[:500]
    return {str(row.number) for row in answer.context["page"]}


def test_invoices_issued_in_a_period_both_days_kept(documents, assistant_client) -> None:  # type: ignore[no-untyped-def]
    url = "/sales/invoices/"
    march = {"issued_from": "2026-03-01", "issued_to": "2026-03-31"}
    assert _listed(assistant_client, url, march) == {"FA-2", "FA-3"}
    assert _listed(assistant_client, url, {"issued_from": "2026-03-31"}) == {"FA-3", "FA-4"}
    assert _listed(assistant_client, url, {"issued_to": "2026-02-28"}) == {"FA-1"}
    assert _listed(assistant_client, url, march | {"country": "de"}) == {"FA-2"}
    client_id = str(documents["us"].pk)
    assert _listed(assistant_client, url, march | {"client": client_id}) == {"FA-3"}
    assert _listed(assistant_client, url, {}) == {"FA-1", "FA-2", "FA-3", "FA-4"}
    # the form shows the period asked and keeps the country
    page = assistant_client.get(url, march | {"country": "DE"}).content.decode()
    assert 'name="issued_from"' in page and 'value="2026-03-01"' in page
    assert '<input type="hidden" name="country" value="DE">' in page


def test_orders_ordered_in_a_period(documents, assistant_client) -> None:  # type: ignore[no-untyped-def]
    url = "/sales/orders/"
    march = {"ordered_from": "2026-03-01", "ordered_to": "2026-03-31"}
    assert _listed(assistant_client, url, march) == {"CO-1"}
    assert _listed(assistant_client, url, {"ordered_from": "2026-04-01", "country": "US"}) == {
        "CO-2"
    }
    assert _listed(assistant_client, url, march | {"country": "US"}) == set()


@pytest.mark.parametrize(
    ("url", "params", "field", "words"),
    [
        # a day that does not exist
        ("/sales/invoices/", {"issued_from": "2026-02-30"}, "issued_from", ("2026-02-30",)),
        ("/sales/invoices/", {"issued_to": "31/03/2026"}, "issued_to", ("31/03/2026",)),
        # reversed
        (
            "/sales/invoices/",
            {"issued_from": "2026-04-01", "issued_to": "2026-03-01"},
            "issued_to",
            ("reversed", "inversée"),
        ),
        # out of bounds (a typo in the year)
        ("/sales/invoices/", {"issued_from": "0206-03-01"}, "issued_from", ("2000", "2100")),
        ("/sales/invoices/", {"client": "abc"}, "client", ("client",)),
        ("/sales/orders/", {"ordered_to": "2026-13-01"}, "ordered_to", ("2026-13-01",)),
        (
            "/sales/orders/",
            {"ordered_from": "2026-05-01", "ordered_to": "2026-04-30"},
            "ordered_to",
            ("reversed", "inversée"),
        ),
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_wrong_date_is_refused_naming_the_field(  # type: ignore[no-untyped-def]
    documents, assistant_client, url, params, field, words, language
) -> None:
    assistant_client.cookies["comptoir_language"] = language
    answer = assistant_client.get(url, params)
    assert answer.status_code == 400
    assert not list(answer.context["page"])  # nothing listed on a wrong filter
    html = answer.content.decode()
    error = html[html.index('id="filter-error"') :]
    error = error[: error.index("</p>")]
    assert any(w in error for w in words), error
    if field != "client":
        label = {
            ("issued_from", "fr"): "Émise à partir du",
            ("issued_from", "en"): "Issued from",
            ("issued_to", "fr"): "Émise jusqu",
            ("issued_to", "en"): "Issued to",
            ("ordered_from", "fr"): "Commandée à partir du",
            ("ordered_to", "fr"): "Commandée jusqu",
            ("ordered_to", "en"): "Ordered to",
        }[(field, language)]
        assert label in error
        assert f'name="{field}"\n' in html or f'name="{field}"' in html
        field_html = html[html.index(f'id="{field}"') :]
        assert 'aria-invalid="true"' in field_html[: field_html.index(">")]
