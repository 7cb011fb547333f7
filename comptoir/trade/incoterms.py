"""The eleven Incoterms® 2020 rules: delivery point, transfer of risk, insurance, costs.

Source: ICC, *Incoterms® 2020*, ICC Publication No. 723E (2019). Each rule's
articles are cited as in the publication: A2/B2 delivery and taking delivery,
A3/B3 transfer of risks, A4/B4 carriage, A5/B5 insurance, A7/B7 export/import
clearance, A9/B9 allocation of costs. "Incoterms" is a registered trademark of
the International Chamber of Commerce.

The cost table allocates eleven typical cost items of an international sale to
``"seller"``, ``"buyer"`` or ``"per_carriage_contract"`` (the rule lets the cost
follow the contract of carriage: e.g. unloading at the port of discharge under CFR
A9/B9, which the seller pays only if it was for the seller's account under the
contract of carriage). For FCA the table takes the named place as the seller's
premises (the price ladder's FCA). Under ``insurance`` the table names the party
that pays for the cover the rule requires (seller under CIF A5 and CIP A5);
elsewhere no party owes insurance to the other and the table names the party that
bears the risk during the main carriage, who insures in its own interest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text, percent

__all__ = [
    "COST_ITEMS",
    "COST_ITEM_LABELS",
    "MODE_LABELS",
    "PARTY_LABELS",
    "PRICE_LADDER_ORDER",
    "RULE_CODES",
    "Incoterm",
    "Party",
    "all_rules",
    "get_rule",
]

Party = Literal["seller", "buyer", "per_carriage_contract"]
Modes = Literal["any", "sea_and_inland_waterway"]

#: The cost items of the contract, in the order of the goods' journey.
COST_ITEMS: Final = (
    "loading_at_origin",
    "export_clearance",
    "pre_carriage",
    "origin_handling",
    "main_carriage",
    "insurance",
    "destination_handling",
    "on_carriage",
    "unloading_at_destination",
    "import_clearance",
    "import_duties_taxes",
)

#: Names of the cost items, for pages and steps.
COST_ITEM_LABELS: Final[dict[str, Text]] = {
    "loading_at_origin": Text("loading at origin"),
    "export_clearance": Text("export clearance"),
    "pre_carriage": Text("pre-carriage"),
    "origin_handling": Text("origin handling"),
    "main_carriage": Text("main carriage"),
    "insurance": Text("insurance"),
    "destination_handling": Text("destination handling"),
    "on_carriage": Text("on-carriage"),
    "unloading_at_destination": Text("unloading at destination"),
    "import_clearance": Text("import clearance"),
    "import_duties_taxes": Text("import duties and taxes"),
}

#: Names of the parties a cost is allocated to, for pages and steps.
PARTY_LABELS: Final[dict[str, Text]] = {
    "seller": Text("seller"),
    "buyer": Text("buyer"),
    "per_carriage_contract": Text("per carriage contract"),
}

#: The transport modes a rule is meant for, in words.
MODE_LABELS: Final[dict[str, Text]] = {
    "any": Text("any mode of transport"),
    "sea_and_inland_waterway": Text("sea and inland waterway transport only"),
}

#: The rules in the order of the ICC publication (any mode first, then sea).
RULE_CODES: Final = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")

#: The rules in the order of the price ladder (EXW ... DDP) of the price build-up.
PRICE_LADDER_ORDER: Final = (
    "EXW",
    "FCA",
    "FAS",
    "FOB",
    "CFR",
    "CIF",
    "CPT",
    "CIP",
    "DAP",
    "DPU",
    "DDP",
)

SOURCE = "Incoterms® 2020, ICC Publication No. 723E"


@dataclass(frozen=True, slots=True)
class Incoterm:
    """One Incoterms® 2020 rule (ICC Publication No. 723E)."""

    code: str
    name: Text
    modes: Modes
    delivery_point: Text  # A2
    risk_transfer: Text  # A3
    seller_must_insure: bool  # A5
    minimum_cover: str | None  # A5: "ICC (A)" / "ICC (C)"
    insured_value_pct: int | None  # A5: at least 110 % of the contract price
    carriage_by: Literal["seller", "buyer"]  # A4/B4: who contracts the main carriage
    costs: dict[str, Party] = field(repr=False)
    notes: tuple[Text, ...] = ()

    @property
    def source(self) -> str:
        """Citation of the articles this rule's data comes from."""
        return f"{SOURCE}, {self.code} A2/B2 (delivery), A3/B3 (risk), A4/B4 (carriage), A5/B5 (insurance), A7/B7 (clearance), A9/B9 (costs)"

    def payer(self, item: str) -> Party:
        """Who pays ``item`` (one of :data:`COST_ITEMS`) under this rule.

        Source: Incoterms® 2020, articles A9/B9 (allocation of costs) of the rule.
        """
        try:
            return self.costs[item]
        except KeyError:
            raise TradeInputError(f"Unknown cost item {item!r}.", "item") from None


S: Final = "seller"
B: Final = "buyer"
P: Final = "per_carriage_contract"


def _costs(*parties: Party) -> dict[str, Party]:
    assert len(parties) == len(COST_ITEMS)
    return dict(zip(COST_ITEMS, parties, strict=True))


#   loading, export, pre, origin_h, main, insurance, dest_h, on, unloading, import_cl, duties
_RULES: Final[dict[str, Incoterm]] = {
    "EXW": Incoterm(
        "EXW",
        Text("Ex Works"),
        "any",
        Text(
            "At the seller's premises or another named place (works, factory, warehouse), the goods placed at the "
            "buyer's disposal, not loaded on any collecting vehicle and not cleared for export (A2)."
        ),
        Text("When the goods are placed at the buyer's disposal at the named place (A3)."),
        False,
        None,
        None,
        "buyer",
        _costs(B, B, B, B, B, B, B, B, B, B, B),
        (
            Text(
                "The seller has no obligation to load the goods (A2); if it does load, it does so at the buyer's risk."
            ),
            Text("Export clearance is for the buyer; the seller only assists (A7/B7)."),
        ),
    ),
    "FCA": Incoterm(
        "FCA",
        Text("Free Carrier"),
        "any",
        Text(
            "At the named place: if it is the seller's premises, loaded on the means of transport provided by the "
            "buyer; elsewhere, on the seller's means of transport ready for unloading, at the disposal of the "
            "buyer's carrier (A2)."
        ),
        Text(
            "When the goods are delivered to the carrier or person nominated by the buyer at the named place (A3)."
        ),
        False,
        None,
        None,
        "buyer",
        _costs(S, S, B, B, B, B, B, B, B, B, B),
        (
            Text(
                "The table takes the named place as the seller's premises; if it is another place, the seller also "
                "pays the carriage to that place and the buyer the unloading there."
            ),
            Text(
                "The parties may agree that the buyer instructs its carrier to issue an on-board bill of lading to the seller (A6/B6)."
            ),
        ),
    ),
    "CPT": Incoterm(
        "CPT",
        Text("Carriage Paid To"),
        "any",
        Text(
            "Handed over to the first carrier contracted by the seller, at the agreed place of delivery (A2); the "
            "seller pays the carriage to the named place of destination (A4)."
        ),
        Text(
            "When the goods are handed over to the first carrier (A3), well before they reach the named destination."
        ),
        False,
        None,
        None,
        "seller",
        _costs(S, S, S, S, S, B, S, S, P, B, B),
        (
            Text(
                "Unloading at the place of destination is for the seller only if its contract of carriage includes it (A9/B9)."
            ),
        ),
    ),
    "CIP": Incoterm(
        "CIP",
        Text("Carriage and Insurance Paid To"),
        "any",
        Text(
            "Handed over to the first carrier contracted by the seller, at the agreed place of delivery (A2); the "
            "seller pays carriage and insurance to the named place of destination (A4, A5)."
        ),
        Text("When the goods are handed over to the first carrier (A3)."),
        True,
        "ICC (A)",
        110,
        "seller",
        _costs(S, S, S, S, S, S, S, S, P, B, B),
        (
            Text(
                "Cover complying with Institute Cargo Clauses (A) or similar, at least {share} of the contract price, "
                "in the currency of the contract, from the point of delivery to at least the named place of "
                "destination (A5).",
                share=percent(110),
            ),
        ),
    ),
    "DAP": Incoterm(
        "DAP",
        Text("Delivered at Place"),
        "any",
        Text(
            "At the named place of destination, on the arriving means of transport, ready for unloading, at the "
            "buyer's disposal (A2)."
        ),
        Text(
            "When the goods are delivered at the named place of destination, ready for unloading (A3)."
        ),
        False,
        None,
        None,
        "seller",
        _costs(S, S, S, S, S, S, S, S, P, B, B),
        (
            Text(
                "Unloading is for the buyer unless the seller's contract of carriage includes it (B9)."
            ),
        ),
    ),
    "DPU": Incoterm(
        "DPU",
        Text("Delivered at Place Unloaded"),
        "any",
        Text(
            "At the named place of destination, unloaded from the arriving means of transport, at the buyer's "
            "disposal (A2)."
        ),
        Text("When the goods are unloaded at the named place of destination (A3)."),
        False,
        None,
        None,
        "seller",
        _costs(S, S, S, S, S, S, S, S, S, B, B),
        (Text("The only rule under which the seller must unload at destination (A2)."),),
    ),
    "DDP": Incoterm(
        "DDP",
        Text("Delivered Duty Paid"),
        "any",
        Text(
            "At the named place of destination, cleared for import, on the arriving means of transport, ready for "
            "unloading, at the buyer's disposal (A2)."
        ),
        Text(
            "When the goods are delivered at the named place of destination, cleared for import, ready for unloading (A3)."
        ),
        False,
        None,
        None,
        "seller",
        _costs(S, S, S, S, S, S, S, S, P, S, S),
        (
            Text(
                "The seller clears the goods for import and pays all import duties and taxes, including import VAT (A7, A9)."
            ),
            Text(
                "Unloading is for the buyer unless the seller's contract of carriage includes it (B9)."
            ),
        ),
    ),
    "FAS": Incoterm(
        "FAS",
        Text("Free Alongside Ship"),
        "sea_and_inland_waterway",
        Text(
            "Alongside the ship nominated by the buyer (on the quay or a barge) at the named port of shipment (A2)."
        ),
        Text("When the goods are placed alongside the ship (A3)."),
        False,
        None,
        None,
        "buyer",
        _costs(S, S, S, B, B, B, B, B, B, B, B),
        (
            Text(
                "Not suitable for containers handed over at a terminal: use FCA (introduction to the rules)."
            ),
        ),
    ),
    "FOB": Incoterm(
        "FOB",
        Text("Free On Board"),
        "sea_and_inland_waterway",
        Text("On board the vessel nominated by the buyer at the named port of shipment (A2)."),
        Text("When the goods are on board the vessel (A3)."),
        False,
        None,
        None,
        "buyer",
        _costs(S, S, S, S, B, B, B, B, B, B, B),
        (
            Text(
                "Not suitable for containers handed over at a terminal before loading: use FCA (introduction to the rules)."
            ),
        ),
    ),
    "CFR": Incoterm(
        "CFR",
        Text("Cost and Freight"),
        "sea_and_inland_waterway",
        Text(
            "On board the vessel at the port of shipment (A2); the seller pays the freight to the named port of "
            "destination (A4)."
        ),
        Text(
            "When the goods are on board the vessel at the port of shipment (A3), not at the port of destination."
        ),
        False,
        None,
        None,
        "seller",
        _costs(S, S, S, S, S, B, P, B, B, B, B),
        (
            Text(
                "Unloading charges at the port of discharge are for the seller only if its contract of carriage includes them (A9/B9)."
            ),
        ),
    ),
    "CIF": Incoterm(
        "CIF",
        Text("Cost Insurance and Freight"),
        "sea_and_inland_waterway",
        Text(
            "On board the vessel at the port of shipment (A2); the seller pays freight and insurance to the named "
            "port of destination (A4, A5)."
        ),
        Text("When the goods are on board the vessel at the port of shipment (A3)."),
        True,
        "ICC (C)",
        110,
        "seller",
        _costs(S, S, S, S, S, S, P, B, B, B, B),
        (
            Text(
                "Minimum cover: Institute Cargo Clauses (C) or similar, at least {share} of the contract price, "
                "in the currency of the contract (A5); the buyer may ask for more cover at its own cost.",
                share=percent(110),
            ),
            Text(
                "Unloading charges at the port of discharge are for the seller only if its contract of carriage includes them (A9/B9)."
            ),
        ),
    ),
}


def get_rule(code: object, field_name: str = "rule") -> Incoterm:
    """The Incoterms® 2020 rule with this three-letter code (``"FOB"``, case-insensitive).

    Source: Incoterms® 2020, ICC Publication No. 723E. Raises
    :class:`TradeInputError` naming ``field_name`` for anything else, including
    rules withdrawn in 2020 (DAT became DPU) or 2010 (DAF, DES, DEQ, DDU).
    """
    if not isinstance(code, str) or not code.strip():
        raise TradeInputError("Give an Incoterms® 2020 rule, e.g. FOB.", field_name)
    key = code.strip().upper()
    if key in _RULES:
        return _RULES[key]
    if key == "DAT":
        hint = " DAT was replaced by DPU in Incoterms® 2020."
    elif key in {"DAF", "DES", "DEQ", "DDU"}:
        hint = f" {key} was withdrawn in Incoterms® 2010 (use DAP or DPU)."
    else:
        hint = ""
    raise TradeInputError(
        f"Unknown Incoterms® 2020 rule {code!r}.{hint} Valid rules: {', '.join(RULE_CODES)}.",
        field_name,
    )


def all_rules() -> tuple[Incoterm, ...]:
    """The eleven rules in the order of the ICC publication (any mode, then sea and inland waterway).

    Source: Incoterms® 2020, ICC Publication No. 723E.
    """
    return tuple(_RULES[code] for code in RULE_CODES)
