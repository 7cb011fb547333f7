"""What each calculator page asks for: the inputs of ``comptoir.trade.calc``'s JSON contracts.

Each input names its place in the JSON payload (``costs.main_carriage``,
``pieces.0.weight_kg``), so the page builds the same payload as the CLI and the API, and an
error raised by the trade core for a field lands on that field of the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comptoir.trade.incoterms import RULE_CODES

Label = str | Promise


@dataclass(frozen=True)
class Input:
    key: str
    label: Label
    kind: str = "decimal"  # decimal, int, date, choice, bool, text, country, currency
    required: bool = False
    choices: tuple[tuple[str, Label], ...] = ()
    help: Label = ""
    initial: object = None


@dataclass(frozen=True)
class Rows:
    """A repeated group of inputs (pieces, pallets, criteria...): empty rows are left out."""

    key: str
    label: Label
    count: int
    columns: tuple[Input, ...]


@dataclass(frozen=True)
class Topic:
    slug: str
    title: Label
    summary: Label
    inputs: tuple[Input, ...] = ()
    rows: tuple[Rows, ...] = field(default_factory=tuple)


INCOTERM_CHOICES = tuple((code, code) for code in RULE_CODES)

COST_INPUTS = (
    Input("costs.loading_at_origin", _("Loading at origin")),
    Input("costs.export_clearance", _("Export clearance")),
    Input("costs.pre_carriage", _("Pre-carriage to the port or terminal")),
    Input("costs.origin_handling", _("Handling at the port or terminal of departure")),
    Input("costs.main_carriage", _("Main carriage (freight)")),
    Input("costs.destination_handling", _("Handling at the port or terminal of arrival")),
    Input("costs.on_carriage", _("On-carriage to the named place")),
    Input("costs.unloading_at_destination", _("Unloading at destination")),
    Input("costs.import_clearance", _("Import clearance")),
    Input("costs.import_duties_taxes", _("Import duties and taxes")),
)

TOPICS: dict[str, Topic] = {
    t.slug: t
    for t in (
        Topic(
            "incoterm",
            _("Incoterms® 2020 compared"),
            _("Who delivers where, when the risk passes, who pays each cost and who insures."),
        ),
        Topic(
            "price-buildup",
            _("Export price build-up"),
            _(
                "From the ex-works price to the price at every Incoterm, with insurance, margin and commission."
            ),
            inputs=(
                Input("currency", _("Currency"), "currency", True, initial="EUR"),
                Input("exw", _("Ex-works price (packing included)"), required=True),
                *COST_INPUTS,
                Input(
                    "insurance_rate",
                    _("Insurance rate (e.g. 0.003 = 0.3 %)"),
                    required=True,
                    initial="0.003",
                ),
                Input("insured_pct", _("Insured value (% of the CIF/CIP price)"), initial="110"),
                Input("cost_price", _("Cost price (to check margin and mark-up)")),
                Input("margin_rate", _("Target margin rate on the selling price (e.g. 0.25)")),
                Input("markup_rate", _("Or mark-up rate on the cost (e.g. 0.35)")),
                Input("commission_rate", _("Agent commission on the selling price (e.g. 0.05)")),
            ),
        ),
        Topic(
            "fx",
            _("Currency conversion"),
            _("ECB reference rate of the day, or the last fixing before it."),
            inputs=(
                Input("amount", _("Amount"), required=True),
                Input("from", _("From currency"), "currency", True, initial="USD"),
                Input("to", _("To currency"), "currency", True, initial="EUR"),
                Input("date", _("Rate date"), "date", True),
                Input("use_company_rates", _("Use our own rates (bank, budget) first"), "bool"),
            ),
        ),
        Topic(
            "chargeable-weight",
            _("Chargeable weight"),
            _("Actual against volumetric weight, per transport mode."),
            inputs=(
                Input(
                    "mode",
                    _("Mode"),
                    "choice",
                    True,
                    (
                        ("air", _("Air")),
                        ("express", _("Express")),
                        ("road", _("Road")),
                        ("sea_lcl", _("Sea LCL")),
                    ),
                    initial="air",
                ),
                Input(
                    "basis",
                    _("Weight taken"),
                    "choice",
                    False,
                    (
                        ("piece", _("Package by package (express, air parcels)")),
                        ("shipment", _("On the whole shipment (air cargo, road, sea)")),
                    ),
                    help=_(
                        "Left empty: package by package for express, as DHL, UPS and FedEx "
                        "charge; on the whole consignment for the other modes (IATA for air)."
                    ),
                ),
                Input("divisor_cm3_per_kg", _("Divisor (cm³ per kg), if not the usual one"), "int"),
                Input("kg_per_m3", _("Or kg per m³, if not the usual one")),
            ),
            rows=(
                Rows(
                    "pieces",
                    _("Pieces"),
                    5,
                    (
                        Input("length_cm", _("Length (cm)")),
                        Input("width_cm", _("Width (cm)")),
                        Input("height_cm", _("Height (cm)")),
                        Input("weight_kg", _("Weight per piece (kg)")),
                        Input("quantity", _("Quantity"), "int"),
                    ),
                ),
            ),
        ),
        Topic(
            "loading-metres",
            _("Loading metres"),
            _("Floor length the pallets take on a 2.40 m wide trailer, and the weight charged."),
            inputs=(Input("kg_per_ldm", _("Kg charged per loading metre"), initial="1850"),),
            rows=(
                Rows(
                    "pallets",
                    _("Pallets"),
                    4,
                    (
                        Input("length_cm", _("Length (cm)")),
                        Input("width_cm", _("Width (cm)")),
                        Input("quantity", _("Quantity"), "int"),
                        Input("stackable_levels", _("Stackable levels"), "int"),
                        Input("weight_kg", _("Weight per pallet (kg)")),
                    ),
                ),
            ),
        ),
        Topic(
            "landed-cost",
            _("Duties, import VAT and landed cost"),
            _("Customs value at the EU border, duty, import VAT and the cost per unit."),
            inputs=(
                Input(
                    "incoterm",
                    _("Incoterm of the purchase (for guidance)"),
                    "choice",
                    False,
                    INCOTERM_CHOICES,
                ),
                Input("currency", _("Currency"), "currency", True, initial="EUR"),
                Input("goods_value", _("Goods value (invoice)"), required=True),
                Input("freight_to_border", _("Freight to the EU border not in the price")),
                Input("insurance_to_border", _("Insurance to the EU border not in the price")),
                Input("duty_rate_pct", _("Duty rate (%)"), required=True),
                Input("vat_rate_pct", _("Import VAT rate (%)"), initial="20"),
                Input("other_taxes", _("Other taxes (excise, anti-dumping...)")),
                Input(
                    "carriage_after_border",
                    _("Carriage from the EU border to the first place of destination"),
                    help=_(
                        "Out of the customs value (UCC art. 72(a)), in the import VAT base "
                        "(VAT Directive art. 86(1)(b))."
                    ),
                ),
                Input(
                    "carriage_after_border_in_price",
                    _("That carriage is included in the goods value (shown separately)"),
                    "bool",
                    initial=True,
                    help=_(
                        "Ticked for CPT, CIP, DAP, DPU purchases; unticked when you pay the "
                        "haulier yourself (EXW, FCA, FAS, FOB)."
                    ),
                ),
                Input(
                    "costs_after_border",
                    _("Other costs after the border to the first destination"),
                ),
                Input("quantity", _("Quantity (units)"), "int", initial=1),
                Input("vat_recoverable", _("Import VAT is recoverable"), "bool", initial=True),
            ),
        ),
        Topic(
            "lc-dates",
            _("Documentary credit: latest presentation"),
            _("The last day to present the documents (UCP 600 art. 14 c and 29 a)."),
            inputs=(
                Input("shipment_date", _("Shipment date (bill of lading)"), "date", True),
                Input("expiry_date", _("Expiry date of the credit"), "date", True),
                Input("presentation_days", _("Presentation period (days)"), "int", initial=21),
                Input(
                    "bank_country",
                    _("Country of the place of presentation"),
                    "country",
                    initial="FR",
                ),
            ),
        ),
        Topic(
            "lc-amount",
            _("Documentary credit: amount tolerance"),
            _(
                "Minimum and maximum drawing, what is left, whether an invoice fits (UCP 600 art. 30)."
            ),
            inputs=(
                Input("credit_amount", _("Credit amount"), required=True),
                Input("about", _("The amount is “about” (± 10 %)"), "bool"),
                Input("tolerance_plus_pct", _("Tolerance + (%)")),
                Input("tolerance_minus_pct", _("Tolerance − (%)")),
                Input(
                    "partial_shipments_allowed",
                    _("Partial shipments allowed"),
                    "bool",
                    initial=True,
                ),
                Input("drawn", _("Already drawn")),
                Input("invoice_amount", _("Invoice to present")),
            ),
        ),
        Topic(
            "claim",
            _("Transport claim deadlines"),
            _("Notice deadline, time bar and the carrier's liability cap."),
            inputs=(
                Input(
                    "convention",
                    _("Convention"),
                    "choice",
                    True,
                    (
                        ("CMR", _("Road — CMR")),
                        ("MONTREAL", _("Air — Montreal")),
                        ("HAGUE_VISBY", _("Sea — Hague-Visby")),
                        ("FR_DOMESTIC", _("Road within France — contrat type général")),
                    ),
                ),
                Input("delivery_date", _("Delivery date"), "date", True),
                Input(
                    "kind",
                    _("Damage"),
                    "choice",
                    True,
                    (
                        ("apparent_damage", _("Apparent damage")),
                        ("hidden_damage", _("Hidden damage")),
                        ("partial_loss", _("Partial loss")),
                        ("delay", _("Delay")),
                        ("total_loss", _("Total loss (never delivered)")),
                    ),
                ),
                Input("gross_weight_kg", _("Gross weight concerned (kg)"), required=True),
                Input(
                    "consignment_weight_kg",
                    _("Gross weight of the whole consignment (kg, road within France)"),
                ),
                Input("packages", _("Packages concerned"), "int"),
                Input("sdr_rate", _("Value of one SDR (EUR)"), required=True, initial="1.20"),
                Input("carriage_charges", _("Carriage charges (delay under CMR)")),
                Input("country", _("Country of delivery (holidays)"), "country", initial="FR"),
            ),
        ),
        Topic(
            "score",
            _("Weighted scoring"),
            _("Compare suppliers, carriers or offers on weighted criteria (méthode des scores)."),
            inputs=(Input("scale_max", _("Grades out of"), "int", initial=10),),
        ),
    )
}

#: How many criteria and options the scoring page offers.
SCORE_CRITERIA = 6
SCORE_OPTIONS = 5
