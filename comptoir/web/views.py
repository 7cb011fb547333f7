from django.apps import apps
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from comptoir.accounts.roles import acting_user
from comptoir.catalog import selectors as catalog_selectors
from comptoir.common import panels
from comptoir.parties import selectors as party_selectors

from .history import history_of


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the page says what the role does not allow (the role matrix's message)."""
    reason = str(exception.args[0]) if exception is not None and exception.args else ""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": reason or "Forbidden."}, status=403)
    return render(request, "web/forbidden.html", {"reason": reason}, status=403)


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/home.html",
        {
            "tasks": party_selectors.tasks_for_home(acting_user(request)),
            "recent_activities": party_selectors.recent_activities(acting_user(request), limit=8),
            "counts": {
                **party_selectors.home_counts(),
                "products": catalog_selectors.active_product_count(),
            },
            "sections": panels.sections(panels.HOME, None, request),
        },
    )


def record_history(request: HttpRequest, app_label: str, model_name: str, pk: int) -> HttpResponse:
    """Who changed what and when, on any business record that keeps a history."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc
    if not hasattr(model, "history") or app_label not in {
        "parties",
        "catalog",
        "accounts",
        "logistics",
        "sales",
        "shipping",
        "shipping_documents",
        "freight",
        "claims",
        "intra_eu",
        "export_control",
        "customs",
        "origin",
        "compliance",
        "doc_collections",
        "guarantees",
        "credit_insurance",
        "fx_exposure",
        "credits",
        "suppliers",
        "purchasing",
        "tenders",
        "supplier_invoices",
        "prospecting",
        "events",
        "studies",
        "intelligence",
        "marketing",
        "action_plan",
    }:
        raise Http404
    instance = get_object_or_404(model, pk=pk)
    return render(
        request,
        "web/history.html",
        {
            "object": instance,
            "entries": history_of(instance),
            "model_name": model._meta.verbose_name,
        },
    )
