"""``comptoir sales rebuild-facts``: the sales facts written again from the issued documents."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from comptoir.sales import facts


class Command(BaseCommand):
    help = "Sales: maintenance of the sales facts the dashboards and the pivot read."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "rebuild-facts",
            help="Write every sales fact again from the issued invoices and credit notes, "
            "all or nothing (one transaction): after restoring data, or after entering an "
            "agent contract that should count on documents already issued.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            written = facts.rebuild()
        self.stdout.write(f"{written} sales facts written.")
