"""The pages: every one renders for a reader without writing, the forms write through the
services, refusals are shown on the field, the plan PDF in French and English."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from comptoir.action_plan import services
from comptoir.action_plan.inputs import ActionValues, ObjectiveValues
from comptoir.action_plan.models import Action, NetworkContract, Objective

from .conftest import TODAY, company, invoice

pytestmark = pytest.mark.django_db
D = Decimal


def _no_write(client, url: str) -> str:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
        and "django_session" not in q["sql"]
    ]
    assert writes == [], url
    return response.content.decode()


@pytest.fixture
def world(plan, agent_contract, gulf, assistant):  # type: ignore[no-untyped-def]
    dubai = company("Gulf Hospitality", "AE", ["client"], gulf)
    invoice(dubai, "25000", max(TODAY - dt.timedelta(days=2), dt.date(TODAY.year, 1, 1)))
    objective = services.save_objective(
        plan=plan,
        objective=None,
        values=ObjectiveValues(zone=gulf, revenue_eur=D("100000"), new_clients=3),
        user=None,
    )
    action = services.save_action(
        plan=plan,
        action=None,
        values=ActionValues(
            title="Ambiente Frankfurt",
            channel="fair",
            reference="Ambiente 2027",
            starts_on=dt.date(plan.year, 2, 6),
            ends_on=dt.date(plan.year, 2, 10),
            owner=assistant,
            budget_eur=D("38000"),
            objective_id=objective.pk,
        ),
        user=None,
    )
    return {"plan": plan, "contract": agent_contract, "objective": objective, "action": action}


def test_every_page_reads_without_writing(reader_client, world) -> None:  # type: ignore[no-untyped-def]
    plan, contract = world["plan"], world["contract"]
    pages = [
        "/action-plan/",
        "/action-plan/network/",
        f"/action-plan/network/{contract.pk}/",
        f"/action-plan/{plan.year}/",
        f"/action-plan/{plan.year}/actions/{world['action'].pk}/",
        f"/action-plan/{plan.year}/?channel=fair&status=planned",
        f"/action-plan/network/?kind=agent&country=AE&year={plan.year}",
    ]
    for url in pages:
        html = _no_write(reader_client, url)
        assert "Traceback" not in html
    detail = _no_write(reader_client, f"/action-plan/{plan.year}/")
    assert "Ambiente Frankfurt" in detail and "<svg" in detail
    assert "25" in detail  # the Gulf's invoice counted
    network = _no_write(reader_client, f"/action-plan/network/{contract.pk}/")
    assert "L134-11" in network and "Agence Levant Commerce" in network
    # a reader sees no button to change
    assert "new-action" not in detail and "edit-contract" not in network


def test_reader_is_refused_the_forms(reader_client, world) -> None:  # type: ignore[no-untyped-def]
    plan = world["plan"]
    assert reader_client.get("/action-plan/network/new/").status_code == 403
    assert reader_client.get(f"/action-plan/{plan.year}/actions/new/").status_code == 403
    response = reader_client.post(
        f"/action-plan/{plan.year}/actions/{world['action'].pk}/", {"title": "x"}
    )
    assert response.status_code == 403


def test_assistant_adds_an_action_and_sees_the_field_refused(
    assistant_client, assistant, world
) -> None:  # type: ignore[no-untyped-def]
    plan = world["plan"]
    data = {
        "title": "Newsletter Japan",
        "channel": "digital",
        "starts_on": f"{plan.year}-05-01",
        "ends_on": f"{plan.year}-04-01",
        "owner": assistant.pk,
        "budget_eur": "1500",
        "spent_eur": "0",
        "status": "planned",
    }
    response = assistant_client.post(f"/action-plan/{plan.year}/actions/new/", data)
    assert response.status_code == 200
    assert "L’action ne peut pas finir avant de commencer." in response.content.decode()
    data["ends_on"] = f"{plan.year}-05-31"
    response = assistant_client.post(f"/action-plan/{plan.year}/actions/new/", data)
    assert response.status_code == 302
    assert Action.objects.filter(title="Newsletter Japan", owner=assistant).exists()
    # objectives are a manager's
    assert assistant_client.get(f"/action-plan/{plan.year}/objectives/new/").status_code == 403


def test_manager_records_a_contract_in_french(
    client, manager, distributor, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    client.force_login(manager)
    data = {
        "partner": distributor.pk,
        "kind": "distributor",
        "countries": "JP",
        "starts_on": "2025-01-01",
        "ends_on": "2026-12-31",
        "tacit_renewal": "on",
        "renewal_months": "12",
        "notice_months": "6",
        "non_compete_months": "0",
        "target_revenue_eur": "250000",
        "target_new_clients": "0",
        "exclusive": "on",
    }
    response = client.post(
        "/action-plan/network/new/", {**data, "countries": "ZZ"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "Codes pays inconnus" in response.content.decode()
    response = client.post("/action-plan/network/new/", data)
    assert response.status_code == 302
    contract = NetworkContract.objects.get(partner=distributor)
    assert contract.exclusive and contract.notice_months == 6


def test_plan_pdf_in_french_and_english(reader_client, world) -> None:  # type: ignore[no-untyped-def]
    plan = world["plan"]
    texts = {}
    for language in ("fr", "en"):
        response = reader_client.get(f"/action-plan/{plan.year}/pdf/?lang={language}")
        assert response["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        texts[language] = " ".join(page.extract_text() for page in reader.pages)
    assert "Plan d’actions commerciales" in texts["fr"] or "Plan d'actions" in texts["fr"]
    assert "Commercial action plan" in texts["en"]
    for text in texts.values():
        assert "Ambiente Frankfurt" in text
        assert "Moyen-Orient" in text
    assert Objective.objects.count() == 1


def test_progress_chart_beside_its_months_in_french_and_english(reader_client, world) -> None:  # type: ignore[no-untyped-def]
    import re
    import xml.etree.ElementTree as ET

    from comptoir.documents.charts import month_names

    plan = world["plan"]
    month = max(TODAY - dt.timedelta(days=2), dt.date(TODAY.year, 1, 1)).month
    for language in ("en", "fr"):
        reader_client.cookies["comptoir_language"] = language
        page = _no_write(reader_client, f"/action-plan/{plan.year}/")
        progress = page.split('id="progress"')[1]
        svg = ET.fromstring(re.search(r"<svg.*?</svg>", progress, re.S).group(0))  # type: ignore[union-attr]
        bars = {e.get("data-value") for e in svg.iter() if e.get("class") == "bar"}
        assert "25000.00" in bars
        names = month_names(language)
        labels = [e.text for e in svg.iter() if e.text in names]
        assert labels == names  # the twelve months along the axis
        table = progress.split('id="plan-months"')[1].split("</table>")[0]
        assert table.count("<tr>") == 13 and all(n in table for n in names)
        row = table.split(f"<td>{names[month - 1]}</td>")[1].split("</tr>")[0]
        assert ("25,000" if language == "en" else "25\xa0000") in row
    assert month_names("fr")[0] == "janv." and month_names("en")[0] == "Jan"
    response = reader_client.get(f"/action-plan/{plan.year}/pdf/?lang=fr")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Facturé dans le mois" in text and "janv." in text
