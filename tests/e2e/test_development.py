"""The business development pages in a browser, in French and in English: the intelligence
home and an item, clipping the item into a thematic file, the market selection with its
ranking and chart, a campaign's page with its preview and results funnel, the action plan
and an action linked to its campaign; an action that ends before it starts is refused with a
clear message on the field (issue 16). No page answers a server error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "fr": {
        "intelligence": "Veille commerciale",
        "clip": "Classer dans le dossier",
        "selection": "Sélection des marchés",
        "preview": "Aperçu",
        "results": "Résultats",
        "linked": "Résultats de la campagne",
        "wrong": "L’action ne peut pas finir avant de commencer.",
    },
    "en": {
        "intelligence": "Market intelligence",
        "clip": "Clip into the file",
        "selection": "Market selection",
        "preview": "Preview",
        "results": "Results",
        "linked": "Results of the campaign",
        "wrong": "The action cannot end before it starts.",
    },
}

GRADES = {
    "AE": (4, 4, 4, 3, 4, 3, 4),
    "SA": (4, 5, 4, 3, 3, 3, 3),
    "JP": (5, 2, 4, 1, 5, 2, 2),
}


def _world() -> dict[str, Any]:
    from django.contrib.auth.models import User
    from django.utils import timezone

    from comptoir.action_plan import services as plans
    from comptoir.action_plan.inputs import ActionValues, PlanValues
    from comptoir.intelligence.models import Item, Source
    from comptoir.parties import services as parties
    from comptoir.parties.values import CompanyValues, ContactValues
    from comptoir.prospecting import services as prospecting
    from comptoir.prospecting.inputs import CrmCriteria, ListValues
    from comptoir.studies import services as studies
    from comptoir.studies.inputs import FileValues, StudyValues
    from comptoir.trade.market_selection import CRITERIA

    claire = User.objects.get(username="claire")
    source = Source.objects.create(
        name="Business France Golfe", kind="feed", country="AE", theme="market", reliability=2
    )
    item = Item.objects.create(
        source=source,
        fingerprint="fp-e2e-1",
        title="Cookware demand grows in the Emirates",
        link="https://example.com/1",
        published_at=timezone.now(),
        language="en",
        text="Demand for stainless steel cookware in the Emirates grows by 7.5 % a year. "
        "Importers in Dubai look for premium pans. Duties are 5 % under the GCC tariff.",
    )
    file = studies.create_file(
        values=FileValues(title="Cookware demand in the Gulf", theme="market", countries=("AE",)),
        user=claire,
    )
    study = studies.create_study(
        values=StudyValues(title="Cookware export 2027", countries=tuple(GRADES)), user=claire
    )
    studies.set_grades(
        study=study,
        grades={
            c: {n: Decimal(g) for n, g in zip(CRITERIA, row, strict=True)}
            for c, row in GRADES.items()
        },
        user=claire,
    )
    company = parties.save_company(
        company=None,
        values=CompanyValues(name="Küchenwelt GmbH", roles=("prospect",), country="DE"),
        user=None,
    )
    parties.save_contact(
        contact=None,
        values=ContactValues(
            company=company,
            first_name="Anna",
            last_name="Schmidt",
            email="anna@kuechenwelt.de",
            lawful_basis="legitimate_interest",
        ),
        user=None,
    )
    target_list = prospecting.create_list(values=ListValues(name="German retailers"), user=None)
    prospecting.add_from_crm(
        target_list=target_list, criteria=CrmCriteria(countries=("DE",)), user=None
    )
    campaign = prospecting.create_campaign(
        name="Germany — Ambiente invitation",
        channel="email",
        target_list=target_list,
        subject_en="French cast-iron cookware for {{ company }}",
        body_en="Dear {{ first_name }}, meet us at Ambiente.",
        subject_fr="Cocottes en fonte pour {{ company }}",
        body_fr="Bonjour {{ first_name }}, rendez-vous à Ambiente.",
        cost=Decimal("850"),
        user=None,
    )
    year = timezone.localdate().year
    plan = plans.save_plan(plan=None, values=PlanValues(year=year, title="Export plan"), user=None)
    action = plans.save_action(
        plan=plan,
        action=None,
        values=ActionValues(
            title="Prospecting campaign to German retailers",
            channel="campaign",
            campaign=campaign,
            starts_on=dt.date(year, 3, 2),
            ends_on=dt.date(year, 4, 30),
            owner=claire,
            budget_eur=Decimal("4500"),
        ),
        user=None,
    )
    return {
        "item": item,
        "file": file,
        "study": study,
        "campaign": campaign,
        "plan": plan,
        "action": action,
    }


def _open(page: Any, url: str) -> Any:
    response = page.goto(url)
    assert response is not None and response.status < 500, url
    return response


@pytest.mark.parametrize("language", ["fr", "en"])
def test_development_pages(logged_in: Any, live_server: Any, language: str) -> None:
    page = logged_in
    page.context.add_cookies(
        [{"name": "comptoir_language", "value": language, "url": live_server.url}]
    )
    world = _world()
    text = TEXTS[language]

    _open(page, "/intelligence/")
    assert text["intelligence"] in page.locator("h1").first.inner_text()

    # an item, clipped into the file with a comment
    _open(page, f"/intelligence/items/{world['item'].pk}/")
    assert "Cookware demand grows" in page.locator("h1").first.inner_text()
    form = page.locator("#clip-form")
    form.locator("select[name=file]").select_option(str(world["file"].pk))
    form.locator("textarea[name=comment]").fill("Premium pans: our range fits.")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    _open(page, world["file"].get_absolute_url())
    assert "Premium pans: our range fits." in page.content()

    # the market selection: every country graded, ranked, with its chart
    _open(page, world["study"].get_absolute_url())
    assert "Cookware export 2027" in page.locator("h1").inner_text()
    assert page.locator("main svg").count() >= 1  # the ranking's chart
    assert text["selection"] in page.content()

    # the campaign: preview of the message, results funnel
    _open(page, world["campaign"].get_absolute_url())
    assert text["preview"] in page.locator("#preview h2").inner_text()
    subject = page.locator("#preview-subject").inner_text()
    assert "GmbH" in subject and "{{" not in subject  # the merge field filled
    assert text["results"] in page.locator("#results h2").inner_text()
    assert page.locator("#results svg").count() == 1

    # the plan, and the action with its campaign's results
    plan, action = world["plan"], world["action"]
    _open(page, f"/action-plan/{plan.year}/")
    assert "Export plan" in page.locator("h1").inner_text()
    assert page.locator(f"#action-list a[href='{world['campaign'].get_absolute_url()}']").count()
    _open(page, f"/action-plan/{plan.year}/actions/{action.pk}/")
    assert text["linked"] in page.locator("#linked-results h2").inner_text()
    assert page.locator("#linked-cost-per-lead").inner_text().strip() == "—"  # no lead yet

    # a wrong input: the end before the start, refused on the field, nothing saved
    page.fill("#id_ends_on", f"{plan.year}-03-01")
    page.click("#save-action")
    page.wait_for_load_state()
    assert text["wrong"] in page.content()
    action.refresh_from_db()
    assert action.ends_on == dt.date(plan.year, 4, 30)
