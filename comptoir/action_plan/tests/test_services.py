"""The sales network's contracts and the action plan through their services: validation with
the field named, deadlines as tasks, notice, performance and progress from issued invoices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from comptoir.action_plan import selectors, services
from comptoir.action_plan.inputs import (
    ActionValues,
    NoticeValues,
    ObjectiveValues,
    PlanValues,
)
from comptoir.action_plan.models import ActionStatus, ContractStatus
from comptoir.parties.models import Task
from comptoir.sales.models import Invoice

from .conftest import TODAY, agent_values, company, invoice

pytestmark = pytest.mark.django_db
D = Decimal
DAY = max(TODAY - dt.timedelta(days=3), dt.date(TODAY.year, 1, 1))  # a day of this year
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# ---------------------------------------------------------------------------- contracts


def test_contract_territory_is_normalised_and_checked(agent) -> None:  # type: ignore[no-untyped-def]
    contract = services.save_contract(contract=None, values=agent_values(agent), user=None)
    assert contract.countries == "AE, SA, QA"
    assert contract.country_list == ["AE", "SA", "QA"]
    with pytest.raises(ValidationError) as exc:
        services.save_contract(
            contract=None, values=agent_values(agent, countries="AE, XX"), user=None
        )
    assert "countries" in exc.value.error_dict
    assert "XX" in exc.value.error_dict["countries"][0].message


def test_contract_refusals_name_their_field(agent, distributor) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "ends_on": agent_values(agent, ends_on=dt.date(2000, 1, 1)),
        "non_compete_months": agent_values(agent, non_compete_months=36),
        "countries": agent_values(agent, countries=""),
        # a distributor's contract with a company that has only the client role
        "partner": agent_values(company("Chef's Table", "US", ["client"]), kind="distributor"),
    }
    for field, values in cases.items():
        with pytest.raises(ValidationError) as exc:
            services.save_contract(contract=None, values=values, user=None)
        assert field in exc.value.error_dict, field


def test_a_reader_and_an_assistant_may_not_sign_a_contract(agent, assistant, manager) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.save_contract(contract=None, values=agent_values(agent), user=assistant)
    saved = services.save_contract(contract=None, values=agent_values(agent), user=manager)
    assert saved.history.first().history_user == manager


def test_signed_copy_is_kept_and_checked(agent, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    contract = services.save_contract(
        contract=None,
        values=agent_values(agent),
        user=None,
        signed_file=SimpleUploadedFile("contract.pdf", PDF, content_type="application/pdf"),
    )
    assert contract.signed_file_name == "contract.pdf"
    assert contract.signed_file_type == "application/pdf"
    with pytest.raises(ValidationError) as exc:
        services.save_contract(
            contract=contract,
            values=agent_values(agent),
            user=None,
            signed_file=SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"),
        )
    assert "signed_file" in exc.value.error_dict


def test_agent_notice_follows_the_law(agent) -> None:  # type: ignore[no-untyped-def]
    start = TODAY - dt.timedelta(days=800)  # third year begun
    contract = services.save_contract(
        contract=None, values=agent_values(agent, starts_on=start, notice_months=1), user=None
    )
    services.give_notice(contract=contract, values=NoticeValues(given_on=TODAY, by="us"), user=None)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.NOTICE
    # three months (L134-11), to the end of a calendar month
    third = services.rules.add_months(TODAY, 3)
    assert contract.ends_on == services.rules.end_of_month(third)
    with pytest.raises(ValidationError) as exc:
        services.give_notice(
            contract=contract, values=NoticeValues(given_on=TODAY, by="us"), user=None
        )
    assert "given_on" in exc.value.error_dict


def test_a_notice_in_the_future_is_refused(agent_contract) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        services.give_notice(
            contract=agent_contract,
            values=NoticeValues(given_on=TODAY + dt.timedelta(days=2), by="partner"),
            user=None,
        )
    assert "given_on" in exc.value.error_dict


def test_daily_job_opens_a_task_before_the_notice_date_once(distributor, manager) -> None:  # type: ignore[no-untyped-def]
    end = TODAY + dt.timedelta(days=45)
    contract = services.save_contract(
        contract=None,
        values=agent_values(
            distributor,
            kind="distributor",
            countries="JP",
            starts_on=end - dt.timedelta(days=700),
            ends_on=end,
            tacit_renewal=True,
            notice_months=1,
            responsible=manager,
        ),
        user=None,
    )
    assert services.remind_contract_deadlines(TODAY) == 2  # notice date and end
    assert services.remind_contract_deadlines(TODAY) == 0
    tasks = Task.objects.filter(assigned_to=manager, company=distributor)
    assert tasks.count() == 2
    assert any("Kitchen Art Tokyo" in t.title for t in tasks)
    rows = selectors.upcoming_deadlines()
    assert [r.kind for r in rows if r.contract == contract] == ["notice", "end"]
    # notice given: the tasks are closed
    services.give_notice(contract=contract, values=NoticeValues(given_on=TODAY, by="us"), user=None)
    assert not tasks.filter(done_at__isnull=True).exists()


# -------------------------------------------------------------------------- performance


def test_agent_performance_counts_the_territory_net_of_credit_notes(
    agent_contract, agent, gulf
) -> None:  # type: ignore[no-untyped-def]
    dubai = company("Gulf Hospitality Trading LLC", "AE", ["client"])
    riyadh = company("Al Noor Hotel Supplies", "SA", ["client"])
    paris = company("Cuisines Lyonnaises", "FR", ["client"])
    invoice(dubai, "10000", DAY)
    invoice(dubai, "1000", DAY, kind=Invoice.Kind.CREDIT_NOTE)
    invoice(riyadh, "5000", DAY, currency="USD", rate="0.9")
    invoice(paris, "99999", DAY)  # outside the territory
    invoice(agent, "777", DAY)  # the agent itself is not its own client
    invoice(riyadh, "3000", dt.date(TODAY.year - 1, 6, 1))  # last year: Riyadh is not new
    found = selectors.contract_performance(agent_contract)
    assert found.revenue.actual == D("13500.00")  # 10,000 − 1,000 + 5,000 × 0.9
    assert found.new_clients is not None and found.new_clients.actual == 1  # Dubai
    assert found.cumulative[-1] == D("13500.00")
    assert found.revenue.target == D("120000")


def test_distributor_performance_is_what_we_sell_to_it(distributor) -> None:  # type: ignore[no-untyped-def]
    contract = services.save_contract(
        contract=None,
        values=agent_values(distributor, kind="distributor", countries="JP"),
        user=None,
    )
    tokyo_client = company("Osaka Kitchen", "JP", ["client"])
    invoice(distributor, "20000", DAY, currency="JPY", rate="0.0062")
    invoice(tokyo_client, "5000", DAY)
    found = selectors.contract_performance(contract)
    assert found.revenue.actual == D("124.00")
    assert found.new_clients is None
    legal = selectors.contract_legal(contract)
    assert any("2022/720" in rule for rule in legal["sales_rules"])


# --------------------------------------------------------------------------------- plan


def test_one_plan_per_year(plan) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        services.save_plan(plan=None, values=PlanValues(year=plan.year, title="Again"), user=None)
    assert "year" in exc.value.error_dict


def test_objectives_one_scope_and_a_target(plan, gulf, manager) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        services.save_objective(
            plan=plan,
            objective=None,
            values=ObjectiveValues(zone=gulf, country="AE", revenue_eur=D("1")),
            user=None,
        )
    assert "country" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        services.save_objective(
            plan=plan, objective=None, values=ObjectiveValues(country="AE"), user=None
        )
    assert "revenue_eur" in exc.value.error_dict
    services.save_objective(
        plan=plan, objective=None, values=ObjectiveValues(country="AE", offers=3), user=None
    )
    with pytest.raises(ValidationError) as exc:
        services.save_objective(
            plan=plan, objective=None, values=ObjectiveValues(country="ae", offers=5), user=None
        )
    assert "country" in exc.value.error_dict


def test_progress_per_zone_country_and_person(plan, gulf, manager, assistant) -> None:  # type: ignore[no-untyped-def]
    dubai = company("Gulf Hospitality", "AE", ["client"], gulf)
    dubai.portfolio_owner = assistant
    dubai.save()
    berlin = company("Küchenhaus", "DE", ["client"])
    invoice(dubai, "30000", DAY)
    invoice(berlin, "10000", DAY)
    whole = services.save_objective(
        plan=plan, objective=None, values=ObjectiveValues(revenue_eur=D("400000")), user=None
    )
    zone = services.save_objective(
        plan=plan,
        objective=None,
        values=ObjectiveValues(zone=gulf, revenue_eur=D("100000"), new_clients=2),
        user=None,
    )
    services.save_objective(
        plan=plan,
        objective=None,
        values=ObjectiveValues(country="DE", revenue_eur=D("50000")),
        user=None,
    )
    services.save_objective(
        plan=plan,
        objective=None,
        values=ObjectiveValues(person=assistant, revenue_eur=D("60000")),
        user=None,
    )
    services.save_action(
        plan=plan,
        action=None,
        values=ActionValues(
            title="Gulf Host Dubai",
            channel="fair",
            starts_on=DAY,
            ends_on=DAY,
            owner=assistant,
            budget_eur=D("12000"),
            spent_eur=D("11500"),
            objective_id=zone.pk,
        ),
        user=assistant,
    )
    progress = selectors.plan_progress(plan)
    by_scope = {(r.scope, r.label): r for r in progress.rows}
    assert [r.scope for r in progress.rows] == ["company", "zone", "country", "person"]
    assert progress.rows[0].objective == whole
    assert progress.rows[0].revenue.actual == D("40000.00")
    gulf_row = by_scope[("zone", "Moyen-Orient & Afrique")]
    assert gulf_row.revenue.actual == D("30000.00")
    assert gulf_row.new_clients.actual == 1
    assert gulf_row.budget_eur == D("12000") and gulf_row.spent_eur == D("11500")
    assert progress.rows[2].revenue.actual == D("10000.00")  # Germany
    assert progress.rows[3].revenue.actual == D("30000.00")  # the assistant's client
    assert progress.budget_eur == D("12000")
    assert progress.company_target == D("400000")
    assert progress.channels[0].channel == "fair"


def test_action_refusals(plan, assistant, reader, manager) -> None:  # type: ignore[no-untyped-def]
    base = {
        "title": "Visit distributors in Japan",
        "channel": "visit",
        "starts_on": dt.date(plan.year, 3, 1),
        "ends_on": dt.date(plan.year, 3, 8),
        "owner": assistant,
    }
    other = services.save_plan(
        plan=None, values=PlanValues(year=plan.year + 1, title="Next"), user=None
    )
    foreign = services.save_objective(
        plan=other, objective=None, values=ObjectiveValues(offers=1), user=None
    )
    cases = {
        "ends_on": {"ends_on": dt.date(plan.year, 2, 1)},
        "starts_on": {
            "starts_on": dt.date(plan.year + 2, 1, 1),
            "ends_on": dt.date(plan.year + 2, 1, 2),
        },
        "objective": {"objective_id": foreign.pk},
        "budget_eur": {"budget_eur": D("-1")},
        "channel": {"channel": "telepathy"},
    }
    for field, change in cases.items():
        with pytest.raises(ValidationError) as exc:
            services.save_action(
                plan=plan,
                action=None,
                values=ActionValues(**{**base, **change}),
                user=assistant,  # type: ignore[arg-type]
            )
        assert field in exc.value.error_dict, field
    with pytest.raises(PermissionDenied):
        services.save_action(plan=plan, action=None, values=ActionValues(**base), user=reader)  # type: ignore[arg-type]
    action = services.save_action(
        plan=plan,
        action=None,
        values=ActionValues(**base),
        user=assistant,  # type: ignore[arg-type]
    )
    assert action.status == ActionStatus.PLANNED
    with pytest.raises(PermissionDenied):
        services.delete_action(action=action, user=assistant)
    services.delete_action(action=action, user=manager)
    assert not plan.actions.exists()
