"""What a locked-out login gets (django-axes calls this): a page for people, JSON for the API."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

LOCKED_STATUS = 429


def cool_off_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message() -> str:
    minutes = cool_off_minutes()
    return ngettext(
        "Too many failed login attempts. Try again in %(minutes)d minute.",
        "Too many failed login attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    retry_after = str(cool_off_minutes() * 60)
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message()}, status=LOCKED_STATUS)
    else:
        response = render(
            request,
            "accounts/locked_out.html",
            {"message": lockout_message()},
            status=LOCKED_STATUS,
        )
    response["Retry-After"] = retry_after
    return response
