from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from comptoir.parties import services as parties
from comptoir.parties.models import Company, Contact
from comptoir.parties.values import CompanyValues, ContactValues
from comptoir.prospecting import services
from comptoir.prospecting.inputs import CrmCriteria, ListValues
from comptoir.sales.tests.conftest import product, seller  # noqa: F401


def prospect(
    name: str,
    email: str,
    *,
    country: str = "DE",
    language: str = "en",
    first: str = "Anna",
    last: str = "Schmidt",
    website: str = "",
    vat: str = "",
    consent: dt.date | None = None,
) -> tuple[Company, Contact]:
    company = parties.save_company(
        company=None,
        values=CompanyValues(
            name=name,
            roles=("prospect",),
            country=country,
            language=language,
            website=website,
            vat_number=vat,
        ),
        user=None,
    )
    contact = parties.save_contact(
        contact=None,
        values=ContactValues(
            company=company,
            first_name=first,
            last_name=last,
            email=email,
            language=language,
            phone="+4922112345",
            lawful_basis="consent" if consent else "legitimate_interest",
            consent_date=consent,
        ),
        user=None,
    )
    return company, contact


@pytest.fixture
def german_retailers(db: Any) -> list[tuple[Company, Contact]]:
    return [
        prospect("Küchenwelt GmbH", "anna@kuechenwelt.de", website="https://www.kuechenwelt.de"),
        prospect("Haus & Herd KG", "jonas@hausundherd.de", first="Jonas", last="Weber"),
        prospect("Kochkultur AG", "lea@kochkultur.de", first="Léa", last="Martin", language="fr"),
        prospect("Topf Berlin", "TOPF@topf-berlin.de", first="Max", last="Bauer"),
    ]


@pytest.fixture
def crm_list(german_retailers: Any) -> Any:
    target_list = services.create_list(values=ListValues(name="German retailers"), user=None)
    services.add_from_crm(
        target_list=target_list, criteria=CrmCriteria(countries=("DE",)), user=None
    )
    return target_list


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Any:
    """Call a service and run what it queues once committed (the sending job)."""

    def call(service: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call
