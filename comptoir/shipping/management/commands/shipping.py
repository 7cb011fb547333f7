"""``comptoir shipping import-status FILE [--time-zone ZONE] [--dry-run] [--json]``."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comptoir.shipping import services, status_report


class Command(BaseCommand):
    help = "Shipments: import a forwarder's status report (CSV or XLSX)."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import-status",
            help="Import the tracking events of a status report: the valid rows in one go, "
            "the others listed with their line and reason.",
        )
        imp.add_argument("path")
        imp.add_argument(
            "--time-zone",
            default=settings.TIME_ZONE,
            help="Zone of the dates written without one (default: %(default)s).",
        )
        imp.add_argument("--dry-run", action="store_true", help="Check only, import nothing.")
        imp.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        try:
            with open(path, "rb") as stream:
                if options["dry_run"]:
                    report = status_report.preview(stream, path, options["time_zone"])
                else:
                    report = services.import_status_report(
                        stream=stream, filename=path, time_zone=options["time_zone"], user=None
                    )
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {path}") from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
        else:
            for problem in report.problems:
                self.stdout.write(f"line {problem.line} [{problem.column}] {problem.message}")
            verb = "would import" if options["dry_run"] else "imported"
            self.stdout.write(
                f"{report.rows_read} rows read: {verb} {report.importable} events on "
                f"{report.shipments} shipments ({report.steps_dated} steps dated), "
                f"{len(report.duplicates)} duplicates skipped, {len(report.problems)} refused."
            )
        if report.fatal:
            raise CommandError("The file was not imported.")
