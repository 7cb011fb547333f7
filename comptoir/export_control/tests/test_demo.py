"""The export control demo: the freeze-dryer classified 2B352.e, its licences, and the
shipment to Dubai that took one unit from the SBDU licence and left."""

from __future__ import annotations

from decimal import Decimal

import pytest

from comptoir.demo.export_control import build
from comptoir.export_control import selectors
from comptoir.export_control.models import Licence
from comptoir.parties.models import Company
from comptoir.shipping.models import Shipment
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_demo_licence_is_taken_by_a_shipment_that_left(django_user_model) -> None:  # type: ignore[no-untyped-def]
    users = {
        "julien": make_user(django_user_model, "julien", "manager"),
        "claire": make_user(django_user_model, "claire", "assistant"),
    }
    client = Company(name="Gulf Hospitality Trading LLC", country="AE", city="Dubai")
    client.role_list = ["client"]
    client.save()
    assert build(users) == {"export_licences": 2, "controlled_products": 1, "licensed_shipments": 1}
    licence = Licence.objects.get(number="FR-SBDU-2026-004172")
    assert selectors.usage(licence) == (Decimal("1"), Decimal("47500"))
    shipment = Shipment.objects.get(reference__contains="DXB")
    assert selectors.has_departed(shipment)
    assert set(Licence.objects.get(eu_authorisation="EU001").country_list) >= {"US", "JP"}
