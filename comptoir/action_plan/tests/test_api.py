"""The sales network and the action plan through the API: the same services as the screens,
errors in JSON naming the field, the role matrix for API users, the progress figures."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.action_plan.models import Action, NetworkContract

from .conftest import TODAY, company, invoice

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_contracts_need_a_manager_and_name_the_field(client, assistant, manager, agent):  # type: ignore[no-untyped-def]
    body = {
        "partner": agent.pk,
        "kind": "agent",
        "countries": "AE, SA",
        "starts_on": "2024-01-01",
        "target_revenue_eur": "120000",
    }
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "en"
    refused = client.post("/api/network-contracts/", body, content_type=JSON)
    assert refused.status_code == 403
    assert "detail" in refused.json()
    client.force_login(manager)
    client.cookies["comptoir_language"] = "en"
    wrong = client.post(
        "/api/network-contracts/", {**body, "countries": "AE, XX"}, content_type=JSON
    )
    assert wrong.status_code == 400
    assert "countries" in wrong.json()
    created = client.post("/api/network-contracts/", body, content_type=JSON)
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert NetworkContract.objects.get(pk=pk).countries == "AE, SA"
    changed = client.patch(f"/api/network-contracts/{pk}/", {"exclusive": True}, content_type=JSON)
    assert changed.status_code == 200, changed.json()
    assert changed.json()["exclusive"] is True
    dubai = company("Gulf Hospitality", "AE", ["client"])
    invoice(dubai, "15000", max(TODAY - dt.timedelta(days=1), dt.date(TODAY.year, 1, 1)))
    figures = client.get(f"/api/network-contracts/{pk}/performance/").json()
    assert figures["revenue_eur"]["actual"] == "15000.00"
    assert figures["new_clients"]["actual"] == "1"


def test_actions_by_an_assistant_and_the_progress(client, assistant, plan):  # type: ignore[no-untyped-def]
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "en"
    body = {
        "plan": plan.pk,
        "title": "Ambiente Frankfurt",
        "channel": "fair",
        "reference": f"Ambiente {plan.year}",
        "starts_on": f"{plan.year}-02-06",
        "ends_on": f"{plan.year}-02-10",
        "owner": assistant.pk,
        "budget_eur": "38000",
    }
    wrong = client.post(
        "/api/plan-actions/", {**body, "ends_on": f"{plan.year}-01-01"}, content_type=JSON
    )
    assert wrong.status_code == 400 and "ends_on" in wrong.json()
    created = client.post("/api/plan-actions/", body, content_type=JSON)
    assert created.status_code == 201, created.json()
    action = Action.objects.get(pk=created.json()["id"])
    assert action.reference == f"Ambiente {plan.year}"
    # the assistant may not set objectives nor delete an action
    objective = client.post(
        "/api/plan-objectives/", {"plan": plan.pk, "revenue_eur": "1000"}, content_type=JSON
    )
    assert objective.status_code == 403
    assert client.delete(f"/api/plan-actions/{action.pk}/").status_code == 403
    progress = client.get(f"/api/action-plans/{plan.year}/progress/").json()
    assert progress["budget_eur"] == "38000.00"
    assert progress["channels"][0]["channel"] == "fair"
