"""Products from a CSV/XLSX file (the columns of the product export): all rows or none.

Each row goes through the product form of the screens (so the CN code is checked against the
loaded CN, the HS code follows it, weights and cartons are checked alike) and then through
``services.save_product``. A row whose ``reference`` is already a product updates it with the
columns the file has (the others keep their value): export the list, add the CN codes in the
spreadsheet, import it back. Old exports with the single ``hs_national`` column are read too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.documents import tabular

from . import services
from .forms import ProductForm
from .models import Product

#: Columns read besides the export's (``selectors.PRODUCT_COLUMNS``).
EXTRA_COLUMNS = (
    "description_fr",
    "description_en",
    "length_cm",
    "width_cm",
    "height_cm",
    "carton_this_side_up",
    "carton_max_load_kg",
    "is_active",
    "hs_national",  # exports made before the CN code had its own column
)
#: Columns a new product needs (besides ``cn_code`` or ``hs_code``).
REQUIRED_FOR_NEW = (
    "reference",
    "name_fr",
    "name_en",
    "origin_country",
    "net_weight_kg",
    "gross_weight_kg",
    "cost_price",
)
_BOOLEANS = {
    "1": True, "yes": True, "oui": True, "true": True, "vrai": True, "x": True,
    "0": False, "no": False, "non": False, "false": False, "faux": False,
}  # fmt: skip
_DECIMALS = {
    "net_weight_kg", "gross_weight_kg", "length_cm", "width_cm", "height_cm",
    "carton_length_cm", "carton_width_cm", "carton_height_cm", "carton_gross_weight_kg",
    "carton_max_load_kg", "cost_price",
}  # fmt: skip


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ProductImportReport:
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def columns() -> list[str]:
    from .selectors import PRODUCT_COLUMNS

    return [*PRODUCT_COLUMNS, *EXTRA_COLUMNS[:-1]]


def _form_data(row: dict[str, str], product: Product | None) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    data: dict[str, Any] = {}
    if product is not None:
        data = {k: ("" if v is None else v) for k, v in model_to_dict(product).items()}
        data["cn_code"], data["taric_code"] = product.cn_code, product.taric_code
    else:
        data = {"is_active": True, "carton_this_side_up": True, "cost_currency": "EUR"}
    for name, value in row.items():
        value = value.strip()
        if name == "hs_national":
            if value and not row.get("cn_code", "").strip():
                digits = "".join(value.split()).replace(".", "")
                data["cn_code"] = digits[:8]
                data["taric_code"] = digits if len(digits) == 10 else ""
            continue
        if name in ("is_active", "carton_this_side_up"):
            if value:
                if value.lower() not in _BOOLEANS:
                    problems.append(name)
                    continue
                data[name] = _BOOLEANS[value.lower()]
            continue
        if name in _DECIMALS and "," in value and "." not in value:
            value = value.replace(",", ".")  # French spreadsheets
        if name in ("origin_country", "cost_currency"):
            value = value.upper()
        data[name] = value
    for name in ("is_active", "carton_this_side_up"):
        if data.get(name) is False:
            data.pop(name)  # an unticked box is an absent field
    return data, problems


def import_products(
    *, stream: IO[bytes], filename: str, user: Actor, max_rows: int | None = None
) -> ProductImportReport:
    """Create or update the products of a CSV/XLSX file, all rows or none (at most
    ``tabular.MAX_ROWS`` rows). The report lists every error with its row (the header being
    row 1), its column and the reason, in the user's language."""
    require(user, Action.CREATE, Record.PRODUCT)
    require(user, Action.CHANGE, Record.PRODUCT)
    report = ProductImportReport()
    try:
        header, rows = tabular.read_table(stream, filename, max_rows)
    except tabular.TableError as exc:
        report.errors.append(RowError(0, "", str(exc)))
        return report
    known = set(columns()) | {"hs_national"}
    unknown = [h for h in header if h and h not in known]
    if unknown:
        report.errors.append(
            RowError(
                1,
                ", ".join(unknown),
                _("Unknown column(s): %(cols)s.") % {"cols": ", ".join(unknown)},
            )
        )
        return report
    if "reference" not in header:
        report.errors.append(
            RowError(1, "reference", _("Missing column(s): %(cols)s.") % {"cols": "reference"})
        )
        return report
    report.rows_read = len(rows)
    references = {r.get("reference", "").strip() for r in rows}
    existing = {p.reference: p for p in Product.objects.filter(reference__in=references)}
    seen: dict[str, int] = {}
    valid: list[tuple[Product | None, ProductForm]] = []
    for index, row in enumerate(rows, start=2):
        if not any(v.strip() for v in row.values()):
            continue
        reference = row.get("reference", "").strip()
        product = existing.get(reference)
        if reference in seen:
            report.errors.append(
                RowError(
                    index,
                    "reference",
                    _("Same reference as row %(row)s.") % {"row": seen[reference]},
                )
            )
            continue
        seen[reference] = index
        if product is None:
            missing = [c for c in REQUIRED_FOR_NEW if c not in header]
            if "cn_code" not in header and "hs_code" not in header and "hs_national" not in header:
                missing.append("cn_code")
            if missing:
                report.errors.append(
                    RowError(
                        index,
                        ", ".join(missing),
                        _("A new product needs the column(s): %(cols)s.")
                        % {"cols": ", ".join(missing)},
                    )
                )
                continue
        data, problems = _form_data(row, product)
        for name in problems:
            report.errors.append(RowError(index, name, _("Write yes or no (oui/non, 1/0).")))
        form = ProductForm(data=data, instance=product)
        if not form.is_valid():
            for name, messages in form.errors.items():
                column = "" if name == "__all__" else name
                report.errors.extend(RowError(index, column, str(m)) for m in messages)
            continue
        valid.append((product, form))
    if report.errors:
        return report
    with transaction.atomic():
        for product, form in valid:
            services.save_product(product=product, values=form.values(), user=user, reason="import")
            if product is None:
                report.created += 1
            else:
                report.updated += 1
    return report
