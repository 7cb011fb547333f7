"""The sales objectives pages: the list of a year, add, change, delete with confirmation.
Reads through :mod:`.selectors`, writes through :mod:`.services`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Record, acting_user, allowed
from comptoir.common.dates import today
from comptoir.common.params import BadParameter, bad_parameter_response, int_param
from comptoir.common.values import errors_on_form

from . import selectors, services
from .forms import SalesObjectiveForm
from .models import SalesObjective


def _require(request: HttpRequest, action: Action) -> None:
    if not allowed(request.user, action, Record.SALES_OBJECTIVE):
        raise PermissionDenied


def _objective(pk: int) -> SalesObjective:
    objective = selectors.sales_objective_or_none(pk)
    if objective is None:
        raise Http404
    return objective


def _year(request: HttpRequest) -> int:
    return int_param(request.GET, "year", default=today().year, minimum=2000, maximum=2100)


def _list_url(year: int) -> str:
    return f"{reverse('reporting:objective_list')}?year={year}"


def objective_list(request: HttpRequest) -> HttpResponse:
    _require(request, Action.VIEW)
    try:
        year = _year(request)
    except BadParameter as error:
        return bad_parameter_response(request, error)
    objectives = list(selectors.sales_objectives(year))
    years = sorted({*selectors.objective_years(), year, today().year})
    return render(
        request,
        "reporting/objective_list.html",
        {
            "objectives": objectives,
            "year": year,
            "years": years,
            "may_create": allowed(request.user, Action.CREATE, Record.SALES_OBJECTIVE),
            "may_change": allowed(request.user, Action.CHANGE, Record.SALES_OBJECTIVE),
            "may_delete": allowed(request.user, Action.DELETE, Record.SALES_OBJECTIVE),
        },
    )


def objective_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    objective = _objective(pk) if pk is not None else None
    _require(request, Action.CREATE if objective is None else Action.CHANGE)
    initial = (
        SalesObjectiveForm.initial_of(objective)
        if objective
        else {"year": _year(request) if request.GET.get("year", "").isdigit() else today().year}
    )
    form = SalesObjectiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_sales_objective(
                objective=objective, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Objective saved."))
            return HttpResponseRedirect(_list_url(saved.year))
    return render(request, "reporting/objective_form.html", {"form": form, "objective": objective})


def objective_delete(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(pk)
    _require(request, Action.DELETE)
    if request.method == "POST":
        year = objective.year
        services.delete_sales_objective(objective=objective, user=acting_user(request))
        messages.success(request, _("Objective deleted."))
        return HttpResponseRedirect(_list_url(year))
    return render(request, "reporting/objective_delete.html", {"objective": objective})
