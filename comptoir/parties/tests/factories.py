from __future__ import annotations

from typing import Any

from comptoir.parties.models import Company, Contact


def company(**overrides: Any) -> Company:
    values: dict[str, Any] = {
        "name": "Küchenhaus Berger GmbH",
        "country": "DE",
        "city": "Munich",
        "currency": "EUR",
        "time_zone": "Europe/Berlin",
    }
    roles = overrides.pop("roles", ["client"])
    values.update(overrides)
    obj = Company(**values)
    obj.role_list = roles
    obj.save()
    return obj


def contact(company_obj: Company, **overrides: Any) -> Contact:
    values: dict[str, Any] = {
        "first_name": "Stefan",
        "last_name": "Berger",
        "email": "s.berger@example.de",
    }
    values.update(overrides)
    return Contact.objects.create(company=company_obj, **values)
