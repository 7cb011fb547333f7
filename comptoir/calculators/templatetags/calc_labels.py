"""Labels in the user's language for the keys and values of the calculators' JSON results."""

import re
from decimal import Decimal

from django import template
from django.utils.translation import gettext_lazy as _

from comptoir.calculators.texts import translate_figure
from comptoir.common.dates import current_language

register = template.Library()

#: A figure as the core writes it: "10840.00", "-3.5", "12".
_FIGURE = re.compile(r"-?\d+(\.\d+)?")

LABELS = {
    "amount": _("Amount"),
    "converted": _("Converted amount"),
    "rate": _("Rate"),
    "rate_date": _("Rate date"),
    "source": _("Source"),
    "currency": _("Currency"),
    "customs_value": _("Customs value"),
    "duty": _("Duty"),
    "vat_base": _("Import VAT base"),
    "import_vat": _("Import VAT"),
    "landed_cost": _("Landed cost"),
    "landed_cost_per_unit": _("Landed cost per unit"),
    "gross_weight_kg": _("Gross weight (kg)"),
    "volume_m3": _("Volume (m³)"),
    "volumetric_weight_kg": _("Volumetric weight (kg)"),
    "chargeable_weight_kg": _("Chargeable weight (kg)"),
    "revenue_tonnes": _("Revenue tonnes (W/M)"),
    "basis": _("Weight taken"),
    "piece": _("Package by package"),
    "shipment": _("On the whole shipment"),
    "shipment_chargeable_weight_kg": _("Whole shipment taken at once (kg)"),
    "carriage_after_border": _("Carriage after the EU border"),
    "carriage_after_border_in_price": _("Carriage after the border in the price"),
    "latest_presentation_date": _("Latest presentation date"),
    "min_amount": _("Minimum drawing"),
    "max_amount": _("Maximum drawing"),
    "available": _("Still available"),
    "ok": _("Invoice within the credit"),
    "notice_deadline": _("Notice deadline"),
    "time_bar_date": _("Time bar"),
    "liability_cap_sdr": _("Liability cap (SDR)"),
    "liability_cap": _("Liability cap"),
    "insurance_premium_cif": _("Insurance premium (CIF)"),
    "insurance_premium_cip": _("Insurance premium (CIP)"),
    "loading_metres": _("Loading metres"),
    "chargeable_weight": _("Chargeable weight"),
    "seller": _("Seller"),
    "buyer": _("Buyer"),
    "per_carriage_contract": _("As the carriage contract says"),
    "any": _("Any mode"),
    "sea_and_inland_waterway": _("Sea and inland waterway"),
    "loading_at_origin": _("Loading at origin"),
    "export_clearance": _("Export clearance"),
    "pre_carriage": _("Pre-carriage"),
    "origin_handling": _("Handling at departure"),
    "main_carriage": _("Main carriage"),
    "insurance": _("Insurance"),
    "destination_handling": _("Handling at arrival"),
    "on_carriage": _("On-carriage"),
    "unloading_at_destination": _("Unloading at destination"),
    "import_clearance": _("Import clearance"),
    "import_duties_taxes": _("Import duties and taxes"),
    "bank_closed_reason": _("Why the bank is closed"),
    "commission_rate": _("Commission rate"),
    "commissions": _("Commissions"),
    "convention": _("Convention"),
    "cost_price": _("Cost price"),
    "costs": _("Costs"),
    "delivery_point": _("Delivery point"),
    "expiry_date": _("Expiry date"),
    "extended": _("Extended to the next banking day"),
    "floor_positions": _("Floor positions"),
    "from": _("From"),
    "incoterm": _("Incoterm"),
    "insured_value_cif": _("Insured value (CIF + 10 %)"),
    "insured_value_cip": _("Insured value (CIP + 10 %)"),
    "insured_value_pct": _("Insured value (share of the price)"),
    "inverse_rate": _("Inverse rate"),
    "kg_per_ldm": _("kg per loading metre"),
    "kg_per_m3": _("kg per m³ (volumetric ratio)"),
    "kind": _("Kind"),
    "landed_cost_per_unit_exact": _("Landed cost per unit (exact)"),
    "ldm_weight_kg": _("Weight by loading metres (kg)"),
    "limited_by": _("Limited by"),
    "main_carriage_contracted_by": _("Main carriage contracted by"),
    "margin": _("Margin"),
    "margin_rate": _("Margin rate (on the selling price)"),
    "markup_rate": _("Mark-up rate (on the cost price)"),
    "minimum_cover": _("Minimum cover"),
    "mode": _("Transport mode"),
    "modes": _("Transport modes"),
    "name": _("Name"),
    "notice": _("Notice"),
    "presentation_period_end": _("End of the presentation period"),
    "reference": _("Reference rate"),
    "risk_transfer": _("Risk transfer"),
    "scale_max": _("Top of the scale"),
    "sdr_per_kg": _("SDR per kg"),
    "eur_per_kg": _("EUR per kg"),
    "seller_must_insure": _("Seller must insure"),
    "selling_price_exw": _("Selling price EXW"),
    "time_bar_date_wilful_misconduct": _("Time bar (wilful misconduct)"),
    "to": _("To"),
    "tolerance_minus_pct": _("Tolerance below (%)"),
    "tolerance_plus_pct": _("Tolerance above (%)"),
    "total_weight": _("Total of the weights"),
    "trailers": _("Trailers"),
    "vat_recoverable": _("Import VAT recoverable"),
    "True": _("Yes"),
    "False": _("No"),
}


@register.filter
def calc_label(key: object) -> object:
    text = str(key)
    if " · " in text:
        head, tail = text.split(" · ", 1)
        return f"{calc_label(head)} · {calc_label(tail)}"
    return LABELS.get(text, text.replace("_", " ").capitalize())


@register.filter
def calc_value(value: object) -> object:
    """Yes/No and the party names are translated; figures are written for the reader's
    language with exactly their decimals (French: ``10 840,00``); dates stay ISO."""
    if isinstance(value, bool) or (
        isinstance(value, str) and value in LABELS and not value[:1].isdigit()
    ):
        return LABELS[str(value)]
    if isinstance(value, str) and _FIGURE.fullmatch(value) and current_language() == "fr":
        return translate_figure(Decimal(value))
    return value
