"""Market intelligence pages: the items brought by the sources, the sources, the alerts and
the user's matches. The pages read through :mod:`.selectors`; writes go through
:mod:`.services`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, acting_user, allowed, can_manage, require
from comptoir.common import countries, panels
from comptoir.common.dates import current_language
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form

from . import selectors, services
from .forms import AlertForm, DocumentForm, LinkForm, SourceForm
from .models import Alert, ErrorKind, Item, Match, Source, SourceKind, Theme

# --------------------------------------------------------------------------- items


def _choices() -> dict[str, object]:
    return {
        "themes": Theme.choices,
        "kinds": SourceKind.choices,
        "country_choices": countries.country_choices(current_language()),
    }


def item_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW, Record.INTELLIGENCE_ITEM)
    rows = selectors.items(request.GET)
    return render(
        request,
        "intelligence/item_list.html",
        {
            "page": page_of(request, rows),
            "params": request.GET,
            "sources": Source.objects.order_by("name").only("pk", "name")[:500],
            "alerts": Alert.objects.order_by("name").only("pk", "name")[:500],
            "unread": selectors.matches_of(acting_user(request), unread=True).count(),
            **_choices(),
        },
    )


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.VIEW, Record.INTELLIGENCE_ITEM)
    item = get_object_or_404(Item.objects.select_related("source"), pk=pk)
    language = current_language()
    return render(
        request,
        "intelligence/item_detail.html",
        {
            "item": item,
            "matches": selectors.matches_of_item(item),
            "countries": [
                (c, countries.country_name(c, language))
                for c in item.countries.values_list("country", flat=True)
            ],
            "products": item.products.order_by("reference"),
            "may_link": allowed(request.user, Action.CHANGE, Record.INTELLIGENCE_ITEM),
            "sections": panels.sections(panels.INTELLIGENCE_ITEM, item, request),
        },
    )


def item_file(request: HttpRequest, pk: int) -> FileResponse:
    require(request.user, Action.VIEW, Record.INTELLIGENCE_ITEM)
    item = get_object_or_404(Item, pk=pk)
    if not item.file:
        raise Http404
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1]
    )


def item_link(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item.objects.select_related("source"), pk=pk)
    require(request.user, Action.CHANGE, Record.INTELLIGENCE_ITEM)
    if request.method == "POST":
        form = LinkForm(request.POST)
        if form.is_valid():
            try:
                services.link_item(item=item, values=form.values(), user=acting_user(request))
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Links saved."))
                return HttpResponseRedirect(item.get_absolute_url())
    else:
        form = LinkForm(initial=LinkForm.initial_from(item))
    return render(request, "intelligence/item_link.html", {"form": form, "item": item})


# --------------------------------------------------------------------------- sources


def source_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW, Record.INTELLIGENCE_SOURCE)
    return render(
        request,
        "intelligence/source_list.html",
        {
            "page": page_of(request, selectors.sources(request.GET)),
            "params": request.GET,
            "may_create": allowed(request.user, Action.CREATE, Record.INTELLIGENCE_SOURCE),
            **_choices(),
        },
    )


def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.VIEW, Record.INTELLIGENCE_SOURCE)
    source = get_object_or_404(Source, pk=pk)
    items = Item.objects.filter(source=source).order_by("-published_at", "-id")
    return render(
        request,
        "intelligence/source_detail.html",
        {
            "source": source,
            "page": page_of(request, items),
            "params": request.GET,
            "error_kind": ErrorKind(source.last_error_kind).label if source.last_error_kind else "",
            "may_change": allowed(request.user, Action.CHANGE, Record.INTELLIGENCE_SOURCE),
            "may_delete": allowed(request.user, Action.DELETE, Record.INTELLIGENCE_SOURCE),
            "may_upload": allowed(request.user, Action.CREATE, Record.INTELLIGENCE_ITEM),
            "upload_form": DocumentForm(),
            "country_name": countries.country_name(source.country, current_language())
            if source.country
            else "",
        },
    )


def source_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk) if pk else None
    require(request.user, Action.CHANGE if source else Action.CREATE, Record.INTELLIGENCE_SOURCE)
    if request.method == "POST":
        form = SourceForm(request.POST)
        if form.is_valid():
            try:
                saved = services.save_source(
                    source=source, values=form.values(), user=acting_user(request)
                )
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Source saved."))
                return HttpResponseRedirect(saved.get_absolute_url())
    else:
        form = SourceForm(initial=SourceForm.initial_from(source) if source else None)
    return render(request, "intelligence/source_form.html", {"form": form, "source": source})


@require_POST
def source_poll(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    try:
        services.request_poll(source=source, user=acting_user(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The source will be read in a moment: reload the page to see the items.")
        )
    return HttpResponseRedirect(source.get_absolute_url())


@require_POST
def source_delete(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    services.delete_source(source=source, user=acting_user(request))
    messages.success(request, _("Source deleted, with the items it brought."))
    return HttpResponseRedirect(reverse("intelligence:source_list"))


@require_POST
def source_upload(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    require(request.user, Action.CREATE, Record.INTELLIGENCE_ITEM)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            item = services.add_document(
                source=source, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Document added."))
            return HttpResponseRedirect(item.get_absolute_url())
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return HttpResponseRedirect(source.get_absolute_url())


# --------------------------------------------------------------------------- alerts


def alert_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW, Record.INTELLIGENCE_ALERT)
    user = acting_user(request)
    return render(
        request,
        "intelligence/alert_list.html",
        {
            "alerts": selectors.alerts(request.GET, user)[: selectors.MAX_ROWS],
            "params": request.GET,
            "may_create": allowed(user, Action.CREATE, Record.INTELLIGENCE_ALERT),
        },
    )


def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.VIEW, Record.INTELLIGENCE_ALERT)
    alert = get_object_or_404(Alert.objects.select_related("owner", "competitor"), pk=pk)
    user = acting_user(request)
    matches = Match.objects.filter(alert=alert).select_related("item__source")
    own = alert.owner_id in (None, user.pk) or can_manage(user)
    return render(
        request,
        "intelligence/alert_detail.html",
        {
            "alert": alert,
            "page": page_of(request, matches.order_by("-matched_at", "-id")),
            "params": request.GET,
            "may_change": own and allowed(user, Action.CHANGE, Record.INTELLIGENCE_ALERT),
            "may_delete": own and allowed(user, Action.DELETE, Record.INTELLIGENCE_ALERT),
        },
    )


def alert_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    alert = get_object_or_404(Alert, pk=pk) if pk else None
    require(request.user, Action.CHANGE if alert else Action.CREATE, Record.INTELLIGENCE_ALERT)
    user = acting_user(request)
    if request.method == "POST":
        form = AlertForm(request.POST, user=user)
        if form.is_valid():
            owner = alert.owner if alert is not None and alert.owner_id else user
            try:
                saved = services.save_alert(alert=alert, values=form.values(owner), user=user)
            except ValidationError as exc:
                errors_on_form(form, exc, lambda name: "shared" if name == "owner" else name)
            else:
                messages.success(
                    request, _("Alert saved: the items of the last 90 days were matched.")
                )
                return HttpResponseRedirect(saved.get_absolute_url())
    else:
        form = AlertForm(initial=AlertForm.initial_from(alert) if alert else None, user=user)
    return render(request, "intelligence/alert_form.html", {"form": form, "alert": alert})


@require_POST
def alert_delete(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(Alert, pk=pk)
    services.delete_alert(alert=alert, user=acting_user(request))
    messages.success(request, _("Alert deleted."))
    return HttpResponseRedirect(reverse("intelligence:alert_list"))


# --------------------------------------------------------------------------- matches


def match_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW, Record.INTELLIGENCE_ITEM)
    user = acting_user(request)
    unread = request.GET.get("all") != "1"
    rows = selectors.matches_of(user, unread=unread)
    return render(
        request,
        "intelligence/match_list.html",
        {"page": page_of(request, rows), "params": request.GET, "unread_only": unread},
    )


@require_POST
def match_read(request: HttpRequest) -> HttpResponse:
    """Mark as read the matches ticked (``match`` values) or all the user's unread ones."""
    user = acting_user(request)
    rows = selectors.matches_of(user, unread=True)
    if request.POST.get("all") != "1":
        ids = [int(v) for v in request.POST.getlist("match") if v.isdigit()][:1000]
        rows = rows.filter(pk__in=ids)
    done = services.mark_read(matches=list(rows[:5000]), user=user)
    messages.success(request, _("%(n)d marked as read.") % {"n": done})
    target = request.POST.get("next") or reverse("intelligence:match_list")
    if not target.startswith("/") or target.startswith("//"):
        target = reverse("intelligence:match_list")
    return HttpResponseRedirect(target)
