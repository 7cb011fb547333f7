"""Numbers read from a query string, bounded: one helper for the screens and the API.

A request must not ask for unbounded work (``?top=1000000``) nor crash the server with a
value that is not a number (``?top=abc`` once answered 500). :func:`int_param` and
:func:`id_list_param` read such values or raise :class:`BadParameter`, which names the
parameter and says what is expected, in the user's language; a view answers it with 400
(:func:`bad_parameter_response`), the API with its JSON validation error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

#: Database ids are 64-bit at most: a longer number cannot be one (SQLite overflows).
MAX_ID = 2**63 - 1
_INTEGER = re.compile(r"[+-]?[0-9]{1,19}")


class BadParameter(ValueError):
    """A query parameter that is not what the view accepts; ``name`` is the parameter."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def _integer(raw: str) -> int | None:
    text = raw.strip()
    return int(text) if _INTEGER.fullmatch(text) else None


def int_param(
    params: Mapping[str, str], name: str, *, default: int, minimum: int, maximum: int
) -> int:
    """The whole number ``name`` (``default`` when absent or empty), within the bounds."""
    raw = params.get(name)
    if raw is None or not str(raw).strip():
        return default
    value = _integer(str(raw))
    if value is None or not minimum <= value <= maximum:
        raise BadParameter(
            name,
            _("%(name)s must be a whole number from %(min)s to %(max)s.")
            % {"name": name, "min": minimum, "max": maximum},
        )
    return value


def id_param(params: Mapping[str, str], name: str) -> int | None:
    """A record id (``None`` when absent or empty)."""
    raw = params.get(name)
    if raw is None or not str(raw).strip():
        return None
    return int_param(params, name, default=0, minimum=1, maximum=MAX_ID)


def id_list_param(params: Mapping[str, str], name: str, *, maximum: int) -> list[int]:
    """Comma-separated record ids, at most ``maximum`` of them."""
    raw = str(params.get(name) or "")
    parts = [p for p in (s.strip() for s in raw.split(",")) if p]
    if len(parts) > maximum:
        raise BadParameter(
            name, _("%(name)s lists at most %(max)s ids.") % {"name": name, "max": maximum}
        )
    ids = []
    for part in parts:
        value = _integer(part)
        if value is None or not 1 <= value <= MAX_ID:
            raise BadParameter(
                name,
                _("%(name)s must list record ids separated by commas.") % {"name": name},
            )
        ids.append(value)
    return ids


def bad_parameter_response(request: HttpRequest, error: BadParameter) -> HttpResponse:
    """400 with the reason: JSON ``{"detail", "field"}`` for a JSON caller, else text."""
    wants_json = request.GET.get("format") == "json" or "json" in request.headers.get("Accept", "")
    if wants_json:
        return JsonResponse({"detail": error.message, "field": error.name}, status=400)
    return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
