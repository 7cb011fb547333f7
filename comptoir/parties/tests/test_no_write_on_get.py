"""Reading a page of the parties and catalog areas writes nothing to the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptoir.catalog.models import PriceList, PriceListItem, Product
from comptoir.parties.models import CountrySheet, Task

from .factories import company, contact

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def test_list_and_detail_pages_write_nothing(assistant_client, assistant):
    firm = company()
    person = contact(firm)
    Task.objects.create(
        title="Call back", due_date=dt.date(2026, 12, 7), assigned_to=assistant, company=firm
    )
    CountrySheet.objects.create(country="DE", risk_notes="Low")
    product = Product.objects.create(
        reference="CF-24",
        name_fr="Cocotte",
        name_en="Casserole",
        hs_code="732392",
        origin_country="FR",
        net_weight_kg=Decimal("4.3"),
        gross_weight_kg=Decimal("4.9"),
        cost_price=Decimal("38.5"),
    )
    price_list = PriceList.objects.create(name="Export USD", currency="USD")
    PriceListItem.objects.create(price_list=price_list, product=product, unit_price=Decimal("79"))
    urls = [
        "/",
        reverse("parties:company_list"),
        reverse("parties:company_list") + "?format=csv",
        firm.get_absolute_url(),
        reverse("parties:company_edit", args=[firm.pk]),
        reverse("parties:contact_list"),
        person.get_absolute_url(),
        reverse("parties:task_list"),
        reverse("parties:country_list"),
        reverse("parties:country_detail", args=["DE"]),
        reverse("parties:import"),
        reverse("catalog:product_list"),
        product.get_absolute_url(),
        reverse("catalog:product_edit", args=[product.pk]),
        reverse("catalog:pricelist_list"),
        price_list.get_absolute_url(),
        reverse("catalog:hs_search"),
    ]
    assistant_client.get(urls[0])  # the session and the user's first visit are stored once
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = assistant_client.get(url)
        assert response.status_code == 200, url
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], url
