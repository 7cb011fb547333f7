"""A checked status report kept between its preview and the user's confirmation.

The file is written under the private working folder (``var/``, readable by its owner only),
named after its user and a random token: only that user can import it, once (it is deleted
when taken), and files left more than a day are removed at the next upload.
"""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User

#: Uploads kept longer than this are removed.
KEEP_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "uploads" / "status-reports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _clean(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            pass


def keep(user: User, content: bytes, filename: str, time_zone: str) -> str:
    """Keep a checked file; returns the token the confirmation sends back."""
    folder = _folder()
    _clean(folder)
    token = secrets.token_urlsafe(16)
    stem = f"{user.pk}-{token}"
    (folder / f"{stem}.data").write_bytes(content)
    (folder / f"{stem}.json").write_text(
        json.dumps({"filename": filename, "time_zone": time_zone}), encoding="utf-8"
    )
    return token


def take(user: User, token: str) -> tuple[bytes, str, str] | None:
    """The file kept under ``token`` for this user (then forgotten), or None."""
    if not token.replace("-", "").replace("_", "").isalnum() or len(token) > 40:
        return None
    folder = _folder()
    data, meta = folder / f"{user.pk}-{token}.data", folder / f"{user.pk}-{token}.json"
    try:
        content = data.read_bytes()
        about = json.loads(meta.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    data.unlink(missing_ok=True)
    meta.unlink(missing_ok=True)
    return content, str(about["filename"]), str(about["time_zone"])
