"""JSON facade of the trade calculators: one entry point for the CLI, the API and the web.

``run(topic, payload)`` validates a JSON payload (a ``dict`` as produced by
``json.loads``), calls the trade core and returns a JSON-ready ``dict``: amounts
as decimal strings (``"1234.56"``), dates as ISO strings, plus ``"steps"`` (the
computation, each step a :class:`~comptoir.trade.texts.Text`: an English string that the
web page and the API also render in French) and ``"source"`` (the rule, article
or convention applied). Bad input raises
:class:`~comptoir.trade.errors.TradeInputError` whose ``as_dict()`` is the
contract's error object ``{"error": message, "field": name}``.

The input and output fields follow the contracts of issue 3 (``docs/calculators/``);
fields are only ever added, never renamed. Unknown input fields are refused (a
misspelt field silently ignored is how spreadsheets go wrong).

Input conventions: amounts and rates are JSON numbers or plain decimal strings
(``"0.003"``; no exponent, no NaN); ``*_rate`` fields are fractions (0.003 =
0.3 %), ``*_pct`` fields percentages (110); dates are ``"YYYY-MM-DD"``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final

from comptoir.trade import (
    calendars,
    claims,
    credit,
    customs,
    freight,
    fx,
    incoterms,
    pricing,
    scoring,
)
from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code, decimal_str, format_amount, round_money, to_decimal
from comptoir.trade.texts import WEEKDAYS, Text, TextParam, in_currency, joined, number, percent

__all__ = ["TOPICS", "TopicInfo", "describe", "run"]

JsonDict = dict[str, Any]

#: Largest whole number accepted for a count (packages, pallets, days).
MAX_COUNT: Final = 10**9

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


# --- reading the payload --------------------------------------------------------------


class _Reader:
    """Typed access to one JSON object, naming fields (with their path) in errors."""

    def __init__(self, data: object, allowed: Iterable[str], prefix: str = "") -> None:
        where = prefix.rstrip(".") or None
        if not isinstance(data, dict):
            raise TradeInputError("Expected a JSON object {...}.", where)
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                raise TradeInputError(
                    f"Unknown field {key!r}. Fields: {', '.join(allowed)}.", f"{prefix}{key}"
                )
        self.data: Mapping[str, Any] = data
        self.prefix = prefix

    def field(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def raw(self, key: str, required: bool = True) -> Any:
        value = self.data.get(key)
        if value is None and required:
            raise TradeInputError(f"The field {key!r} is required.", self.field(key))
        return value

    def decimal(
        self, key: str, default: Decimal | int | str | None = None, **checks: Any
    ) -> Decimal:
        if not self.has(key):
            if default is None:
                raise TradeInputError(f"The field {key!r} is required.", self.field(key))
            return to_decimal(default, self.field(key), **checks)
        return to_decimal(self.data[key], self.field(key), **checks)

    def opt_decimal(self, key: str, **checks: Any) -> Decimal | None:
        return to_decimal(self.data[key], self.field(key), **checks) if self.has(key) else None

    def integer(self, key: str, default: int | None = None, minimum: int | None = None) -> int:
        if not self.has(key):
            if default is None:
                raise TradeInputError(f"The field {key!r} is required.", self.field(key))
            return default
        value: object = self.data[key]
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            value = int(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TradeInputError("Give a whole number.", self.field(key))
        if minimum is not None and value < minimum:
            raise TradeInputError(f"The value must be at least {minimum}.", self.field(key))
        if abs(value) > MAX_COUNT:
            raise TradeInputError(f"The value must be at most {MAX_COUNT}.", self.field(key))
        return value

    def opt_integer(self, key: str, minimum: int | None = None) -> int | None:
        return self.integer(key, minimum=minimum) if self.has(key) else None

    def boolean(self, key: str, default: bool) -> bool:
        if not self.has(key):
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise TradeInputError("Give true or false.", self.field(key))
        return value

    def string(self, key: str, default: str | None = None) -> str:
        if not self.has(key):
            if default is None:
                raise TradeInputError(f"The field {key!r} is required.", self.field(key))
            return default
        value = self.data[key]
        if not isinstance(value, str) or not value.strip():
            raise TradeInputError("Give a non-empty text.", self.field(key))
        return value.strip()

    def opt_string(self, key: str) -> str | None:
        return self.string(key) if self.has(key) else None

    def day(self, key: str) -> date:
        value = self.raw(key)
        match = _ISO_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
        if match is None:
            raise TradeInputError(f"Give the date as YYYY-MM-DD (got {value!r}).", self.field(key))
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise TradeInputError(f"{value} is not a date that exists.", self.field(key)) from None

    def items(self, key: str) -> list[Any]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise TradeInputError("Expected a JSON list [...].", self.field(key))
        if not value:
            raise TradeInputError("The list must not be empty.", self.field(key))
        return value

    def mapping(self, key: str, required: bool = True) -> Mapping[str, Any]:
        value = self.raw(key, required)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise TradeInputError("Expected a JSON object {...}.", self.field(key))
        return value


def _money(amount: Decimal, currency: str) -> str:
    return format_amount(round_money(amount, currency), currency)


def _shown(amount: Decimal, currency: str) -> Decimal:
    """``amount`` rounded to the currency and carrying its minor-unit decimals, for a step."""
    return in_currency(amount, currency, rounded=True)


def _opt_iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


# --- topics ---------------------------------------------------------------------------


def _incoterm(payload: object, **_: Any) -> JsonDict:
    r = _Reader(payload, ("rule",))
    rule = incoterms.get_rule(r.raw("rule"), "rule")
    cost_lines = joined(
        "; ",
        (
            Text(
                "{item}: {party}",
                item=incoterms.COST_ITEM_LABELS[item],
                party=incoterms.PARTY_LABELS[party],
            )
            for item, party in rule.costs.items()
        ),
    )
    insurance_line = (
        Text(
            "The seller must insure: minimum cover {cover}, {share} of the contract price (A5)",
            cover=str(rule.minimum_cover),
            share=percent(int(rule.insured_value_pct or 0)),
        )
        if rule.seller_must_insure
        else Text(
            "No party must insure for the other (A5/B5); the {party} bears the risk during the "
            "main carriage and insures in its own interest",
            party=incoterms.PARTY_LABELS[rule.costs["insurance"]],
        )
    )
    return {
        "rule": rule.code,
        "name": rule.name,
        "modes": rule.modes,
        "delivery_point": rule.delivery_point,
        "risk_transfer": rule.risk_transfer,
        "insurance": {
            "seller_must_insure": rule.seller_must_insure,
            "minimum_cover": rule.minimum_cover,
            "insured_value_pct": rule.insured_value_pct,
        },
        "costs": dict(rule.costs),
        "main_carriage_contracted_by": rule.carriage_by,
        "notes": list(rule.notes),
        "source": rule.source,
        "steps": [
            Text(
                "{rule} ({name}), Incoterms® 2020, {modes}",
                rule=rule.code,
                name=rule.name,
                modes=incoterms.MODE_LABELS[rule.modes],
            ),
            Text("Delivery (A2): {point}", point=rule.delivery_point),
            Text("Risk passes (A3): {transfer}", transfer=rule.risk_transfer),
            Text(
                "Main carriage contracted by the {party} (A4/B4)",
                party=incoterms.PARTY_LABELS[rule.carriage_by],
            ),
            insurance_line,
            Text("Costs (A9/B9): {costs}", costs=cost_lines),
        ],
    }


def _price_buildup(payload: object, **_: Any) -> JsonDict:
    r = _Reader(
        payload,
        (
            "currency",
            "exw",
            "costs",
            "insurance_rate",
            "insured_pct",
            "cost_price",
            "margin_rate",
            "markup_rate",
            "commission_rate",
        ),
    )
    currency = currency_code(r.raw("currency"), "currency")
    costs_in = r.mapping("costs", required=False)
    costs: dict[str, Decimal] = {}
    for item, value in costs_in.items():
        field = f"costs.{item}"
        if item == "insurance":
            raise TradeInputError(
                "Insurance is not a cost to enter: it is computed from insurance_rate and insured_pct.",
                field,
            )
        if item not in pricing.LADDER_COST_ITEMS:
            raise TradeInputError(
                f"Unknown cost item {item!r}. Cost items: {', '.join(pricing.LADDER_COST_ITEMS)}.",
                field,
            )
        costs[item] = to_decimal(value, field, minimum=0, what="cost")
    insurance_rate = r.decimal("insurance_rate", what="insurance rate")
    insured_pct = r.decimal("insured_pct", default=110, what="insured percentage")
    cost_price = r.opt_decimal("cost_price", minimum=0, what="cost price")
    margin_rate = r.opt_decimal("margin_rate", what="margin rate")
    markup_rate = r.opt_decimal("markup_rate", what="mark-up rate")
    commission_rate = r.opt_decimal("commission_rate", what="commission rate")
    pre_steps: list[Text] = []
    if margin_rate is not None and markup_rate is not None:
        raise TradeInputError(
            "Give either margin_rate (on selling price) or markup_rate (on cost), not both.",
            "markup_rate",
        )
    if margin_rate is not None or markup_rate is not None:
        rate_field = "margin_rate" if margin_rate is not None else "markup_rate"
        if r.has("exw"):
            raise TradeInputError(
                "Give either exw or cost_price with a margin or mark-up rate, not both.", rate_field
            )
        if cost_price is None:
            raise TradeInputError("A margin or mark-up rate needs cost_price.", "cost_price")
        if margin_rate is not None:
            exw = pricing.selling_price_from_margin(cost_price, margin_rate)
            pre_steps.append(
                Text(
                    "EXW = cost price {cost} / (1 - margin rate {rate}) = {exw} "
                    "(margin on the selling price)",
                    cost=_shown(cost_price, currency),
                    rate=number(margin_rate),
                    exw=_shown(exw, currency),
                )
            )
        else:
            assert markup_rate is not None
            exw = pricing.selling_price_from_markup(cost_price, markup_rate)
            pre_steps.append(
                Text(
                    "EXW = cost price {cost} x (1 + mark-up rate {rate}) = {exw} (mark-up on cost)",
                    cost=_shown(cost_price, currency),
                    rate=number(markup_rate),
                    exw=_shown(exw, currency),
                )
            )
    else:
        exw = r.decimal("exw", minimum=0, what="ex-works price")
    ladder = pricing.price_ladder(currency, exw, costs, insurance_rate, insured_pct)
    result: JsonDict = {
        "currency": currency,
        "prices": {code: format_amount(value, currency) for code, value in ladder.prices.items()},
        "insurance_premium_cif": format_amount(ladder.insurance_premium_cif, currency),
        "insurance_premium_cip": format_amount(ladder.insurance_premium_cip, currency),
        "insured_value_cif": format_amount(ladder.insured_value_cif, currency),
        "insured_value_cip": format_amount(ladder.insured_value_cip, currency),
        "source": pricing.SOURCE,
    }
    steps = pre_steps + list(ladder.steps)
    if cost_price is not None:
        analysis = pricing.margin_analysis(cost_price, exw)
        result["margin"] = {
            "cost_price": _money(cost_price, currency),
            "selling_price_exw": _money(exw, currency),
            "margin": _money(analysis.margin, currency),
            "margin_rate": decimal_str(analysis.margin_rate, 6)
            if analysis.margin_rate is not None
            else None,
            "markup_rate": decimal_str(analysis.markup_rate, 6)
            if analysis.markup_rate is not None
            else None,
        }
        margin_terms: list[TextParam] = [
            Text(
                "Margin on EXW = {exw} - {cost} = {margin}",
                exw=_shown(exw, currency),
                cost=_shown(cost_price, currency),
                margin=_shown(analysis.margin, currency),
            )
        ]
        if analysis.margin_rate is not None:
            margin_terms.append(
                Text(
                    "margin rate (on price) {pct} %",
                    pct=number(analysis.margin_rate * 100, 2),
                )
            )
        if analysis.markup_rate is not None:
            margin_terms.append(
                Text(
                    "mark-up rate (on cost) {pct} %",
                    pct=number(analysis.markup_rate * 100, 2),
                )
            )
        steps.append(joined("; ", margin_terms))
    if commission_rate is not None:
        result["commission_rate"] = decimal_str(commission_rate)
        result["commissions"] = {
            code: _money(pricing.agent_commission(price, commission_rate), currency)
            for code, price in ladder.prices.items()
        }
        steps.append(
            Text(
                "Agent commission = {share} of the selling price under each rule (e.g. CIF {cif})",
                share=percent(number(commission_rate * 100)),
                cif=Decimal(result["commissions"]["CIF"]),
            )
        )
    result["steps"] = steps
    return result


def _company_rates(items: object) -> fx.DictRateSource:
    if not isinstance(items, list):
        raise TradeInputError("Expected a JSON list of rates.", "company_rates")
    source = fx.DictRateSource()
    for i, item in enumerate(items):
        prefix = f"company_rates.{i}."
        r = _Reader(item, ("from", "to", "date", "rate", "label"), prefix)
        from_code = currency_code(r.raw("from"), prefix + "from")
        to_code = currency_code(r.raw("to"), prefix + "to")
        valid_from = r.day("date")
        rate = r.decimal("rate", minimum=0, strict_minimum=True, what="rate")
        source.add(
            fx.CompanyRate(from_code, to_code, valid_from, rate, r.string("label", "company rate"))
        )
    return source


def _fx(
    payload: object,
    *,
    rate_source: fx.RateSource | None = None,
    company_rates: fx.RateSource | None = None,
    **_: Any,
) -> JsonDict:
    r = _Reader(payload, ("amount", "from", "to", "date", "use_company_rates", "company_rates"))
    amount = r.decimal("amount")
    from_code = currency_code(r.raw("from"), "from")
    to_code = currency_code(r.raw("to"), "to")
    on = r.day("date")
    use_company = r.boolean("use_company_rates", r.has("company_rates"))
    reference = rate_source or fx.EcbRateSource()
    company_sources: list[fx.RateSource] = []
    if r.has("company_rates"):
        company_sources.append(_company_rates(r.raw("company_rates")))
    if company_rates is not None:
        company_sources.append(company_rates)
    steps: list[Text] = []
    source: fx.RateSource = reference
    if use_company:
        if company_sources:
            try:
                fx.ChainRateSource(*company_sources).quote(from_code, to_code, on)
                source = fx.ChainRateSource(*company_sources)
            except fx.RateNotFoundError:
                steps.append(
                    Text(
                        "No company rate for {from_code}/{to_code} on or before {day}: "
                        "reference rate used",
                        from_code=from_code,
                        to_code=to_code,
                        day=on,
                    )
                )
        else:
            steps.append(Text("No company rates are recorded: reference rate used"))
    conversion = fx.convert(amount, from_code, to_code, on, source)
    quote = conversion.quote
    rate_text = decimal_str(quote.rate, 10)
    if quote.rate_date != on:
        steps.append(
            Text(
                "No fixing on {day} ({weekday}): the latest one before it, {rate_day}, is used",
                day=on,
                weekday=WEEKDAYS[on.weekday()],
                rate_day=quote.rate_date,
            )
        )
    rate = Text(
        "Rate {source} of {day}: 1 {from_code} = {rate} {to_code}",
        source=quote.source,
        day=quote.rate_date,
        from_code=from_code,
        rate=Decimal(rate_text),
        to_code=to_code,
    )
    if quote.detail:
        rate = Text(
            "Rate {source} of {day} ({detail}): 1 {from_code} = {rate} {to_code}",
            source=quote.source,
            day=quote.rate_date,
            detail=quote.detail,
            from_code=from_code,
            rate=Decimal(rate_text),
            to_code=to_code,
        )
    steps.append(rate)
    steps.append(
        Text(
            "{amount} {from_code} x {rate} = {converted} {to_code} "
            "(rounded half-up to the {to_code} minor unit)",
            amount=Decimal(format_amount(amount, from_code)),
            from_code=from_code,
            rate=Decimal(rate_text),
            converted=Decimal(format_amount(conversion.converted, to_code)),
            to_code=to_code,
        )
    )
    return {
        "amount": format_amount(amount, from_code),
        "from": from_code,
        "to": to_code,
        "converted": format_amount(conversion.converted, to_code),
        "rate": rate_text,
        "inverse_rate": decimal_str(1 / quote.rate, 10),
        "rate_date": quote.rate_date.isoformat(),
        "source": quote.source,
        "reference": quote.detail or None,
        "steps": steps,
    }


def _chargeable_weight(payload: object, **_: Any) -> JsonDict:
    r = _Reader(payload, ("mode", "pieces", "divisor_cm3_per_kg", "kg_per_m3", "basis"))
    mode = r.string("mode")
    pieces = []
    for i, item in enumerate(r.items("pieces")):
        p = _Reader(
            item, ("length_cm", "width_cm", "height_cm", "weight_kg", "quantity"), f"pieces.{i}."
        )
        pieces.append(
            freight.Piece(
                p.decimal("length_cm", minimum=0, strict_minimum=True, what="length"),
                p.decimal("width_cm", minimum=0, strict_minimum=True, what="width"),
                p.decimal("height_cm", minimum=0, strict_minimum=True, what="height"),
                p.decimal("weight_kg", minimum=0, what="weight"),
                p.integer("quantity", 1, minimum=1),
            )
        )
    result = freight.chargeable_weight(
        mode,
        pieces,
        divisor_cm3_per_kg=r.opt_decimal(
            "divisor_cm3_per_kg", minimum=0, strict_minimum=True, what="divisor"
        ),
        kg_per_m3=r.opt_decimal("kg_per_m3", minimum=0, strict_minimum=True, what="density factor"),
        basis=r.opt_string("basis"),
    )
    out: JsonDict = {
        "mode": result.mode,
        "basis": result.basis,
        "gross_weight_kg": decimal_str(result.gross_weight_kg, 3),
        "volume_m3": decimal_str(result.volume_m3, 6),
        "volumetric_weight_kg": decimal_str(result.volumetric_weight_kg, 3),
        "chargeable_weight_kg": decimal_str(result.chargeable_weight_kg, 3),
        "kg_per_m3": decimal_str(result.kg_per_m3, 3),
        "rule": result.rule,
        "source": f"{freight.SOURCES[result.mode]}; {freight.BASIS_SOURCES[result.basis]}",
        "steps": list(result.steps),
    }
    if result.basis == "piece":
        out["shipment_chargeable_weight_kg"] = decimal_str(
            result.shipment_chargeable_weight_kg or Decimal(0), 3
        )
        out["pieces"] = [
            {
                "quantity": line.quantity,
                "actual_kg": decimal_str(line.actual_kg, 3),
                "volumetric_kg": decimal_str(line.volumetric_kg, 3),
                "chargeable_kg": decimal_str(line.chargeable_kg, 3),
                "line_chargeable_kg": decimal_str(line.line_chargeable_kg, 3),
            }
            for line in result.pieces
        ]
    if result.revenue_tonnes is not None:
        out["revenue_tonnes"] = decimal_str(result.revenue_tonnes, 6)
    return out


def _loading_metres(payload: object, **_: Any) -> JsonDict:
    r = _Reader(payload, ("pallets", "kg_per_ldm", "trailer_width_cm", "trailer_length_m"))
    pallets = []
    for i, item in enumerate(r.items("pallets")):
        p = _Reader(
            item,
            ("length_cm", "width_cm", "quantity", "stackable_levels", "weight_kg"),
            f"pallets.{i}.",
        )
        pallets.append(
            freight.Pallet(
                p.decimal("length_cm", minimum=0, strict_minimum=True, what="length"),
                p.decimal("width_cm", minimum=0, strict_minimum=True, what="width"),
                p.integer("quantity", 1, minimum=1),
                p.integer("stackable_levels", 1, minimum=1),
                p.opt_decimal("weight_kg", minimum=0, what="weight"),
            )
        )
    result = freight.loading_metres(
        pallets,
        kg_per_ldm=r.decimal(
            "kg_per_ldm",
            default=freight.DEFAULT_KG_PER_LDM,
            minimum=0,
            strict_minimum=True,
            what="weight per loading metre",
        ),
        trailer_width_cm=r.decimal(
            "trailer_width_cm",
            default=freight.TRAILER_WIDTH_CM,
            minimum=0,
            strict_minimum=True,
            what="trailer width",
        ),
        trailer_length_m=r.decimal(
            "trailer_length_m",
            default=freight.TRAILER_LENGTH_M,
            minimum=0,
            strict_minimum=True,
            what="trailer length",
        ),
    )
    return {
        "loading_metres": decimal_str(result.loading_metres, 4),
        "floor_positions": result.floor_positions,
        "kg_per_ldm": decimal_str(result.kg_per_ldm),
        "ldm_weight_kg": decimal_str(result.ldm_weight_kg, 3),
        "gross_weight_kg": decimal_str(result.gross_weight_kg, 3)
        if result.gross_weight_kg is not None
        else None,
        "chargeable_weight_kg": decimal_str(result.chargeable_weight_kg, 3),
        "trailers": result.trailers,
        "rule": result.rule,
        "source": "European road freight practice: loading metre on a 2.40 m wide trailer",
        "steps": list(result.steps),
    }


def _landed_cost(payload: object, **_: Any) -> JsonDict:
    r = _Reader(
        payload,
        (
            "currency",
            "goods_value",
            "freight_to_border",
            "insurance_to_border",
            "duty_rate_pct",
            "vat_rate_pct",
            "other_taxes",
            "costs_after_border",
            "carriage_after_border",
            "carriage_after_border_in_price",
            "quantity",
            "vat_recoverable",
            "incoterm",
        ),
    )
    currency = currency_code(r.raw("currency"), "currency")

    def amount(key: str) -> Decimal:
        return r.decimal(key, default=0, minimum=0)

    result = customs.landed_cost(
        currency,
        r.decimal("goods_value", minimum=0, what="goods value"),
        freight_to_border=amount("freight_to_border"),
        insurance_to_border=amount("insurance_to_border"),
        duty_rate_pct=r.decimal(
            "duty_rate_pct", default=0, minimum=0, maximum=1000, what="duty rate"
        ),
        vat_rate_pct=r.decimal("vat_rate_pct", default=0, minimum=0, maximum=100, what="VAT rate"),
        other_taxes=amount("other_taxes"),
        costs_after_border=amount("costs_after_border"),
        carriage_after_border=amount("carriage_after_border"),
        carriage_after_border_in_price=r.boolean("carriage_after_border_in_price", True),
        quantity=r.decimal("quantity", default=1, minimum=0, strict_minimum=True, what="quantity"),
        vat_recoverable=r.boolean("vat_recoverable", True),
    )
    out: JsonDict = {
        "currency": currency,
        "customs_value": format_amount(result.customs_value, currency),
        "duty": format_amount(result.duty, currency),
        "vat_base": format_amount(result.vat_base, currency),
        "import_vat": format_amount(result.import_vat, currency),
        "landed_cost": format_amount(result.landed_cost, currency),
        "landed_cost_per_unit": format_amount(result.landed_cost_per_unit, currency),
        "landed_cost_per_unit_exact": decimal_str(result.landed_cost_per_unit_exact, 6),
        "vat_recoverable": r.boolean("vat_recoverable", True),
        "carriage_after_border": format_amount(result.carriage_after_border, currency),
        "carriage_after_border_in_price": r.boolean("carriage_after_border_in_price", True),
        "source": customs.SOURCE,
        "steps": list(result.steps),
    }
    if r.has("incoterm"):
        rule = incoterms.get_rule(r.raw("incoterm"), "incoterm")
        out["incoterm"] = rule.code
        out["guidance"] = customs.border_guidance(rule.code)
        out["steps"].insert(
            0, Text("Bought {rule}: {guidance}", rule=rule.code, guidance=out["guidance"])
        )
    return out


def _lc_dates(payload: object, **_: Any) -> JsonDict:
    r = _Reader(
        payload,
        ("shipment_date", "expiry_date", "presentation_days", "bank_country", "bank_subdiv"),
    )
    result = credit.latest_presentation_date(
        r.day("shipment_date"),
        r.day("expiry_date"),
        r.integer("presentation_days", credit.DEFAULT_PRESENTATION_DAYS, minimum=1),
        calendars.country_code(r.string("bank_country", "FR"), "bank_country"),
        r.opt_string("bank_subdiv"),
    )
    return {
        "latest_presentation_date": result.latest_presentation_date.isoformat(),
        "rule": result.rule,
        "presentation_period_end": result.presentation_period_end.isoformat(),
        "expiry_date": result.expiry_date.isoformat(),
        "limited_by": result.limiting,
        "extended": result.extended,
        "bank_closed_reason": result.closed_reason,
        "source": "UCP 600 (ICC Publication No. 600) art. 3, 6 e, 14 c, 29",
        "steps": list(result.steps),
    }


def _lc_amount(payload: object, **_: Any) -> JsonDict:
    r = _Reader(
        payload,
        (
            "credit_amount",
            "about",
            "tolerance_plus_pct",
            "tolerance_minus_pct",
            "drawn",
            "invoice_amount",
            "partial_shipments_allowed",
            "currency",
        ),
    )
    currency = currency_code(r.raw("currency"), "currency") if r.has("currency") else None
    result = credit.lc_amount(
        r.decimal("credit_amount", minimum=0, strict_minimum=True, what="credit amount"),
        about=r.boolean("about", False),
        tolerance_plus_pct=r.opt_decimal(
            "tolerance_plus_pct", minimum=0, maximum=100, what="tolerance"
        ),
        tolerance_minus_pct=r.opt_decimal(
            "tolerance_minus_pct", minimum=0, maximum=100, what="tolerance"
        ),
        drawn=r.decimal("drawn", default=0, minimum=0, what="amount drawn"),
        invoice_amount=r.opt_decimal(
            "invoice_amount", minimum=0, strict_minimum=True, what="invoice amount"
        ),
        partial_shipments_allowed=r.boolean("partial_shipments_allowed", True),
        currency=currency,
    )

    def amount(value: Decimal) -> str:
        return format_amount(value, currency) if currency else format(value, "f")

    return {
        "min_amount": amount(result.min_amount),
        "max_amount": amount(result.max_amount),
        "available": amount(result.available),
        "ok": result.ok,
        "rule": result.rule,
        "tolerance_plus_pct": decimal_str(result.tolerance_plus_pct),
        "tolerance_minus_pct": decimal_str(result.tolerance_minus_pct),
        "reasons": list(result.reasons),
        "source": "UCP 600 (ICC Publication No. 600) art. 30 and 31 a",
        "steps": list(result.steps),
    }


def _claim(payload: object, **_: Any) -> JsonDict:
    r = _Reader(
        payload,
        (
            "convention",
            "delivery_date",
            "kind",
            "gross_weight_kg",
            "packages",
            "sdr_rate",
            "currency",
            "country",
            "carriage_charges",
            "consignment_weight_kg",
        ),
    )
    convention = r.raw("convention")
    if not isinstance(convention, str):
        raise TradeInputError(
            f"Give the convention: {', '.join(claims.CONVENTIONS)}.", "convention"
        )
    kind = r.raw("kind")
    if not isinstance(kind, str):
        raise TradeInputError(f"Give the kind of claim: {', '.join(claims.KINDS)}.", "kind")
    currency = currency_code(r.string("currency", "EUR"), "currency")
    result = claims.claim(
        convention,
        r.day("delivery_date"),
        kind,
        r.decimal("gross_weight_kg", minimum=0, what="weight"),
        packages=r.opt_integer("packages", minimum=0),
        sdr_rate=r.opt_decimal("sdr_rate", minimum=0, strict_minimum=True, what="SDR rate"),
        currency=currency,
        country=calendars.country_code(r.string("country", "FR"), "country"),
        carriage_charges=r.opt_decimal("carriage_charges", minimum=0, what="carriage charges"),
        consignment_weight_kg=r.opt_decimal(
            "consignment_weight_kg", minimum=0, what="consignment weight"
        ),
    )
    return {
        "convention": result.convention,
        "kind": result.kind,
        "notice_deadline": _opt_iso(result.notice_deadline),
        "notice": result.notice,
        "time_bar_date": result.time_bar_date.isoformat(),
        "time_bar_date_wilful_misconduct": _opt_iso(result.time_bar_wilful_misconduct),
        "sdr_per_kg": decimal_str(result.sdr_per_kg) if result.sdr_per_kg is not None else None,
        "eur_per_kg": decimal_str(result.eur_per_kg) if result.eur_per_kg is not None else None,
        "liability_cap_sdr": format(result.liability_cap_sdr, "f")
        if result.liability_cap_sdr is not None
        else None,
        "liability_cap": format_amount(result.liability_cap, currency)
        if result.liability_cap is not None
        else None,
        "currency": currency,
        "rule": result.rule,
        "source": result.rule,
        "steps": list(result.steps),
    }


def _score(payload: object, **_: Any) -> JsonDict:
    r = _Reader(payload, ("criteria", "options", "scale_max"))
    criteria = []
    for i, item in enumerate(r.items("criteria")):
        c = _Reader(item, ("name", "weight"), f"criteria.{i}.")
        criteria.append(
            scoring.Criterion(c.string("name"), c.decimal("weight", minimum=0, what="weight"))
        )
    options = []
    for j, item in enumerate(r.items("options")):
        o = _Reader(item, ("name", "grades"), f"options.{j}.")
        grades_in = o.mapping("grades")
        grades = {
            str(k): to_decimal(v, f"options.{j}.grades.{k}", minimum=0, what="grade")
            for k, v in grades_in.items()
        }
        options.append(scoring.Option(o.string("name"), grades))
    result = scoring.score(
        criteria,
        options,
        r.decimal("scale_max", default=10, minimum=0, strict_minimum=True, what="top of the scale"),
    )
    return {
        "ranking": [
            {
                "rank": item.rank,
                "name": item.name,
                "score": decimal_str(item.score_rounded),
                "score_pct": decimal_str(item.score / result.scale_max * 100, 1),
                "details": {
                    name: {
                        "weight": decimal_str(w),
                        "grade": decimal_str(g),
                        "weighted": decimal_str(x),
                    }
                    for name, (w, g, x) in item.details.items()
                },
            }
            for item in result.ranking
        ],
        "scale_max": decimal_str(result.scale_max),
        "total_weight": decimal_str(result.total_weight),
        "source": "Weighted sum model (Fishburn 1967; Triantaphyllou 2000), méthode des scores",
        "steps": list(result.steps),
    }


# --- registry ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TopicInfo:
    """Metadata of a calculator, for menus, help texts and the documentation."""

    topic: str
    title: str
    summary: str
    source: str
    example: Mapping[str, Any]

    def as_dict(self) -> JsonDict:
        return {
            "topic": self.topic,
            "title": self.title,
            "summary": self.summary,
            "source": self.source,
            "doc": f"docs/calculators/{self.topic}.md",
            "example": copy.deepcopy(dict(self.example)),
        }


_Handler = Callable[..., JsonDict]

_REGISTRY: Final[dict[str, tuple[_Handler, TopicInfo]]] = {
    "incoterm": (
        _incoterm,
        TopicInfo(
            "incoterm",
            "Incoterms® 2020 rule",
            "Delivery point, transfer of risk, insurance and who pays each cost under one of the 11 rules.",
            incoterms.SOURCE,
            {"rule": "FOB"},
        ),
    ),
    "price-buildup": (
        _price_buildup,
        TopicInfo(
            "price-buildup",
            "Export price build-up (EXW to DDP)",
            "Escalates an ex-works price through the Incoterms rules, with CIF/CIP insurance, margin and commission.",
            pricing.SOURCE,
            {
                "currency": "EUR",
                "exw": "10000.00",
                "costs": {
                    "loading_at_origin": "150",
                    "export_clearance": "80",
                    "pre_carriage": "400",
                    "origin_handling": "250",
                    "main_carriage": "1800",
                    "destination_handling": "300",
                    "on_carriage": "350",
                    "unloading_at_destination": "120",
                    "import_clearance": "90",
                    "import_duties_taxes": "650",
                },
                "insurance_rate": "0.003",
                "insured_pct": "110",
            },
        ),
    ),
    "fx": (
        _fx,
        TopicInfo(
            "fx",
            "Currency conversion at a dated rate",
            "Converts an amount at the ECB reference rate of the date (latest fixing on or before it) or a company rate.",
            fx.ECB_SOURCE,
            {"amount": "1000", "from": "USD", "to": "EUR", "date": "2026-03-02"},
        ),
    ),
    "chargeable-weight": (
        _chargeable_weight,
        TopicInfo(
            "chargeable-weight",
            "Chargeable weight",
            "Higher of gross and volumetric weight for air, express (package by package), road and sea LCL (revenue tonnes).",
            "IATA TACT Rules (air, whole consignment); DHL Express, UPS, FedEx tariffs (express, "
            "package by package); carriers' tariffs (road, LCL W/M)",
            {
                "mode": "air",
                "pieces": [
                    {
                        "length_cm": 120,
                        "width_cm": 80,
                        "height_cm": 100,
                        "weight_kg": "95",
                        "quantity": 2,
                    }
                ],
            },
        ),
    ),
    "loading-metres": (
        _loading_metres,
        TopicInfo(
            "loading-metres",
            "Loading metres",
            "Loading metres of pallets on a 2.40 m wide trailer and the weight charged for them.",
            "European road freight practice (2.40 m trailer width, kg per LDM)",
            {
                "pallets": [
                    {
                        "length_cm": 120,
                        "width_cm": 80,
                        "quantity": 10,
                        "stackable_levels": 2,
                        "weight_kg": "300",
                    }
                ],
                "kg_per_ldm": "1850",
            },
        ),
    ),
    "landed-cost": (
        _landed_cost,
        TopicInfo(
            "landed-cost",
            "Customs value, duty, import VAT and landed cost",
            "Customs value to the EU border, duty, import VAT base (carriage after the border "
            "included) and the landed cost per unit.",
            customs.SOURCE,
            {
                "currency": "EUR",
                "goods_value": "10000.00",
                "freight_to_border": "800.00",
                "insurance_to_border": "40.00",
                "duty_rate_pct": "4.5",
                "vat_rate_pct": "20",
                "other_taxes": "0",
                "costs_after_border": "250.00",
                "quantity": 500,
                "vat_recoverable": True,
            },
        ),
    ),
    "lc-dates": (
        _lc_dates,
        TopicInfo(
            "lc-dates",
            "Documentary credit: latest presentation date",
            "21 days after shipment but not after expiry, extended when the bank is closed.",
            "UCP 600 art. 14 c and 29 a",
            {
                "shipment_date": "2026-03-02",
                "expiry_date": "2026-04-15",
                "presentation_days": 21,
                "bank_country": "FR",
            },
        ),
    ),
    "lc-amount": (
        _lc_amount,
        TopicInfo(
            "lc-amount",
            "Documentary credit: amount tolerance",
            "Minimum and maximum drawings, amount still available and whether an invoice fits.",
            "UCP 600 art. 30 and 31 a",
            {
                "credit_amount": "100000.00",
                "about": True,
                "drawn": "0",
                "invoice_amount": "108500.00",
            },
        ),
    ),
    "claim": (
        _claim,
        TopicInfo(
            "claim",
            "Transport claim deadlines and liability cap",
            "Notice deadline, time bar and liability cap under CMR, Montreal 1999, Hague-Visby or "
            "the French domestic road contract.",
            "CMR art. 23, 30, 32; Montreal Convention art. 22, 31, 35; Hague-Visby Rules art. III "
            "r.6, IV r.5; Code de commerce art. L133-3, L133-6 and contrat type général (décret "
            "n° 2017-461) art. 22-23",
            {
                "convention": "CMR",
                "delivery_date": "2026-03-02",
                "kind": "hidden_damage",
                "gross_weight_kg": "500",
                "packages": 10,
                "sdr_rate": "1.20",
            },
        ),
    ),
    "score": (
        _score,
        TopicInfo(
            "score",
            "Weighted scoring",
            "Ranks suppliers, carriers or offers by weighted mean of grades.",
            "Weighted sum model (méthode des scores)",
            {
                "criteria": [
                    {"name": "price", "weight": 3},
                    {"name": "quality", "weight": 2},
                    {"name": "delay", "weight": 1},
                ],
                "options": [
                    {"name": "Supplier A", "grades": {"price": 8, "quality": 6, "delay": 7}},
                    {"name": "Supplier B", "grades": {"price": 6, "quality": 9, "delay": 8}},
                ],
                "scale_max": 10,
            },
        ),
    ),
}

#: The calculator topics, in menu order.
TOPICS: Final[tuple[str, ...]] = tuple(_REGISTRY)


def _topic(topic: object) -> tuple[_Handler, TopicInfo]:
    if not isinstance(topic, str) or topic not in _REGISTRY:
        raise TradeInputError(
            f"Unknown calculator {topic!r}. Topics: {', '.join(TOPICS)}.", "topic"
        )
    return _REGISTRY[topic]


def describe(topic: str) -> JsonDict:
    """Title, summary, source and an example input of a calculator topic.

    Source: see each topic's documentation page, ``docs/calculators/<topic>.md``.
    """
    return _topic(topic)[1].as_dict()


def run(
    topic: str,
    payload: Mapping[str, Any],
    *,
    rate_source: fx.RateSource | None = None,
    company_rates: fx.RateSource | None = None,
) -> JsonDict:
    """Run the calculator ``topic`` on a JSON ``payload`` and return the JSON result.

    Source: each topic's rule is cited in its module and in the result's
    ``"source"`` field (Incoterms® 2020, UCP 600, CMR, Montreal, Hague-Visby...).
    ``rate_source`` replaces the bundled ECB reference rates (topic ``fx``);
    ``company_rates`` are the company's own rates, used first when the payload
    says ``"use_company_rates": true``. Raises :class:`TradeInputError` for bad input.
    """
    handler, _ = _topic(topic)
    return handler(payload, rate_source=rate_source, company_rates=company_rates)
