"""``comptoir lc check --file CHECK.json [--lang fr|en]``: check documents under a credit.

The checker is the trade core's (``comptoir.trade.lc_check``, UCP 600 / ISBP 821), the
same one the API (``POST /api/lc/check``) and the page ``/calculators/lc-check/`` use.
Prints ``{"compliant", "discrepancies", "last_presentation_date", "steps"}`` and exits 0,
whether the documents comply or not; bad input prints ``{"error", "field"}`` and exits 2.
``--file -`` reads the standard input. At most 1 MB is read.
"""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from comptoir.calculators.texts import translate
from comptoir.trade import lc_check
from comptoir.trade.errors import TradeInputError

#: Largest input read, in bytes (a presentation of 50 documents is a few dozen kB).
MAX_INPUT_BYTES = 1_000_000


def _fail(message: str, field: str | None) -> NoReturn:
    sys.stdout.write(json.dumps({"error": message, "field": field}, ensure_ascii=False) + "\n")
    sys.exit(2)


def _read(path: str) -> Any:
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(path, "rb") as stream:
                raw = stream.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        _fail(f"Cannot read the input file: {exc.strerror}", "file")
    if len(raw) > MAX_INPUT_BYTES:
        _fail(f"The input file is larger than {MAX_INPUT_BYTES} bytes.", "file")
    try:
        payload = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        _fail("The input file is not UTF-8 text.", "file")
    except json.JSONDecodeError as exc:
        _fail(
            f"The input is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", None
        )
    if not isinstance(payload, dict):
        _fail("The input must be a JSON object.", None)
    return payload


class Command(BaseCommand):
    help = "Documentary credits: check presented documents against the credit (UCP 600 / ISBP 821)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "check", help="check a presentation: prints the discrepancies as JSON"
        )
        check.add_argument(
            "--file", required=True, help="CHECK.json: {credit, presentation} (- for stdin)"
        )
        check.add_argument(
            "--lang",
            choices=lc_check.LANGUAGES,
            default="en",
            help="language of the messages and steps (default en)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        payload = _read(options["file"])
        try:
            result = lc_check.check_presentation(
                payload, language=options["lang"], translate=translate
            )
        except TradeInputError as exc:
            _fail(exc.message, exc.field)
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
