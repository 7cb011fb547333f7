"""The instance's working folder (``var/``: database, secret key, mail, stored documents).

The settings only read it; the ``comptoir`` command (every sub-command: ``serve``,
``migrate``, ``demo``, ``backup``...), the WSGI entry point and the test run prepare it
before Django starts: the folder private to its user, the static folder, the secret key.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_KEY_FILE = "secret_key"


def var_dir() -> Path:
    """``COMPTOIR_VAR_DIR``, else ``./var`` under the current folder."""
    return Path(os.environ.get("COMPTOIR_VAR_DIR", Path.cwd() / "var")).resolve()


def read_secret_key(folder: Path) -> str:
    """``COMPTOIR_SECRET_KEY``, else the key file made by :func:`prepare` ("" if none yet:
    Django then refuses to start, saying the key is empty)."""
    if key := os.environ.get("COMPTOIR_SECRET_KEY"):
        return key
    try:
        return (folder / SECRET_KEY_FILE).read_text().strip()
    except FileNotFoundError:
        return ""


def private_folder(path: Path) -> None:
    """var/ holds the database, the secret key and the stored documents: only the user
    running Comptoir may enter it (0700), also when it was made before by a looser umask."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700)


def prepare(folder: Path | None = None) -> Path:
    """Make the working folder ready: private, with its static folder (WhiteNoise warns when
    it is missing) and a secret key made once, unless ``COMPTOIR_SECRET_KEY`` gives one."""
    folder = var_dir() if folder is None else folder
    private_folder(folder)
    (folder / "static").mkdir(exist_ok=True)
    key_file = folder / SECRET_KEY_FILE
    if not os.environ.get("COMPTOIR_SECRET_KEY") and not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return folder
