"""Shipments for the tracking tests, made through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from comptoir.parties.models import Company, Contact
from comptoir.shipping import services
from comptoir.shipping.inputs import ContainerValues, ShipmentDetails, ShipmentLineValues
from comptoir.shipping.models import Shipment


def partner(name: str = "Atlas Cuisine SARL", language: str = "fr", email: str = "") -> Company:
    company = Company.objects.create(
        name=name, country="MA", city="Casablanca", roles=",client,", language=language
    )
    if email:
        Contact.objects.create(company=company, last_name="Benali", first_name="Samir", email=email)
    return company


def shipment(
    company: Company | None = None,
    *,
    mode: str = "sea_fcl",
    containers: tuple[str, ...] = (),
    user: Any = None,
    **fields: Any,
) -> Shipment:
    company = company or partner()
    values: dict[str, Any] = {
        "mode": mode,
        "partner": company,
        "incoterm": "CIF",
        "incoterm_place": "Casablanca",
        "origin_country": "FR",
        "destination_country": company.country,
        "value": Decimal("24800"),
        "place_of_loading": "Le Havre",
        "loading_locode": "FRLEH",
        "place_of_discharge": "Casablanca",
        "discharge_locode": "MACAS",
    }
    values.update(fields)
    made = services.create_shipment(
        details=ShipmentDetails(**values),
        lines=[
            ShipmentLineValues(
                description="Cast-iron casseroles",
                quantity=Decimal("100"),
                net_weight_kg=Decimal("430"),
                gross_weight_kg=Decimal("490"),
                value=Decimal("24800"),
            )
        ],
        user=user,
        ready_on=dt.date.today() - dt.timedelta(days=20),
    )
    if containers:
        services.save_containers(
            shipment=made,
            containers=[ContainerValues(number=n) for n in containers],
            user=user,
        )
    return made
