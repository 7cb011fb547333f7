"""Axle loads of a loaded truck, and the load distribution diagram of its body.

A truck body (a semi-trailer, or the body of a rigid truck) rests on two supports: at the
front, the king pin on the tractor's fifth wheel (semi-trailer) or the front axle (rigid
truck); at the back, the axle group. The cargo's weight ``W`` with its centre of gravity
at ``x`` (cm from the body's front wall) shares itself between them by the lever rule
(moments about the front support):

    rear = W * (x - front_at) / (rear_at - front_at),    front = W - rear

to which each support's load when empty (tare) is added. A load too far forward
overloads the king pin or the steering axle although the payload is kept; too far back,
the axle group. The *load distribution diagram* (plan de répartition des charges,
Lastverteilungsplan) gives, for each position of the centre of gravity, the heaviest
cargo that keeps both limits and the payload.

Limits: Council Directive 96/53/EC, annex I (as amended by Directive (EU) 2015/719):
single non-driving axle 10 t (3.1), single driving axle 11.5 t (3.4.1), trailer tridem
axles 21 t (spacing up to 1.3 m) or 24 t (1.3 to 1.4 m) (3.3), two-axle motor vehicle
18 t (2.2.1), five-axle articulated vehicle 40 t (2.2.2). The king pin's limit is the
tractor's (its plate); the figures of :data:`STANDARD_LAYOUTS` are editable defaults.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text


@dataclass(frozen=True, slots=True)
class AxleLayout:
    """Where a body rests and what each support may carry (cm from the front wall, kg)."""

    front_name: str  # "king pin" or "front axle"
    front_at: float
    front_tare: float
    front_limit: float
    rear_name: str  # "trailer axles" or "rear axle"
    rear_at: float
    rear_tare: float
    rear_limit: float

    def __post_init__(self) -> None:
        if not self.rear_at > self.front_at:
            raise TradeInputError("the rear axles must lie behind the front support", "rear_at")
        for name in ("front_tare", "rear_tare"):
            if getattr(self, name) < 0:
                raise TradeInputError(f"{name} must not be negative", name)
        for name in ("front_limit", "rear_limit"):
            if not getattr(self, name) > 0:
                raise TradeInputError(f"{name} must be positive", name)


#: Editable defaults for the standard truck types (see the module for the sources): a
#: 13.6 m semi-trailer, king pin 159 cm behind the front wall (ISO 1726 front radius
#: 2 040 mm), tridem centre 930 cm, about 7 t empty; a C 745 swap body on a two-axle
#: rigid truck (front axle 120 cm ahead of the body, wheelbase 600 cm).
STANDARD_LAYOUTS: dict[str, AxleLayout] = {
    "TRAILER136": AxleLayout(
        "king pin", 159.0, 2500.0, 12000.0, "trailer axles", 930.0, 4500.0, 24000.0
    ),
    "SWAP72": AxleLayout("front axle", -120.0, 4800.0, 7500.0, "rear axle", 480.0, 3200.0, 11500.0),
}


@dataclass(frozen=True, slots=True)
class AxleLoads:
    """The load on each support, its limit and what is wrong (empty ``problems``: legal)."""

    front: float
    rear: float
    front_limit: float
    rear_limit: float
    problems: tuple[Text, ...]

    @property
    def legal(self) -> bool:
        return not self.problems


def axle_loads(layout: AxleLayout, cargo: Iterable[tuple[float, float]]) -> AxleLoads:
    """The support loads for ``cargo``: (centre of the box lengthwise in cm, weight kg)."""
    total = moment = 0.0
    for centre, weight in cargo:
        if weight < 0:
            raise TradeInputError("a box's weight must not be negative", "weight")
        total += weight
        moment += weight * centre
    span = layout.rear_at - layout.front_at
    rear_share = (moment - total * layout.front_at) / span if total else 0.0
    rear = layout.rear_tare + rear_share
    front = layout.front_tare + total - rear_share
    problems: list[Text] = []
    for name, load, limit in (
        (layout.front_name, front, layout.front_limit),
        (layout.rear_name, rear, layout.rear_limit),
    ):
        if load > limit + 0.5:
            problems.append(
                Text(
                    "The {support} carries {load} kg, more than its {limit} kg (Directive "
                    "96/53/EC, annex I): move heavy goods {direction}.",
                    support=Text(name),
                    load=round(load),
                    limit=round(limit),
                    direction=Text("towards the doors")
                    if name == layout.front_name
                    else Text("towards the front wall"),
                )
            )
        if load < -0.5:
            problems.append(
                Text(
                    "The {support} would be lifted: the load tips the body.",
                    support=Text(name),
                )
            )
    return AxleLoads(front, rear, layout.front_limit, layout.rear_limit, tuple(problems))


def max_cargo_at(layout: AxleLayout, centre: float, payload: float) -> float:
    """The heaviest cargo whose centre of gravity is at ``centre`` (cm from the front wall)
    that keeps both supports within their limits, neither lifted, and the payload: one
    point of the load distribution diagram."""
    span = layout.rear_at - layout.front_at
    best = payload
    for lever, tare, limit in (
        (centre - layout.front_at, layout.rear_tare, layout.rear_limit),  # rear support
        (layout.rear_at - centre, layout.front_tare, layout.front_limit),  # front support
    ):
        # this support carries tare + W * lever / span
        if lever > 0:
            best = min(best, max(0.0, limit - tare) * span / lever)
        elif lever < 0:
            best = min(best, tare * span / -lever)  # beyond it, the other end lifts
    return max(0.0, best)


def distribution_diagram(
    layout: AxleLayout, length: float, payload: float, steps: int = 40
) -> list[tuple[float, float]]:
    """Points (centre of gravity in cm, heaviest cargo in kg) along the body's length."""
    if steps < 2 or steps > 1000:
        raise TradeInputError("steps must lie between 2 and 1000", "steps")
    return [
        (length * i / steps, max_cargo_at(layout, length * i / steps, payload))
        for i in range(steps + 1)
    ]
