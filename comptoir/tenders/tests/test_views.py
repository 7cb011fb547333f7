"""Tender pages and API: every page in French and English writes nothing on GET; a tender
made on the screen, an answer refused with the field named, the decision; the comparison
JSON; a read-only user changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptoir.tenders.models import Tender

from .conftest import TODAY, pdf_text

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


def _speaks(user: Any, language: str) -> None:
    user.profile.language = language
    user.profile.save()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pages_render_and_write_nothing(
    answered: Tender, assistant_client: Any, assistant: Any, seller: Any, language: str
) -> None:
    _speaks(assistant, language)
    invitation = answered.invitations.get(supplier__country="CN")
    urls = [
        reverse("tenders:list"),
        reverse("tenders:create"),
        reverse("tenders:detail", args=[answered.pk]),
        reverse("tenders:answer", args=[answered.pk, invitation.pk]),
        reverse("tenders:costs", args=[answered.pk, invitation.pk]),
        reverse("tenders:answer_detail", args=[answered.pk, invitation.pk]),
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = assistant_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        assert not [q for q in queries if q["sql"].startswith(WRITES)], url
    page = assistant_client.get(reverse("tenders:detail", args=[answered.pk])).content.decode()
    if language == "fr":
        assert "Coût rendu" in page and "TVA import" in page
    else:
        assert "cost per unit delivered" in page and "6,402.81" in page or "6402.81" in page
    build_up = assistant_client.get(urls[-1]).content.decode()
    assert ("cash only" in build_up) or ("trésorerie seulement" in build_up)
    pdf = assistant_client.get(reverse("tenders:pdf", args=[answered.pk, invitation.pk]))
    assert "CV-24" in pdf_text(pdf.content)


def test_tender_made_on_the_screen(
    suppliers: Any, lid: Any, assistant_client: Any, seller: Any
) -> None:
    data = {
        "title": "Lids 2027",
        "suppliers": [s.pk for s in suppliers.values()],
        "reply_by": (TODAY + dt.timedelta(days=5)).isoformat(),
        "delivery_date": (TODAY + dt.timedelta(days=60)).isoformat(),
        "delivery_place": "Thiers",
        "incoterm": "FCA",
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "100",
        "lines-0-product": lid.pk,
        "lines-0-quantity": "2000",
        "lines-0-specifications": "black",
    }
    response = assistant_client.post(reverse("tenders:create"), data)
    assert response.status_code == 302
    tender = Tender.objects.get()
    assert tender.lines.count() == 1 and tender.invitations.count() == 3
    send = assistant_client.post(reverse("tenders:action", args=[tender.pk, "send"]))
    assert send.status_code == 302
    tender.refresh_from_db()
    assert tender.status == "sent"


def test_answer_refused_names_the_field(
    answered: Tender, assistant_client: Any, seller: Any
) -> None:
    invitation = answered.invitations.get(supplier__country="IN")
    url = reverse("tenders:answer", args=[answered.pk, invitation.pk])
    response = assistant_client.post(
        url,
        {
            "received_on": TODAY.isoformat(),
            "currency": "INR",
            "incoterm": "FOB",
            "incoterm_place": "Mumbai",
            "lead_time_days": "30",
            "payment_days": "0",
            "valid_until": TODAY.isoformat(),
            "samples": "none",
            "price_1": "-2",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "INR" in errors["currency"][0]
    assert invitation.answer.currency == "USD"


def test_decision_on_the_screen(answered: Tender, assistant_client: Any, seller: Any) -> None:
    pt = answered.invitations.get(supplier__country="PT").supplier
    response = assistant_client.post(
        reverse("tenders:action", args=[answered.pk, "decide"]),
        {"overall": pt.pk, "reason": "Lead time and credit", "inform_losers": "on"},
    )
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.status == "decided" and answered.awards.count() == 1
    page = assistant_client.get(answered.get_absolute_url()).content.decode()
    assert "Lead time and credit" in page


def test_reader_changes_nothing(answered: Tender, reader_client: Any) -> None:
    assert reader_client.get(reverse("tenders:detail", args=[answered.pk])).status_code == 200
    response = reader_client.post(reverse("tenders:action", args=[answered.pk, "cancel"]))
    assert response.status_code == 403
    answered.refresh_from_db()
    assert answered.status == "sent"


def test_api_comparison_and_decision(answered: Tender, assistant_client: Any) -> None:
    base = f"/api/tenders/{answered.pk}/"
    data = assistant_client.get(base + "comparison/").json()
    rows = {row["supplier_name"]: row for row in data["rows"]}
    assert rows["Ningbo Enamel"]["delivered_eur"] == "6402.81"
    assert rows["Esmaltados Porto"]["import_vat_cash_eur"] == "0.00"
    assert data["steps_fr"]
    bad = assistant_client.post(
        base + "answers/",
        {
            "supplier": rows["Mumbai Enamel"]["supplier"],
            "received_on": TODAY.isoformat(),
            "currency": "INR",
            "incoterm": "FOB",
            "incoterm_place": "Mumbai",
            "lead_time_days": 30,
            "valid_until": TODAY.isoformat(),
            "prices": [{"line": 1, "unit_price": "2.5"}],
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "currency" in bad.json()
    best = min(data["rows"], key=lambda r: r["rank"] or 99)
    decided = assistant_client.post(
        base + "decide/", {"overall": best["supplier"]}, content_type="application/json"
    )
    assert decided.status_code == 200, decided.json()
    awarded = assistant_client.get(base + "awarded/").json()
    assert awarded[0]["supplier"] == best["supplier"]


def test_api_create_tender(suppliers: Any, lid: Any, assistant_client: Any) -> None:
    response = assistant_client.post(
        "/api/tenders/",
        {
            "title": "Lids",
            "reply_by": (TODAY + dt.timedelta(days=3)).isoformat(),
            "delivery_date": (TODAY + dt.timedelta(days=30)).isoformat(),
            "delivery_place": "Thiers",
            "incoterm": "fob",
            "lines": [{"product": lid.pk, "quantity": "500"}],
            "suppliers": [suppliers["cn"].pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["incoterm"] == "FOB"
