"""``comptoir daily``: the daily jobs at once (the worker queues them by itself each day)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from comptoir.jobs import daily


class Command(BaseCommand):
    help = "Expire past offers, propose the dunning run, queue the reminders of tasks due."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(json.dumps(daily.run_daily(), indent=2))
