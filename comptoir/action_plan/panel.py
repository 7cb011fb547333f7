"""Sections of other areas' pages (registered in ``apps.ActionPlanConfig.ready``): the
contracts' deadlines and one's coming actions on the home page, a company's network contracts
on its page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.parties.models import Company

from . import selectors


def home_watch(_record: None, request: HttpRequest) -> dict[str, Any]:
    return selectors.home_watch(request.user)


def company_contracts(company: Company, request: HttpRequest) -> dict[str, Any]:
    if not ({"agent", "distributor"} & set(company.role_list)):
        return {"network_contracts": None}
    return {
        "network_contracts": list(selectors.contracts().filter(partner=company)),
        "network_company": company,
    }
