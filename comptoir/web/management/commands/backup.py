"""``comptoir backup [PATH]``: a consistent copy of the database, even while it is in use.

SQLite: the online backup API; PostgreSQL: ``pg_dump --format=custom``. Default file:
``var/backups/comptoir-YYYYMMDD-HHMMSS.sqlite3`` (or ``.dump``), readable by its owner only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from comptoir import backups


class Command(BaseCommand):
    help = "Back up the database (a consistent copy, even while Comptoir is in use)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            help="The backup file to write (default var/backups/comptoir-YYYYMMDD-HHMMSS.*).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = backups.backup(Path(options["path"]) if options["path"] else None)
        except backups.BackupError as exc:
            raise CommandError(exc.message) from None
        size_mb = path.stat().st_size / 1_000_000
        self.stdout.write(f"Backup written and checked: {path} ({size_mb:.1f} MB)")
