"""Rules of a graphic charter and of promotional prices, pure Python.

- Colours are written ``#RRGGBB`` (or ``#RGB``), the CSS hexadecimal notation.
- Contrast: WCAG 2.1, success criterion 1.4.3 "Contrast (Minimum)": text and its background
  need a contrast ratio of at least 4.5:1, large text (18 pt, or 14 pt bold: our headings)
  at least 3:1. The ratio is (L1 + 0.05) / (L2 + 0.05), L1 the lighter colour's relative
  luminance, L2 the darker's; the relative luminance is the WCAG 2.1 definition
  (sRGB channels linearised, 0.2126 R + 0.7152 G + 0.0722 B).
- A promotional price is shown with its discount on the usual price, in whole percent
  rounded half-up (French "prix barré" practice: the reference price is the usual price,
  Code de la consommation art. L112-1-1); a promotional price below the cost price is a
  sale at a loss, forbidden for resale in France (Code de commerce art. L442-5) and a
  margin lost anyway: it is flagged, not refused (a clearance may be wanted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .errors import TradeInputError
from .texts import Text

#: WCAG 2.1 SC 1.4.3: normal text
MIN_TEXT_CONTRAST = Decimal("4.5")
#: WCAG 2.1 SC 1.4.3: large text (headings)
MIN_LARGE_TEXT_CONTRAST = Decimal("3")

WHITE = "#FFFFFF"
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def normalise_colour(value: str, field: str = "colour") -> str:
    """``#1a2b3c`` / ``1A2B3C`` / ``#abc`` -> ``#1A2B3C``; anything else is refused."""
    match = _HEX.match(value.strip())
    if not match:
        raise TradeInputError(
            Text("{value} is not a colour; write it #RRGGBB (e.g. #1F4E79).", value=value),
            field,
        )
    digits = match.group(1).upper()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return "#" + digits


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.03928 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a colour, 0 (black) to 1 (white)."""
    digits = normalise_colour(colour)[1:]
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> Decimal:
    """The WCAG 2.1 contrast ratio of two colours, 1 to 21, rounded down to 2 decimals
    (rounding down: a ratio of 4.499 must not pass as 4.5)."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    ratio = Decimal(repr((lighter + 0.05) / (darker + 0.05)))
    return ratio.quantize(Decimal("0.01"), rounding="ROUND_DOWN")


@dataclass(frozen=True)
class ContrastCheck:
    """One pair of the charter that text is written on, and its ratio against the minimum."""

    label: Text
    foreground: str
    background: str
    ratio: Decimal
    minimum: Decimal

    @property
    def passes(self) -> bool:
        return self.ratio >= self.minimum


def charter_checks(
    *, primary: str, secondary: str, text_on_primary: str, page: str = WHITE
) -> list[ContrastCheck]:
    """The pairs a charter's documents print text on: the text colour on the primary colour
    (title bars, table headers: normal text, 4.5:1) and the secondary colour on the page
    (headings: large text, 3:1)."""
    return [
        ContrastCheck(
            Text("text on the primary colour"),
            text_on_primary,
            primary,
            contrast_ratio(text_on_primary, primary),
            MIN_TEXT_CONTRAST,
        ),
        ContrastCheck(
            Text("headings in the secondary colour on the page"),
            secondary,
            page,
            contrast_ratio(secondary, page),
            MIN_LARGE_TEXT_CONTRAST,
        ),
    ]


def charter_problems(
    *, primary: str, secondary: str, text_on_primary: str, page: str = WHITE
) -> list[Text]:
    """Why a charter would print unreadable text (empty when it is readable)."""
    return [
        contrast_problem(check)
        for check in charter_checks(
            primary=primary, secondary=secondary, text_on_primary=text_on_primary, page=page
        )
        if not check.passes
    ]


def contrast_problem(check: ContrastCheck) -> Text:
    return Text(
        "Unreadable charter: {label} has a contrast ratio of {ratio}:1, below the "
        "{minimum}:1 that WCAG 2.1 (1.4.3) asks; choose a darker or lighter colour.",
        label=check.label,
        ratio=check.ratio,
        minimum=check.minimum,
    )


def readable_on(background: str) -> str:
    """Black or white, whichever contrasts most with ``background`` (a suggestion)."""
    if contrast_ratio("#000000", background) >= contrast_ratio(WHITE, background):
        return "#000000"
    return WHITE


# --------------------------------------------------------------------------- promotions


@dataclass(frozen=True)
class PromotionalPrice:
    usual: Decimal
    promotional: Decimal
    discount_percent: Decimal
    below_cost: bool


def discount_percent(usual: Decimal, promotional: Decimal) -> Decimal:
    """The discount of ``promotional`` on ``usual``, in whole percent, rounded half-up."""
    if usual <= 0:
        raise TradeInputError(Text("The usual price must be above zero."))
    if promotional < 0:
        raise TradeInputError(Text("A promotional price cannot be negative."))
    if promotional > usual:
        raise TradeInputError(
            Text(
                "The promotional price {promotional} is above the usual price {usual}.",
                promotional=promotional,
                usual=usual,
            )
        )
    return ((usual - promotional) * 100 / usual).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def price_after_discount(usual: Decimal, percent: Decimal, places: int = 2) -> Decimal:
    """``usual`` less ``percent`` %, rounded half-up to ``places`` decimals."""
    if not Decimal(0) < percent < Decimal(100):
        raise TradeInputError(
            Text("A discount is between 0 and 100 %, not {percent} %.", percent=percent)
        )
    exponent = Decimal(1).scaleb(-places)
    return (usual * (100 - percent) / 100).quantize(exponent, rounding=ROUND_HALF_UP)


def promotional_price(
    usual: Decimal, promotional: Decimal, cost: Decimal | None
) -> PromotionalPrice:
    """The promotional price with its discount, flagged when it is below the cost price
    (both in the same currency)."""
    return PromotionalPrice(
        usual,
        promotional,
        discount_percent(usual, promotional),
        cost is not None and promotional < cost,
    )
