"""The export control sections of the product, country and shipment pages (registered in
``apps.ExportControlConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.calculators.texts import translate
from comptoir.catalog.models import Product
from comptoir.common.dates import current_language
from comptoir.shipping.models import Direction, Shipment
from comptoir.trade import export_control as rules

from . import selectors


def product_panel(product: Product, request: HttpRequest) -> dict[str, Any]:
    known = selectors.classification(product)
    licences = (
        selectors.licences_of_product(product, known.control_number)
        if known is not None and known.is_controlled
        else []
    )
    return {
        "ec_product": product,
        "ec_classification": known,
        "ec_regime": rules.regime(known.control_number) if known and known.is_controlled else "",
        "ec_licences": licences,
        "ec_may_classify": allowed(request.user, Action.CHANGE, Record.DUAL_USE_CLASSIFICATION),
    }


def country_panel(code: str, request: HttpRequest) -> dict[str, Any]:
    language = current_language()
    return {
        "ec_country": code,
        "ec_measures": [
            {"measure": m, "title": m.title(language)} for m in selectors.measures_of_country(code)
        ],
        "ec_may_add": allowed(request.user, Action.CREATE, Record.COUNTRY_MEASURE),
    }


def shipment_panel(shipment: Shipment, request: HttpRequest) -> dict[str, Any]:
    if shipment.direction != Direction.EXPORT:
        return {"ec_shipment": shipment, "ec_export": False}
    language = current_language()
    day = selectors.export_date(shipment)
    measures = selectors.measure_refusals(
        shipment.destination_country, selectors.shipment_goods(shipment), day, language
    )
    rows = selectors.controlled_lines(shipment, on=day, with_candidates=True)
    return {
        "ec_unclassified": selectors.unclassified_products(shipment),
        "ec_shipment": shipment,
        "ec_export": True,
        "ec_day": day,
        "ec_measures": [translate(m) for m in measures],
        "ec_rows": [
            {
                "line": row.line,
                "control_number": row.classification.control_number,
                "allocation": row.allocation,
                "problems": [translate(p) for p in row.problems],
                "candidates": row.candidates,
            }
            for row in rows
        ],
        "ec_departed": selectors.has_departed(shipment),
        "ec_may_allocate": allowed(request.user, Action.CREATE, Record.LICENCE_ALLOCATION),
        "ec_may_remove": allowed(request.user, Action.DELETE, Record.LICENCE_ALLOCATION),
    }
