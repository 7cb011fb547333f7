"""Labels in the user's language for the keys and values of the calculators' JSON results."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

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
    """Yes/No and the party names are translated; figures and dates are shown as computed."""
    if isinstance(value, bool) or (
        isinstance(value, str) and value in LABELS and not value[:1].isdigit()
    ):
        return LABELS[str(value)]
    return value
