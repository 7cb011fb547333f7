"""The pivot screen (/reporting/pivot/), the lines behind a cell, their XLSX, and the saved
views. Thin: parse the spec, compute through :mod:`.pivot.engine`, render; writes go
through :mod:`.services` (POST only)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from comptoir.accounts.roles import acting_user
from comptoir.common.dates import current_language, today
from comptoir.documents import exports

from . import selectors, services
from .pivot import engine
from .pivot.sources import SOURCES, BadValue, Source
from .pivot.spec import PERIODS, PivotError, PivotSpec, from_query, parse_spec
from .pivot.table import FlatPivot, flatten

#: Lines one export of a drill-down may hold (the benchmark times 100 000).
MAX_DRILL_EXPORT_ROWS = 100_000
DEFAULT = {
    "source": "invoice_lines",
    "rows": "country",
    "columns": "month",
    "measures": ["revenue"],
}


def period_labels() -> dict[str, str]:
    return {
        "this_year": _("This year to date"),
        "last_12_months": _("The last 12 months"),
        "last_year": _("Last year"),
        "custom": _("From … to …"),
    }


def error_rows(errors: dict[str, str]) -> list[tuple[str, str]]:
    """Each error with the label of its field as the form shows it ("Columns", not
    "columns"); a filter's message already names its dimension."""
    labels = {
        "source": pgettext("pivot", "Facts"),
        "rows": _("Rows"),
        "columns": _("Columns"),
        "measures": _("Measures"),
        "period": _("Period"),
        "start": _("From"),
        "end": _("To"),
    }
    return [(labels.get(key, ""), message) for key, message in errors.items()]


def _query(spec: PivotSpec, **extra: str) -> str:
    pairs = spec.to_query() + [(k, v) for k, v in extra.items() if v != ""]
    return urlencode(pairs)


def _drill_link(spec: PivotSpec) -> Any:
    base = reverse("reporting:pivot_drill")

    def link(row: str | None, column: str | None, previous: bool) -> str:
        extra = {"row": row or "", "column": column or "", "previous": "1" if previous else ""}
        if row is None:
            extra.pop("row")
        return f"{base}?{_query(spec, **extra)}"

    return link


def _xlsx_rows(flat: FlatPivot) -> tuple[list[str], list[list[object]]]:
    header = [flat.row_label, *[c.header for c in flat.columns]]
    rows: list[list[object]] = [
        [row.label, *[cell.value for cell in row.cells]] for row in flat.rows
    ]
    return header, rows


@require_GET
def pivot(request: HttpRequest) -> HttpResponse:
    user = request.user
    saved = None
    if request.GET.get("view", "").isdigit():
        saved = selectors.pivot_view(user, int(request.GET["view"]))
        data: Any = saved.spec
    elif "rows" in request.GET or "source" in request.GET:
        data = from_query(request.GET)
    else:
        data = DEFAULT
    errors: dict[str, str] = {}
    result = flat = None
    asked: PivotSpec | None = None
    try:
        asked = parse_spec(data)
        result = engine.compute(asked, today=today(), language=current_language())
        flat = flatten(result, _drill_link(asked))
    except PivotError as exc:
        errors = exc.errors
    if request.GET.get("format") == "xlsx" and flat is not None:
        header, rows = _xlsx_rows(flat)
        return exports.export_response(request, "xlsx", "pivot", header, rows)
    source: Source = SOURCES.get(str(data.get("source") or ""), SOURCES["invoice_lines"])
    filters = data.get("filters") or {}
    status = 400 if errors and request.GET else 200
    return render(
        request,
        "reporting/pivot.html",
        {
            "sources": list(SOURCES.values()),
            "source": source,
            "data": data,
            "measures_asked": list(asked.measures if asked else data.get("measures") or []),
            "filters": [
                (d, filters.get(d.key, "") if isinstance(filters, dict) else "")
                for d in source.dimensions
            ],
            "periods": [(p, period_labels()[p]) for p in PERIODS],
            "errors": error_rows(errors),
            "result": result,
            "flat": flat,
            "spec_query": asked.to_query() if asked else [],
            "xlsx_query": _query(asked, format="xlsx") if asked else "",
            "views": selectors.pivot_views(user)[:200],
            "saved": saved,
            "user_id": getattr(user, "pk", None),
        },
        status=status,
    )


@require_GET
def drill(request: HttpRequest) -> HttpResponse:
    """The lines behind a cell, paginated, each linking to its document; XLSX on demand."""
    try:
        asked = parse_spec(from_query(request.GET))
        row = request.GET.get("row")
        column = request.GET.get("column")
        for key, value in ((asked.rows, row), (asked.columns, column)):
            dim = asked.source_def.dimension(key) if key else None
            if dim is not None and value:
                try:
                    dim.condition(value)
                except BadValue as exc:
                    message = _("%(label)s: %(message)s") % {"label": dim.label, "message": exc}
                    raise PivotError({key: message}) from None
    except PivotError as exc:
        return render(
            request, "reporting/pivot_drill.html", {"errors": error_rows(exc.errors)}, status=400
        )
    lines = engine.drill(
        asked,
        today=today(),
        row=row or None,
        column=column or None,
        previous=request.GET.get("previous") == "1",
    )
    source = asked.source_def
    header = [str(label) for label, _path, _kind in source.lines]
    paths = [path for _label, path, _kind in source.lines]
    if request.GET.get("format") == "xlsx":
        found = list(lines[: MAX_DRILL_EXPORT_ROWS + 1])
        if len(found) > MAX_DRILL_EXPORT_ROWS:
            messages.error(
                request,
                _("More than %(max)s lines: filter the pivot and export each part.")
                % {"max": f"{MAX_DRILL_EXPORT_ROWS:,}".replace(",", "\u202f")},
            )
            return HttpResponseRedirect(f"{request.path}?{_query(asked)}")
        return exports.xlsx_response(
            "pivot-lines", header, [[line[p] for p in paths] for line in found]
        )
    from comptoir.common.pages import page_of

    page = page_of(request, lines)
    rows = []
    for line in page.object_list:
        try:
            url = reverse(source.document[0], args=[line["_id"]])
        except NoReverseMatch:
            url = ""
        rows.append({"url": url, "values": [(line[p], k) for _l, p, k in source.lines]})
    return render(
        request,
        "reporting/pivot_drill.html",
        {
            "source": source,
            "header": header,
            "rows": rows,
            "page": page,
            "back": f"{reverse('reporting:pivot')}?{_query(asked)}",
            "xlsx_query": request.GET.urlencode() + "&format=xlsx",
            "row": row,
            "column": column,
            "previous": request.GET.get("previous") == "1",
        },
    )


@require_POST
def view_save(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    try:
        asked = parse_spec(from_query(request.POST))
        view = services.save_view(
            owner=user, name=request.POST.get("name", ""), spec=asked, user=user
        )
    except PivotError as exc:
        messages.error(request, "; ".join(exc.errors.values()))
        return HttpResponseRedirect(reverse("reporting:pivot"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(f"{reverse('reporting:pivot')}?{_query(asked)}")
    messages.success(request, _("View saved."))
    return HttpResponseRedirect(f"{reverse('reporting:pivot')}?view={view.pk}")


@require_POST
def view_rename(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    view = selectors.pivot_view(user, pk)
    try:
        services.rename_view(view=view, name=request.POST.get("name", ""), user=user)
        messages.success(request, _("View renamed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return HttpResponseRedirect(f"{reverse('reporting:pivot')}?view={view.pk}")


@require_POST
def view_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    services.delete_view(view=selectors.pivot_view(user, pk), user=user)
    messages.success(request, _("View deleted."))
    return HttpResponseRedirect(reverse("reporting:pivot"))


@require_POST
def view_share(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    view = selectors.pivot_view(user, pk)
    shared = request.POST.get("shared") == "1"
    services.share_view(view=view, shared=shared, user=user)
    messages.success(
        request, _("View shared with everyone.") if shared else _("View no longer shared.")
    )
    return HttpResponseRedirect(f"{reverse('reporting:pivot')}?view={view.pk}")
