"""Screens of the parties area. Thin: parse the request, call a service or selector, render."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from comptoir.accounts.guard import lock_form_fields
from comptoir.accounts.roles import acting_user, require_edit
from comptoir.common import countries, panels
from comptoir.common.dates import current_language
from comptoir.common.pages import page_of
from comptoir.documents import tabular
from comptoir.documents.exports import bounded, export_response
from comptoir.jobs import imports

from . import identifiers, selectors, services
from .clock import partner_clock
from .forms import (
    ActivityForm,
    AddressForm,
    CompanyForm,
    ContactForm,
    CountrySheetForm,
    ImportForm,
    TaskForm,
)
from .models import Address, Company, Contact, CountrySheet, PartyRole, Task

# --------------------------------------------------------------------------- companies


def company_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.dict()
    queryset = selectors.company_list(params)
    fmt = params.get("format")
    if fmt in ("csv", "xlsx"):
        return export_response(request, fmt, "companies", *services.company_rows(bounded(queryset)))
    return render(
        request,
        "parties/company_list.html",
        {
            "page": page_of(request, queryset),
            "params": params,
            "roles": PartyRole.choices,
            "zones": selectors.zones(),
            "countries": countries.country_choices(current_language()),
        },
    )


def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company.objects.select_related("zone", "portfolio_owner"), pk=pk)
    language = current_language()
    clock = partner_clock(company.country, company.time_zone, timezone.now(), language)
    records = selectors.company_records(company)
    return render(
        request,
        "parties/company_detail.html",
        {
            "company": company,
            "clock": clock,
            "country_name": countries.country_name(company.country, language),
            "flag": countries.flag(company.country),
            "contacts": records.contacts,
            "addresses": records.addresses,
            "activities": records.activities,
            "tasks": records.open_tasks,
            "activity_form": ActivityForm(
                company=company,
                initial={"occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
            ),
            "task_form": TaskForm(
                for_company=company, initial={"company": company, "assigned_to": request.user}
            ),
            "phone_display": identifiers.format_phone(company.phone),
            "is_eu": identifiers.is_eu(company.country),
            "sections": panels.sections(panels.COMPANY, company, request),
        },
    )


def company_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    company = get_object_or_404(Company, pk=pk) if pk else None
    initial: dict[str, object] = {}
    if company is None:
        initial = {
            "roles_field": [request.GET["role"]]
            if request.GET.get("role") in PartyRole.values
            else []
        }
        initial["portfolio_owner"] = request.user.pk
    form = CompanyForm(request.POST or None, instance=company, initial=initial)
    lock_form_fields(form, request.user)  # credit terms: read-only below a manager
    if request.method == "POST":
        if form.is_valid():
            company = services.save_company(
                company=company, values=form.values(), user=request.user
            )
            messages.success(request, _("Company “%(name)s” saved.") % {"name": company.name})
            return HttpResponseRedirect(company.get_absolute_url())
        messages.error(request, _("The company was not saved: correct the fields marked in red."))
    return render(request, "parties/company_form.html", {"form": form, "company": company})


def address_edit(request: HttpRequest, company_pk: int, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    company = get_object_or_404(Company, pk=company_pk)
    address = get_object_or_404(Address, pk=pk, company=company) if pk else None
    form = AddressForm(
        request.POST or None,
        instance=address or Address(company=company),
        initial={"country": company.country, "city": company.city},
    )
    if request.method == "POST" and form.is_valid():
        services.save_address(
            company=company, address=address, values=form.values(), user=request.user
        )
        messages.success(request, _("Address saved."))
        return HttpResponseRedirect(company.get_absolute_url())
    return render(request, "parties/address_form.html", {"form": form, "company": company})


@require_POST
def activity_add(request: HttpRequest, company_pk: int) -> HttpResponse:
    company = get_object_or_404(Company, pk=company_pk)
    form = ActivityForm(request.POST, company=company)
    if form.is_valid():
        services.log_activity(company=company, user=acting_user(request), **form.cleaned_data)
        messages.success(request, _("Activity recorded."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(error) for error in errors)
            messages.error(request, f"{label}: {text}" if label else text)
    return HttpResponseRedirect(company.get_absolute_url() + "#activities")


# --------------------------------------------------------------------------- contacts


def contact_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.dict()
    queryset = selectors.contact_list(params)
    fmt = params.get("format")
    if fmt in ("csv", "xlsx"):
        return export_response(request, fmt, "contacts", *services.contact_rows(bounded(queryset)))
    return render(
        request,
        "parties/contact_list.html",
        {
            "page": page_of(request, queryset),
            "params": params,
            "countries": countries.country_choices(current_language()),
        },
    )


def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact.objects.select_related("company"), pk=pk)
    language = current_language()
    clock = partner_clock(
        contact.company.country, contact.effective_time_zone, timezone.now(), language
    )
    return render(
        request,
        "parties/contact_detail.html",
        {
            "contact": contact,
            "clock": clock,
            "country_name": countries.country_name(contact.company.country, language),
            "flag": countries.flag(contact.company.country),
            "phone_display": identifiers.format_phone(contact.phone),
            "mobile_display": identifiers.format_phone(contact.mobile),
            "activities": selectors.contact_activities(contact),
        },
    )


def contact_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    contact = get_object_or_404(Contact, pk=pk) if pk else None
    if contact is not None and contact.erased_at:
        raise Http404
    initial: dict[str, object] = {}
    if contact is None and (company_id := request.GET.get("company")):
        company = Company.objects.filter(pk=company_id).first() if company_id.isdigit() else None
        if company:
            initial = {"company": company, "language": company.language}
    form = ContactForm(request.POST or None, instance=contact, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            contact = services.save_contact(
                contact=contact, values=form.values(), user=request.user
            )
            messages.success(request, _("Contact “%(name)s” saved.") % {"name": contact})
            return HttpResponseRedirect(contact.get_absolute_url())
        messages.error(request, _("The contact was not saved: correct the fields marked in red."))
    return render(request, "parties/contact_form.html", {"form": form, "contact": contact})


def contact_gdpr_export(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact.objects.select_related("company"), pk=pk)
    data = services.export_person(contact)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="gdpr-contact-{contact.pk}.json"'
    return response


@require_POST
def contact_erase(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact, pk=pk)  # the service refuses below a manager
    company_url = contact.company.get_absolute_url()
    services.erase_person(contact=contact, user=request.user)
    messages.success(request, _("The person's data is erased; the company's records are kept."))
    return HttpResponseRedirect(company_url)


@require_POST
def contact_opt_out(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact, pk=pk)
    services.set_opt_out(
        contact=contact, opted_out=request.POST.get("opted_out") == "1", user=request.user
    )
    return HttpResponseRedirect(contact.get_absolute_url())


# --------------------------------------------------------------------------- tasks


def task_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.dict()
    form = TaskForm(initial={"assigned_to": request.user, "due_date": timezone.localdate()})
    return render(
        request,
        "parties/task_list.html",
        {
            "page": page_of(request, selectors.task_list(acting_user(request), params)),
            "params": params,
            "form": form,
            "today": timezone.localdate(),
        },
    )


def task_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    task = get_object_or_404(Task, pk=pk) if pk else None
    form = TaskForm(request.POST or None, instance=task)
    if request.method == "POST":
        if form.is_valid():
            task = services.save_task(task=task, values=form.values(), user=request.user)
            messages.success(request, _("Task saved."))
            target = request.POST.get("next") or reverse("parties:task_list")
            return HttpResponseRedirect(
                target if target.startswith("/") else reverse("parties:task_list")
            )
        messages.error(request, _("The task was not saved: correct the fields marked in red."))
    return render(request, "parties/task_form.html", {"form": form, "task": task})


@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk)
    if request.POST.get("reopen"):
        services.reopen_task(task, acting_user(request))
    else:
        services.complete_task(task, acting_user(request))
    target = request.POST.get("next") or reverse("parties:task_list")
    return HttpResponseRedirect(target if target.startswith("/") else reverse("parties:task_list"))


# --------------------------------------------------------------------------- countries


def country_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.country_rows(
        current_language(),
        query=request.GET.get("q", ""),
        with_parties=request.GET.get("with_parties") == "1",
    )
    return render(
        request,
        "parties/country_list.html",
        {
            "rows": rows,
            "q": request.GET.get("q", ""),
            "with_parties": request.GET.get("with_parties"),
        },
    )


def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    code = code.upper()
    if not countries.is_country(code):
        raise Http404
    lang = current_language()
    sheet = selectors.country_sheet(code)
    facts = countries.facts(code, lang)
    capital_zone = facts.time_zones[0] if facts.time_zones else "UTC"
    return render(
        request,
        "parties/country_detail.html",
        {
            "code": code,
            "facts": facts,
            "sheet": sheet,
            "languages": [
                (countries.language_name(c, lang), status) for c, status in facts.languages[:6]
            ],
            "clock": partner_clock(code, capital_zone, timezone.now(), lang),
            "companies": selectors.companies_in_country(code),
            "sections": panels.sections(panels.COUNTRY, code, request),
        },
    )


def country_edit(request: HttpRequest, code: str) -> HttpResponse:
    require_edit(request.user)
    code = code.upper()
    if not countries.is_country(code):
        raise Http404
    sheet = selectors.country_sheet(code) or CountrySheet(country=code)
    form = CountrySheetForm(request.POST or None, instance=sheet)
    if request.method == "POST" and form.is_valid():
        services.save_country_sheet(country=code, values=form.values(), user=request.user)
        messages.success(request, _("Country sheet saved."))
        return HttpResponseRedirect(reverse("parties:country_detail", args=[code]))
    return render(
        request,
        "parties/country_form.html",
        {"form": form, "code": code, "name": countries.country_name(code, current_language())},
    )


# --------------------------------------------------------------------------- import


def import_view(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > imports.INLINE_MAX_BYTES:  # a large file: the worker imports it
            job = imports.queue_import(
                form.cleaned_data["kind"],
                upload,
                acting_user(request),
                current_language(),
                allow_duplicates=form.cleaned_data["allow_duplicates"],
            )
            return HttpResponseRedirect(reverse("jobs:import_job", args=[job.pk]))
        report = services.import_table(
            kind=form.cleaned_data["kind"],
            stream=upload,
            filename=upload.name,
            user=request.user,
            allow_duplicates=form.cleaned_data["allow_duplicates"],
        )
        if report.needs_confirmation:
            messages.warning(
                request,
                ngettext(
                    "Nothing was imported: %(n)s row looks like a record already in Comptoir. "
                    "Check the list below; to import anyway, tick the box and send the file again.",
                    "Nothing was imported: %(n)s rows look like records already in Comptoir. "
                    "Check the list below; to import anyway, tick the box and send the file again.",
                    len(report.duplicates),
                )
                % {"n": len(report.duplicates)},
            )
        elif report.ok:
            messages.success(
                request,
                ngettext("%(n)s row imported.", "%(n)s rows imported.", report.created)
                % {"n": report.created},
            )
        else:
            messages.error(
                request,
                ngettext(
                    "Nothing was imported: the file has %(n)s error. Correct it and send the file again.",
                    "Nothing was imported: the file has %(n)s errors. Correct them and send the file again.",
                    len(report.errors),
                )
                % {"n": len(report.errors)},
            )
    return render(
        request,
        "parties/import.html",
        {
            "form": form,
            "report": report,
            "max_rows": tabular.MAX_ROWS,
            "company_columns": services.COMPANY_COLUMNS,
            "contact_columns": services.CONTACT_COLUMNS,
        },
    )
