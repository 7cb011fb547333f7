"""Properties of the document checker that hold for any presentation (hypothesis).

* UCP 600 art. 14 g: adding a document the credit does not require changes nothing;
* art. 30: an invoice amount within the credit's tolerance never raises AMOUNT_EXCEEDS_CREDIT
  (and above it always does);
* the verdict never depends on the order in which the documents are listed;
* art. 14 c / 29 a: the last day for presentation is a banking day, never after the
  extended expiry date, and a presentation on any day from shipment to that day is in time.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade import lc_check
from comptoir.trade.calendars import is_business_day, next_banking_day
from comptoir.trade.tests.lc_check_base import BASE, payload

EXTRA_DOCUMENTS = st.sampled_from(
    [
        {"type": "certificate_of_origin", "date": "2026-11-20", "country_of_origin": "China"},
        {"type": "certificate_of_origin", "country_of_origin": "FR", "goods_description": "Fish"},
        {"type": "certificate_of_origin", "date": "2027-03-01"},
    ]
)


@settings(max_examples=30, deadline=None)
@given(extra=EXTRA_DOCUMENTS, position=st.integers(0, 4))
def test_a_document_not_required_never_changes_the_verdict(
    extra: dict[str, Any], position: int
) -> None:
    data = payload()
    data["credit"]["documents_required"] = data["credit"]["documents_required"][:4]
    data["presentation"]["documents"] = data["presentation"]["documents"][:4]
    before = lc_check.check_presentation(data)
    data["presentation"]["documents"].insert(position, extra)
    after = lc_check.check_presentation(data)
    assert before["compliant"] is True
    assert after["compliant"] is True
    assert after["last_presentation_date"] == before["last_presentation_date"]


@settings(max_examples=60, deadline=None)
@given(
    cents=st.integers(1, 5_040_000),
    plus=st.integers(0, 20),
)
def test_an_amount_within_tolerance_never_exceeds_the_credit(cents: int, plus: int) -> None:
    amount = Decimal(cents) / 100  # up to 50,400.00
    maximum = Decimal("48000") * (100 + plus) / 100
    data = payload(
        {"tolerance_plus_pct": str(plus), "partial_shipments": "allowed"},
        commercial_invoice={"amount": str(amount), "quantity": None},
    )
    found = [d["code"] for d in lc_check.check_presentation(data)["discrepancies"]]
    assert ("AMOUNT_EXCEEDS_CREDIT" in found) is (amount > maximum)


documents_order = st.permutations(range(5))


@settings(max_examples=30, deadline=None)
@given(
    order=documents_order,
    weight=st.sampled_from(["9650", "9700"]),
    port=st.sampled_from(["Casablanca", "Tanger Med"]),
    presented=st.sampled_from(["2026-11-25", "2026-12-08", "2026-12-16"]),
)
def test_the_verdict_never_depends_on_document_order(
    order: list[int], weight: str, port: str, presented: str
) -> None:
    data = payload(
        presented=presented,
        packing_list={"gross_weight_kg": weight},
        bill_of_lading={"port_of_discharge": port},
    )
    shuffled = copy.deepcopy(data)
    shuffled["presentation"]["documents"] = [data["presentation"]["documents"][i] for i in order]
    assert lc_check.check_presentation(shuffled) == lc_check.check_presentation(data)


@settings(max_examples=60, deadline=None)
@given(
    shipped=st.dates(date(2026, 10, 1), date(2026, 11, 20)),
    expiry_after=st.integers(0, 60),
    days=st.integers(5, 30),
    country=st.sampled_from(["FR", "MA", "AE", "SA", "DE", "CN"]),
)
def test_the_last_presentation_day(
    shipped: date, expiry_after: int, days: int, country: str
) -> None:
    expiry = date(2026, 11, 20) + timedelta(days=expiry_after)
    data: dict[str, Any] = copy.deepcopy(BASE)
    data["credit"].update(
        expiry_date=expiry.isoformat(), presentation_days=days, expiry_country=country
    )
    data["presentation"]["documents"] = [
        {**doc, "on_board_date": shipped.isoformat(), "date": shipped.isoformat()}
        if doc["type"] == "bill_of_lading"
        else {**doc, "date": shipped.isoformat()}
        for doc in data["presentation"]["documents"]
    ]
    data["presentation"]["date"] = shipped.isoformat()
    last = date.fromisoformat(lc_check.check_presentation(data)["last_presentation_date"])
    assert is_business_day(country, last)
    assert last <= next_banking_day(country, expiry)
    assert last >= min(shipped + timedelta(days=days), expiry)
    for day in (shipped, last):
        data["presentation"]["date"] = day.isoformat()
        found = [d["code"] for d in lc_check.check_presentation(data)["discrepancies"]]
        assert "LATE_PRESENTATION" not in found and "CREDIT_EXPIRED" not in found
    data["presentation"]["date"] = (last + timedelta(days=1)).isoformat()
    found = [d["code"] for d in lc_check.check_presentation(data)["discrepancies"]]
    assert "LATE_PRESENTATION" in found or "CREDIT_EXPIRED" in found
