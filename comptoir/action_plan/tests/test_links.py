"""Actions linked to an event file (a fair) or a prospecting campaign: the service's rules,
the form's choices, the results on the action's page and in the plan's progress, the API."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from comptoir.action_plan import selectors, services
from comptoir.action_plan.inputs import ActionValues, ObjectiveValues
from comptoir.action_plan.models import Action
from comptoir.events import services as events
from comptoir.events.inputs import BudgetLineValues, EventValues, VisitorValues
from comptoir.prospecting import services as prospecting
from comptoir.prospecting.inputs import CallValues, CrmCriteria, ListValues
from comptoir.prospecting.models import RecipientState
from comptoir.prospecting.tests.conftest import prospect

pytestmark = pytest.mark.django_db
D = Decimal
JSON = "application/json"


def _fair(year: int, name: str = "Ambiente", leads: int = 2, spent: str = "3000") -> object:
    event = events.save_event(
        event=None,
        values=EventValues(
            name=name,
            kind="trade_fair",
            starts_on=dt.date(year, 2, 6),
            ends_on=dt.date(year, 2, 10),
            city="Frankfurt am Main",
            country="DE",
            lead_target=30,
        ),
        user=None,
    )
    events.save_budget_line(
        event=event,
        line=None,
        values=BudgetLineValues(category="space", label="Stand", planned=D(spent), actual=D(spent)),
        user=None,
    )
    for n in range(leads):
        events.record_visitor(
            event=event,
            values=VisitorValues(
                client_id=uuid.uuid4(),
                company_name=f"Visitor {n} GmbH",
                last_name=f"Person{n}",
                country="DE",
                temperature="warm",
                met_at=timezone.now(),
            ),
            user=None,
        )
    return event


@pytest.fixture
def fair(plan):  # type: ignore[no-untyped-def]
    return _fair(plan.year)


@pytest.fixture
def calls(db):  # type: ignore[no-untyped-def]
    """A call campaign to two German retailers: one interested (a lead), one not reached."""
    prospect("Küchenwelt GmbH", "anna@kuechenwelt.de")
    prospect("Haus & Herd KG", "jonas@hausundherd.de", first="Jonas", last="Weber")
    target_list = prospecting.create_list(values=ListValues(name="German retailers"), user=None)
    prospecting.add_from_crm(
        target_list=target_list, criteria=CrmCriteria(countries=("DE",)), user=None
    )
    campaign = prospecting.create_campaign(
        name="Germany — follow-up calls",
        channel="call",
        target_list=target_list,
        body_en="Hello {{ first_name }}",
        cost=D("320"),
        user=None,
    )
    prospecting.start_calls(campaign=campaign, user=None)
    first, second = campaign.recipients.filter(state=RecipientState.TO_CALL).order_by("id")
    prospecting.log_call(recipient=first, values=CallValues(outcome="interested"), user=None)
    prospecting.log_call(recipient=second, values=CallValues(outcome="no_answer"), user=None)
    return campaign


def _values(plan, owner, **changes):  # type: ignore[no-untyped-def]
    values = {
        "title": "Ambiente Frankfurt",
        "channel": "fair",
        "starts_on": dt.date(plan.year, 2, 6),
        "ends_on": dt.date(plan.year, 2, 10),
        "owner": owner,
        "budget_eur": D("38000"),
    }
    values.update(changes)
    return ActionValues(**values)


def _refused(plan, owner, **changes) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        services.save_action(
            plan=plan, action=None, values=_values(plan, owner, **changes), user=owner
        )
    return exc.value


def test_one_fair_or_one_campaign_with_the_channel_that_says_so(  # type: ignore[no-untyped-def]
    plan, assistant, fair, calls
) -> None:
    both = _refused(plan, assistant, event=fair, campaign=calls)
    assert "campaign" in both.error_dict and "one fair or one campaign" in str(both)
    wrong_channel = _refused(plan, assistant, event=fair, channel="campaign")
    assert "event" in wrong_channel.error_dict
    assert "Prospecting campaign" in str(wrong_channel)
    assert "campaign" in _refused(plan, assistant, campaign=calls, channel="fair").error_dict
    assert not Action.objects.exists()
    action = services.save_action(
        plan=plan, action=None, values=_values(plan, assistant, event=fair), user=assistant
    )
    assert action.event == fair and action.campaign is None
    # a newsletter sent through a campaign is a digital action
    digital = services.save_action(
        plan=plan,
        action=None,
        values=_values(plan, assistant, title="Newsletter", channel="digital", campaign=calls),
        user=assistant,
    )
    assert digital.campaign == calls


def test_a_fair_of_another_year_is_refused_with_its_dates(plan, assistant) -> None:  # type: ignore[no-untyped-def]
    last_year = _fair(plan.year - 1, leads=0)
    error = _refused(plan, assistant, event=last_year)
    assert "event" in error.error_dict
    text = " ".join(error.error_dict["event"][0].messages)
    assert "Ambiente" in text and str(plan.year) in text
    assert "not in" in text


def test_results_of_the_fair_and_the_campaign(plan, assistant, fair, calls) -> None:  # type: ignore[no-untyped-def]
    objective = services.save_objective(
        plan=plan, objective=None, values=ObjectiveValues(country="DE", offers=5), user=None
    )
    at_fair = services.save_action(
        plan=plan,
        action=None,
        values=_values(plan, assistant, event=fair, objective_id=objective.pk),
        user=None,
    )
    calling = services.save_action(
        plan=plan,
        action=None,
        values=_values(
            plan,
            assistant,
            title="Calls to German retailers",
            channel="campaign",
            campaign=calls,
            objective_id=objective.pk,
        ),
        user=None,
    )
    from_fair = selectors.linked_results(at_fair)
    assert from_fair is not None and from_fair.kind == "event"
    assert (from_fair.leads, from_fair.lead_target) == (2, 30)
    assert from_fair.cost == D("3000") and from_fair.cost_per_lead == D("1500.00")
    from_calls = selectors.linked_results(calling)
    assert from_calls is not None and from_calls.kind == "campaign"
    assert (from_calls.leads, from_calls.sent, from_calls.replies) == (1, 2, 1)
    assert from_calls.cost_per_lead == D("320.00")
    progress = selectors.plan_progress(plan)
    (row,) = progress.rows
    assert row.leads == 3 and progress.leads == 3
    # a cancelled action's fair no longer counts
    services.save_action(
        plan=plan,
        action=calling,
        values=_values(
            plan,
            assistant,
            title="Calls to German retailers",
            channel="campaign",
            campaign=calls,
            objective_id=objective.pk,
            status="cancelled",
        ),
        user=None,
    )
    assert selectors.plan_progress(plan).rows[0].leads == 2


def test_action_page_links_and_shows_the_fair(assistant_client, assistant, plan, fair) -> None:  # type: ignore[no-untyped-def]
    other = _fair(plan.year + 1, name="Maison&Objet", leads=0)
    page = assistant_client.get(f"/action-plan/{plan.year}/actions/new/").content.decode()
    assert "Ambiente" in page and "Maison&amp;Objet" not in page
    data = {
        "title": "Ambiente Frankfurt",
        "channel": "fair",
        "event": other.pk,
        "starts_on": f"{plan.year}-02-06",
        "ends_on": f"{plan.year}-02-10",
        "owner": assistant.pk,
        "budget_eur": "38000",
        "spent_eur": "0",
        "status": "planned",
    }
    refused = assistant_client.post(f"/action-plan/{plan.year}/actions/new/", data)
    assert refused.status_code == 200 and not Action.objects.exists()
    data["event"] = fair.pk
    saved = assistant_client.post(f"/action-plan/{plan.year}/actions/new/", data)
    assert saved.status_code == 302
    action = Action.objects.get()
    assert action.event == fair
    html = assistant_client.get(f"/action-plan/{plan.year}/actions/{action.pk}/").content.decode()
    assert f'href="/events/{fair.pk}/"' in html or fair.get_absolute_url() in html
    assert "Résultats du salon" in html and 'id="linked-leads"' in html
    cell = html[html.index('id="linked-cost-per-lead"') :]
    assert re.sub(r"\D", "", cell[: cell.index("</dd>")]) == "150000"  # 1 500,00 EUR a lead
    plan_page = assistant_client.get(f"/action-plan/{plan.year}/").content.decode()
    assert fair.get_absolute_url() in plan_page


def test_api_links_and_gives_the_results(client, assistant, plan, fair, calls) -> None:  # type: ignore[no-untyped-def]
    client.force_login(assistant)
    body = {
        "plan": plan.pk,
        "title": "Ambiente Frankfurt",
        "channel": "fair",
        "starts_on": f"{plan.year}-02-06",
        "ends_on": f"{plan.year}-02-10",
        "owner": assistant.pk,
        "event": fair.pk,
        "campaign": calls.pk,
    }
    both = client.post("/api/plan-actions/", body, content_type=JSON)
    assert both.status_code == 400 and "campaign" in both.json()
    body["campaign"] = None
    created = client.post("/api/plan-actions/", body, content_type=JSON)
    assert created.status_code == 201, created.json()
    assert created.json()["event"] == fair.pk and created.json()["campaign"] is None
    results = client.get(f"/api/plan-actions/{created.json()['id']}/results/").json()
    assert results["linked"]["kind"] == "event" and results["linked"]["leads"] == 2
    assert results["linked"]["cost_per_lead"] == "1500.00"
    progress = client.get(f"/api/action-plans/{plan.year}/progress/").json()
    assert progress["leads"] == 2


def test_a_fair_two_actions_are_counts_its_leads_once(plan, assistant, fair) -> None:  # type: ignore[no-untyped-def]
    objective = services.save_objective(
        plan=plan, objective=None, values=ObjectiveValues(country="DE", offers=5), user=None
    )
    for title in ("Register for Ambiente", "Ambiente stand"):
        services.save_action(
            plan=plan,
            action=None,
            values=_values(plan, assistant, title=title, event=fair, objective_id=objective.pk),
            user=None,
        )
    progress = selectors.plan_progress(plan)
    (row,) = progress.rows
    assert (row.leads, progress.leads) == (2, 2)  # the fair's two leads, not four
