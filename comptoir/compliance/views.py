"""Sanctions screening pages: hits to review, a hit and its review, the lists and their
versions, screening a name by hand. Reads through :mod:`.selectors`, writes through
:mod:`.services`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import (
    Action,
    Record,
    acting_user,
    allowed,
    require_edit,
)
from comptoir.calculators.texts import translate
from comptoir.common.pages import page_of
from comptoir.parties import selectors as parties_selectors
from comptoir.trade import screening

from . import selectors, services
from .forms import ListUploadForm, ReviewForm, ScreenNameForm
from .models import Hit, HitStatus, Source


def _hit(pk: int) -> Hit:
    try:
        return selectors.hit_for_page(pk)
    except Hit.DoesNotExist:
        raise Http404 from None


def hit_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    params.setdefault("status", "open")
    return render(
        request,
        "compliance/hit_list.html",
        {
            "page": page_of(request, selectors.hit_list(params)),
            "params": params,
            "statuses": HitStatus.choices,
            "sources": Source.choices,
            "lists": selectors.lists_overview(),
        },
    )


def _reasons(hit: Hit) -> list[str]:
    return [translate(r) for r in services.reason_texts(hit.reasons)]


def hit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hit = _hit(pk)
    return render(
        request,
        "compliance/hit_detail.html",
        {
            "hit": hit,
            "entry": selectors.entry_for_hit(hit),
            "reasons": _reasons(hit),
            "review_form": ReviewForm(
                initial={
                    "status": HitStatus.FALSE_POSITIVE
                    if hit.status != HitStatus.FALSE_POSITIVE
                    else HitStatus.CONFIRMED
                }
            ),
            "may_review": allowed(request.user, Action.CHANGE, Record.SANCTIONS_SCREENING)
            and bool(services.REVIEWABLE.get(HitStatus(hit.status))),
        },
    )


@require_POST
def hit_review(request: HttpRequest, pk: int) -> HttpResponse:
    hit = _hit(pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {error}")
        return HttpResponseRedirect(hit.get_absolute_url())
    try:
        hit = services.review_hit(
            hit=hit,
            review=services.Review(
                status=form.cleaned_data["status"], reason=form.cleaned_data["reason"]
            ),
            user=acting_user(request),
        )
        messages.success(
            request, _("Hit reviewed: %(status)s.") % {"status": hit.get_status_display()}
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return HttpResponseRedirect(hit.get_absolute_url())


def list_versions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "compliance/lists.html",
        {
            "lists": selectors.lists_overview(),
            "versions": page_of(request, selectors.versions()),
            "upload_form": ListUploadForm(),
            "may_import": allowed(request.user, Action.ADMINISTER, Record.SANCTIONS_SCREENING),
        },
    )


@require_POST
def list_import(request: HttpRequest) -> HttpResponse:
    form = ListUploadForm(request.POST, request.FILES)
    back = HttpResponseRedirect(reverse("compliance:list_versions"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{_('Official file')}: {error}")
        return back
    upload = request.FILES.get("file")
    try:
        result = services.import_list(
            data=form.cleaned_data["file"],
            file_name=getattr(upload, "name", "") or "",
            user=acting_user(request),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, f"{_('Official file')}: {message}")
        return back
    if result.created:
        messages.success(
            request,
            _(
                "%(list)s imported: %(entries)s entries. Every company and contact is being "
                "screened again."
            )
            % {"list": result.version.get_source_display(), "entries": result.version.entry_count},
        )
    else:
        messages.info(request, _("This file is already the version in use."))
    return back


def screen_name(request: HttpRequest) -> HttpResponse:
    """Screen a name by hand (a prospect met at a fair, a bank, a new forwarder): a read."""
    form = ScreenNameForm(request.GET or None)
    results: list[dict[str, object]] = []
    compared = 0
    index = services.current_index()
    if form.is_bound and form.is_valid() and index is not None:
        data = form.cleaned_data
        subject = screening.Subject(
            names=(data["name"],),
            kind=data["kind"],
            countries=(data["country"].upper(),) if data.get("country") else (),
            birth_year=data.get("birth_year"),
        )
        matches, compared = index.screen(subject, threshold=screening.HIT_THRESHOLD - 0.1)
        for found in matches[:30]:
            entry = index.entries[found.ref]
            results.append(
                {
                    "match": found,
                    "entry": entry,
                    "is_hit": found.score >= screening.HIT_THRESHOLD,
                    "reasons": [translate(r) for r in found.reasons],
                }
            )
        refs = [int(r["match"].ref) for r in results]  # type: ignore[attr-defined]
        stored = services.entries_by_pk(refs)
        for row in results:
            row["stored"] = stored.get(int(row["match"].ref))  # type: ignore[attr-defined]
    return render(
        request,
        "compliance/screen.html",
        {
            "form": form,
            "results": results,
            "compared": compared,
            "no_list": index is None,
            "searched": form.is_bound and form.is_valid(),
        },
    )


@require_POST
def screen_company(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    company = parties_selectors.company_or_none(pk)
    if company is None:
        raise Http404
    hits = services.screen_company(company=company, user=acting_user(request))
    for contact in company.contacts.filter(erased_at__isnull=True):
        hits += services.screen_contact(contact=contact, user=acting_user(request))
    if services.current_index() is None:
        messages.warning(request, _("No sanctions list is loaded: nothing to screen against."))
    elif hits:
        messages.warning(
            request, _("Screened: %(count)s possible match(es), see below.") % {"count": len(hits)}
        )
    else:
        messages.success(request, _("Screened: no match on the lists in use."))
    return HttpResponseRedirect(company.get_absolute_url())
