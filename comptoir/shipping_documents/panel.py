"""The documents section of the shipment page (registered in the AppConfig)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from comptoir.calculators.texts import translate
from comptoir.shipping.models import Shipment

from . import dataset as ds
from . import selectors
from .forms import SendForm

FIELD_LABELS = {
    "packages": _("Number of packages"),
    "gross_weight_kg": _("Gross weight (kg)"),
    "net_weight_kg": _("Net weight (kg)"),
    "marks": _("Marks and numbers"),
    "description": _("Description of the goods"),
    "hs_codes": _("HS codes"),
    "consignee": _("Consignee"),
    "incoterm": _("Incoterm® and place"),
    "dates": _("Dates"),
}


def panel_context(shipment: Shipment, request: HttpRequest | None = None) -> dict[str, Any]:
    """The checklist with each document's status, every version, and the consistency result
    with its differences in the reader's language."""
    data = ds.build(shipment)
    items = selectors.checklist(shipment, data)
    result = selectors.consistency(shipment, data)
    differences = [
        {
            "field": str(FIELD_LABELS.get(d.field, d.field)),
            "values": d.values,
            "rule": translate(d.rule),
        }
        for d in result.differences
    ]
    return {
        "shipment": shipment,
        "doc_items": items,
        "doc_missing": selectors.missing(items),
        "doc_all": selectors.documents(shipment).defer("pdf"),
        "doc_result": result,
        "doc_differences": differences,
        "doc_set": selectors.document_set(shipment),
        "doc_send_form": SendForm(),
        "doc_mode_group": data.mode_group,
        "doc_rule_texts": {i.kind: translate(i.required.reason) for i in items if i.required},
    }
