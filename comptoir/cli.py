"""The ``comptoir`` console command.

Every sub-command is a Django management command (``serve``, ``demo``, ``calc``, ``hs``,
``migrate``...), so the CLI, the web views and the API call the same services.
"""

from __future__ import annotations

import os
import secrets
import sys

from comptoir import instance

#: Commands that read JSON and print JSON, with no database, files or secrets: run from any
#: folder they leave nothing behind (no ``var/``).
STATELESS_COMMANDS = frozenset({"pack", "lc"})


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in STATELESS_COMMANDS:
        # Django refuses an empty key; these commands sign and store nothing with it.
        os.environ.setdefault("COMPTOIR_SECRET_KEY", secrets.token_urlsafe(50))
    else:
        # The settings only read the working folder: the command makes it (and the key).
        instance.prepare()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["comptoir", *args])


if __name__ == "__main__":
    main()
