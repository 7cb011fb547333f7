"""``comptoir pack --file PLAN.json``: a load plan (boxes into a container or onto a pallet).

Input: ``{"container": {...}, "boxes": [...], "options": {...}}`` as described in
docs/load-planning.md. Output: the plan (placements in loading order, boxes left out,
utilisation, centre of gravity) and the independent checker's violations (always empty for a
plan the engine produced). A box that fits in no allowed orientation, a zero or negative size
is refused with ``{"error", "field"}`` naming the box, exit 2.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from comptoir.trade.errors import TradeInputError
from comptoir.trade.packing import pack_json

from .. import jsoncli


class Command(BaseCommand):
    help = "Plan the loading of boxes into a container, truck or pallet (JSON in, JSON out)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        jsoncli.add_input_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        payload = jsoncli.read_payload(options)
        try:
            result = pack_json(payload)
        except TradeInputError as exc:
            jsoncli.fail(exc.message, exc.field)
        jsoncli.write_result(result)
