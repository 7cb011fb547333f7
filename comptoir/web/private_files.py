"""The SQLite database file is readable by its owner only (0600).

SQLite creates the file with the process umask (often 0644) on the first connection, and
its -wal and -shm files take the database file's permissions, so tightening the main file
as each connection opens covers all three.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

PRIVATE_FILE_MODE = 0o600


def restrict_sqlite_file(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in (Path(name), Path(name + "-wal"), Path(name + "-shm")):
        try:
            status = path.stat()
        except FileNotFoundError:
            continue
        if status.st_uid == os.getuid() and status.st_mode & 0o077:
            path.chmod(PRIVATE_FILE_MODE)
