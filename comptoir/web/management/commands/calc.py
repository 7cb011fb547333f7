"""``comptoir calc TOPIC --json 'INPUT'`` (or ``--file INPUT.json``): one trade calculation.

The computation is the trade core's (``comptoir.trade.calc``), the same one the web pages
and the API use.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from comptoir.calculators.models import company_rates_for
from comptoir.calculators.texts import localised, with_french
from comptoir.trade import calc
from comptoir.trade.errors import TradeInputError

from .. import jsoncli


class Command(BaseCommand):
    help = "Run a trade calculator: " + ", ".join(calc.TOPICS)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("topic", help="One of: " + ", ".join(calc.TOPICS))
        jsoncli.add_input_arguments(parser)
        parser.add_argument(
            "--language",
            choices=("en", "fr"),
            help="Write the texts (steps, rule, notes) in this language only; by default "
            "in English with steps_fr, rule_fr and guidance_fr in French.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        topic = options["topic"]
        if topic not in calc.TOPICS:
            jsoncli.fail(f"Unknown topic {topic!r}; topics: {', '.join(calc.TOPICS)}", "topic")
        payload = jsoncli.read_payload(options)
        try:
            result = calc.run(topic, payload, company_rates=company_rates_for(topic, payload))
        except TradeInputError as exc:
            jsoncli.fail(exc.message, exc.field)
        language = options.get("language")
        jsoncli.write_result(localised(result, language) if language else with_french(result))
