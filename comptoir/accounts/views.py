from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import PreferencesForm
from .models import UserProfile
from .roles import acting_user
from .tokens import revoke_token, tokens_of


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return "/"
    return target


@login_not_required
@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language, and remember it on the user's profile."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    response = HttpResponseRedirect(_safe_next(request))
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600)
    if request.user.is_authenticated:
        UserProfile.objects.filter(user=request.user).update(language=language)
    translation.activate(language)
    return response


def preferences(request: HttpRequest) -> HttpResponse:
    profile, _created = UserProfile.objects.get_or_create(user=request.user)
    form = PreferencesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your preferences are saved."))
        response = HttpResponseRedirect(request.path)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, profile.language, max_age=365 * 24 * 3600
        )
        return response
    return render(
        request,
        "accounts/preferences.html",
        {"form": form, "api_tokens": tokens_of(user=acting_user(request), now=timezone.now())},
    )


@require_POST
def revoke_api_token(request: HttpRequest) -> HttpResponse:
    """Revoke one of the user's own API tokens, named by its prefix."""
    if revoke_token(user=acting_user(request), token_key=request.POST.get("token_key", "")):
        messages.success(request, _("The API token is revoked."))
    else:
        messages.error(request, _("No such API token."))
    return HttpResponseRedirect(reverse("preferences"))
