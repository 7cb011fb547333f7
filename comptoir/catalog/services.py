"""Operations on products, prices and the HS nomenclature: the only writers of this area."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from comptoir.accounts.roles import Action, Record, require
from comptoir.audit import delete_instance, save_form, save_instance
from comptoir.trade.hs import parse_hs_csv

from .models import HsCode

__all__ = [
    "save_form",
    "save_instance",
    "delete_instance",
    "import_hs_nomenclature",
    "HsImportResult",
]


@dataclass
class HsImportResult:
    rows: int
    subheadings: int


def import_hs_nomenclature(stream: IO[str], *, user: Any) -> HsImportResult:
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


def hs_hit_json(hit: Any) -> dict[str, Any]:
    result = hit.as_dict()
    result["score"] = round(float(hit.score), 4)
    return result
