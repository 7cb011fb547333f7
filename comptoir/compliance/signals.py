"""Parties' saves screened after their commit (connected in ``apps.ComplianceConfig.ready``)."""

from __future__ import annotations

from typing import Any

from comptoir.parties.models import Company, Contact

from . import services

#: The fields whose change is worth a new screening.
_COMPANY_FIELDS = {"name", "legal_name", "country"}
_CONTACT_FIELDS = {"first_name", "last_name", "erased_at"}


def party_saved(sender: Any, instance: Company | Contact, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures
    fields = kwargs.get("update_fields")
    watched = _COMPANY_FIELDS if isinstance(instance, Company) else _CONTACT_FIELDS
    if not created and fields is not None and not (set(fields) & watched):
        return
    services.screen_later(instance)
