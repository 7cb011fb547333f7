"""Request middleware: login everywhere, the user's time zone, the read-only role."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .roles import Role, role_of

#: The API's documentation is a page for people: the login redirect applies to it.
API_DOCS_PATH = "/api/docs/"


class LoginRequiredEverywhereMiddleware(LoginRequiredMiddleware):
    """Every page needs a login; the API authenticates itself (session or token) and
    answers 401/403 in JSON rather than redirecting to the login page."""

    def process_view(self, request, view_func, view_args, view_kwargs):  # type: ignore[no-untyped-def]
        if request.path.startswith(API_DOCS_PATH):
            # DRF marks its views login_required=False; the docs page is for people.
            if not request.user.is_authenticated:
                return self.handle_no_permission(request, view_func)
            return None
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


#: Posts a read-only user may still make: they change no business data.
READ_ONLY_ALLOWED_PATHS = (
    "/accounts/logout/",
    "/accounts/language/",
    "/i18n/",
    "/accounts/login/",
    "/accounts/tokens/revoke/",  # revoking one's own API token is a safety measure
    "/api/token/",  # so is getting a token to read through the API
    "/api/calc/",  # a calculation changes nothing
    "/api/pack",  # nor does planning one load
    # marking one's own intelligence matches as read changes no business record
    "/intelligence/matches/read/",
    "/api/intelligence/matches/read/",
    "/api/lc/check",  # nor does checking documents under a credit
    "/calculators/lc-check/",  # (the same check on its page)
)


class UserPreferencesMiddleware:
    """Show dates in the user's own time zone, and pages in the user's language until the
    language switch (a cookie) says otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
        if profile is not None:
            if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
                translation.activate(profile.language)
                request.LANGUAGE_CODE = profile.language
            try:
                timezone.activate(zoneinfo.ZoneInfo(profile.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class ReadOnlyRoleMiddleware:
    """Refuse every write (POST, PUT, PATCH, DELETE) from a read-only user.

    Checked once here rather than in each view, so a view that forgets cannot leak a write.
    The API applies the same rule in its permission class (token users are known only there).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method not in ("GET", "HEAD", "OPTIONS")
            and request.user.is_authenticated
            and role_of(request.user) == Role.READ_ONLY
            and not request.path.startswith(READ_ONLY_ALLOWED_PATHS)
        ):
            return HttpResponseForbidden(
                render_to_string("web/forbidden.html", {"read_only": True}, request=request)
            )
        return self.get_response(request)
