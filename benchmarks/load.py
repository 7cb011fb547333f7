"""Load test: Comptoir served as in production, under 30 then 50 concurrent clients.

Starts ``comptoir serve --demo`` (gunicorn + the job worker) on 127.0.0.1 on a scratch
database (SQLite in a temporary folder by default; ``--database-url postgres://…`` for
PostgreSQL, an empty database the demo is loaded into), logs every client in, then runs each
load for ``--duration`` seconds (2 minutes by default). Each client repeats a realistic mix:

* reads: company list, invoice list, a client's page, the API's company list;
* writes: a new company, an order (create, confirm), its invoice (draft, issue with the
  stored PDF) and, later, a payment matched to one of its issued invoices.

It prints the throughput, p50/p95 per request type, the errors by status, and then checks in
the database that every write the server acknowledged is there (companies, orders, issued
invoices with their PDF, payments) and that invoice numbers have no gap. Targets (issue 10):
no 5xx, write p95 under 1 s on SQLite at 30 clients.

    python benchmarks/load.py                      # 30 and 50 clients, 2 minutes each
    python benchmarks/load.py --duration 30        # a short run
    python benchmarks/load.py --clients 30 --database-url postgres://u:p@127.0.0.1/comptoir_load

Only 127.0.0.1 is ever contacted; the server is stopped at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "comptoir-demo"
USER = "julien"  # the demo's export manager: may create, confirm, invoice and record payments
WRITES = {
    "company create",
    "order create",
    "order confirm",
    "invoice draft",
    "invoice issue",
    "payment",
}


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``comptoir serve --demo`` in its own process group, stopped by :meth:`stop`."""

    def __init__(self, var_dir: Path, database_url: str | None, workers: int | None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "comptoir.settings.dev",
            "COMPTOIR_VAR_DIR": str(var_dir),
            # No mail leaves the machine: offers and letters are written to var/mail.
            "COMPTOIR_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        else:
            self.env.pop("DATABASE_URL", None)
        self.log_path = var_dir / "server.log"
        command = [sys.executable, "-m", "comptoir", "serve", "--demo", f"127.0.0.1:{self.port}"]
        if workers:
            command += ["--workers", str(workers)]
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=var_dir,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped: see {self.log_path}")
            try:
                if httpx.get(self.url + "/accounts/login/", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(2)
        raise SystemExit(f"the server did not answer within {timeout:.0f} s: see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn stops its job workers too
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


# --------------------------------------------------------------------------- the clients


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    # What the server said it saved, to look for afterwards.
    companies: list[tuple[int, str]] = field(default_factory=list)
    orders: list[int] = field(default_factory=list)
    issued: list[tuple[int, str]] = field(default_factory=list)
    payments: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, status: int, detail: str = "") -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[(kind, status)] += 1
            if status >= 500 or status == 0:
                if len(self.errors) < 20:
                    self.errors.append(f"{kind} → {status}: {detail[:300]}")


@dataclass
class Shared:
    """What every client reads: the demo's clients and products."""

    client_ids: list[int]
    product_ids: list[int]


class Client(threading.Thread):
    """One user: logged in once, then the mix until the deadline."""

    def __init__(
        self,
        number: int,
        base: str,
        shared: Shared,
        results: Results,
        deadline: float,
        think: float,
    ) -> None:
        super().__init__(daemon=True, name=f"client-{number}")
        self.number = number
        self.shared = shared
        self.results = results
        self.deadline = deadline
        self.think = think
        self.random = random.Random(number)
        self.http = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
        self.my_companies: list[int] = []
        self.unpaid: list[tuple[int, int, str, str]] = []  # invoice, client, gross, currency
        self.counter = 0

    # -- plumbing
    def login(self) -> None:
        self.http.get("/accounts/login/")
        response = self.http.post(
            "/accounts/login/",
            data={
                "username": USER,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.http.cookies.get("csrftoken", ""),
            },
        )
        if response.status_code != 302:
            raise SystemExit(f"login refused ({response.status_code}): {response.text[:200]}")

    def call(self, kind: str, method: str, url: str, **kwargs: Any) -> httpx.Response | None:
        headers = {"X-CSRFToken": self.http.cookies.get("csrftoken", "")}
        started = time.perf_counter()
        try:
            response = self.http.request(method, url, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            self.results.record(kind, time.perf_counter() - started, 0, repr(exc))
            return None
        self.results.record(
            kind, time.perf_counter() - started, response.status_code, response.text
        )
        return response

    # -- the mix
    def run(self) -> None:
        try:
            self.login()
        except Exception as exc:  # counted, the other clients go on
            self.results.record("login", 0.0, 0, repr(exc))
            return
        while time.monotonic() < self.deadline:
            roll = self.random.random()
            if roll < 0.40:
                self.read()
            elif roll < 0.50:
                self.create_company()
            elif roll < 0.80 or not self.unpaid:
                self.order_to_invoice()
            else:
                self.pay()
            if self.think:
                time.sleep(self.random.uniform(0, 2 * self.think))
        self.http.close()

    def read(self) -> None:
        choice = self.random.randrange(4)
        if choice == 0:
            self.call(
                "company list", "GET", f"/parties/companies/?page={self.random.randint(1, 3)}"
            )
        elif choice == 1:
            self.call("invoice list", "GET", "/sales/invoices/")
        elif choice == 2:
            client = self.random.choice(self.shared.client_ids)
            self.call("client page", "GET", f"/parties/companies/{client}/")
        else:
            self.call("api company list", "GET", "/api/companies/?role=client")

    def create_company(self) -> int | None:
        self.counter += 1
        name = f"Load test {os.getpid()}-{self.number}-{self.counter}"
        body = {
            "name": name,
            "roles": ["client"],
            "country": "FR",
            "city": "Lyon",
            "currency": "EUR",
            "language": "fr",
            "payment_days": 30,
            "credit_limit": "10000000",
        }
        response = self.call("company create", "POST", "/api/companies/", json=body)
        if response is None or response.status_code != 201:
            return None
        pk = int(response.json()["id"])
        with self.results.lock:
            self.results.companies.append((pk, name))
        self.my_companies.append(pk)
        return pk

    def order_to_invoice(self) -> None:
        client = self.my_companies[-1] if self.my_companies else self.create_company()
        if client is None:
            return
        body = {
            "client": client,
            "client_reference": f"LT-{self.number}-{self.counter}",
            "order_date": dt.date.today().isoformat(),
            "currency": "EUR",
            "incoterm": "FCA",
            "incoterm_place": "Thiers",
            "payment_days": 30,
            "payment_instrument": "open_account",
            "transport_mode": "road",
            "language": "fr",
            "lines": [
                {
                    "product": self.random.choice(self.shared.product_ids),
                    "quantity": str(self.random.randint(1, 40)),
                    "unit_price": f"{self.random.randint(10, 200)}.00",
                }
            ],
        }
        response = self.call("order create", "POST", "/api/orders/", json=body)
        if response is None or response.status_code != 201:
            return
        order = int(response.json()["id"])
        with self.results.lock:
            self.results.orders.append(order)
        response = self.call("order confirm", "POST", f"/api/orders/{order}/confirm/")
        if response is None or response.status_code != 200:
            return
        if response.json().get("status") != "confirmed":
            return  # on credit hold: a manager's decision, not part of the mix
        response = self.call("invoice draft", "POST", f"/sales/orders/{order}/invoice/")
        if response is None or response.status_code != 302:
            return
        match = re.search(r"/sales/invoices/(\d+)/", response.headers.get("location", ""))
        if not match:
            self.results.record("invoice draft", 0.0, 0, "no invoice in the redirect")
            return
        invoice = int(match.group(1))
        response = self.call("invoice issue", "POST", f"/api/invoices/{invoice}/issue/")
        if response is None or response.status_code != 200:
            return
        data = response.json()
        with self.results.lock:
            self.results.issued.append((invoice, data["number"]))
        self.unpaid.append((invoice, client, data["gross_total"], data["currency"]))

    def pay(self) -> None:
        invoice, client, gross, currency = self.unpaid.pop(0)
        body = {
            "client": client,
            "received_on": dt.date.today().isoformat(),
            "amount": gross,
            "currency": currency,
            "reference": f"LT-PAY-{invoice}",
            "allocations": {str(invoice): gross},
        }
        response = self.call("payment", "POST", "/api/payments/", json=body)
        if response is not None and response.status_code == 201:
            with self.results.lock:
                self.results.payments.append(int(response.json()["id"]))


def shared_data(base: str) -> Shared:
    http = httpx.Client(base_url=base, timeout=60)
    http.get("/accounts/login/")
    http.post(
        "/accounts/login/",
        data={
            "username": USER,
            "password": PASSWORD,
            "csrfmiddlewaretoken": http.cookies.get("csrftoken", ""),
        },
    )
    clients = http.get("/api/companies/?role=client").json()["results"]
    products = http.get("/api/products/").json()["results"]
    http.close()
    if not clients or not products:
        raise SystemExit("the demo has no client or no product")
    return Shared([c["id"] for c in clients], [p["id"] for p in products])


# --------------------------------------------------------------------------- figures


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def report(clients: int, seconds: float, results: Results) -> dict[str, Any]:
    total = sum(len(v) for v in results.latencies.values())
    print(
        f"\n=== {clients} concurrent clients, {seconds:.0f} s: {total} requests, "
        f"{total / seconds:.1f} requests/s ==="
    )
    print(f"{'request':<18}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  statuses")
    writes: list[float] = []
    for kind in sorted(results.latencies):
        values = results.latencies[kind]
        if kind in WRITES:
            writes += values
        statuses = ", ".join(
            f"{status}×{n}" for (k, status), n in sorted(results.statuses.items()) if k == kind
        )
        print(
            f"{kind:<18}{len(values):>7}{1000 * statistics.median(values):>9.0f}"
            f"{1000 * percentile(values, 0.95):>9.0f}{1000 * max(values):>9.0f}  {statuses}"
        )
    by_status = Counter()
    for (_kind, status), n in results.statuses.items():
        by_status[status] += n
    errors = {s: n for s, n in by_status.items() if s >= 400 or s == 0}
    write_p95 = percentile(writes, 0.95) if writes else 0.0
    print(
        f"writes: {len(writes)}, p95 {1000 * write_p95:.0f} ms; errors by status: "
        f"{errors or 'none'}"
    )
    for line in results.errors[:5]:
        print("  ", line)
    return {"write_p95": write_p95, "server_errors": sum(n for s, n in errors.items() if s >= 500)}


def verify(server: Server, everything: Results) -> bool:
    """Every acknowledged write is in the database; invoice numbers have no gap."""
    os.environ.update(
        {k: v for k, v in server.env.items() if k in ("DATABASE_URL", "COMPTOIR_VAR_DIR")}
    )
    if "DATABASE_URL" not in server.env:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "comptoir.settings.dev"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from comptoir.parties.models import Company
    from comptoir.sales.models import Invoice, Order, Payment

    problems = []
    names = dict(
        Company.objects.filter(pk__in=[pk for pk, _ in everything.companies]).values_list(
            "pk", "name"
        )
    )
    problems += [
        f"company {pk} {name!r}" for pk, name in everything.companies if names.get(pk) != name
    ]
    orders = set(Order.objects.filter(pk__in=everything.orders).values_list("pk", flat=True))
    problems += [f"order {pk}" for pk in everything.orders if pk not in orders]
    issued = {
        pk: (number, bool(pdf), sha)
        for pk, number, pdf, sha in Invoice.objects.filter(
            pk__in=[pk for pk, _ in everything.issued], status=Invoice.Status.ISSUED
        ).values_list("pk", "number", "pdf", "pdf_sha256")
    }
    for pk, number in everything.issued:
        found = issued.get(pk)
        if found is None or found[0] != number or not found[1] or not found[2]:
            problems.append(f"invoice {pk} {number} (issued with its PDF)")
    payments = set(Payment.objects.filter(pk__in=everything.payments).values_list("pk", flat=True))
    problems += [f"payment {pk}" for pk in everything.payments if pk not in payments]
    # Gapless numbering: within each series, the numbers of the year follow each other.
    gaps = []
    series: dict[str, list[int]] = defaultdict(list)
    for number in Invoice.objects.filter(status=Invoice.Status.ISSUED).values_list(
        "number", flat=True
    ):
        match = re.fullmatch(r"(.*?)(\d+)", number or "")
        if match:
            series[match.group(1)].append(int(match.group(2)))
    for prefix, numbers in series.items():
        numbers.sort()
        expected = set(range(numbers[0], numbers[-1] + 1))
        if missing := sorted(expected - set(numbers)):
            gaps.append(f"{prefix}: {missing[:10]}")
    print(
        f"\nwrites acknowledged: {len(everything.companies)} companies, "
        f"{len(everything.orders)} orders, {len(everything.issued)} invoices issued, "
        f"{len(everything.payments)} payments"
    )
    print(f"missing afterwards: {problems[:10] or 'none'}; numbering gaps: {gaps or 'none'}")
    return not problems and not gaps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", default="30,50", help="concurrent clients per run (30,50)")
    parser.add_argument("--duration", type=float, default=120, help="seconds per run (120)")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean pause between two actions of a client, seconds (0)",
    )
    parser.add_argument("--database-url", help="PostgreSQL (empty database) instead of SQLite")
    parser.add_argument("--var-dir", help="keep the scratch folder here (the demo is built once)")
    parser.add_argument("--workers", type=int, help="web server processes (serve's default)")
    parser.add_argument(
        "--ready-timeout",
        type=float,
        default=1800,
        help="seconds to wait for the server (the demo is built first)",
    )
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",") if c.strip()]
    if args.duration <= 0 or args.duration > 600 or any(c < 1 or c > 200 for c in counts):
        raise SystemExit("--duration must be in (0, 600] s and clients in [1, 200]")

    scratch = None if args.var_dir else tempfile.TemporaryDirectory(prefix="comptoir-load-")
    var_dir = Path(args.var_dir or scratch.name)  # type: ignore[union-attr]
    var_dir.mkdir(parents=True, exist_ok=True)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"Starting comptoir serve on {database} (scratch folder {var_dir}); the demo is "
        "built on first run, which takes a few minutes..."
    )
    server = Server(var_dir, args.database_url, args.workers)
    ok = True
    everything = Results()
    try:
        started = time.monotonic()
        server.wait_ready(args.ready_timeout)
        print(f"Server ready after {time.monotonic() - started:.0f} s at {server.url}")
        shared = shared_data(server.url)
        for count in counts:
            results = Results()
            deadline = time.monotonic() + args.duration
            clients = [
                Client(i, server.url, shared, results, deadline, args.think) for i in range(count)
            ]
            began = time.monotonic()
            for c in clients:
                c.start()
            for c in clients:
                c.join(args.duration + 120)
            figures = report(count, time.monotonic() - began, results)
            ok = ok and figures["server_errors"] == 0
            everything.companies += results.companies
            everything.orders += results.orders
            everything.issued += results.issued
            everything.payments += results.payments
    finally:
        server.stop()
    ok = verify(server, everything) and ok
    if scratch is not None:
        scratch.cleanup()
    print("\nverdict:", "no server error, every write found" if ok else "PROBLEMS (see above)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
