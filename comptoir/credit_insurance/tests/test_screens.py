"""Credit insurance pages: every page answers without writing on GET; a cover requested and
decided, a threatened loss declared and followed through the forms; the sections on the
company, order and home pages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptoir.credit_insurance.models import BuyerCover, Declaration
from comptoir.sales.tests.conftest import make_order

from .conftest import TODAY, granted, issued_invoice

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")
D = Decimal


def test_pages_answer_without_writing(assistant_client, policy, clients, product):  # type: ignore[no-untyped-def]
    buyer = clients["de"]
    cover = granted(policy, buyer, "10000")
    invoice = issued_invoice(buyer, "12000", TODAY - dt.timedelta(days=50))
    order = make_order(buyer, product, "10", "79")
    declaration_url = reverse("credit_insurance:declaration_create", args=[buyer.pk])
    urls = [
        reverse("credit_insurance:home"),
        reverse("credit_insurance:policy_list"),
        policy.get_absolute_url(),
        reverse("credit_insurance:cover_request", args=[policy.pk]),
        cover.get_absolute_url(),
        reverse("credit_insurance:to_declare"),
        reverse("credit_insurance:declaration_list"),
        declaration_url,
        buyer.get_absolute_url(),
        order.get_absolute_url(),
        reverse("home"),
    ]
    assistant_client.get(urls[0])
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = assistant_client.get(url)
        assert response.status_code == 200, url
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], url
    company_page = assistant_client.get(buyer.get_absolute_url()).content.decode()
    assert 'id="credit-insurance"' in company_page
    order_page = assistant_client.get(order.get_absolute_url()).content.decode()
    flag = order_page.split('id="insurance-flag"')[1].split("</section>")[0]
    assert 'role="alert"' in flag and "12" in flag  # beyond the cover: a flag
    home = assistant_client.get(reverse("home")).content.decode()
    assert invoice.number in home and order.number in home


def test_request_decide_declare_through_the_forms(assistant_client, policy, clients):  # type: ignore[no-untyped-def]
    buyer = clients["de"]
    response = assistant_client.post(
        reverse("credit_insurance:cover_request", args=[policy.pk]),
        {"buyer": buyer.pk, "amount": "30000", "requested_on": TODAY.isoformat()},
    )
    cover = BuyerCover.objects.get()
    assert response.status_code == 302 and cover.state == "requested"
    bad = assistant_client.post(
        cover.get_absolute_url(),
        {"state": "granted", "amount": "0", "decided_on": TODAY.isoformat()},
    )
    assert bad.status_code == 200 and "has-error" in bad.content.decode()
    assistant_client.post(
        cover.get_absolute_url(),
        {
            "state": "reduced",
            "amount": "25000",
            "decided_on": TODAY.isoformat(),
            "insurer_reference": "AGR-77",
        },
    )
    cover.refresh_from_db()
    assert (cover.state, cover.amount, cover.insurer_reference) == ("reduced", D("25000"), "AGR-77")
    invoice = issued_invoice(buyer, "4000", TODAY - dt.timedelta(days=30))
    response = assistant_client.post(
        reverse("credit_insurance:declaration_create", args=[buyer.pk]),
        {"invoices": [invoice.pk], "declared_on": TODAY.isoformat(), "reference": "MS-1"},
    )
    declaration = Declaration.objects.get()
    assert response.status_code == 302
    assert declaration.indemnity_expected == D("3600.00")
    page = assistant_client.get(declaration.get_absolute_url()).content.decode()
    assert re.search(r"3\W?600,00 EUR", page), "the indemnity expected, in French"


def test_reader_cannot_write(reader_client, policy, clients):  # type: ignore[no-untyped-def]
    response = reader_client.post(
        reverse("credit_insurance:cover_request", args=[policy.pk]),
        {"buyer": clients["de"].pk, "amount": "30000", "requested_on": TODAY.isoformat()},
    )
    assert response.status_code == 403 and not BuyerCover.objects.exists()


def test_policy_form_is_for_managers(assistant_client, manager, client, db):  # type: ignore[no-untyped-def]
    assert assistant_client.get(reverse("credit_insurance:policy_create")).status_code == 403
    client.force_login(manager)
    response = client.post(
        reverse("credit_insurance:policy_create"),
        {
            "insurer": "Coface",
            "number": "CF-1",
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY - dt.timedelta(days=1)).isoformat(),
            "commercial_share_pct": "90",
            "max_credit_days": "120",
            "threatened_loss_days": "30",
            "waiting_period_days": "180",
            "premium_rate_pct": "0.25",
            "discretionary_limit": "0",
        },
    )
    assert response.status_code == 200 and "has-error" in response.content.decode()
