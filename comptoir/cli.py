"""The ``comptoir`` console command.

Every sub-command is a Django management command (``serve``, ``demo``, ``calc``, ``hs``,
``migrate``...), so the CLI, the web views and the API call the same services.
"""

from __future__ import annotations

import os
import sys

from comptoir import instance


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    # The settings only read the working folder: the command makes it (and the secret key).
    instance.prepare()
    from django.core.management import execute_from_command_line

    args = sys.argv[1:] if argv is None else argv
    execute_from_command_line(["comptoir", *args])


if __name__ == "__main__":
    main()
