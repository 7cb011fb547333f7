"""The stand's visitor form on a phone (390 x 844), in French and in English, with the
connection cut while two visitors are entered: both are kept on the phone, shown as such,
then sent when the connection comes back; each arrives once, none is lost, none doubled
(issue 16)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["fr", "en"]

TEXTS = {
    "fr": {"offline": "Pas de connexion", "online": "Connecté", "kept": "Gardés sur cet appareil"},
    "en": {"offline": "No connection", "online": "Connected", "kept": "Kept on this device"},
}

VISITORS = [
    ("Casa Bella SpA", "Giulia", "Rossi", "IT", "hot", "g.rossi@casabella.it"),
    ("Nordic Home AB", "Lars", "Lindqvist", "SE", "warm", "lars@nordichome.se"),
]


@pytest.fixture
def phone(browser, live_server, django_user_model):  # type: ignore[no-untyped-def]
    from conftest import make_user

    make_user(django_user_model, "claire", "assistant")
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="fr-FR",
        timezone_id="Europe/Paris",
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", "claire")
    page.fill("#id_password", "pw-claire")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/")
    yield page
    context.close()


def _fair() -> Any:
    from django.contrib.auth.models import User

    from comptoir.events import services
    from comptoir.events.inputs import EventValues

    claire = User.objects.get(username="claire")
    return services.save_event(
        event=None,
        values=EventValues(
            name="Ambiente",
            kind="trade_fair",
            starts_on=dt.date(2026, 2, 6),
            ends_on=dt.date(2026, 2, 10),
            city="Frankfurt am Main",
            country="DE",
            hall="3.1",
            stand_number="B45",
            team=(claire,),
        ),
        user=None,
    )


def _enter(page: Any, visitor: tuple[str, str, str, str, str, str]) -> None:
    company, first, last, country, temperature, email = visitor
    page.fill("#v-company", company)
    page.fill("#v-first", first)
    page.fill("#v-last", last)
    page.select_option("#v-country", country)
    page.fill("#v-email", email)
    page.check(f"input[name=temperature][value={temperature}]")
    page.check("#v-consent")
    page.click("#save-visitor")


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitors_entered_offline_arrive_once(phone, language):  # type: ignore[no-untyped-def]
    from comptoir.events.models import Visitor
    from comptoir.parties.models import Company, Task

    page = phone
    texts = TEXTS[language]
    fair = _fair()
    page.click(f"button[name=language][value={language}]")
    page.wait_for_selector(f"html[lang={language}]")
    page.goto(f"/events/{fair.pk}/stand/")
    page.wait_for_selector("#visitor-form")
    assert texts["kept"] in page.inner_text("#stand-status")
    # the form fits the phone: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.context.set_offline(True)
    page.wait_for_selector("#connection.offline")
    assert texts["offline"] in page.inner_text("#connection")
    for number, visitor in enumerate(VISITORS, start=1):
        _enter(page, visitor)
        page.wait_for_selector(f"#kept-count:text-is('{number}')")
    assert page.inner_text("#sent-count") == "0"
    assert Visitor.objects.count() == 0  # nothing reached the server

    page.context.set_offline(False)
    page.wait_for_selector("#sent-count:text-is('2')")
    page.wait_for_selector("#kept-count:text-is('0')")
    assert texts["online"] in page.inner_text("#connection")
    assert Visitor.objects.filter(event=fair).count() == 2
    for company, *_rest in VISITORS:
        assert Company.objects.filter(name=company).count() == 1
        assert Task.objects.filter(company__name=company).count() == 1

    # a reload finds nothing left to send and sends nothing twice
    page.reload()
    page.wait_for_selector("#visitor-form")
    page.wait_for_timeout(500)
    assert page.inner_text("#kept-count") == "0"
    assert Visitor.objects.count() == 2
