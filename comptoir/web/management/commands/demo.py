"""``comptoir demo``: load the demo company (Maison Ferrand) into the database."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from comptoir.demo import DEMO_PASSWORD, DEMO_USERS, build_demo
from comptoir.parties.models import Company

from ..language import terminal_language


class Command(BaseCommand):
    help = "Load the demo company: users for each role, partners, contacts, products, prices, HS codes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has companies.",
        )
        parser.add_argument(
            "--no-hs", action="store_true", help="Do not load the bundled HS 2022 nomenclature."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if Company.objects.exists():
            if options["if_empty"]:
                self._print_logins()
                return
            raise CommandError(
                "The database already has data: the demo loads into an empty database only."
            )
        counts = build_demo(load_hs=not options["no_hs"])
        self.stdout.write(
            self.style.SUCCESS(
                "Demo loaded: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
            )
        )
        self._print_logins()

    def _print_logins(self) -> None:
        # Role names in the terminal's language, like the heading (never French in an English shell).
        with translation.override(terminal_language()):
            self.stdout.write(
                gettext("Demo logins (password for all: %(password)s):")
                % {"password": DEMO_PASSWORD}
            )
            for username, first, last, role, _lang in DEMO_USERS:
                self.stdout.write(f"  {username:<8} {first} {last} — {role.label}")
