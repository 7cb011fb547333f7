"""Lists downloaded as CSV or XLSX, with the same columns as the imports.

Every export goes through :func:`export_response`: texts are written so that no
spreadsheet runs them as formulas (:func:`tabular.safe_text`), and a list longer than
``MAX_EXPORT_ROWS`` is not exported (the list page says to filter it) rather than built in
memory without end. Views pass ``bounded(queryset)`` so no more rows than that are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from . import tabular

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Rows one export may hold.
MAX_EXPORT_ROWS = 20_000

RowModel = TypeVar("RowModel", bound=Model)


def bounded(queryset: QuerySet[RowModel]) -> QuerySet[RowModel]:
    """The first ``MAX_EXPORT_ROWS + 1`` rows: enough to tell that a list is too long."""
    return queryset[: MAX_EXPORT_ROWS + 1]


def export_response(
    request: HttpRequest,
    fmt: str,
    name: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
) -> HttpResponse:
    """A download named ``comptoir-NAME-DATE.csv|xlsx``, or back to the list if too long."""
    if len(rows) > MAX_EXPORT_ROWS:
        messages.error(
            request,
            _(
                "The list has more than %(max)s rows: filter it (by country, role, status...) "
                "and export each part."
            )
            % {"max": f"{MAX_EXPORT_ROWS:,}".replace(",", "\u202f")},
        )
        params: dict[str, Any] = {k: v for k, v in request.GET.items() if k != "format"}
        return HttpResponseRedirect(request.path + (f"?{urlencode(params)}" if params else ""))
    if fmt == "csv":
        response = HttpResponse(
            tabular.write_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(tabular.write_xlsx(header, rows, name), content_type=XLSX_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="comptoir-{name}-{stamp}.{fmt}"'
    return response


def xlsx_response(
    name: str, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> HttpResponse:
    """An XLSX download named ``comptoir-NAME-DATE.xlsx`` of rows the caller has bounded
    (values typed, texts never formulas: :func:`tabular.write_large_xlsx`, fast enough
    for 100,000 rows)."""
    response = HttpResponse(tabular.write_large_xlsx(header, rows, name), content_type=XLSX_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="comptoir-{name}-{stamp}.xlsx"'
    return response
