"""``comptoir sanctions update``: fetch the official files, only when asked on the command
line (Comptoir never reaches the network while it serves pages or runs jobs).

The addresses are the lists' official publication points (settings ``SANCTIONS_LIST_URLS``
overrides them, e.g. for a mirror inside the company). Each download is bounded in time and
size; a machine offline gets a clear message, and the lists in use stay as they are.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from . import formats

OFFICIAL_URLS: dict[str, str] = {
    # EU Financial Sanctions Files (FSF), full list, XML 1.1 (the token is the public one
    # the Commission publishes with the link)
    formats.EU: (
        "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
        "?token=dG9rZW4tMjAxNw"
    ),
    formats.UN: "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
    formats.OFAC: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
    formats.UK: "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
}
TIMEOUT_SECONDS = 60


class DownloadError(Exception):
    pass


@dataclass(frozen=True)
class Downloaded:
    source: str
    url: str
    data: bytes


def urls() -> dict[str, str]:
    configured = getattr(settings, "SANCTIONS_LIST_URLS", None) or {}
    return {**OFFICIAL_URLS, **configured}


def fetch(source: str, *, timeout: float = TIMEOUT_SECONDS) -> Downloaded:
    url = urls()[source]
    request = urllib.request.Request(url, headers={"User-Agent": "Comptoir sanctions update"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(formats.MAX_FILE_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DownloadError(
            f"{url} could not be reached ({reason}). Is this machine online? The lists in "
            "use are unchanged; download the file by other means and run "
            "`comptoir sanctions import FILE`."
        ) from None
    if len(data) > formats.MAX_FILE_BYTES:
        raise DownloadError(
            f"{url} sent more than {formats.MAX_FILE_BYTES // (1024 * 1024)} MB: refused."
        )
    return Downloaded(source, url, data)
