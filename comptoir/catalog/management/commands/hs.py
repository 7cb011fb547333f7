"""``comptoir hs import PATH`` and ``comptoir hs search "TEXT" --top N --json``."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from comptoir.catalog import hs_index, services


class Command(BaseCommand):
    help = "HS nomenclature: import a CSV (section,hscode,description,parent,level) or search it."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Replace the nomenclature with a CSV file.")
        imp.add_argument("path")
        search = sub.add_parser(
            "search", help="Search the nomenclature by words (French or English)."
        )
        search.add_argument("text")
        search.add_argument("--top", type=int, default=10)
        search.add_argument("--json", action="store_true", help="Print a JSON list.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            try:
                with open(options["path"], encoding="utf-8-sig", newline="") as stream:
                    result = services.import_hs_nomenclature(stream=stream, user=None)
            except FileNotFoundError as exc:
                raise CommandError(f"No such file: {options['path']}") from exc
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            self.stdout.write(f"{result.rows} HS codes loaded ({result.subheadings} subheadings).")
            return
        if not hs_index.is_loaded():
            raise CommandError(
                "No HS nomenclature is loaded: run `comptoir hs import FILE.csv` first."
            )
        if options["top"] < 1:
            raise CommandError("--top must be at least 1.")
        hits = hs_index.search(options["text"], top=options["top"])
        if options["json"]:
            sys.stdout.write(
                json.dumps([services.hs_hit_json(h) for h in hits], ensure_ascii=False) + "\n"
            )
            return
        for hit in hits:
            self.stdout.write(f"{hit.code}  {hit.score:6.2f}  {hit.description[:90]}")
