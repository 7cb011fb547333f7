"""A call for tender from request to decision in the browser, in French and in English
(issue 15): the tender made on the screen and sent, the route costs of a supplier in China,
an answer in a currency without a rate refused with the field named, two answers entered
(EXW Ningbo in USD, FCA Porto in EUR), the comparison brought to one cost per unit
delivered, the weights changed, the decision recorded with its reason.

The suppliers, the product, the tariff rate and the bank's USD rate are made through the
ORM, as the assistant would find them on arrival."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tests.e2e.browser import submit, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = dt.date.today()
D = Decimal

TEXTS = {
    "fr": {
        "created": "Appel d'offres créé",
        "no_rate": "INR",
        "delivered": "Coût rendu",
        "vat": "TVA import",
        "decided": "Décision enregistrée.",
        "status": "Décidé",
        "weights": "Pondérations enregistrées",
    },
    "en": {
        "created": "Tender created",
        "no_rate": "INR",
        "delivered": "Delivered cost",
        "vat": "Import VAT",
        "decided": "Decision recorded.",
        "status": "Decided",
        "weights": "Weights saved",
    },
}


def _main(page: Any) -> str:
    return str(page.locator("main").inner_text())


def _data() -> dict[str, Any]:
    from comptoir.calculators.models import ExchangeRate
    from comptoir.catalog.models import Product
    from comptoir.customs.models import TariffRate
    from comptoir.parties.models import Company

    ExchangeRate.objects.create(
        from_currency="USD", to_currency="EUR", valid_from=dt.date(2020, 1, 1), rate=D("0.90")
    )
    TariffRate.objects.create(code="7323", kind="third_country", ad_valorem_pct=D("3.2"))
    lid = Product.objects.create(
        reference="CV-24",
        name_fr="Couvercle émaillé 24 cm",
        name_en="Enamelled lid 24 cm",
        hs_code="732394",
        cn_code="73239400",
        origin_country="CN",
        net_weight_kg=D("0.6"),
        gross_weight_kg=D("0.7"),
        cost_price=D("4"),
    )
    suppliers = {}
    for key, name, country in (
        ("cn", "Ningbo Enamel", "CN"),
        ("pt", "Esmaltados Porto", "PT"),
    ):
        company = Company(name=name, country=country, language="en")
        company.role_list = ["supplier"]
        company.save()
        suppliers[key] = company
    return {"lid": lid, "suppliers": suppliers}


@pytest.fixture
def watch(logged_in):  # type: ignore[no-untyped-def]
    page = logged_in
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    assert errors == []


def _answer(page: Any, currency: str, incoterm: str, place: str, price: str, lead: str) -> None:
    page.select_option("#id_currency", currency)
    page.select_option("#id_incoterm", incoterm)
    page.fill("#id_incoterm_place", place)
    page.fill("#id_lead_time_days", lead)
    page.fill("#id_valid_until", (TODAY + dt.timedelta(days=30)).isoformat())
    page.fill("#id_price_1", price)
    submit(page, "#save-answer")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_tender_from_request_to_decision(watch, language):  # type: ignore[no-untyped-def]
    from comptoir.tenders.models import Tender

    texts = TEXTS[language]
    data = _data()
    cn, pt = data["suppliers"]["cn"], data["suppliers"]["pt"]
    page = watch
    switch_language(page, language)

    # The tender, on the screen, then sent.
    page.goto("/tenders/new/")
    page.fill("#id_title", "Enamelled lids 2027")
    page.check(f"input[name=suppliers][value='{cn.pk}']")
    page.check(f"input[name=suppliers][value='{pt.pk}']")
    page.fill("#id_reply_by", (TODAY + dt.timedelta(days=7)).isoformat())
    page.fill("#id_delivery_date", (TODAY + dt.timedelta(days=90)).isoformat())
    page.fill("#id_delivery_place", "Thiers warehouse")
    page.select_option("#id_lines-0-product", str(data["lid"].pk))
    page.fill("#id_lines-0-quantity", "2000")
    submit(page, "#save-tender")
    assert texts["created"] in _main(page)
    tender = Tender.objects.get()
    submit(page, "#send-tender")
    tender.refresh_from_db()
    assert tender.status == "sent"

    # The route costs from China: per shipment, and insurance as a percentage.
    invitations = {i.supplier_id: i for i in tender.invitations.all()}
    page.goto(f"/tenders/{tender.pk}/suppliers/{invitations[cn.pk].pk}/costs/")
    page.fill("#id_main_freight_amount", "1450")
    page.fill("#id_insurance_amount", "0.3")
    page.select_option("#id_insurance_basis", "percent")
    page.fill("#id_on_carriage_amount", "520")
    submit(page, "#save-costs")

    # An answer in rupees: no rate on the day, refused with the field named, nothing saved.
    page.goto(f"/tenders/{tender.pk}/suppliers/{invitations[cn.pk].pk}/answer/")
    _answer(page, "INR", "EXW", "Ningbo", "170", "60")
    assert texts["no_rate"] in page.locator("#field-currency .error").inner_text()
    assert not invitations[cn.pk].__class__.objects.filter(answer__isnull=False).exists()
    _answer(page, "USD", "EXW", "Ningbo", "2.05", "60")
    page.goto(f"/tenders/{tender.pk}/suppliers/{invitations[pt.pk].pk}/answer/")
    _answer(page, "EUR", "FCA", "Porto", "4.15", "21")

    # The comparison: one delivered cost per answer, import VAT as cash only.
    page.goto(f"/tenders/{tender.pk}/")
    table = page.locator("#answers-table").inner_text().lower()  # headers in capitals
    assert "ningbo enamel" in table and "esmaltados porto" in table
    assert texts["delivered"].lower() in table and texts["vat"].lower() in table
    assert page.locator("#line-matrix strong").count() == 1

    # The weights changed, then the decision with its reason.
    page.fill("#id_price", "80")
    submit(page, "#save-weights")
    assert texts["weights"] in _main(page)
    page.select_option("#id_overall", str(pt.pk))
    page.fill("#id_reason", "Shorter lead time, 60 days' credit")
    submit(page, "#decide")
    main = _main(page)
    assert texts["decided"] in main or "Shorter lead time" in main
    tender.refresh_from_db()
    assert tender.status == "decided"
    assert texts["status"] in page.locator("#tender-status").inner_text()
    assert tender.awards.get().answer_line.answer.invitation.supplier == pt
