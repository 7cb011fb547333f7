"""Offer price build-up: cost + margin → EXW → price at the Incoterm → client's currency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from comptoir.sales import buildup, selectors
from comptoir.sales.models import Offer, OfferLine

pytestmark = pytest.mark.django_db


def draft_offer(client, product, incoterm="FCA", currency="EUR"):  # type: ignore[no-untyped-def]
    offer = Offer.objects.create(
        number="OF2026-00001",
        client=client,
        offer_date=dt.date(2026, 11, 20),
        valid_until=dt.date(2026, 12, 20),
        lead_time="3 weeks",
        currency=currency,
        incoterm=incoterm,
        incoterm_place="Thiers",
        target_margin_pct=Decimal("35"),
    )
    OfferLine.objects.create(
        offer=offer, product=product, quantity=Decimal("100"), unit_price=Decimal("1")
    )
    return offer


def test_fca_price_in_dollars_from_cost_margin_and_costs(
    seller, clients, product, usd_rate, assistant
):
    offer = draft_offer(clients["us"], product, "FCA", "USD")
    costs = {
        "loading_at_origin": Decimal("100"),
        "export_clearance": Decimal("50"),
        "main_carriage": Decimal("900"),
    }
    result = buildup.compute(offer, costs, Decimal("0.3"), dt.date(2026, 11, 20))
    (row,) = result["rows"]
    exw = Decimal("38.50") / Decimal("0.65")  # margin 35 % of the selling price
    fca = exw * (exw * 100 + 150) / (exw * 100)  # loading + clearance spread on the value
    assert row.exw_eur == Decimal("59.23")
    assert row.incoterm_eur == fca.quantize(Decimal("0.01")) == Decimal("60.73")
    assert row.price == (fca / Decimal("0.90")).quantize(Decimal("0.01")) == Decimal("67.48")
    # Main carriage is a buyer's cost under FCA: it does not move the price.
    assert result["incoterm_total"] == Decimal("6073.08")
    buildup.apply(offer=offer, result=result, user=assistant)
    line = offer.lines.get()
    assert line.unit_price == Decimal("67.48")
    offer.refresh_from_db()
    assert offer.exchange_rate == (1 / Decimal("0.90")).quantize(Decimal("0.00000001"))
    totals = selectors.offer_totals(offer)
    assert totals["margin_pct"] is not None and totals["margin_pct"] >= Decimal("35") - 2


def test_cif_adds_the_insurance_premium(seller, clients, product, assistant):
    offer = draft_offer(clients["fr"], product, "CIF", "EUR")
    costs = {"main_carriage": Decimal("1000")}
    result = buildup.compute(offer, costs, Decimal("0.5"), dt.date(2026, 11, 20))
    cfr = Decimal("38.50") / Decimal("0.65") * 100 + 1000
    cif = cfr / (1 - Decimal("0.005") * Decimal("1.10"))
    assert result["incoterm_total"] == cif.quantize(Decimal("0.01"))


def test_no_rate_no_guess(seller, clients, product, assistant):
    offer = draft_offer(
        clients["us"], product, "FCA", "USD"
    )  # no company rate, ECB data ends in October
    with pytest.raises(ValidationError, match="No EUR rate for USD"):
        buildup.compute(offer, {}, Decimal("0"), dt.date(2026, 11, 20))


def test_a_sent_offer_keeps_its_prices(seller, clients, product, assistant):
    offer = draft_offer(clients["fr"], product)
    result = buildup.compute(offer, {}, Decimal("0"), dt.date(2026, 11, 20))
    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.SENT)
    with pytest.raises(ValidationError, match="draft"):
        buildup.apply(offer=offer, result=result, user=assistant)
    assert offer.lines.get().unit_price == Decimal("1")


def test_build_up_page_computes_then_applies(seller, clients, product, assistant, client):
    offer = draft_offer(clients["fr"], product, "FCA", "EUR")
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "en"
    url = f"/sales/offers/{offer.pk}/build-up/"
    page = client.get(url, {"compute": "1", "loading_at_origin": "150"}).content.decode()
    assert "Loading at origin" in page and "60.73" in page  # (5923.08 + 150) / 100
    response = client.post(
        url, {"loading_at_origin": "150", "insurance_pct": "0", "rate_date": "2026-11-20"}
    )
    assert response.status_code == 302
    assert offer.lines.get().unit_price == Decimal("60.73")
    bad = client.get(url, {"compute": "1", "loading_at_origin": "abc"}).content.decode()
    assert "is not an amount" in bad
