"""A write that still finds the database locked answers 503 "busy, try again", not 500.

SQLite allows one writer at a time; writers wait for each other (busy timeout, BEGIN
IMMEDIATE), and only a very long wait ends in "database is locked". Then the request was
rolled back whole: nothing was saved, nothing is lost, and the same request can be sent
again. Screens show a page saying so; the API answers JSON, both with ``Retry-After``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)
RETRY_AFTER_S = 5
#: How SQLite (and PostgreSQL's lock_timeout) word a lock that did not come in time.
LOCK_MESSAGES = ("database is locked", "database table is locked", "lock timeout")


def is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and any(m in str(exc).lower() for m in LOCK_MESSAGES)


def busy_response(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": _("The database is busy: nothing was saved. Try again in a few seconds.")},
            status=503,
        )
    else:
        response = HttpResponse(
            render_to_string("web/busy.html", {"retry_after": RETRY_AFTER_S}, request=request),
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_S)
    return response


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_lock_error(exception):
            return None
        log.warning("%s %s: database locked, answered 503", request.method, request.path)
        return busy_response(request)
