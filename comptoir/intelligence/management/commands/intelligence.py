"""``comptoir intelligence poll``: queue the reading of the sources due, for cron.

The worker's daily jobs read the sources due once a day; a source read every hour needs
this command from cron (e.g. ``0 * * * * comptoir intelligence poll``). ``--now`` reads
them in this process instead of queuing them (no worker needed); ``--source ID`` reads one.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from comptoir.intelligence import services


class Command(BaseCommand):
    help = "Market intelligence: 'poll' queues the reading of the sources due (for cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["poll"])
        parser.add_argument("--now", action="store_true", help="read here, not in the queue")
        parser.add_argument("--source", type=int, help="read this source only, now")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["source"]:
            result = services.poll_source(options["source"])
            self.stdout.write(json.dumps({"source": options["source"], **result}))
            return
        if options["now"]:
            report: dict[str, Any] = {}
            for source in services.due_sources():
                report[str(source.pk)] = services.poll_source(source.pk)
            self.stdout.write(json.dumps({"read": len(report), "sources": report}, indent=2))
            return
        queued = services.poll_due()
        if queued < 0:  # pragma: no cover - poll_due counts
            raise CommandError("nothing queued")
        self.stdout.write(json.dumps({"queued": queued}))
