"""The Calculators section: one page per trade calculation, with the steps and the rule.

Pages use GET so that any user (read-only included) can compute, and a result can be
bookmarked or printed. The computation is ``comptoir.trade.calc.run``, as in the CLI and API.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from comptoir.trade import calc
from comptoir.trade.errors import TradeInputError
from comptoir.trade.incoterms import COST_ITEMS

from . import services
from .forms import CalculatorForm, ExchangeRateForm, IncotermCompareForm, form_name
from .models import ExchangeRate, company_rates_for
from .specs import SCORE_CRITERIA, TOPICS
from .texts import localised


def index(request: HttpRequest) -> HttpResponse:
    topics = [
        {
            "slug": t.slug,
            "title": t.title,
            "summary": t.summary,
            "source": calc.describe(t.slug)["source"],
        }
        for t in TOPICS.values()
    ]
    return render(request, "calculators/index.html", {"topics": topics})


def _flatten(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else key, item, out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _flatten(f"{prefix}.{index}", item, out)
    else:
        out[form_name(prefix)] = value


def _example_initial(slug: str) -> dict[str, Any]:
    """The documented worked example, so a new user sees a filled page to start from."""
    example = calc.describe(slug)["example"]
    if slug == "score":
        initial: dict[str, Any] = {"scale_max": example.get("scale_max", 10)}
        names = [c["name"] for c in example["criteria"]][:SCORE_CRITERIA]
        for i, criterion in enumerate(example["criteria"][:SCORE_CRITERIA]):
            initial[f"criterion_{i}_name"] = criterion["name"]
            initial[f"criterion_{i}_weight"] = criterion["weight"]
        for j, option in enumerate(example["options"]):
            initial[f"option_{j}_name"] = option["name"]
            for i, name in enumerate(names):
                initial[f"option_{j}_grade_{i}"] = option["grades"].get(name)
        return initial
    initial = {}
    _flatten("", example, initial)
    return initial


def topic(request: HttpRequest, slug: str) -> HttpResponse:
    spec = TOPICS.get(slug)
    if spec is None:
        raise Http404
    if slug == "incoterm":
        return _incoterms(request)
    result: dict[str, Any] | None = None
    if "compute" in request.GET:
        form = CalculatorForm(spec, request.GET)
        if form.is_valid():
            try:
                payload = form.payload()
                result = localised(
                    calc.run(slug, payload, company_rates=company_rates_for(slug, payload))
                )
            except TradeInputError as exc:
                target = form_name(exc.field) if exc.field else None
                form.add_error(target if target in form.fields else None, exc.message)
    else:
        form = CalculatorForm(spec, initial=_example_initial(slug))
    return render(
        request,
        "calculators/topic.html",
        {
            "spec": spec,
            "form": form,
            "result": result,
            "info": calc.describe(slug),
            "facts": _facts(result),
        },
    )


#: Result keys shown elsewhere on the page than in the table of figures.
_NOT_FIGURES = {
    "steps",
    "source",
    "rule",
    "notes",
    "reasons",
    "guidance",
    "ranking",
    "prices",
    "currency",
}


def _facts(result: dict[str, Any] | None) -> list[tuple[str, Any]]:
    if not result:
        return []
    facts: list[tuple[str, Any]] = []
    for key, value in result.items():
        if key in _NOT_FIGURES or value is None:
            continue
        if isinstance(value, dict):
            facts.extend(
                (f"{key} · {sub}", item)
                for sub, item in value.items()
                if not isinstance(item, dict | list)
            )
        elif not isinstance(value, list):
            facts.append((key, value))
    return facts


def _incoterms(request: HttpRequest) -> HttpResponse:
    form = IncotermCompareForm(request.GET if "compute" in request.GET else None)
    codes = (
        form.cleaned_data["rules"]
        if form.is_bound and form.is_valid()
        else form.fields["rules"].initial
    )
    rules = [localised(calc.run("incoterm", {"rule": code})) for code in codes]
    costs = [(item, [rule["costs"][item] for rule in rules]) for item in COST_ITEMS]
    return render(
        request,
        "calculators/incoterms.html",
        {
            "form": form,
            "rules": rules,
            "costs": costs,
            "info": calc.describe("incoterm"),
            "spec": TOPICS["incoterm"],
        },
    )


def exchange_rates(request: HttpRequest) -> HttpResponse:
    """The company's own rates; the fx calculator uses them first when asked to."""
    form = ExchangeRateForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            services.save_exchange_rate(values=form.values(), user=request.user)
            messages.success(request, _("Exchange rate saved."))
            return HttpResponseRedirect(request.path)
        messages.error(request, _("The rate was not saved: correct the fields marked in red."))
    return render(
        request,
        "calculators/exchange_rates.html",
        {"form": form, "rates": ExchangeRate.objects.all()},
    )
