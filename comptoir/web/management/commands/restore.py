"""``comptoir restore PATH``: replace the database with a backup made by ``comptoir backup``.

All or nothing. Refuses a damaged backup, a backup of the other kind of database or of a newer
Comptoir, and a database that another process has open (stop the server and the worker first).
The database being replaced is backed up first to ``var/backups/…-before-restore``. After the
restore, the database is checked again and every issued invoice's stored PDF is compared with
the SHA-256 recorded when it was issued.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from comptoir import backups
from comptoir.sales.billing import verify_pdf
from comptoir.sales.models import Invoice


def damaged_invoice_pdfs() -> tuple[int, list[str]]:
    """How many issued documents carry a stored PDF, and those whose PDF no longer matches."""
    checked, damaged = 0, []
    issued = Invoice.objects.exclude(pdf_sha256="").only("pk", "number", "pdf", "pdf_sha256")
    for invoice in issued.iterator(chunk_size=200):
        checked += 1
        if not verify_pdf(invoice):
            damaged.append(invoice.number or str(invoice.pk))
    return checked, damaged


class Command(BaseCommand):
    help = "Replace the database with a backup (stop the server and the worker first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="A file written by `comptoir backup`.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["path"])
        if options["interactive"]:
            answer = input(
                f"Every record of the current database will be replaced by those of {source}.\n"
                "(A copy of the current database is kept in var/backups/.) Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            result = backups.restore(source)
        except backups.BackupError as exc:
            raise CommandError(exc.message) from None
        if result.previous_copy:
            self.stdout.write(f"The database as it was is kept in {result.previous_copy}")
        self.stdout.write(f"Restored from {source}; {result.check}")
        if result.pending_migrations:
            self.stdout.write(
                f"The backup predates {result.pending_migrations} migration(s) of this version: "
                "run `comptoir migrate` (`comptoir serve` does it when it starts)."
            )
            return
        checked, damaged = damaged_invoice_pdfs()
        if damaged:
            raise CommandError(
                f"{len(damaged)} of {checked} stored invoice PDFs do not match their SHA-256: "
                + ", ".join(damaged[:10])
            )
        self.stdout.write(f"{checked} stored invoice PDFs match the SHA-256 recorded at issue.")
