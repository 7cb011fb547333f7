"""Audited writes shared by every business area's services.

django-simple-history records each save; outside a web request (imports, CLI, demo) it
does not know the author, so services name the user and, where useful, the reason.
Each write first checks the role matrix (comptoir.accounts.roles) for the acting user: a
screen, the API or an import that saves through here cannot do more than the role allows.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms import BaseModelForm

from comptoir.accounts.guard import require_write
from comptoir.accounts.roles import Action, Actor

M = TypeVar("M", bound=models.Model)


def author(user: Actor) -> User | None:
    """The user to name on a record's ``created_by`` or ``uploaded_by``: the signed-in user,
    or nobody for the system (command line, demo builder, jobs) and anonymous visitors."""
    return user if isinstance(user, User) and user.is_authenticated else None


def stamp(instance: models.Model, user: Actor, reason: str = "") -> None:
    """Tell django-simple-history who makes this change and why."""
    if user is not None and user.is_authenticated:
        instance._history_user = user  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]


def save_instance(instance: M, user: Actor, reason: str = "") -> M:
    """Validate the model's own invariants and save it in a transaction, audited."""
    require_write(user, instance)
    with transaction.atomic():
        instance.full_clean()
        stamp(instance, user, reason)
        instance.save()
    return instance


def save_values(instance: M, user: Actor, reason: str = "") -> M:
    """Save an instance whose values were validated at the edge (a form, a serializer, an
    import row), in a transaction, audited: the role check (protected fields included)
    first, as :func:`save_form` did. The model's own invariants are left to the database
    constraints and to the validation that built the values."""
    with transaction.atomic():
        require_write(user, instance)
        stamp(instance, user, reason)
        instance.save()
    return instance


def save_form(form: BaseModelForm[M], user: Actor, reason: str = "") -> M:
    """Save a valid model form in a transaction, recording the author in the history."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    with transaction.atomic():
        instance = form.save(commit=False)
        require_write(user, instance)
        stamp(instance, user, reason)
        instance.save()
        form.save_m2m()
    return instance


def delete_instance(instance: models.Model, user: Actor, reason: str = "") -> None:
    require_write(user, instance, Action.DELETE)
    with transaction.atomic():
        stamp(instance, user, reason)
        instance.delete()
