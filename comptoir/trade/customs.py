"""Customs value, import duty, import VAT and landed cost of goods imported into the EU.

* Customs value: the transaction value (price actually paid or payable) plus the
  costs of transport and insurance of the goods up to the place where they enter
  the customs territory of the Union, when not already in the price
  (Regulation (EU) No 952/2013, Union Customs Code, art. 70 and 71(1)(e));
  transport costs after entry may be deducted if shown separately (art. 72(a)).
* Duty: customs value x the ad valorem rate of the Common Customs Tariff / TARIC
  (Council Regulation (EEC) No 2658/87).
* Import VAT: taxable amount = customs value + duties, taxes and levies due by
  reason of importation (other than VAT) + incidental expenses (commission,
  packing, transport, insurance) up to the first place of destination in the
  Member State of import (Council Directive 2006/112/EC, art. 85 and 86(1)).
* Landed cost: everything the importer pays to get the goods to the first
  destination, excluding import VAT when the importer can deduct it
  (Directive 2006/112/EC, art. 168(e)).

Duty and VAT are amounts assessed and paid, so each is rounded half-up to the
currency's minor unit when assessed; the VAT base includes the duty as assessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.incoterms import get_rule
from comptoir.trade.money import currency_code, format_amount, round_money

__all__ = ["LandedCost", "border_guidance", "landed_cost"]

SOURCE = (
    "Union Customs Code (Regulation (EU) No 952/2013) art. 70-72; "
    "VAT Directive 2006/112/EC art. 85, 86(1) and 168(e)"
)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class LandedCost:
    """Result of :func:`landed_cost`; amounts rounded half-up to the currency's minor unit."""

    currency: str
    customs_value: Decimal
    duty: Decimal
    vat_base: Decimal
    import_vat: Decimal
    landed_cost: Decimal
    landed_cost_per_unit: Decimal
    landed_cost_per_unit_exact: Decimal
    steps: tuple[str, ...]


def landed_cost(
    currency: str,
    goods_value: Decimal,
    *,
    freight_to_border: Decimal = Decimal(0),
    insurance_to_border: Decimal = Decimal(0),
    duty_rate_pct: Decimal = Decimal(0),
    vat_rate_pct: Decimal = Decimal(0),
    other_taxes: Decimal = Decimal(0),
    costs_after_border: Decimal = Decimal(0),
    quantity: Decimal = Decimal(1),
    vat_recoverable: bool = True,
) -> LandedCost:
    """Customs value, duty, import VAT and landed cost of an import into the EU.

    Source: Union Customs Code art. 70-71 (customs value = transaction value +
    transport and insurance to the EU border); CCT ad valorem duty; VAT Directive
    2006/112/EC art. 85-86 (VAT base = customs value + duty + other import taxes +
    incidental costs to the first destination) and art. 168(e) (import VAT is
    deductible by a taxable person). ``freight_to_border`` and
    ``insurance_to_border`` are the amounts *not already in* ``goods_value``.
    """
    currency = currency_code(currency)
    for name, value in (
        ("goods_value", goods_value),
        ("freight_to_border", freight_to_border),
        ("insurance_to_border", insurance_to_border),
        ("other_taxes", other_taxes),
        ("costs_after_border", costs_after_border),
    ):
        if value < 0:
            raise TradeInputError("The amount must not be negative.", name)
    if not 0 <= duty_rate_pct <= 1000:
        raise TradeInputError("The duty rate is a percentage between 0 and 1000.", "duty_rate_pct")
    if not 0 <= vat_rate_pct <= 100:
        raise TradeInputError("The VAT rate is a percentage between 0 and 100.", "vat_rate_pct")
    if quantity <= 0:
        raise TradeInputError("The quantity must be greater than zero.", "quantity")

    def show(value: Decimal) -> str:
        return format_amount(value, currency)

    customs_value = round_money(goods_value + freight_to_border + insurance_to_border, currency)
    duty = round_money(customs_value * duty_rate_pct / HUNDRED, currency)
    vat_base = (
        customs_value
        + duty
        + round_money(other_taxes, currency)
        + round_money(costs_after_border, currency)
    )
    import_vat = round_money(vat_base * vat_rate_pct / HUNDRED, currency)
    landed = vat_base + (Decimal(0) if vat_recoverable else import_vat)
    per_unit_exact = landed / quantity
    per_unit = round_money(per_unit_exact, currency)
    steps = (
        f"Customs value = goods {show(goods_value)} + freight to the EU border {show(freight_to_border)} "
        f"+ insurance to the EU border {show(insurance_to_border)} = {show(customs_value)} (UCC art. 70-71)",
        f"Duty = {show(customs_value)} x {format(duty_rate_pct.normalize(), 'f')} % = {show(duty)}",
        f"VAT base = customs value {show(customs_value)} + duty {show(duty)} + other taxes {show(other_taxes)} "
        f"+ costs after the border to the first destination {show(costs_after_border)} = {show(vat_base)} "
        f"(VAT Directive art. 85-86)",
        f"Import VAT = {show(vat_base)} x {format(vat_rate_pct.normalize(), 'f')} % = {show(import_vat)}",
        (
            f"Landed cost = {show(vat_base)} (import VAT {show(import_vat)} is recoverable, so it is not a cost, "
            f"VAT Directive art. 168(e))"
            if vat_recoverable
            else f"Landed cost = {show(vat_base)} + import VAT {show(import_vat)} (not recoverable) = {show(landed)}"
        ),
        f"Per unit = {show(landed)} / {format(quantity.normalize(), 'f')} = {show(per_unit)}",
        f"Duty and VAT are rounded half-up to the {currency} minor unit when assessed.",
    )
    return LandedCost(
        currency, customs_value, duty, vat_base, import_vat, landed, per_unit, per_unit_exact, steps
    )


_GUIDANCE = {
    "EXW": "The price covers the goods at the seller's premises: enter in freight_to_border all carriage from "
    "the seller's premises (loading, export clearance, pre-carriage, origin handling, main carriage) up to the "
    "EU border, and the insurance premium to the border.",
    "FCA": "The price covers the goods handed to the buyer's carrier: enter the carriage and handling from there "
    "to the EU border in freight_to_border, and the insurance premium in insurance_to_border.",
    "FAS": "The price covers the goods alongside the ship: enter loading on board and the sea freight to the EU "
    "border in freight_to_border, and the insurance premium in insurance_to_border.",
    "FOB": "The price covers the goods on board: enter the main freight to the EU border in freight_to_border "
    "and the insurance premium in insurance_to_border.",
    "CFR": "Freight is in the price: freight_to_border is 0; enter the insurance premium (the buyer's policy) in "
    "insurance_to_border.",
    "CIF": "Freight and insurance are in the price: freight_to_border and insurance_to_border are 0. If the port "
    "of destination is beyond the EU border, the freight after the border may be deducted if shown "
    "separately (UCC art. 72(a)).",
    "CPT": "Carriage to the named place is in the price: freight_to_border is 0; enter the insurance premium in "
    "insurance_to_border. The carriage after the border, if shown separately, may be deducted (UCC art. 72(a)).",
    "CIP": "Carriage and insurance to the named place are in the price: both border fields are 0; carriage after "
    "the border, if shown separately, may be deducted (UCC art. 72(a)).",
    "DAP": "Carriage to the destination is in the price: both border fields are 0; deduct from the goods value the "
    "carriage after the EU border if the invoice shows it separately (UCC art. 72(a)); costs_after_border is "
    "what you pay yourself after the border (unloading, clearance fees).",
    "DPU": "As DAP: carriage and unloading are in the price; the post-border carriage shown separately may be "
    "deducted (UCC art. 72(a)).",
    "DDP": "The seller pays duty and import VAT: as the importer you have no duty or VAT to pay; a landed cost is "
    "only the price plus your own costs (set the rates to 0).",
}


def border_guidance(rule: str) -> str:
    """What to put in the landed-cost fields for goods bought under ``rule`` (Incoterms® 2020).

    Source: Incoterms® 2020 A4/A5/A9 (what the price includes) and UCC art. 71-72
    (what the customs value includes).
    """
    return _GUIDANCE[get_rule(rule, "incoterm").code]
