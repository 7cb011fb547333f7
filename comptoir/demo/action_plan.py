"""Demo of the sales network and the year's commercial action plan, through the services: the
agent in the Gulf (Agence Levant Commerce, with its commission in sales) and Kitchen Art Tokyo
as exclusive distributor in Japan; the plan with objectives per zone, country and person and
about ten actions across the channels (the Ambiente fair and the German retailers' e-mail
campaign linked, their results shown on the actions). Needs the demo companies, zones and users (claire, julien)."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from comptoir.action_plan import services
from comptoir.action_plan.inputs import ActionValues, ContractValues, ObjectiveValues, PlanValues
from comptoir.events import selectors as events
from comptoir.parties import services as parties
from comptoir.parties.models import Company, Zone
from comptoir.parties.values import CompanyValues
from comptoir.prospecting import selectors as prospecting
from comptoir.sales import collection

D = Decimal


def _with_role(company: Company, role: str, user: User | None) -> Company:
    if role in company.role_list:
        return company
    values = {f.name: getattr(company, f.name) for f in fields(CompanyValues) if f.name != "roles"}
    return parties.save_company(
        company=company,
        values=CompanyValues(**values, roles=(*company.role_list, role)),
        user=user,
        reason="distribution contract",
    )


def build(users: dict[str, User]) -> dict[str, int]:
    today = timezone.localdate()
    year = today.year
    manager, assistant = users["julien"], users["claire"]
    contracts = 0
    agent = Company.objects.filter(name="Agence Levant Commerce").first()
    if agent is not None:
        commission = collection.save_agent_contract(
            values=collection.AgentContractValues(
                agent=agent,
                countries="AE, SA, QA, KW",
                rate_pct=D("5"),
                valid_from=dt.date(year - 3, 1, 1),
            ),
            user=None,
        )
        services.save_contract(
            contract=None,
            values=ContractValues(
                partner=agent,
                kind="agent",
                countries="AE, SA, QA, KW",
                products="Hotel and restaurant cookware (CHR range)",
                exclusive=True,
                starts_on=dt.date(year - 3, 1, 1),
                ends_on=None,
                target_revenue_eur=D("180000"),
                target_new_clients=4,
                non_compete_months=12,
                terms="5 % of the net invoiced amount of the territory's clients, due when "
                "the client pays (Code de commerce art. L134-9).",
                commission=commission,
                responsible=manager,
            ),
            user=None,
        )
        contracts += 1
    tokyo = Company.objects.filter(name="Kitchen Art Tokyo K.K.").first()
    if tokyo is not None:
        tokyo = _with_role(tokyo, "distributor", None)
        services.save_contract(
            contract=None,
            values=ContractValues(
                partner=tokyo,
                kind="distributor",
                countries="JP",
                products="Cast-iron and copper cookware, retail range",
                exclusive=True,
                starts_on=dt.date(year - 1, 1, 1),
                ends_on=dt.date(year - 1, 12, 31),
                tacit_renewal=True,
                renewal_months=12,
                notice_months=3,
                target_revenue_eur=D("150000"),
                terms="Distributor's discount 35 % off the export price list, FCA Thiers; "
                "minimum yearly purchase 100,000 EUR.",
                responsible=manager,
            ),
            user=None,
        )
        contracts += 1
    plan = services.save_plan(
        plan=None,
        values=PlanValues(
            year=year,
            title="Plan d'actions export",
            strategy="Grow the hotel and restaurant trade in the Gulf with our agent, open "
            "German and Austrian retail through Ambiente and a prospecting campaign, keep "
            "Japan with our exclusive distributor.",
        ),
        user=None,
    )
    zones = {z.name: z for z in Zone.objects.all()}
    objectives = {}
    specs: list[tuple[str, dict[str, Any]]] = [
        ("company", {"revenue_eur": D("900000"), "new_clients": 12, "offers": 80}),
        ("Europe", {"zone": zones.get("Europe"), "revenue_eur": D("520000"), "new_clients": 6}),
        (
            "Gulf",
            {
                "zone": zones.get("Moyen-Orient & Afrique"),
                "revenue_eur": D("180000"),
                "new_clients": 4,
            },
        ),
        ("DE", {"country": "DE", "revenue_eur": D("220000"), "new_clients": 4, "offers": 25}),
        ("JP", {"country": "JP", "revenue_eur": D("150000"), "margin_pct": D("32")}),
        ("claire", {"person": assistant, "revenue_eur": D("400000"), "offers": 40}),
        ("julien", {"person": manager, "revenue_eur": D("500000"), "offers": 40}),
    ]
    for key, values in specs:
        if "zone" in values and values["zone"] is None:
            continue
        objectives[key] = services.save_objective(
            plan=plan,
            objective=None,
            values=ObjectiveValues(**values),
            user=None,
        )

    def obj(key: str) -> int | None:
        found = objectives.get(key)
        return found.pk if found else None

    def day(month: int, dom: int) -> dt.date:
        return dt.date(year, month, dom)

    actions = [
        (
            "Ambiente Frankfurt: stand and visitor forms",
            "fair",
            "Ambiente",
            day(2, 6),
            day(2, 10),
            assistant,
            "38000",
            "36400",
            "DE",
            "30 qualified leads, 5 offers",
            obj("DE"),
        ),
        (
            "Prospecting campaign to German retailers",
            "campaign",
            "Campagne Allemagne",
            day(3, 2),
            day(4, 30),
            assistant,
            "4500",
            "3900",
            "DE",
            "200 e-mails, 12 meetings",
            obj("DE"),
        ),
        (
            "Gulf Host Dubai with our agent",
            "fair",
            "Gulf Host",
            day(9, 15),
            day(9, 17),
            manager,
            "22000",
            "0",
            "AE",
            "10 hotel groups met",
            obj("Gulf"),
        ),
        (
            "Visits to hotel groups in Riyadh and Doha",
            "visit",
            "",
            day(5, 10),
            day(5, 16),
            manager,
            "7500",
            "6900",
            "SA",
            "4 offers to hotel groups",
            obj("Gulf"),
        ),
        (
            "Business trip to Tokyo with the distributor",
            "visit",
            "",
            day(6, 8),
            day(6, 13),
            manager,
            "9000",
            "8700",
            "JP",
            "Yearly purchase plan signed",
            obj("JP"),
        ),
        (
            "Newsletter FR/EN every quarter",
            "digital",
            "",
            day(1, 15),
            day(12, 15),
            assistant,
            "2400",
            "1800",
            "",
            "25 % open rate",
            obj("company"),
        ),
        (
            "Product pages on the distributor's Japanese web shop",
            "digital",
            "",
            day(4, 1),
            day(4, 30),
            assistant,
            "3000",
            "3000",
            "JP",
            "Range online in Japanese",
            obj("JP"),
        ),
        (
            "Advertising in a German trade magazine",
            "advertising",
            "",
            day(10, 1),
            day(10, 31),
            assistant,
            "6000",
            "0",
            "DE",
            "Brand known before Ambiente",
            obj("DE"),
        ),
        (
            "Training day for the agent's team in Dubai",
            "network",
            "",
            day(11, 3),
            day(11, 4),
            manager,
            "3500",
            "0",
            "AE",
            "Agent sells the new range",
            obj("Gulf"),
        ),
        (
            "Samples for Austrian buyers",
            "other",
            "",
            day(3, 15),
            day(3, 20),
            assistant,
            "1200",
            "1100",
            "AT",
            "2 trial orders",
            obj("Europe"),
        ),
    ]
    # the fair and the e-mail campaign of the events and prospecting demos, when they are of
    # the plan's year (the fair's dates are fixed)
    ambiente = events.event_list({"q": "Ambiente"}).filter(
        starts_on__year__lte=year, ends_on__year__gte=year
    )
    german = prospecting.campaigns({"channel": "email"}).filter(
        name="Germany — Ambiente invitation"
    )
    links: dict[str, dict[str, Any]] = {
        "Ambiente": {"event": ambiente.first()},
        "Campagne Allemagne": {"campaign": german.first()},
    }
    for (
        title,
        channel,
        reference,
        start,
        end,
        owner,
        budget,
        spent,
        country,
        expected,
        objective_id,
    ) in actions:
        status = "done" if end < today else ("in_progress" if start <= today else "planned")
        services.save_action(
            plan=plan,
            action=None,
            values=ActionValues(
                title=title,
                channel=channel,
                reference=f"{reference} {year}".strip() if reference else "",
                **links.get(reference, {}),
                starts_on=start,
                ends_on=end,
                owner=owner,
                budget_eur=D(budget),
                spent_eur=D(spent) if status != "planned" else D("0"),
                status=status,
                country=country,
                expected_result=expected,
                objective_id=objective_id,
            ),
            user=None,
        )
    return {
        "network_contracts": contracts,
        "plan_objectives": len(objectives),
        "plan_actions": len(actions),
    }
