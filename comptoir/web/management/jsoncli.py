"""Shared plumbing of the JSON commands (``comptoir calc``, ``comptoir pack``).

One JSON object in (``--json TEXT`` or ``--file PATH``), one JSON object out on stdout with
exit 0; bad input prints ``{"error": MESSAGE, "field": NAME}`` and exits 2.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from typing import Any, NoReturn


def add_input_arguments(parser: ArgumentParser, *, file_required: bool = False) -> None:
    if file_required:
        parser.add_argument("--file", required=True, help="A file holding the input JSON object.")
        return
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--json", dest="json_text", help="The input as a JSON object.")
    source.add_argument("--file", help="A file holding the input JSON object.")


def fail(message: str, field: str | None) -> NoReturn:
    sys.stdout.write(json.dumps({"error": message, "field": field}, ensure_ascii=False) + "\n")
    sys.exit(2)


def read_payload(options: dict[str, Any]) -> dict[str, Any]:
    try:
        if options.get("file"):
            with open(options["file"], encoding="utf-8") as stream:
                text = stream.read()
        else:
            text = options["json_text"]
        payload = json.loads(text)
    except OSError as exc:
        fail(f"Cannot read the input file: {exc.strerror}", "file")
    except json.JSONDecodeError as exc:
        fail(
            f"The input is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", None
        )
    if not isinstance(payload, dict):
        fail("The input must be a JSON object.", None)
    return payload


def write_result(result: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
