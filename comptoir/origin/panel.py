"""The origin sections of the product, invoice and shipment pages (registered in
``apps.OriginConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.calculators.texts import translate
from comptoir.catalog.models import Product
from comptoir.common.countries import country_name
from comptoir.common.dates import current_language
from comptoir.common.dates import today as local_today
from comptoir.sales.models import Invoice
from comptoir.shipping.models import Shipment
from comptoir.trade import origin as rules

from . import selectors
from .forms import OriginForm


def product_origin(product: Product, request: HttpRequest) -> dict[str, Any]:
    language = current_language()
    day = local_today()
    declarations = list(selectors.declarations_of_product(product)[:20])
    covered = any(d.preferential and d.valid_from <= day <= d.valid_to for d in declarations)
    origins = list(selectors.origins_of_product(product))
    for o in origins:  # "EU" reads "UE" in French, as on the statements printed
        o.origin_label = rules.origin_label(o.origin, language)  # type: ignore[attr-defined]
    return {
        "product": product,
        "non_preferential": product.origin_country,
        "non_preferential_name": country_name(product.origin_country, language)
        if product.origin_country
        else "",
        "origins": origins,
        "declarations": declarations,
        # an origin resting on suppliers' declarations without one valid today is unproven
        "declaration_missing": not covered,
        "today": day,
        "may_edit": allowed(request.user, Action.CREATE, Record.PRODUCT_ORIGIN),
        "form": OriginForm(prefix="origin"),
    }


def invoice_origin(invoice: Invoice, request: HttpRequest) -> dict[str, Any]:
    outlook = selectors.invoice_outlook(invoice)
    decision = outlook.get("decision")
    reason = ""
    if isinstance(decision, rules.StatementDecision) and decision.reason is not None:
        reason = translate(decision.reason)
    return outlook | {"reason": reason, "invoice": invoice}


def shipment_origin(shipment: Shipment, request: HttpRequest) -> dict[str, Any]:
    agreement = selectors.certificate_agreement(shipment)
    if agreement is None:
        return {"agreement": None}
    rows = []
    needed = False
    for invoice in selectors.shipment_invoices(shipment):
        has_statement = any(m.get("key") == "origin" for m in (invoice.mentions or []))
        if invoice.is_issued and not has_statement:
            needed = True
        rows.append({"invoice": invoice, "statement": has_statement})
    data = selectors.certificate_data(shipment, "", current_language())
    return {
        "agreement": agreement,
        "shipment": shipment,
        "invoices": rows,
        "needed": needed or not rows,
        "data": data,
    }
