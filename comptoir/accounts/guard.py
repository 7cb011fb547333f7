"""The role matrix applied to model instances: which record a model belongs to, which
protected fields a write changes, and the check the audited writes make before saving."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.forms import BaseModelForm

from .roles import (
    MATRIX,
    MODEL_RECORDS,
    PROTECTED_FIELDS,
    Action,
    Actor,
    Record,
    refused_fields,
    require,
)

#: The company itself (its addresses share its record): named by label, as in MODEL_RECORDS,
#: so that accounts, below every business area, imports none of them.
COMPANY_LABEL = "parties.company"


def record_of(instance: models.Model | type[models.Model]) -> Record:
    """The record type of a model; a model missing from the matrix is refused (fail closed)."""
    label = instance._meta.label_lower
    try:
        return MODEL_RECORDS[label]
    except KeyError:
        raise LookupError(
            f"{label} is not in the role matrix (accounts.roles.MODEL_RECORDS)"
        ) from None


def model_field(model: models.Model | type[models.Model], name: str) -> models.Field[Any, Any]:
    """A concrete field of the model (the protected fields and history columns all are)."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise LookupError(f"{model._meta.label}.{name} is a relation, not a field")
    return field


def _same(a: Any, b: Any) -> bool:
    return a == b or (a in (None, "") and b in (None, ""))


def changed_protected_fields(instance: models.Model) -> list[str]:
    """The protected fields whose value this write changes: against the stored row, or the
    field's default for a new record."""
    record = record_of(instance)
    names = [n for n in PROTECTED_FIELDS.get(record, {}) if hasattr(instance, n)]
    if not names:
        return []
    if instance._state.adding or instance.pk is None:
        before = {n: model_field(instance, n).get_default() for n in names}
    else:
        stored = type(instance)._default_manager.filter(pk=instance.pk).values(*names).first()
        if stored is None:
            before = {n: model_field(instance, n).get_default() for n in names}
        else:
            before = stored
    return [n for n in names if not _same(getattr(instance, n), before[n])]


def field_labels(model: models.Model | type[models.Model], names: list[str]) -> dict[str, Any]:
    return {n: model_field(model, n).verbose_name for n in names}


def require_write(user: Actor, instance: models.Model, action: Action | None = None) -> None:
    """Refuse (``PermissionDenied``) a save or delete of ``instance`` the user's role does
    not allow, protected fields included."""
    record = record_of(instance)
    creating = instance._state.adding or instance.pk is None
    if action is None:
        action = Action.CREATE if creating else Action.CHANGE
    if record is Record.COMPANY and instance._meta.label_lower != COMPANY_LABEL:
        # an address is part of its company: adding one changes the company
        action = Action.CHANGE
    if action not in MATRIX[record] and Action.ADMINISTER in MATRIX[record]:
        # settings (our company, dunning levels...) are administered as a whole
        action = Action.ADMINISTER
    fields = changed_protected_fields(instance) if action != Action.DELETE else []
    require(
        user,
        action,
        record,
        fields=fields,
        labels=field_labels(instance, fields),
        creating=creating,
    )


def locked_fields(user: Actor, model: type[models.Model], *, creating: bool) -> list[str]:
    """The protected fields a form should show read-only to this user."""
    record = record_of(model)
    return refused_fields(user, record, PROTECTED_FIELDS.get(record, {}), creating=creating)


def lock_form_fields(form: BaseModelForm[Any], user: Actor) -> None:
    """Show the fields the user may not set read-only (a disabled field keeps its value)."""
    instance = form.instance
    creating = instance._state.adding or instance.pk is None
    for name in locked_fields(user, type(instance), creating=creating):
        if name in form.fields:
            form.fields[name].disabled = True
