"""Operations on products, prices and the HS nomenclature: the only writers of this area."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import delete_instance, save_instance, save_values
from comptoir.common.values import apply_values
from comptoir.trade.hs import HsHit, parse_hs_csv

from .models import HsCode, PriceList, PriceListItem, Product
from .values import PriceListValues, PriceValues, ProductValues


def save_product(
    *, product: Product | None, values: ProductValues, user: Actor, reason: str = ""
) -> Product:
    """Create (``product`` None) or change a product."""
    product = product or Product()
    apply_values(product, values)
    return save_values(product, user, reason)


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
