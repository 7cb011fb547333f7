"""The page of an import run by the worker: waiting, then its report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import ImportJob


def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=pk)
    partial = bool(request.headers.get("HX-Request"))
    template = "jobs/_import_status.html" if partial else "jobs/import_job.html"
    return render(request, template, {"job": job, "report": job.report or {}})
