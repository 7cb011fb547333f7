"""A local HTTP server for the intelligence tests (127.0.0.1, a thread): feeds and pages from
a temporary folder, and endpoints that misbehave (slow, garbage, huge, 500, redirect loop,
conditional GET). Nothing reaches the internet."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from comptoir.intelligence import fetch
from comptoir.sales.tests.conftest import clients, product, seller  # noqa: F401  (fixtures)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Gulf Retail News</title><language>en</language>
<link>https://gulf.example/</link><description>Retail in the Gulf</description>
<item><guid>https://gulf.example/a1</guid><title>Demand for cast-iron casseroles grows in Dubai</title>
<link>https://gulf.example/a1</link><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Hotels order &lt;b&gt;casseroles&lt;/b&gt;&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src="https://track.example/p.gif"&gt;&lt;a href="javascript:alert(2)"&gt;x&lt;/a&gt;</description></item>
<item><guid>https://gulf.example/a2</guid><title>EU anti-dumping duty on Chinese enamelled steel cookware</title>
<link>https://gulf.example/a2</link><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate>
<description>The Commission imposes provisional duties.</description></item>
<item><title>Le Creuset opens a store in Riyadh</title><link>https://gulf.example/a3?b=2&amp;a=1</link>
<description>Competitor news.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Veille Japon</title>
<id>urn:veille-japon</id><updated>2026-12-01T00:00:00Z</updated>
<entry><id>urn:veille-japon:1</id><title>Nouvelles réglementations sur les ustensiles au Japon</title>
<link href="https://japon.example/1"/><updated>2026-12-01T09:00:00Z</updated>
<summary>Le Japon change la réglementation des articles de cuisine.</summary></entry>
</feed>
"""

PAGE = """<html><head><title>Customs notice 2026/12</title></head><body>
<nav>Home | About</nav><article><h1>Customs notice 2026/12</h1>
<p>{text}</p><p>Importers of kitchen articles of heading 7323 must declare the new duty from
1 January 2027. The measure applies to goods from the People's Republic of China.</p>
</article><footer>Contact</footer></body></html>"""


@dataclass
class Server:
    url: str
    folder: Path
    hits: dict[str, int] = field(default_factory=dict)
    etag_sent_back: list[str] = field(default_factory=list)

    def write(self, name: str, text: str) -> str:
        (self.folder / name).write_text(text, encoding="utf-8")
        return f"{self.url}/{name}"


def _handler(server: Server) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, code: int, body: bytes, kind: str = "text/html", **headers: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            path = self.path.split("?")[0]
            server.hits[path] = server.hits.get(path, 0) + 1
            if path == "/slow":
                time.sleep(2)
                self._send(200, RSS.encode())
            elif path == "/garbage":
                self._send(200, b"\x00\x01 this is <not a feed at all", "application/rss+xml")
            elif path == "/huge":
                body = b"<rss>" + b"x" * (300 * 1024)
                self._send(200, body, "application/rss+xml")
            elif path == "/huge-unannounced":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b"y" * 10240)
            elif path == "/error":
                self._send(500, b"Internal Server Error")
            elif path == "/loop":
                self._send(302, b"", Location="/loop")
            elif path == "/etag.xml":
                server.etag_sent_back.append(self.headers.get("If-None-Match", ""))
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.end_headers()
                else:
                    self._send(200, ATOM.encode(), "application/atom+xml", ETag='"v1"')
            else:
                file = server.folder / path.lstrip("/")
                if file.is_file():
                    kind = "application/rss+xml" if path.endswith(".xml") else "text/html"
                    self._send(200, file.read_bytes(), kind)
                else:
                    self._send(404, b"not found")

    return Handler


@pytest.fixture
def feed_server(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """The local server, with private addresses allowed and small limits (fast tests)."""
    settings.INTELLIGENCE_ALLOW_PRIVATE_ADDRESSES = True
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    monkeypatch.setattr(fetch, "MAX_BYTES", 200 * 1024)
    server = Server(url="", folder=tmp_path)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "atom.xml").write_text(ATOM, encoding="utf-8")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
