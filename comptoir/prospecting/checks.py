"""The deployment check of prospecting (``comptoir check --deploy``): the links put in the
campaigns' e-mails need the address where Comptoir answers from outside."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def public_url_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """COMPTOIR_PUBLIC_URL is set on a server, to an absolute https:// address."""
    url = getattr(settings, "COMPTOIR_PUBLIC_URL", "") or ""
    if not url:
        return [
            checks.Warning(
                "COMPTOIR_PUBLIC_URL is not set: the unsubscribe links of the campaigns' "
                "e-mails would point to http://127.0.0.1:8000, which the recipients cannot "
                "open (GDPR: every e-mail must let its reader object).",
                hint="Set COMPTOIR_PUBLIC_URL to the address where Comptoir answers from "
                "outside, e.g. export COMPTOIR_PUBLIC_URL=https://comptoir.example.com "
                "(docs/deployment.md, Settings).",
                id="comptoir.W101",
            )
        ]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [
            checks.Error(
                f"COMPTOIR_PUBLIC_URL={url!r} is not an absolute address.",
                hint="Give the scheme and the host, e.g. https://comptoir.example.com.",
                id="comptoir.E101",
            )
        ]
    if parts.scheme != "https":
        return [
            checks.Warning(
                f"COMPTOIR_PUBLIC_URL={url!r} is not https: the links in e-mails would be "
                "sent in clear.",
                hint="Serve Comptoir over HTTPS and give its https:// address.",
                id="comptoir.W102",
            )
        ]
    return []
