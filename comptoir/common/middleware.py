"""Refuse a request whose path or query string carries a NUL character, before any view sees it.

No screen or API filter has a use for one, SQLite ignores it and PostgreSQL refuses it with
a server error when the value reaches a text comparison. Form and JSON fields already refuse
it (Django's and DRF's ``CharField``); the query string is the one edge left open.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"


def nul_parameter(request: HttpRequest) -> str | None:
    """The name of the first query parameter whose name or value holds a NUL, or None."""
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return name.replace(NUL, "\\0")
    return None


class RefuseNulParametersMiddleware:
    """A 400 naming the parameter: JSON under ``/api/``, plain text on the screens."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = "path" if NUL in request.path else nul_parameter(request)
        if name is None:
            return self.get_response(request)
        message = _("The parameter “%(name)s” contains a NUL character.") % {"name": name}
        if request.path.startswith("/api/"):
            return JsonResponse({name: [message]}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
