"""Screens: navigation, languages, time zone, history, forms with errors."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from comptoir.parties.models import Company, Task
from comptoir.parties.tests.factories import company, contact

pytestmark = pytest.mark.django_db


def test_home_lists_my_tasks_today_and_overdue(assistant_client, assistant):
    firm = company()
    today = timezone.localdate()
    Task.objects.create(
        title="Call back Stefan", due_date=today, assigned_to=assistant, company=firm
    )
    Task.objects.create(
        title="Send EUR.1", due_date=today - dt.timedelta(days=2), assigned_to=assistant
    )
    Task.objects.create(
        title="Later thing", due_date=today + dt.timedelta(days=5), assigned_to=assistant
    )
    page = assistant_client.get("/").content.decode()
    assert "Call back Stefan" in page and "Send EUR.1" in page
    assert "Later thing" not in page


def test_pages_speak_french_and_english(assistant_client):
    assistant_client.cookies["comptoir_language"] = "fr"
    assert "Sociétés" in assistant_client.get("/parties/companies/").content.decode()
    assistant_client.cookies["comptoir_language"] = "en"
    assert "Companies" in assistant_client.get("/parties/companies/").content.decode()


def test_creating_a_company_with_a_bad_vat_shows_the_error_and_saves_nothing(assistant_client):
    data = {
        "name": "Bad VAT SARL",
        "roles_field": ["client"],
        "country": "FR",
        "language": "fr",
        "currency": "EUR",
        "vat_number": "FR41303265045",
        "payment_days": "30",
        "credit_limit": "0",
    }
    response = assistant_client.post(reverse("parties:company_create"), data)
    assert response.status_code == 200
    assert (
        "check digits" in response.content.decode()
        or "chiffres de contrôle" in response.content.decode()
    )
    assert not Company.objects.exists()
    data["vat_number"] = "FR40303265045"
    response = assistant_client.post(reverse("parties:company_create"), data)
    assert response.status_code == 302
    assert Company.objects.get().vat_number == "FR40303265045"


def test_company_page_shows_partner_local_time(assistant_client):
    firm = company(country="JP", city="Tokyo", time_zone="Asia/Tokyo")
    page = assistant_client.get(firm.get_absolute_url()).content.decode()
    local = timezone.now().astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert local.strftime("%H:") in page
    assert "Asia/Tokyo" in page


def test_history_view_shows_who_changed_what(client, manager):
    client.force_login(manager)
    data = {
        "name": "Alpenküche AG",
        "roles_field": ["client"],
        "country": "CH",
        "language": "en",
        "currency": "CHF",
        "payment_days": "30",
        "credit_limit": "80000",
    }
    client.post(reverse("parties:company_create"), data)
    firm = Company.objects.get()
    data["credit_limit"] = "90000"
    client.post(reverse("parties:company_edit", args=[firm.pk]), data)
    page = client.get(reverse("history", args=["parties", "company", firm.pk])).content.decode()
    assert "manager" in page
    assert "80000" in page and "90000" in page


def test_lists_filter_and_paginate(assistant_client):
    for i in range(30):
        company(
            name=f"Client {i:02d}",
            country="DE" if i % 2 else "IT",
            roles=["client"] if i < 20 else ["supplier"],
        )
    page = assistant_client.get("/parties/companies/?role=supplier").content.decode()
    assert "Client 25" in page and "Client 05" not in page
    page = assistant_client.get("/parties/companies/?country=IT&page=1").content.decode()
    assert "Client 00" in page and "Client 01" not in page
    page2 = assistant_client.get("/parties/companies/?page=2").content.decode()
    assert "Client 29" in page2


def test_export_csv_and_xlsx(assistant_client):
    company(name="Casa Cucina")
    csv = assistant_client.get("/parties/companies/?format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Casa Cucina" in csv.content.decode("utf-8-sig")
    xlsx = assistant_client.get("/parties/companies/?format=xlsx")
    assert xlsx.content[:2] == b"PK"


def test_country_sheet_shows_facts_and_parties(assistant_client):
    company(name="Kitchen Art Tokyo", country="JP", time_zone="Asia/Tokyo")
    page = assistant_client.get("/parties/countries/JP/").content.decode()
    assert "JPY" in page and "+81" in page and "Asia/Tokyo" in page and "Kitchen Art Tokyo" in page


def test_gdpr_export_downloads_json(assistant_client):
    person = contact(company())
    response = assistant_client.get(reverse("parties:contact_gdpr_export", args=[person.pk]))
    assert response.json()["person"]["last_name"] == "Berger"


def test_user_time_zone_applies(assistant_client, assistant):
    assistant.profile.time_zone = "America/Sao_Paulo"
    assistant.profile.save()
    page = assistant_client.get("/").content.decode()
    assert "-03" in page or "BRT" in page


def test_every_interface_text_has_a_french_translation():
    from pathlib import Path

    from babel.messages.pofile import read_po

    po = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    with po.open("rb") as stream:
        catalog = read_po(stream)
    missing = [
        m.id
        for m in catalog
        if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
    ]
    assert missing == []
