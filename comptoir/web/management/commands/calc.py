"""``comptoir calc TOPIC --json 'INPUT'`` (or ``--file INPUT.json``): one trade calculation.

The computation is the trade core's (``comptoir.trade.calc``), the same one the web pages
and the API use.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from comptoir.calculators.models import company_rates_for
from comptoir.trade import calc
from comptoir.trade.errors import TradeInputError

from .. import jsoncli


class Command(BaseCommand):
    help = "Run a trade calculator: " + ", ".join(calc.TOPICS)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("topic", help="One of: " + ", ".join(calc.TOPICS))
        jsoncli.add_input_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        topic = options["topic"]
        if topic not in calc.TOPICS:
            jsoncli.fail(f"Unknown topic {topic!r}; topics: {', '.join(calc.TOPICS)}", "topic")
        payload = jsoncli.read_payload(options)
        try:
            result = calc.run(topic, payload, company_rates=company_rates_for(topic, payload))
        except TradeInputError as exc:
            jsoncli.fail(exc.message, exc.field)
        jsoncli.write_result(result)
