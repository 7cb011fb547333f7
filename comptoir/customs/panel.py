"""The customs section of the shipment page (registered in ``apps.CustomsConfig.ready``):
the export declarations and their proof of exit, or the import declarations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.common.dates import today
from comptoir.shipping.models import Shipment
from comptoir.trade.invoicing import EU_MEMBER_STATES

from . import selectors


def shipment_customs(shipment: Shipment, request: HttpRequest) -> dict[str, Any]:
    export = shipment.direction == "export"
    return {
        "customs_shipment": shipment,
        "customs_export": export,
        "customs_needed": (
            shipment.destination_country not in EU_MEMBER_STATES
            if export
            else shipment.origin_country not in EU_MEMBER_STATES
        ),
        "export_declarations": list(selectors.exports_of_shipment(shipment)) if export else [],
        "import_entries": [] if export else list(selectors.imports_of_shipment(shipment)),
        "may_declare": allowed(request.user, Action.CREATE, Record.CUSTOMS_DECLARATION),
        "proof_days": selectors.PROOF_OF_EXIT_DAYS,
        "today": today(),
    }
