"""The page of an import run by the worker: waiting, then its report (and, when rows look like
records already there, the confirmation that imports them anyway)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import acting_user

from . import imports
from .models import ImportJob


def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=pk)
    partial = bool(request.headers.get("HX-Request"))
    template = "jobs/_import_status.html" if partial else "jobs/import_job.html"
    return render(
        request,
        template,
        {
            "job": job,
            "report": job.report or {},
            "can_confirm": bool(job.content) and job.created_by_id == request.user.pk,
        },
    )


@require_POST
def confirm_import(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=pk)
    try:
        imports.confirm_duplicates(job, acting_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return HttpResponseRedirect(reverse("jobs:import_job", args=[job.pk]))
