"""Typed values between the edge (forms, serializers, imports) and the services.

A service takes a small frozen dataclass of clean values, never a form. The edge validates
with its form, then builds the values with :func:`values_from_form`; the service writes
them onto the record with :func:`apply_values`; a refusal comes back onto the form with
:func:`errors_on_form`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    V = TypeVar("V", bound=DataclassInstance)
else:
    V = TypeVar("V")


def values_from_form(form: forms.ModelForm[Any], values_class: type[V], **given: Any) -> V:
    """The values a valid model form would save, as ``values_class``; ``given`` fills the
    fields that are not model fields of the same name.

    They are read from the form's instance, where validation put the cleaned data (Django's
    ``construct_instance``): a field the request left out keeps its stored value or its
    default there, exactly as ``form.save()`` would have written it.
    """
    if not form.is_valid():
        raise ValueError("values_from_form needs a valid form")
    names = [f.name for f in dataclasses.fields(values_class) if f.name not in given]
    return values_class(**{name: getattr(form.instance, name) for name in names}, **given)


def apply_values(
    instance: models.Model, values: DataclassInstance, *, skip: tuple[str, ...] = ()
) -> None:
    """Set each of the values on the record (not saved)."""
    for field in dataclasses.fields(values):
        if field.name not in skip:
            setattr(instance, field.name, getattr(values, field.name))


def errors_on_form(
    form: forms.BaseForm,
    refusal: ValidationError,
    field_for: Callable[[str], str] | None = None,
) -> None:
    """A service's refusal shown where the user typed: each error on the form field it names
    (``field_for`` maps the service's name to the form's), the others above the form."""
    if not hasattr(refusal, "error_dict"):
        form.add_error(None, refusal)
        return
    for name, errors in refusal.error_dict.items():
        field = field_for(name) if field_for is not None else name
        for error in errors:
            form.add_error(field if field in form.fields else None, error)
