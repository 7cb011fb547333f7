"""What a client sent, as plain values, for the forms that validate API writes.

``dict(request.data)`` on a ``QueryDict`` (form-encoded or multipart bodies) turns every
value into a list, and a Django form then stores ``city=Lyon`` as ``"['Lyon']"``. The API
parses JSON only, but the serializers read their input through here so the mistake cannot
come back: list fields keep their lists, every other field gets its single value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import serializers

_LIST_FIELDS = (
    serializers.ListField,
    serializers.ManyRelatedField,
    serializers.MultipleChoiceField,
)


def plain_input(serializer: serializers.Serializer[Any]) -> dict[str, Any]:
    data = serializer.initial_data
    if isinstance(data, QueryDict):
        list_fields = {
            name for name, field in serializer.fields.items() if isinstance(field, _LIST_FIELDS)
        }
        return {
            key: data.getlist(key) if key in list_fields else data.get(key) for key in data.keys()
        }
    if not isinstance(data, Mapping):
        raise serializers.ValidationError(
            {"non_field_errors": [_("A JSON object is expected.")]}, code="invalid"
        )
    return dict(data)


def mark_form_required_fields(
    fields: dict[str, Any], form_class: Any, defaulted: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Make the serializer require what the form requires, so the schema says it too;
    ``defaulted`` names the fields the API fills in itself when they are left out."""
    form_fields = form_class.base_fields
    for name, field in fields.items():
        if name in defaulted:
            continue
        form_field = form_fields.get("roles_field" if name == "roles" else name)
        if form_field is not None and form_field.required and not field.read_only:
            field.required = True
            if hasattr(field, "allow_blank"):
                field.allow_blank = False
            field.allow_null = False
    return fields
