"""An Ambiente-like fair with its team, and a few CRM records, for the events tests."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from PIL import Image

from comptoir.events import services
from comptoir.events.inputs import EventValues
from comptoir.parties.models import Company, Contact
from comptoir.sales.tests.conftest import clients, product, seller  # noqa: F401  (fixtures)

START = dt.date(2026, 2, 6)
END = dt.date(2026, 2, 10)


def event_values(**changes: object) -> EventValues:
    values = {
        "name": "Ambiente",
        "kind": "trade_fair",
        "starts_on": START,
        "ends_on": END,
        "city": "Frankfurt am Main",
        "country": "DE",
        "venue": "Messe Frankfurt",
        "organiser": "Messe Frankfurt GmbH",
        "hall": "3.1",
        "stand_number": "B45",
        "stand_area_m2": Decimal("24"),
        "lead_target": 40,
        "meeting_target": 12,
    }
    values.update(changes)
    return EventValues(**values)  # type: ignore[arg-type]


@pytest.fixture
def fair(db, assistant):  # type: ignore[no-untyped-def]
    return services.save_event(event=None, values=event_values(team=(assistant,)), user=assistant)


def photo_bytes(size: tuple[int, int] = (800, 500), fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 180, 90)).save(out, fmt)
    return out.getvalue()


def firm(name: str, country: str, *, email: str = "", language: str = "en") -> Company:
    company = Company(name=name, country=country, language=language, email=email)
    company.role_list = ["client"]
    company.save()
    return company


def person(company: Company, last: str, email: str, **fields: object) -> Contact:
    return Contact.objects.create(company=company, last_name=last, email=email, **fields)
