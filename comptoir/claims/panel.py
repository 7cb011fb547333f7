"""The claims section of the shipment page (registered in ``apps.ClaimsConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.shipping.models import Shipment

from . import selectors


def shipment_claims(shipment: Shipment, request: HttpRequest) -> dict[str, Any]:
    return {
        "shipment_claims": list(selectors.claims_of_shipment(shipment)),
        "may_open_claim": allowed(request.user, Action.CREATE, Record.TRANSPORT_CLAIM),
        "claims_shipment": shipment,
    }
