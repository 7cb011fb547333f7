"""The demo's freight part: three forwarders asked for the Casablanca shipment, three quotes,
the choice with its reason, an invoice with one difference."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.demo import freight as demo
from comptoir.freight.models import FreightRequest

from .conftest import make_shipment

pytestmark = pytest.mark.django_db


def test_the_demo_request_quotes_choice_and_invoice(
    clients: Any,  # noqa: F811
    assistant: Any,
    usd: Any,
) -> None:
    shipment = make_shipment(clients["fr"], reference="ORD-1 CASA")
    counts = demo.build({"claire": assistant})
    assert counts == {"freight_requests": 1, "freight_quotes": 3}
    request = FreightRequest.objects.get()
    assert request.shipment == shipment and request.status == "decided"
    assert request.recipients.filter(sent_at__isnull=False).count() == 3
    assert {q.currency for q in request.quotes.all()} == {"EUR", "USD"}
    chosen = request.chosen_quote
    assert chosen is not None and chosen.provider.name == "Rhône Logistique Internationale"
    assert request.choice_reason.startswith("Direct weekly sailing")
    shipment.refresh_from_db()
    assert shipment.forwarder == chosen.provider
    assert (shipment.freight_cost, shipment.freight_currency) == (2005, "EUR")
    invoice = request.invoices.get()
    assert invoice.has_differences and invoice.difference_eur == 30
    assert invoice.status == "to_check"
