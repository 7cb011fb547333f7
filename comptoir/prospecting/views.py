"""Prospecting screens: the lists and campaigns, a list (from the CRM, from a file, the
matches to decide), a campaign (preview, test, sending, calls, bounces and replies, results
with the funnel) and the public unsubscribe page. Views parse, forms validate, services
write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form

from . import mailing, selectors, services
from .forms import (
    CallForm,
    CampaignForm,
    CostForm,
    CrmForm,
    EventForm,
    FileForm,
    LinkForm,
    ListForm,
)
from .models import Campaign, Channel, MatchState, RecipientState, Target, TargetList


def _errors(request: HttpRequest, exc: ValidationError, form: Any = None) -> None:
    if form is not None and hasattr(exc, "error_dict"):
        errors_on_form(form, exc)
        for message in form.non_field_errors():
            messages.error(request, message)
        for name, errors in form.errors.items():
            if name != "__all__" and name not in form.fields:
                for message in errors:
                    messages.error(request, message)
        return
    for message in exc.messages:
        messages.error(request, message)


def index(request: HttpRequest) -> HttpResponse:
    archived = request.GET.get("archived") == "1"
    return render(
        request,
        "prospecting/index.html",
        {
            "archived": archived,
            "lists": selectors.target_lists(archived=archived)[:50],
            "page": page_of(request, selectors.campaigns(request.GET)),
            "channels": Channel.choices,
            "statuses": Campaign.Status.choices,
        },
    )


# --------------------------------------------------------------------------- lists


def list_create(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    form = ListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_list(values=form.values(), user=acting_user(request))
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("List created: add companies from the CRM or a file."))
            return HttpResponseRedirect(created.get_absolute_url())
    return render(request, "prospecting/list_form.html", {"form": form})


def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target_list = get_object_or_404(TargetList, pk=pk)
    match = request.GET.get("match", "")
    return render(
        request,
        "prospecting/list_detail.html",
        {
            "target_list": target_list,
            "page": page_of(request, selectors.targets_of(target_list, match)),
            "match": match,
            "matches": MatchState.choices,
            "crm_form": CrmForm(prefix="crm"),
            "file_form": FileForm(prefix="file"),
            "counts": selectors.target_lists().get(pk=pk),
            "columns": sorted({c for c in services.COLUMNS if c.isascii()}),
        },
    )


@require_POST
def list_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete the list, or archive it when a campaign was started to it."""
    target_list = get_object_or_404(TargetList, pk=pk)
    try:
        done = services.delete_list(target_list=target_list, user=acting_user(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _back(target_list)
    if done == "archived":
        messages.success(
            request,
            _(
                "A campaign was sent to this list: it is archived, not deleted, so that the "
                "campaign's recipients and results stay."
            ),
        )
    else:
        messages.success(request, _("List deleted."))
    return HttpResponseRedirect(reverse("prospecting:index"))


def _back(target_list: TargetList) -> HttpResponseRedirect:
    return HttpResponseRedirect(target_list.get_absolute_url())


def list_crm(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    target_list = get_object_or_404(TargetList, pk=pk)
    if request.method != "POST":
        return _back(target_list)
    form = CrmForm(request.POST, prefix="crm")
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return _back(target_list)
    try:
        added = services.add_from_crm(
            target_list=target_list, criteria=form.criteria(), user=acting_user(request)
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("%(n)s targets added from the CRM.") % {"n": added})
    return _back(target_list)


def list_import(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    target_list = get_object_or_404(TargetList, pk=pk)
    if request.method != "POST":
        return _back(target_list)
    form = FileForm(request.POST, request.FILES, prefix="file")
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return _back(target_list)
    upload = form.cleaned_data["file"]
    report = services.import_targets(
        target_list=target_list, stream=upload, filename=upload.name, user=acting_user(request)
    )
    if not report.ok:
        for error in report.errors[:30]:
            messages.error(
                request,
                _("Row %(row)s, column %(column)s: %(message)s")
                % {"row": error.row, "column": error.column or "-", "message": error.message},
            )
        if len(report.errors) > 30:
            messages.error(request, _("… and %(n)s more.") % {"n": len(report.errors) - 30})
        messages.error(request, _("Nothing was imported: correct the file and import it again."))
    else:
        messages.success(
            request,
            _(
                "%(added)s targets added, %(skipped)s already in the list, %(proposed)s "
                "matching a company already known: decide below."
            )
            % {"added": report.added, "skipped": report.skipped, "proposed": report.proposed},
        )
    return _back(target_list)


def list_convert_all(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    target_list = get_object_or_404(TargetList, pk=pk)
    if request.method == "POST":
        try:
            count = services.convert_all(target_list=target_list, user=acting_user(request))
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("%(n)s prospects created in the CRM.") % {"n": count})
    return _back(target_list)


def target_action(request: HttpRequest, pk: int, target_pk: int, action: str) -> HttpResponse:
    require_edit(request.user)
    target_list = get_object_or_404(TargetList, pk=pk)
    target = get_object_or_404(Target.objects.filter(target_list=target_list), pk=target_pk)
    if request.method != "POST":
        return _back(target_list)
    user = acting_user(request)
    try:
        if action in ("accept", "refuse"):
            services.decide_match(target=target, accept=action == "accept", user=user)
        elif action == "convert":
            services.convert_target(target=target, user=user)
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return _back(target_list)


# --------------------------------------------------------------------------- campaigns


def campaign_create(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    initial = {"target_list": request.GET.get("list"), "channel": request.GET.get("channel")}
    form = CampaignForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user = acting_user(request)
        try:
            created = services.save_campaign(campaign=None, values=form.values(user), user=user)
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Campaign saved: check the preview, then send."))
            return HttpResponseRedirect(created.get_absolute_url())
    return render(request, "prospecting/campaign_form.html", {"form": form, "campaign": None})


def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    fields = [
        "name",
        "channel",
        "target_list",
        "subject_fr",
        "body_fr",
        "subject_en",
        "body_en",
        "cost",
        "currency",
        "batch_size",
        "pause_seconds",
        "results_window_days",
    ]
    form = CampaignForm(request.POST or None, initial={f: getattr(campaign, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        user = acting_user(request)
        values = form.values(campaign.sender or user)
        values = values.__class__(
            **{**values.__dict__, "html": campaign.html, "origin": campaign.origin}
        )
        try:
            services.save_campaign(campaign=campaign, values=values, user=user)
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Campaign saved."))
            return HttpResponseRedirect(campaign.get_absolute_url())
    return render(request, "prospecting/campaign_form.html", {"form": form, "campaign": campaign})


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("target_list", "sender"), pk=pk)
    targets = (
        list(campaign.target_list.targets.select_related("company", "contact")[:200])
        if campaign.target_list
        else []
    )
    chosen = None
    if request.GET.get("target", "").isdigit():
        chosen = next((t for t in targets if t.pk == int(request.GET["target"])), None)
    language = request.GET.get("lang", "") if request.GET.get("lang") in ("fr", "en") else ""
    result = selectors.results(campaign)
    state = request.GET.get("state", "")
    return render(
        request,
        "prospecting/campaign_detail.html",
        {
            "campaign": campaign,
            "targets": targets,
            "chosen": chosen,
            "language": language,
            "preview": mailing.preview(campaign, target=chosen, language=language)
            if campaign.channel == Channel.EMAIL
            else None,
            "result": result,
            "funnel": selectors.funnel_chart(result),
            "funnel_rows": selectors.funnel_rows(result),
            "stage_labels": selectors.stage_labels(),
            "outside": selectors.outside_crm(campaign),
            "page": page_of(request, selectors.recipients_of(campaign, state)),
            "state": state,
            "states": RecipientState.choices,
            "call_form": CallForm(prefix="call"),
            "event_form": EventForm(prefix="event"),
            "file_form": FileForm(prefix="file"),
            "link_form": LinkForm(prefix="link"),
            "cost_form": CostForm(
                prefix="cost",
                initial={
                    "cost": campaign.cost,
                    "results_window_days": campaign.results_window_days,
                },
            ),
            "events": selectors.events_of(campaign)[:50],
        },
    )


def _to(campaign: Campaign, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(campaign.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def campaign_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require_edit(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method != "POST":
        return _to(campaign)
    user = acting_user(request)
    try:
        if action == "send":
            queued = services.start_sending(campaign=campaign, user=user)
            messages.success(
                request, _("%(n)s e-mails queued: they leave in batches.") % {"n": queued}
            )
        elif action == "test":
            target = Target.objects.filter(pk=request.POST.get("target") or 0).first()
            address = mailing.send_test(
                campaign=campaign, user=user, target=target, language=request.POST.get("lang", "")
            )
            messages.success(request, _("Test sent to %(address)s.") % {"address": address})
        elif action == "calls":
            count = services.start_calls(campaign=campaign, user=user)
            messages.success(request, _("%(n)s people to call.") % {"n": count})
        elif action in ("resume", "retry"):
            queued = services.resume(campaign=campaign, user=user, retry_failed=action == "retry")
            messages.success(request, _("%(n)s e-mails queued again.") % {"n": queued})
        elif action == "close":
            services.close_campaign(campaign=campaign, user=user)
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return _to(campaign)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else message)


def campaign_call(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    form = CallForm(request.POST or None, prefix="call")
    if request.method == "POST":
        if not form.is_valid():
            _form_errors(request, form)
        else:
            recipient = get_object_or_404(
                campaign.recipients.select_related("company", "contact"),
                pk=form.cleaned_data["recipient"],
            )
            try:
                services.log_call(
                    recipient=recipient, values=form.values(), user=acting_user(request)
                )
            except ValidationError as exc:
                _errors(request, exc, form)
                _form_errors(request, form)
            else:
                messages.success(request, _("Call outcome recorded."))
    return _to(campaign, "recipients")


def campaign_event(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    form = EventForm(request.POST or None, prefix="event")
    if request.method == "POST":
        if not form.is_valid():
            _form_errors(request, form)
        else:
            try:
                services.record_event(
                    campaign=campaign, values=form.values(), user=acting_user(request)
                )
            except ValidationError as exc:
                _errors(request, exc, form)
                _form_errors(request, form)
            else:
                messages.success(request, _("Recorded."))
    return _to(campaign, "events")


def campaign_events_import(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method != "POST":
        return _to(campaign, "events")
    form = FileForm(request.POST, request.FILES, prefix="file")
    if not form.is_valid():
        _form_errors(request, form)
        return _to(campaign, "events")
    upload = form.cleaned_data["file"]
    report = services.import_events(
        campaign=campaign, stream=upload, filename=upload.name, user=acting_user(request)
    )
    if report.errors:
        for error in report.errors[:30]:
            messages.error(
                request,
                _("Row %(row)s, column %(column)s: %(message)s")
                % {"row": error.row, "column": error.column or "-", "message": error.message},
            )
        messages.error(request, _("Nothing was imported: correct the file and import it again."))
    else:
        messages.success(request, _("%(n)s bounces and replies recorded.") % {"n": report.recorded})
    return _to(campaign, "events")


def campaign_link(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    form = LinkForm(request.POST or None, prefix="link")
    if request.method == "POST":
        if not form.is_valid():
            _form_errors(request, form)
        else:
            try:
                services.link_sale(campaign=campaign, user=acting_user(request), **form.sale())
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Linked to the campaign."))
    return _to(campaign, "results")


def campaign_cost(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    form = CostForm(request.POST or None, prefix="cost")
    if request.method == "POST":
        if not form.is_valid():
            _form_errors(request, form)
        else:
            try:
                services.set_cost(
                    campaign=campaign,
                    cost=form.cleaned_data["cost"],
                    window_days=form.cleaned_data["results_window_days"],
                    user=acting_user(request),
                )
            except ValidationError as exc:
                _errors(request, exc)
    return _to(campaign, "results")


# --------------------------------------------------------------------------- public


@login_not_required
@csrf_exempt  # the mail program's one-click POST (RFC 8058) carries no CSRF token
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link of every campaign e-mail, without login: a page that asks to confirm (a GET
    writes nothing: mail scanners follow links), and the POST that records the opt-out
    (the confirm button, or the one-click of the mail program)."""
    recipient = mailing.recipient_of_token(token)
    if recipient is None:
        return render(request, "prospecting/unsubscribe.html", {"invalid": True}, status=404)
    from django.utils import translation

    with translation.override(recipient.language):
        done = False
        if request.method == "POST":
            services.unsubscribe(recipient=recipient)
            done = True
        response = render(
            request,
            "prospecting/unsubscribe.html",
            {
                "recipient": recipient,
                "done": done or recipient.opted_out_at is not None,
                "action": reverse("prospecting:unsubscribe", args=[token]),
                "language": recipient.language,
            },
        )
    return response
