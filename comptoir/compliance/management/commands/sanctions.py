"""``comptoir sanctions import FILE``, ``update``, ``status``, ``screen "NAME"``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from comptoir.compliance import download, formats, selectors, services
from comptoir.trade import screening


class Command(BaseCommand):
    help = "Sanctions lists (EU, UN, OFAC SDN, UK): import, download, status, screen a name."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import an official file (format recognised).")
        imp.add_argument("path")
        upd = sub.add_parser("update", help="Download the official files and import them.")
        upd.add_argument("--list", choices=formats.SOURCES, action="append", dest="sources")
        sub.add_parser("status", help="The lists in use.")
        scr = sub.add_parser("screen", help="Screen a name against the lists in use.")
        scr.add_argument("name")
        scr.add_argument("--person", action="store_true", help="The name is a person's.")
        scr.add_argument("--country", default="")
        scr.add_argument("--birth-year", type=int, default=None)
        sub.add_parser("rescreen", help="Screen every company and contact again.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            path = Path(options["path"])
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            if path.stat().st_size > formats.MAX_FILE_BYTES:
                raise CommandError(
                    f"{path} is larger than {formats.MAX_FILE_BYTES // (1024 * 1024)} MB."
                )
            self._import(path.read_bytes(), path.name)
        elif action == "update":
            failures = 0
            for source in options["sources"] or formats.SOURCES:
                try:
                    got = download.fetch(source)
                except download.DownloadError as exc:
                    failures += 1
                    self.stderr.write(str(exc))
                    continue
                self._import(got.data, got.url.rsplit("/", 1)[-1][:100])
            if failures:
                raise CommandError(f"{failures} list(s) not updated.")
        elif action == "status":
            for row in selectors.lists_overview():
                version = row["version"]
                if version is None:
                    self.stdout.write(f"{row['source']:5} not loaded")
                else:
                    self.stdout.write(
                        f"{row['source']:5} published {version.published_on or '?'}, "
                        f"{version.entry_count} entries, {version.name_count} names, "
                        f"imported {version.imported_at:%Y-%m-%d %H:%M}, sha256 {version.sha256[:12]}"
                    )
        elif action == "screen":
            index = services.current_index()
            if index is None:
                raise CommandError("No list is loaded: run `comptoir sanctions import FILE`.")
            subject = screening.Subject(
                names=(options["name"],),
                kind=screening.PERSON if options["person"] else screening.ENTITY,
                countries=(options["country"],) if options["country"] else (),
                birth_year=options["birth_year"],
            )
            matches, compared = index.screen(subject)
            self.stdout.write(f"{len(matches)} hit(s), {compared} names compared")
            for found in matches[:20]:
                entry = index.entries[found.ref]
                self.stdout.write(f"{found.percent:3d} %  {entry.names[0]}  ({found.listed_name})")
                for reason in found.reasons:
                    self.stdout.write(f"        {reason}")
        else:
            screened, open_hits = services.screen_everyone()
            self.stdout.write(f"{screened} parties screened, {open_hits} hits to review.")

    def _import(self, data: bytes, name: str) -> None:
        try:
            result = services.import_list(data=data, file_name=name, user=None)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        version = result.version
        if not result.created:
            self.stdout.write(f"{version}: this file is already the version in use.")
            return
        self.stdout.write(
            f"{version}: {version.entry_count} entries ({version.person_count} persons, "
            f"{version.entity_count} entities), {version.name_count} names imported; "
            "everyone is being screened again."
        )
