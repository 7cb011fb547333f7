"""Operations on products, prices and the nomenclatures (HS, CN): the only writers of this area."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import delete_instance, save_instance, save_values
from comptoir.common.values import apply_values
from comptoir.trade import nomenclature
from comptoir.trade.hs import HsHit, parse_hs_csv
from comptoir.trade.texts import Text, english_value, render

from .models import CnCode, HsCode, PriceList, PriceListItem, Product
from .values import PriceListValues, PriceValues, ProductValues


def save_product(
    *, product: Product | None, values: ProductValues, user: Actor, reason: str = ""
) -> Product:
    """Create (``product`` None) or change a product.

    The HS code follows the CN code (its first six digits) and a TARIC code must extend the
    CN code: the edge (form, serializer) checked the codes exist in the loaded CN.
    """
    product = product or Product()
    typed_over = product.pk is not None and (
        product.cost_price != values.cost_price or product.cost_currency != values.cost_currency
    )
    apply_values(product, values)
    if typed_over:  # a cost price typed by hand no longer comes from a purchase
        product.cost_price_date = None
        product.cost_price_source = ""
    if product.cn_code:
        product.hs_code = product.cn_code[:6]
    if product.taric_code and not product.taric_code.startswith(product.cn_code or "-"):
        raise ValidationError(
            {
                "taric_code": _("The TARIC code must start with the CN code %(cn)s.")
                % {"cn": product.cn_code or "—"}
            }
        )
    return save_values(product, user, reason)


def set_cost_price(
    *,
    product: Product,
    cost_price: Decimal,
    currency: str,
    on: dt.date,
    source: str,
    user: Actor,
) -> Product:
    """Set the product's cost price from a real purchase (a landed cost), with its date and
    source shown wherever the cost price is (the offers' price build-up starts from it)."""
    require(user, Action.CHANGE, Record.PRODUCT)
    if cost_price <= 0:
        raise ValidationError({"cost_price": _("The cost price must be greater than zero.")})
    with transaction.atomic():
        product.cost_price = cost_price
        product.cost_currency = currency
        product.cost_price_date = on
        product.cost_price_source = source[:200]
        save_values(product, user, source[:100])
    return product


def save_price_list(
    *, price_list: PriceList | None, values: PriceListValues, user: Actor
) -> PriceList:
    price_list = price_list or PriceList()
    apply_values(price_list, values)
    return save_values(price_list, user)


def add_price(*, price_list: PriceList, values: PriceValues, user: Actor) -> PriceListItem:
    """Add one price to a list (a product's price from a quantity)."""
    item = PriceListItem(price_list=price_list)
    apply_values(item, values)
    return save_instance(item, user)  # full_clean: the (list, product, quantity) is unique


def remove_price(*, item: PriceListItem, user: Actor) -> None:
    delete_instance(item, user)


@dataclass
class HsImportResult:
    rows: int
    subheadings: int


def import_hs_nomenclature(*, stream: IO[str], user: Actor) -> HsImportResult:
    """Replace the loaded HS nomenclature with a CSV ``section,hscode,description,parent,level``.

    All or nothing: a bad row raises ``ValidationError`` naming the row and nothing changes.
    ``user`` None: the command line or the demo builder.
    """
    require(user, Action.ADMINISTER, Record.HS_NOMENCLATURE)
    try:
        entries = parse_hs_csv(stream)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    with transaction.atomic():
        HsCode.objects.all().delete()
        HsCode.objects.bulk_create(
            [
                HsCode(
                    code=e.code,
                    description=e.description,
                    parent=e.parent or "",
                    level=e.level,
                    section=e.section or "",
                )
                for e in entries
            ],
            batch_size=1000,
        )
    return HsImportResult(
        rows=len(entries), subheadings=sum(1 for e in entries if len(e.code) == 6)
    )


def hs_hit_json(hit: HsHit) -> dict[str, object]:
    result: dict[str, object] = dict(hit.as_dict())
    result["score"] = round(float(hit.score), 4)
    return result


#: Largest CN file accepted (the 2026 CN is about 2.5 MB as CSV); it is read whole.
MAX_CN_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class CnImportResult:
    rows: int
    codes: int


def cn_file_errors(error: nomenclature.CnCsvError) -> list[str]:
    """Every bad row of a CN file, in the active language: "Row 12: …"."""
    return [
        _("Row %(row)s: %(problem)s")
        % {
            "row": row,
            "problem": render(problem, _, english_value) if isinstance(problem, Text) else problem,
        }
        for row, problem in error.errors
    ]


def import_cn_nomenclature(*, stream: IO[str], user: Actor) -> CnImportResult:
    """Replace the loaded Combined Nomenclature with a CSV in the layout of the bundled file
    (``level,code,display_code,parent,description_en,description_fr,supplementary_unit``).

    All or nothing: the whole file is checked first (:func:`trade.nomenclature.parse_cn_csv`);
    any bad row raises ``ValidationError`` listing every bad row with its line, and the
    loaded CN is left as it was. The replacement itself is one transaction. Products keep
    their codes: a code that the new CN no longer has is listed on the CN page
    (:func:`comptoir.catalog.selectors.products_with_unknown_cn`).
    ``user`` None: the command line or the demo builder.
    """
    require(user, Action.ADMINISTER, Record.HS_NOMENCLATURE)
    try:
        entries = nomenclature.parse_cn_csv(stream)
    except nomenclature.CnCsvError as exc:
        raise ValidationError(cn_file_errors(exc)) from exc
    except (ValueError, csv.Error) as exc:
        raise ValidationError(str(exc)) from exc
    with transaction.atomic():
        CnCode.objects.all().delete()
        CnCode.objects.bulk_create(
            [
                CnCode(
                    level=e.level,
                    code=e.code,
                    display_code=e.display_code[:12],
                    parent=e.parent,
                    description_en=e.description_en,
                    description_fr=e.description_fr,
                    supplementary_unit=e.supplementary_unit,
                )
                for e in entries
            ],
            batch_size=1000,
        )
    return CnImportResult(rows=len(entries), codes=sum(1 for e in entries if e.level == "cn8"))


def import_bundled_hs(*, user: Actor) -> HsImportResult:
    """Load the HS 2022 shipped with Comptoir (``catalog/data/hs2022.csv.gz``): the
    classification help reads the HS subheadings' full texts besides the CN labels."""
    raw = (resources.files("comptoir.catalog") / "data" / "hs2022.csv.gz").read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    return import_hs_nomenclature(stream=io.StringIO(text), user=user)


def import_bundled_cn(*, user: Actor) -> CnImportResult:
    """Load the CN 2026 shipped with Comptoir (``catalog/data/cn2026.csv.gz``)."""
    raw = (resources.files("comptoir.catalog") / "data" / BUNDLED_CN).read_bytes()
    text = gzip.decompress(raw).decode("utf-8-sig")
    return import_cn_nomenclature(stream=io.StringIO(text), user=user)


#: The CN file shipped with Comptoir.
BUNDLED_CN = "cn2026.csv.gz"
