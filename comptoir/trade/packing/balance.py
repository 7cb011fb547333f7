"""Balance of a loaded unit: where the cargo's centre of gravity lies, lengthwise, sideways
and in height, and how the weight is shared between the two halves of the length.

Rules (IMO/ILO/UNECE Code of Practice for Packing of Cargo Transport Units, "CTU Code",
2014, annex 7, 3.1.4): the centre of gravity of the cargo should not be off the middle of
the length by more than 5 % of the length (10 % may be accepted in special circumstances);
as a rule of thumb, no more than 60 % of the cargo's mass in half of the length. The same
5 % is Comptoir's default sideways (a load off the centre line makes the unit lean and
overloads the wheels of one side), and heavy goods should lie low: the cargo's centre of
gravity above half the inner height is reported (annex 7, 3.1.3: heavy packages at the
bottom, light ones on top). The user may set other tolerances.

Each box's weight is taken as spread evenly over its length (a box straddling the middle
counts in both halves in proportion).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text, percent


@dataclass(frozen=True, slots=True)
class Tolerances:
    """What the user accepts; the defaults are the CTU Code's (see the module)."""

    lengthwise: Decimal = Decimal("0.05")
    sideways: Decimal = Decimal("0.05")
    half_length_share: Decimal = Decimal("0.60")
    height_ratio: Decimal = Decimal("0.50")

    def __post_init__(self) -> None:
        for name in ("lengthwise", "sideways"):
            value = getattr(self, name)
            if not (Decimal("0") <= value <= Decimal("0.5")):
                raise TradeInputError(f"{name} must lie between 0 and 0.5", name)
        if not (Decimal("0.5") <= self.half_length_share <= Decimal("1")):
            raise TradeInputError(
                "half_length_share must lie between 0.5 and 1", "half_length_share"
            )
        if not (Decimal("0") < self.height_ratio <= Decimal("1")):
            raise TradeInputError("height_ratio must lie between 0 and 1", "height_ratio")


@dataclass(frozen=True, slots=True)
class Cargo:
    """One box in the unit: corner nearest the front wall, floor and left side, size, kg."""

    x: float
    y: float
    z: float
    dx: float
    dy: float
    dz: float
    weight: float


@dataclass(frozen=True, slots=True)
class Balance:
    """The figures and what is out of tolerance (empty ``problems``: balanced).

    Offsets are signed shares of the length / width: positive lengthwise towards the doors,
    positive sideways towards the right-hand wall (y grows), as in the plan's drawings.
    """

    weight: float
    centre: tuple[float, float, float] | None
    lengthwise_offset: float
    sideways_offset: float
    front_half_share: float
    height_ratio: float
    problems: tuple[Text, ...]

    @property
    def balanced(self) -> bool:
        return not self.problems


def _share(value: float) -> Text:
    return percent(Decimal(str(round(value * 100, 1))))


def balance(
    length: float,
    width: float,
    height: float,
    cargo: Iterable[Cargo],
    tolerances: Tolerances | None = None,
) -> Balance:
    """The balance of ``cargo`` in a unit of inner ``length`` x ``width`` x ``height``."""
    if min(length, width, height) <= 0:
        raise TradeInputError("the unit's inner sizes must be positive", "length")
    tol = tolerances or Tolerances()
    total = sx = sy = sz = front = 0.0
    half = length / 2
    for c in cargo:
        if c.weight < 0:
            raise TradeInputError("a box's weight must not be negative", "weight")
        w = c.weight
        total += w
        sx += w * (c.x + c.dx / 2)
        sy += w * (c.y + c.dy / 2)
        sz += w * (c.z + c.dz / 2)
        if c.dx > 0:
            inside = max(0.0, min(c.x + c.dx, half) - max(c.x, 0.0))
            front += w * inside / c.dx
    if total <= 0:
        return Balance(0.0, None, 0.0, 0.0, 0.0, 0.0, ())
    centre = (sx / total, sy / total, sz / total)
    along = (centre[0] - half) / length
    across = (centre[1] - width / 2) / width
    front_share = front / total
    rise = centre[2] / height
    problems: list[Text] = []
    if abs(along) > float(tol.lengthwise):
        problems.append(
            Text(
                "The centre of gravity is {offset} of the length towards the {side}, "
                "beyond the {limit} accepted (CTU Code, annex 7, 3.1.4).",
                offset=_share(abs(along)),
                side=Text("doors") if along > 0 else Text("front wall"),
                limit=_share(float(tol.lengthwise)),
            )
        )
    if abs(across) > float(tol.sideways):
        problems.append(
            Text(
                "The centre of gravity is {offset} of the width off the centre line, "
                "beyond the {limit} accepted: the unit leans to one side.",
                offset=_share(abs(across)),
                limit=_share(float(tol.sideways)),
            )
        )
    heavier = max(front_share, 1 - front_share)
    if heavier > float(tol.half_length_share) + 1e-9:
        problems.append(
            Text(
                "{share} of the cargo's weight is in the {half} half of the length, more "
                "than the {limit} accepted (CTU Code, annex 7, 3.1.4).",
                share=_share(heavier),
                half=Text("front") if front_share >= 0.5 else Text("door-side"),
                limit=_share(float(tol.half_length_share)),
            )
        )
    if rise > float(tol.height_ratio):
        problems.append(
            Text(
                "The cargo's centre of gravity is at {share} of the inner height: heavy "
                "goods should be at the bottom (CTU Code, annex 7, 3.1.3).",
                share=_share(rise),
            )
        )
    return Balance(total, centre, along, across, front_share, rise, tuple(problems))
