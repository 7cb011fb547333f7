"""Customs value, import duty, import VAT and landed cost of goods imported into the EU.

* Customs value: the transaction value (price actually paid or payable) plus the
  costs of transport and insurance of the goods up to the place where they enter
  the customs territory of the Union, when not already in the price
  (Regulation (EU) No 952/2013, Union Customs Code, art. 70 and 71(1)(e); place of
  introduction: Implementing Regulation (EU) 2015/2447 art. 137). The cost of transport
  **after** entry is not part of it (UCC art. 72(a)): when the price includes carriage
  beyond the border (CPT, CIP, DAP, DPU, DDP, or CIF/CFR to a port past the border), that
  carriage, shown separately, comes off the customs value.
* Duty: customs value x the ad valorem rate of the Common Customs Tariff / TARIC
  (Council Regulation (EEC) No 2658/87).
* Import VAT: taxable amount = customs value + duties, taxes and levies due by reason of
  importation (other than VAT) + incidental expenses (commission, packing, transport,
  insurance) up to the first place of destination in the Member State of import, and to a
  further place of destination in the EU if known when the VAT becomes chargeable
  (Council Directive 2006/112/EC, art. 85 and 86(1)(a)-(b); art. 86(2) defines the first
  place of destination). So the carriage after the border, taken off the customs value, is
  **added back** to the VAT base: it is out of the duty base, in the VAT base.
* Landed cost: everything the importer pays to get the goods to the first
  destination, excluding import VAT when the importer can deduct it
  (Directive 2006/112/EC, art. 168(e)).

Duty and VAT are amounts assessed and paid, so each is rounded half-up to the
currency's minor unit when assessed; the VAT base includes the duty as assessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from comptoir.trade.errors import TradeInputError
from comptoir.trade.incoterms import get_rule
from comptoir.trade.money import currency_code, round_money
from comptoir.trade.texts import Text, in_currency, joined, number

__all__ = ["LandedCost", "border_guidance", "landed_cost"]

SOURCE = (
    "Union Customs Code (Regulation (EU) No 952/2013) art. 70-72; "
    "VAT Directive 2006/112/EC art. 85, 86(1)(b) and 168(e)"
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
    steps: tuple[Text, ...]
    carriage_after_border: Decimal = Decimal(0)


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
    carriage_after_border: Decimal = Decimal(0),
    carriage_after_border_in_price: bool = True,
    quantity: Decimal = Decimal(1),
    vat_recoverable: bool = True,
) -> LandedCost:
    """Customs value, duty, import VAT and landed cost of an import into the EU.

    Source: Union Customs Code art. 70-71 (customs value = transaction value +
    transport and insurance to the EU border) and art. 72(a) (transport after entry into
    the Union is not in the customs value); CCT ad valorem duty; VAT Directive
    2006/112/EC art. 85-86 (VAT base = customs value + duty + other import taxes +
    incidental costs, transport included, to the first place of destination, art.
    86(1)(b)) and art. 168(e) (import VAT is deductible by a taxable person).

    ``freight_to_border`` and ``insurance_to_border`` are the amounts *not already in*
    ``goods_value``. ``carriage_after_border`` is the carriage from the EU border to the
    first place of destination (or a further EU destination known at import): out of the
    customs value, in the VAT base. With ``carriage_after_border_in_price`` (the default:
    the seller's invoice includes it and shows it separately, as under CPT, CIP, DAP, DPU)
    it is taken off the goods value for the customs value; otherwise the importer pays it
    on top, and it is only added to the VAT base and the landed cost. ``costs_after_border``
    are the importer's other costs to the first destination (unloading, clearance fees).
    """
    currency = currency_code(currency)
    for name, value in (
        ("goods_value", goods_value),
        ("freight_to_border", freight_to_border),
        ("insurance_to_border", insurance_to_border),
        ("other_taxes", other_taxes),
        ("costs_after_border", costs_after_border),
        ("carriage_after_border", carriage_after_border),
    ):
        if value < 0:
            raise TradeInputError("The amount must not be negative.", name)
    if not 0 <= duty_rate_pct <= 1000:
        raise TradeInputError("The duty rate is a percentage between 0 and 1000.", "duty_rate_pct")
    if not 0 <= vat_rate_pct <= 100:
        raise TradeInputError("The VAT rate is a percentage between 0 and 100.", "vat_rate_pct")
    if quantity <= 0:
        raise TradeInputError("The quantity must be greater than zero.", "quantity")
    if carriage_after_border_in_price and carriage_after_border > goods_value:
        raise TradeInputError(
            "The carriage after the border included in the price cannot exceed the goods value.",
            "carriage_after_border",
        )

    def show(value: Decimal) -> Decimal:
        return in_currency(value, currency)

    carriage = round_money(carriage_after_border, currency)
    deducted = carriage if carriage_after_border_in_price else Decimal(0)
    customs_value = round_money(
        goods_value - deducted + freight_to_border + insurance_to_border, currency
    )
    duty = round_money(customs_value * duty_rate_pct / HUNDRED, currency)
    vat_base = (
        customs_value
        + duty
        + round_money(other_taxes, currency)
        + carriage
        + round_money(costs_after_border, currency)
    )
    import_vat = round_money(vat_base * vat_rate_pct / HUNDRED, currency)
    landed = vat_base + (Decimal(0) if vat_recoverable else import_vat)
    per_unit_exact = landed / quantity
    per_unit = round_money(per_unit_exact, currency)
    duty_pct = number(duty_rate_pct)
    vat_pct = number(vat_rate_pct)
    units = number(quantity)
    steps: list[Text] = []
    if deducted:
        steps.append(
            Text(
                "Customs value = goods {goods} - carriage after the EU border included in the "
                "price {deducted} (UCC art. 72(a)) + freight to the EU border {freight} "
                "+ insurance to the EU border {insurance} = {customs_value} (UCC art. 70-71)",
                goods=show(goods_value),
                deducted=show(deducted),
                freight=show(freight_to_border),
                insurance=show(insurance_to_border),
                customs_value=show(customs_value),
            )
        )
    else:
        steps.append(
            Text(
                "Customs value = goods {goods} + freight to the EU border {freight} "
                "+ insurance to the EU border {insurance} = {customs_value} (UCC art. 70-71)",
                goods=show(goods_value),
                freight=show(freight_to_border),
                insurance=show(insurance_to_border),
                customs_value=show(customs_value),
            )
        )
    steps.append(
        Text(
            "Duty = {customs_value} x {duty_pct} % = {duty}",
            customs_value=show(customs_value),
            duty_pct=duty_pct,
            duty=show(duty),
        )
    )
    steps.append(
        Text(
            "VAT base = customs value {customs_value} + duty {duty} + other taxes {other_taxes} "
            "+ carriage after the border to the first place of destination {carriage} "
            "+ other costs after the border to the first destination {costs_after_border} "
            "= {vat_base} (VAT Directive art. 85-86(1)(b))",
            customs_value=show(customs_value),
            duty=show(duty),
            other_taxes=show(other_taxes),
            carriage=show(carriage),
            costs_after_border=show(costs_after_border),
            vat_base=show(vat_base),
        )
    )
    if carriage:
        steps.append(
            Text(
                "The carriage after the border ({carriage}) is out of the customs value and the duty "
                "(UCC art. 72(a)) but in the VAT base (VAT Directive art. 86(1)(b))",
                carriage=show(carriage),
            )
        )
    steps.append(
        Text(
            "Import VAT = {vat_base} x {vat_pct} % = {import_vat}",
            vat_base=show(vat_base),
            vat_pct=vat_pct,
            import_vat=show(import_vat),
        )
    )
    if vat_recoverable:
        steps.append(
            Text(
                "Landed cost = {vat_base} (import VAT {import_vat} is recoverable, so it is not a "
                "cost, VAT Directive art. 168(e))",
                vat_base=show(vat_base),
                import_vat=show(import_vat),
            )
        )
    else:
        steps.append(
            Text(
                "Landed cost = {vat_base} + import VAT {import_vat} (not recoverable) = {landed}",
                vat_base=show(vat_base),
                import_vat=show(import_vat),
                landed=show(landed),
            )
        )
    steps.append(
        Text(
            "Per unit = {landed} / {units} = {per_unit}",
            landed=show(landed),
            units=units,
            per_unit=show(per_unit),
        )
    )
    steps.append(
        Text(
            "Duty and VAT are rounded half-up to the {currency} minor unit when assessed.",
            currency=currency,
        )
    )
    return LandedCost(
        currency,
        customs_value,
        duty,
        vat_base,
        import_vat,
        landed,
        per_unit,
        per_unit_exact,
        tuple(steps),
        carriage,
    )


_AFTER = Text(
    "Enter the carriage from the EU border to the first place of destination, shown "
    "separately on the invoice, in carriage_after_border: it comes off the customs value "
    "(UCC art. 72(a)) and goes into the import VAT base (VAT Directive art. 86(1)(b))."
)
_OWN = Text(
    "Carriage you pay yourself from the EU border to the first place of destination goes in "
    "carriage_after_border with carriage_after_border_in_price off: it is not in the customs "
    "value but is in the import VAT base (VAT Directive art. 86(1)(b))."
)

_GUIDANCE: Final[dict[str, tuple[Text, ...]]] = {
    "EXW": (
        Text(
            "The price covers the goods at the seller's premises: enter in freight_to_border all "
            "carriage from the seller's premises (loading, export clearance, pre-carriage, origin "
            "handling, main carriage) up to the EU border, and the insurance premium to the border."
        ),
        _OWN,
    ),
    "FCA": (
        Text(
            "The price covers the goods handed to the buyer's carrier: enter the carriage and "
            "handling from there to the EU border in freight_to_border, and the insurance premium "
            "in insurance_to_border."
        ),
        _OWN,
    ),
    "FAS": (
        Text(
            "The price covers the goods alongside the ship: enter loading on board and the sea "
            "freight to the EU border in freight_to_border, and the insurance premium in "
            "insurance_to_border."
        ),
        _OWN,
    ),
    "FOB": (
        Text(
            "The price covers the goods on board: enter the main freight to the EU border in "
            "freight_to_border and the insurance premium in insurance_to_border."
        ),
        _OWN,
    ),
    "CFR": (
        Text(
            "Freight is in the price: freight_to_border is 0; enter the insurance premium (the "
            "buyer's policy) in insurance_to_border."
        ),
        _AFTER,
    ),
    "CIF": (
        Text(
            "Freight and insurance are in the price: freight_to_border and insurance_to_border "
            "are 0. If the port of destination is beyond the EU border, the freight after the "
            "border is not part of the customs value."
        ),
        _AFTER,
    ),
    "CPT": (
        Text(
            "Carriage to the named place is in the price: freight_to_border is 0; enter the "
            "insurance premium in insurance_to_border."
        ),
        _AFTER,
    ),
    "CIP": (
        Text(
            "Carriage and insurance to the named place are in the price: both border fields are 0."
        ),
        _AFTER,
    ),
    "DAP": (
        Text(
            "Carriage to the destination is in the price: both border fields are 0; "
            "costs_after_border is what you pay yourself after the border (unloading, clearance "
            "fees)."
        ),
        _AFTER,
    ),
    "DPU": (
        Text("As DAP: carriage and unloading are in the price; both border fields are 0."),
        _AFTER,
    ),
    "DDP": (
        Text(
            "The seller pays duty and import VAT: as the importer you have no duty or VAT to pay; "
            "a landed cost is only the price plus your own costs (set the rates to 0)."
        ),
    ),
}


def border_guidance(rule: str) -> Text:
    """What to put in the landed-cost fields for goods bought under ``rule`` (Incoterms® 2020).

    Source: Incoterms® 2020 A4/A5/A9 (what the price includes) and UCC art. 71-72
    (what the customs value includes).
    """
    return joined(" ", _GUIDANCE[get_rule(rule, "incoterm").code])
