"""The proof-of-transport section of the invoice page (registered in ``apps.ready``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.sales.models import Invoice

from . import selectors


def invoice_proof(invoice: Invoice, request: HttpRequest) -> dict[str, Any]:
    return {
        **selectors.invoice_panel(invoice),
        "may_add_proof": allowed(request.user, Action.CREATE, Record.INTRA_EU_PROOF),
    }
