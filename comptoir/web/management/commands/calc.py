"""``comptoir calc TOPIC --json 'INPUT'`` (or ``--file INPUT.json``): one trade calculation.

Prints one JSON object on stdout and exits 0; bad input prints
``{"error": MESSAGE, "field": NAME}`` and exits 2. The computation is the trade core's
(``comptoir.trade.calc``), the same one the web pages and the API use.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from comptoir.calculators.models import company_rates_for
from comptoir.trade import calc
from comptoir.trade.errors import TradeInputError


def _fail(message: str, field: str | None) -> None:
    sys.stdout.write(json.dumps({"error": message, "field": field}, ensure_ascii=False) + "\n")
    sys.exit(2)


class Command(BaseCommand):
    help = "Run a trade calculator: " + ", ".join(calc.TOPICS)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("topic", help="One of: " + ", ".join(calc.TOPICS))
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--json", dest="json_text", help="The input as a JSON object.")
        source.add_argument("--file", help="A file holding the input JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["topic"] not in calc.TOPICS:
            _fail(f"Unknown topic {options['topic']!r}; topics: {', '.join(calc.TOPICS)}", "topic")
        try:
            if options["file"]:
                with open(options["file"], encoding="utf-8") as stream:
                    text = stream.read()
            else:
                text = options["json_text"]
            payload = json.loads(text)
        except OSError as exc:
            _fail(f"Cannot read the input file: {exc.strerror}", "file")
        except json.JSONDecodeError as exc:
            _fail(
                f"The input is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                None,
            )
        if not isinstance(payload, dict):
            _fail("The input must be a JSON object.", None)
        try:
            result = calc.run(
                options["topic"],
                payload,
                company_rates=company_rates_for(options["topic"], payload),
            )
        except TradeInputError as exc:
            _fail(exc.message, exc.field)
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
