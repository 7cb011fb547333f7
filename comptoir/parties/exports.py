"""Lists downloaded as CSV or XLSX, with the same columns as the imports."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpResponse
from django.utils import timezone

from . import tabular

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_response(
    fmt: str, name: str, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> HttpResponse:
    """A download named ``comptoir-NAME-DATE.csv|xlsx``."""
    if fmt == "csv":
        response = HttpResponse(
            tabular.write_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(tabular.write_xlsx(header, rows, name), content_type=XLSX_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="comptoir-{name}-{stamp}.{fmt}"'
    return response
