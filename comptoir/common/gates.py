"""Checks that an area asks for before a step, without importing the areas that answer.

Sales confirms orders and shipping records departures, but the reasons to refuse them live
in areas above (sanctions screening, export licences, embargoes). Those areas register a
check in their AppConfig.ready, as they register shipment-page sections; the step's service
calls :func:`refusals` inside its transaction and refuses with every message returned.

A check takes the subject as keyword arguments (``order=`` for an order confirmation,
``shipment=`` for a departure) and returns the reasons it refuses, translated, or ``[]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ORDER_CONFIRMATION = "order.confirm"  # subject: order=sales Order
SHIPMENT_DEPARTURE = "shipment.depart"  # subject: shipment=shipping Shipment

Check = Callable[..., list[str]]

_CHECKS: dict[str, dict[str, Check]] = {}


def register(step: str, name: str, check: Check) -> None:
    """Add (or replace, on a second ready()) the check ``name`` before ``step``."""
    _CHECKS.setdefault(step, {})[name] = check


def unregister(step: str, name: str) -> None:
    _CHECKS.get(step, {}).pop(name, None)


def refusals(step: str, **subject: Any) -> list[str]:
    """Every reason the registered checks give to refuse ``step`` for this subject, in the
    order of the checks' names (so the message reads the same each time)."""
    reasons: list[str] = []
    for name in sorted(_CHECKS.get(step, {})):
        reasons.extend(_CHECKS[step][name](**subject))
    return reasons
