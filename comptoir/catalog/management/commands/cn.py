"""``comptoir cn import [PATH]`` and ``comptoir cn show CODE [--language fr]``.

``import`` without PATH loads the Combined Nomenclature 2026 shipped with Comptoir; with a
PATH, a CSV in the same layout (next year's CN). The whole file is checked first: one bad
row and nothing changes, every bad row is listed with its line.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from comptoir.catalog import selectors, services
from comptoir.catalog.models import HsCode


class Command(BaseCommand):
    help = "Combined Nomenclature: load a CN file (all or nothing) or show a code with its path."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help="Replace the CN with a CSV file (none: the bundled CN 2026)."
        )
        imp.add_argument("path", nargs="?", default="")
        show = sub.add_parser("show", help="A CN code with its chapter, heading and subheading.")
        show.add_argument("code")
        show.add_argument("--language", choices=["en", "fr"], default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "show":
            self._show(options["code"], options["language"])
            return
        path = options["path"]
        try:
            if not path:
                result = services.import_bundled_cn(user=None)
                if not HsCode.objects.exists():
                    # the classification help needs the HS texts too: load the bundled HS 2022
                    hs = services.import_bundled_hs(user=None)
                    self.stdout.write(f"{hs.rows} HS 2022 lines loaded (none were loaded).")
            else:
                if os.path.getsize(path) > services.MAX_CN_FILE_BYTES:
                    raise CommandError(
                        f"{path} is larger than {services.MAX_CN_FILE_BYTES // 2**20} MB: "
                        "not a nomenclature file."
                    )
                with open(path, encoding="utf-8-sig", newline="") as stream:
                    result = services.import_cn_nomenclature(stream=stream, user=None)
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {path}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text.") from exc
        except ValidationError as exc:
            raise CommandError(
                "Nothing was loaded:\n" + "\n".join(f"  {m}" for m in exc.messages)
            ) from exc
        self.stdout.write(f"{result.rows} CN lines loaded ({result.codes} eight-digit codes).")
        unknown = selectors.products_with_unknown_cn().count()
        if unknown:
            self.stdout.write(
                f"{unknown} product(s) have a CN code this nomenclature does not have: "
                "see the CN page."
            )

    def _show(self, code: str, language: str) -> None:
        chain = selectors.cn_chain(code)
        if not chain:
            raise CommandError(f"{code} is not in the loaded CN (run `comptoir cn import`).")
        for depth, entry in enumerate(chain):
            self.stdout.write(f"{'  ' * depth}{entry.display_code}  {entry.description(language)}")
        unit = chain[-1].supplementary_unit
        if unit:
            self.stdout.write(f"supplementary unit: {unit}")
