"""Every API error is JSON: ``{"detail": ...}`` or field errors, 404 and 500 included.

Two places produce errors: DRF views (their exception handler, below) and everything before
or after them (URL resolution, middleware, an exception a view did not expect). The
middleware covers the second kind for every path under ``/api/``; screens keep their HTML
error pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger("comptoir.api")

API_PREFIX = "/api/"


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus: a Django ``ValidationError`` from a service is a 400 with its
    messages, and a bare list of errors becomes ``{"non_field_errors": [...]}`` so every
    error body is an object. Anything else goes on to the middleware (a logged JSON 500)."""
    if isinstance(exc, DjangoValidationError):
        exc = refusal(exc)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"non_field_errors": response.data}
    return response


def refusal(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A service's refusal as the 400 a view raises: its field errors, or
    ``{"non_field_errors": [...]}`` when the refusal names no field. The exception handler
    applies it to any refusal a view lets through, so a view need not catch one itself."""
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(exc.message_dict)
    return exceptions.ValidationError({"non_field_errors": exc.messages})


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == "application/json"


class ApiErrorMiddleware:
    """Under ``/api/``: an unexpected exception is logged and answered with a JSON 500, and
    an error page made outside DRF (unknown URL, a middleware's refusal) becomes JSON."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not _is_json(response)
        ):
            return _json_error(response.status_code, response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX):
            return None  # screens: Django's own handling and the 500 page
        logger.exception("Unexpected error in %s %s", request.method, request.path)
        return JsonResponse({"detail": _("Server error. It has been logged.")}, status=500)


def _json_error(status: int, original: HttpResponse) -> JsonResponse:
    if status == HTTPStatus.NOT_FOUND:
        detail = _("Not found.")
    elif status == HTTPStatus.FORBIDDEN:
        detail = _("You do not have permission to perform this action.")
    elif status >= 500:
        detail = _("Server error. It has been logged.")
    else:
        try:
            detail = HTTPStatus(status).phrase
        except ValueError:
            detail = _("Error.")
    response = JsonResponse({"detail": detail}, status=status)
    for header in ("Retry-After", "WWW-Authenticate", "Allow"):
        if header in original:
            response[header] = original[header]
    return response
