"""Roles of Comptoir users and what each may do.

- read-only: sees everything, changes nothing;
- assistant: creates and edits business records;
- manager: an assistant who may also delete records and release holds;
- administrator: a manager who also manages users and reference data.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    READ_ONLY = "readonly", _("Read-only")
    ASSISTANT = "assistant", _("Assistant")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "administrator", _("Administrator")


_RANK = {Role.READ_ONLY: 0, Role.ASSISTANT: 1, Role.MANAGER: 2, Role.ADMINISTRATOR: 3}


def role_of(user: Any) -> Role:
    """The user's role; superusers are administrators, anonymous users read-only."""
    if not getattr(user, "is_authenticated", False):
        return Role.READ_ONLY
    if user.is_superuser:
        return Role.ADMINISTRATOR
    profile = getattr(user, "profile", None)
    if profile is None:
        return Role.READ_ONLY
    return Role(profile.role)


def has_role(user: Any, minimum: Role) -> bool:
    return _RANK[role_of(user)] >= _RANK[minimum]


def can_edit(user: Any) -> bool:
    return has_role(user, Role.ASSISTANT)


def can_manage(user: Any) -> bool:
    return has_role(user, Role.MANAGER)


def is_administrator(user: Any) -> bool:
    return has_role(user, Role.ADMINISTRATOR)
