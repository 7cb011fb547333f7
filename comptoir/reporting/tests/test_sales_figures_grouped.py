"""The sales figures rewritten for speed (issue 17) against the hand-made world
(sales_facts.sales_world): orders of 900 EUR (5 February 2025, invoiced whole on 10 March)
and 300 USD (1 June 2025, not invoiced); a cancelled order of 9 900 USD never counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from comptoir.calculators.models import ExchangeRate
from comptoir.sales import figures
from comptoir.sales.figures import Scope, Target

pytestmark = pytest.mark.django_db
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def test_intake_summed_per_day_then_per_month(sales_world) -> None:  # type: ignore[no-untyped-def]
    rows = figures.intake_by_month(START, END, Scope())
    assert rows == [
        {"currency": "EUR", "month": dt.date(2025, 2, 1), "amount": D("900.00")},
        {"currency": "USD", "month": dt.date(2025, 6, 1), "amount": D("300.00")},
    ]
    # a period ending the day before the USD order leaves it out
    assert [
        r["currency"] for r in figures.intake_by_month(START, dt.date(2025, 5, 31), Scope())
    ] == ["EUR"]


def test_objectives_intake_per_month(sales_world) -> None:  # type: ignore[no-untyped-def]
    rows = figures.intake_for([Target("all", START, END), Target("de", START, END, country="DE")])
    by_month = {(r["currency"], r["month"]): r["amounts"] for r in rows}
    assert by_month == {
        ("EUR", dt.date(2025, 2, 1)): {"all": D("900.00"), "de": D("900.00")},
        ("USD", dt.date(2025, 6, 1)): {"all": D("300.00"), "de": D("0.00")},
    }


def test_backlog_drops_what_is_invoiced_whole(sales_world) -> None:  # type: ignore[no-untyped-def]
    # before the EUR invoice (10 March): the EUR order only (the USD one is taken in June)
    assert figures.backlog_by_currency(dt.date(2025, 3, 9), Scope()) == {"EUR": D("900.00")}
    # at the year's end the EUR order is invoiced whole: no EUR row at all, not a zero
    assert figures.backlog_rows(END, Scope(), by=("currency",)) == [
        {"currency": "USD", "amount": D("300.00")}
    ]
    rows = figures.backlog_by_client([sales_world.de.pk, sales_world.us.pk], END)
    assert rows == [{"client_id": sales_world.us.pk, "currency": "USD", "amount": D("300.00")}]


def test_eur_rates_read_only_the_pairs_asked(sales_world) -> None:  # type: ignore[no-untyped-def]
    # an inverse rate entered EUR -> GBP serves GBP -> EUR; a rate of another pair is not read
    ExchangeRate.objects.create(
        from_currency="EUR", to_currency="GBP", valid_from=dt.date(2024, 1, 1), rate=D("0.8")
    )
    ExchangeRate.objects.create(
        from_currency="CHF", to_currency="USD", valid_from=dt.date(2024, 1, 1), rate=D("9")
    )
    day = dt.date(2025, 6, 30)
    rates = figures.eur_rates([("USD", day), ("GBP", day), ("EUR", day)])
    assert rates[("USD", day)] == D("0.90")
    assert rates[("GBP", day)] == D("1.25")
    assert rates[("EUR", day)] == D("1")
