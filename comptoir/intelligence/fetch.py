"""Reading a feed or a page over HTTP, bounded: the addresses are typed by users.

- only ``http`` and ``https``; ``file://``, ``ftp://`` and the like are refused;
- the host's addresses are looked up first, and loopback, private, link-local, reserved and
  multicast addresses are refused (a user-entered address must not read the server's own
  network), also after a redirection; the setting ``INTELLIGENCE_ALLOW_PRIVATE_ADDRESSES``
  lets the tests and the benchmark read their local server;
- a connect/read timeout (``TIMEOUT`` seconds for each step) and a total time for the body;
- at most ``MAX_BYTES`` read, in chunks: a bigger answer stops there ("too big");
- at most ``MAX_REDIRECTS`` redirections (a loop stops there);
- a conditional GET: the ETag and Last-Modified of the last answer are sent back, and a
  ``304 Not Modified`` reads nothing.

Every failure is a :class:`FetchError` with its kind (the values of
``models.ErrorKind``) and the limit it hit, never another exception.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

#: Seconds to connect and between two reads; seconds for the whole body.
TIMEOUT = 10.0
TOTAL_TIME = 30.0
#: The most bytes read from one answer.
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "Comptoir-veille/1.0 (+https://github.com/comptoir)"


class FetchError(Exception):
    """A reading that failed: ``kind`` (an ``ErrorKind`` value) and what happened."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


def private_allowed() -> bool:
    return bool(getattr(settings, "INTELLIGENCE_ALLOW_PRIVATE_ADDRESSES", False))


def check_url(url: str) -> None:
    """Refuse what may not be read: a scheme other than http(s), no host, a private address."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError("refused", f"only http and https addresses are read ({parts.scheme}:)")
    host = parts.hostname
    if not host:
        raise FetchError("refused", "the address has no host")
    if private_allowed():
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("network", f"unknown host {host}: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError("refused", f"{host} is a private or local address ({address})")


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str):  # type: ignore[no-untyped-def]
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    timeout: float | None = None,
    total_time: float | None = None,
    max_bytes: int | None = None,
) -> Fetched:
    """GET ``url`` within the bounds above; raises :class:`FetchError`."""
    timeout = TIMEOUT if timeout is None else timeout
    total_time = TOTAL_TIME if total_time is None else total_time
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    check_url(url)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_Redirects)
    started = time.monotonic()
    try:
        with opener.open(request, timeout=timeout) as answer:
            length = answer.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError("too_big", f"{int(length)} bytes announced, limit {max_bytes}")
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() - started > total_time:
                    raise FetchError("timeout", f"not read within {total_time:g} s")
                chunk = answer.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError("too_big", f"more than {max_bytes} bytes, limit {max_bytes}")
                chunks.append(chunk)
            return Fetched(
                url=answer.geturl(),
                body=b"".join(chunks),
                content_type=answer.headers.get("Content-Type", ""),
                etag=answer.headers.get("ETag", "")[:300],
                last_modified=answer.headers.get("Last-Modified", "")[:100],
            )
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(
                url=url, body=b"", etag=etag, last_modified=last_modified, not_modified=True
            )
        if exc.code in (301, 302, 303, 307, 308):
            raise FetchError(
                "redirects", f"more than {MAX_REDIRECTS} redirections or a loop"
            ) from None
        raise FetchError("http", f"HTTP {exc.code} {exc.reason}") from None
    except TimeoutError as exc:
        raise FetchError("timeout", f"no answer within {timeout:g} s ({exc})") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError("timeout", f"no answer within {timeout:g} s") from None
        if isinstance(reason, FetchError):
            raise reason from None
        raise FetchError("network", str(reason)[:300]) from None
    except (http.client.HTTPException, ssl.SSLError, OSError, ValueError) as exc:
        raise FetchError("network", f"{type(exc).__name__}: {exc}"[:300]) from None
