"""Numbers read from a query string, bounded: one helper for the screens and the API.

A request must not ask for unbounded work (``?top=1000000``) nor crash the server with a
value that is not a number (``?top=abc`` once answered 500). :func:`int_param` and
:func:`id_list_param` read such values or raise :class:`BadParameter`, which names the
parameter and says what is expected, in the user's language; a view answers it with 400
(:func:`bad_parameter_response`), the API with its JSON validation error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.db.models import Q
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


#: Dates a list accepts in its period filters: a typo (year 20266, year 0026) is refused
#: rather than listing nothing.
MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def date_param(params: Mapping[str, str], name: str, label: str) -> dt.date | None:
    """The date ``name`` written year-month-day (what a date field sends), ``None`` when
    absent or empty; ``label`` is the field's name as the user reads it."""
    raw = str(params.get(name) or "").strip()
    if not raw:
        return None
    found = _ISO_DATE.fullmatch(raw[:10]) if len(raw) == 10 else None
    try:
        day = dt.date(*(int(part) for part in found.groups())) if found else None
    except ValueError:
        day = None
    if day is None:
        raise BadParameter(
            name,
            _("%(label)s: “%(value)s” is not a date (year-month-day, e.g. 2026-03-31).")
            % {"label": label, "value": raw[:20]},
        )
    if not MIN_DATE <= day <= MAX_DATE:
        raise BadParameter(
            name,
            _("%(label)s: give a date between %(min)s and %(max)s.")
            % {"label": label, "min": MIN_DATE.year, "max": MAX_DATE.year},
        )
    return day


def period_params(
    params: Mapping[str, str], start: tuple[str, str], end: tuple[str, str]
) -> tuple[dt.date | None, dt.date | None]:
    """A period of a list (``(name, label)`` of its first and last day, both kept), either
    side open; an end before the start is refused, naming the end."""
    first = date_param(params, *start)
    last = date_param(params, *end)
    if first is not None and last is not None and last < first:
        raise BadParameter(
            end[0],
            _("%(end)s is before %(start)s: the period is reversed.")
            % {"end": end[1], "start": start[1]},
        )
    return first, last


def period_q(
    params: Mapping[str, str], field: str, start: tuple[str, str], end: tuple[str, str]
) -> Q:
    """The filter of a list on the date ``field`` within the period :func:`period_params`
    reads (either side open: an empty ``Q`` when neither is given)."""
    first, last = period_params(params, start, end)
    q = Q()
    if first is not None:
        q &= Q(**{f"{field}__gte": first})
    if last is not None:
        q &= Q(**{f"{field}__lte": last})
    return q
