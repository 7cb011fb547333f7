"""The error answers of the API, written into the OpenAPI schema (a drf-spectacular hook).

drf-spectacular documents the successful answers only; clients (and the schemathesis run in
the tests) also need the errors each operation can give and their JSON shape.
"""

from __future__ import annotations

import functools
from typing import Any

ERROR = {
    "type": "object",
    "description": "An error: `detail` says what went wrong.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": (
        "Bad input: each wrong field (or `non_field_errors`) with its messages, "
        "or `detail` for a body that cannot be read."
    ),
    "additionalProperties": True,
}
#: Operations anyone may call (they authenticate the caller themselves).
PUBLIC_OPERATIONS = {"api_token_create"}


def _response(description: str, component: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


def add_error_responses(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("FieldErrors", FIELD_ERRORS)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            errors: dict[str, dict[str, Any]] = {}
            if (
                method != "get"  # a write can always be refused by a business rule
                or "requestBody" in operation
                or any(p.get("in") == "query" for p in parameters)
            ):
                errors["400"] = _response("Bad input, each wrong field named.", "FieldErrors")
            if "requestBody" in operation:
                errors["415"] = _response("The body is not JSON.", "Error")
            if operation.get("operationId") in PUBLIC_OPERATIONS:
                errors["429"] = _response(
                    "Too many failed logins: locked for a cool-off period.", "Error"
                )
            else:
                errors["401"] = _response("No valid token or session.", "Error")
                errors["403"] = _response("Your role may not do this.", "Error")
            if "{" in path or any(p.get("name") == "page" for p in parameters):
                errors["404"] = _response("No such record (or page).", "Error")
            for status, response in errors.items():
                responses.setdefault(status, response)
    return result


@functools.cache
def trade_error_response() -> Any:
    """The 400 of the calculators and the packer: the CLI's ``{"error", "field"}``. One
    serializer for both (two of the same name are two schema components, a warning)."""
    from drf_spectacular.utils import OpenApiResponse, inline_serializer
    from rest_framework import serializers

    return OpenApiResponse(
        response=inline_serializer(
            "TradeInputError",
            fields={
                "error": serializers.CharField(required=False),
                "field": serializers.CharField(required=False, allow_null=True),
                "detail": serializers.CharField(required=False),
            },
        ),
        description=(
            "Bad input: the message and the path of the field at fault "
            "(`detail` alone for a body that is not JSON)."
        ),
    )
