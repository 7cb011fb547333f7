"""The monthly report's pages: the list of reports (and a month to prepare), a report (its
commentary while a draft, a preview of the PDF, send now, the PDF as sent, to whom and
when), the settings. Thin: read through the selectors, write through :mod:`.monthly`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comptoir.accounts.roles import Action, Record, acting_user, allowed
from comptoir.common.dates import today
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response

from . import monthly, registry, selectors
from .models import MonthlyReport
from .monthly_forms import CommentaryForm, MonthlySettingsForm, OpenReportForm


def _require(request: HttpRequest, action: Action) -> None:
    if not allowed(request.user, action, Record.MONTHLY_REPORT):
        raise PermissionDenied


def _may(request: HttpRequest) -> dict[str, bool]:
    return {
        name: allowed(request.user, action, Record.MONTHLY_REPORT)
        for name, action in (
            ("create", Action.CREATE),
            ("change", Action.CHANGE),
            ("delete", Action.DELETE),
            ("send", Action.ISSUE),
            ("settings", Action.ADMINISTER),
        )
    }


def _report(pk: int) -> MonthlyReport:
    report = selectors.monthly_report_or_none(pk)
    if report is None:
        raise Http404
    return report


def _detail_url(report: MonthlyReport) -> str:
    return reverse("reporting:monthly_detail", args=[report.pk])


@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponse:
    _require(request, Action.VIEW)
    year, month = monthly.previous_month(today())
    form = OpenReportForm(request.POST or None, initial={"month": f"{year}-{month:02d}"})
    if request.method == "POST":
        _require(request, Action.CREATE)
        if form.is_valid():
            year, month = form.cleaned_data["month"]
            try:
                report = monthly.open_report(year=year, month=month, user=acting_user(request))
            except ValidationError as exc:
                errors_on_form(form, exc, lambda name: "month")
            else:
                return HttpResponseRedirect(_detail_url(report))
    settings = monthly.current_settings()
    return render(
        request,
        "reporting/monthly_list.html",
        {
            "reports": selectors.monthly_reports(),
            "form": form,
            "may": _may(request),
            "settings": settings,
            "configured": monthly.stored_settings() is not None,
            "next_day": _next_sending_day(),
        },
        status=400 if form.errors else 200,
    )


def _next_sending_day() -> object:
    day = today()
    first = monthly.first_working_day(day.year, day.month)
    if day <= first:
        return first
    year, month = (day.year + (day.month == 12), day.month % 12 + 1)
    return monthly.first_working_day(year, month)


@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Action.VIEW)
    report = _report(pk)
    form = CommentaryForm(request.POST or None, initial={"commentary": report.commentary})
    if request.method == "POST":
        _require(request, Action.CHANGE)
        if form.is_valid():
            try:
                monthly.save_commentary(
                    report=report,
                    commentary=form.cleaned_data["commentary"],
                    user=acting_user(request),
                )
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Commentary saved."))
                return HttpResponseRedirect(_detail_url(report))
    settings = monthly.current_settings()
    context = {
        "report": report,
        "may": _may(request),
        "stale": monthly.draft_is_stale(report, settings),
        "job_error": monthly.job_error_text(report, get_language() or "en"),
    }
    if request.headers.get("HX-Request") and request.method == "GET":
        # the state of the PDF, asked every 2 s while a job is queued or running
        answer = render(request, "reporting/_monthly_job.html", context)
        if report.job == MonthlyReport.Job.SEND and not report.job_pending:
            # a sending ended (sent, or failed and still a draft): the whole page changes
            answer["HX-Refresh"] = "true"
        return answer
    titles = {s.key: s.title for s in registry.specs()}
    keys = report.dashboards if report.is_sent else settings.dashboards
    return render(
        request,
        "reporting/monthly_detail.html",
        {
            **context,
            "form": form,
            "settings": settings,
            "configured": monthly.stored_settings() is not None,
            "dashboards": [titles[k] for k in keys if k in titles],
            "recipients": report.sent_to if report.is_sent else settings.recipients,
        },
        status=400 if form.errors else 200,
    )


@require_GET
def report_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The last draft PDF made by the job queue (a sent report: its PDF as sent); nothing is
    rendered here. None made yet: 404."""
    _require(request, Action.VIEW)
    report = _report(pk)
    if report.is_sent:
        stored = selectors.monthly_report_pdf(report.pk)
    else:
        stored = selectors.monthly_report_draft_pdf(report.pk)
    if stored is None:
        raise Http404
    return pdf_response(stored, monthly.pdf_filename(report))


@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF as sent."""
    _require(request, Action.VIEW)
    report = _report(pk)
    stored = selectors.monthly_report_pdf(report.pk)
    if stored is None:
        raise Http404
    return pdf_response(stored, monthly.pdf_filename(report))


@require_POST
def report_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the making of the draft PDF; the page shows its state."""
    _require(request, Action.CHANGE)
    report = _report(pk)
    try:
        monthly.request_draft(report=report, user=acting_user(request))
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.info(request, _("The PDF is being made: this page shows when it is ready."))
    return HttpResponseRedirect(_detail_url(report))


@require_POST
def report_send(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Action.ISSUE)
    report = _report(pk)
    try:
        if report.is_sent:
            monthly.resend_report(report=report, user=acting_user(request))
            messages.success(request, _("The same PDF is sent again to the same people."))
        else:
            monthly.request_send(report=report, user=acting_user(request))
            messages.info(
                request,
                _(
                    "The report is being sent: its PDF is made, then e-mailed; this page "
                    "shows when it is done."
                ),
            )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    return HttpResponseRedirect(_detail_url(report))


@require_http_methods(["GET", "POST"])
def report_delete(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    _require(request, Action.DELETE)
    if request.method == "POST":
        try:
            monthly.delete_report(report=report, user=acting_user(request))
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
            return HttpResponseRedirect(_detail_url(report))
        messages.success(request, _("Draft deleted."))
        return HttpResponseRedirect(reverse("reporting:monthly_list"))
    return render(request, "reporting/monthly_delete.html", {"report": report})


@require_http_methods(["GET", "POST"])
def report_settings(request: HttpRequest) -> HttpResponse:
    _require(request, Action.VIEW)
    settings = monthly.current_settings()
    form = MonthlySettingsForm(
        request.POST or None, initial=MonthlySettingsForm.initial_of(settings)
    )
    may = _may(request)
    if not may["settings"]:  # shown, not editable
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST":
        _require(request, Action.ADMINISTER)
        if form.is_valid():
            try:
                monthly.save_settings(values=form.values(), user=acting_user(request))
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Settings saved."))
                return HttpResponseRedirect(reverse("reporting:monthly_list"))
    return render(
        request,
        "reporting/monthly_settings.html",
        {"form": form, "may": may},
        status=400 if form.errors else 200,
    )
