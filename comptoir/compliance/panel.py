"""The screening section of the company page (registered in ``apps.ComplianceConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import can_edit
from comptoir.parties.models import Company

from . import selectors


def company_screening(company: Company, request: HttpRequest) -> dict[str, Any]:
    return {
        **selectors.company_status(company),
        "company": company,
        "may_screen": can_edit(request.user),
    }
