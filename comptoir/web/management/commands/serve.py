"""``comptoir serve``: migrate, load the demo on first run if asked, and serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Apply migrations, optionally load the demo data on first run, and serve Comptoir."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--demo", action="store_true", help="Load the demo company if the database is empty."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if options["demo"]:
            call_command("demo", if_empty=True)
        host, _sep, port = options["addrport"].rpartition(":")
        self.stdout.write(
            self.style.SUCCESS(f"Comptoir is served on http://{options['addrport']}/")
        )
        # runserver serves static files through WhiteNoise, so this works with debug off.
        call_command("runserver", options["addrport"], use_reloader=False, use_threading=True)
