"""Logistics speed on a large scratch database.

Seeds 20,000 shipments (with their milestones, a container each for the sea ones) and
200,000 tracking events in a scratch SQLite file (or the PostgreSQL database named by
``--database-url``; it is emptied first), then prints:

* median and p95 time of the shipments list page (filters: none, open, late, a search),
* median and p95 time of a shipment page (timeline, events, containers),
* median and p95 time of the home page (with its late steps panel),
* the time to import a forwarder's status report of 10,000 events (CSV, 1,000 shipments).

Targets (issue 12): list and shipment pages p95 under 150 ms, the import under 10 s.

    python benchmarks/logistics.py                                    # full size
    python benchmarks/logistics.py --shipments 2000 --events 20000    # quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STEPS = ("ready", "pickup", "departure", "arrival", "delivery", "pod")
MODES = ("sea_fcl", "sea_lcl", "air", "road_groupage", "road_full", "express")
STATUS_BY_LAST = {
    None: "booked",
    "ready": "planned",
    "pickup": "in_transit",
    "departure": "in_transit",
    "arrival": "arrived",
    "delivery": "delivered",
    "pod": "delivered",
}


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    os.environ.setdefault("COMPTOIR_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0) if "postgres" in database_url else None
    call_command("migrate", verbosity=0)


def check_digit_number(i: int) -> str:
    from comptoir.trade import containers

    first = f"BNCU{i:06d}"
    return first + str(containers.check_digit(first))


def seed(n_shipments: int, n_events: int, rng: random.Random) -> dict[str, object]:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from comptoir.accounts.models import UserProfile
    from comptoir.parties.models import Company
    from comptoir.shipping.models import Container, Milestone, Shipment, TrackingEvent

    user = get_user_model().objects.create_user("bench", password="bench-pass-123")
    UserProfile.objects.update_or_create(
        user=user, defaults={"role": "manager", "language": "en", "time_zone": "Europe/Paris"}
    )
    started = time.perf_counter()
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        Company.objects.bulk_create(
            [
                Company(
                    name=f"Client {i:04d}",
                    country=("MA", "JP", "DE", "US", "CN")[i % 5],
                    city="City",
                    roles=",client,",
                    language=("fr", "en")[i % 2],
                )
                for i in range(500)
            ]
        )
        partners = list(Company.objects.order_by("pk"))
        shipments = []
        for i in range(n_shipments):
            created = now - dt.timedelta(days=rng.randrange(0, 720), minutes=i)
            shipments.append(
                Shipment(
                    number=f"EXP-{created:%Y}-{i + 1:05d}",
                    mode=MODES[i % len(MODES)],
                    partner=partners[i % len(partners)],
                    incoterm="CIF",
                    origin_country="FR",
                    destination_country="MA",
                    value=Decimal("10000"),
                    reference=f"CO-{i:06d}",
                    transport_document_number=f"MEDU{i:07d}",
                    loading_locode="FRLEH",
                    discharge_locode="MACAS",
                    status="booked",
                )
            )
        Shipment.objects.bulk_create(shipments, batch_size=2000)
        # auto_now_add wrote "now" everywhere: spread the creation dates as they would be
        shipments = list(Shipment.objects.order_by("pk"))
        per_shipment = max(1, n_events // max(1, n_shipments))
        milestones, events, containers = [], [], []
        for i, shipment in enumerate(shipments):
            start = now - dt.timedelta(days=rng.randrange(1, 700))
            reached = rng.randrange(0, len(STEPS) + 1)  # how many steps happened
            last = None
            for rank, step in enumerate(STEPS):
                actual = start + dt.timedelta(days=3 * rank) if rank < reached else None
                if actual is not None and actual > now:
                    actual = None
                if actual is not None:
                    last = step
                milestones.append(
                    Milestone(
                        shipment=shipment,
                        step=step,
                        planned_on=(start + dt.timedelta(days=3 * rank)).date(),
                        actual_at=actual,
                    )
                )
            shipment.status = STATUS_BY_LAST[last]
            if shipment.mode.startswith("sea"):
                containers.append(Container(shipment=shipment, number=check_digit_number(i)))
            for k in range(per_shipment):
                events.append(
                    TrackingEvent(
                        shipment=shipment,
                        occurred_at=min(now, start + dt.timedelta(hours=7 * k)),
                        description=f"Status update {k}",
                        location="Le Havre",
                        locode="FRLEH",
                        source="import",
                    )
                )
        Shipment.objects.bulk_update(shipments, ["status"], batch_size=2000)
        Milestone.objects.bulk_create(milestones, batch_size=5000)
        Container.objects.bulk_create(containers, batch_size=5000)
        TrackingEvent.objects.bulk_create(events, batch_size=5000)
    return {
        "user": user,
        "shipments": shipments,
        "today": today,
        "seed_s": time.perf_counter() - started,
        "events": len(events),
    }


def timed_get(client, url: str, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def report(label: str, values: list[float], target_ms: float | None = None) -> None:
    med, high = statistics.median(values) * 1000, p95(values) * 1000
    target = ""
    if target_ms:
        target = f"  (target p95 < {target_ms:.0f} ms: {'met' if high < target_ms else 'NOT met'})"
    print(f"{label:<44} median {med:7.1f} ms   p95 {high:7.1f} ms{target}")


def status_report_csv(shipments: list, rows: int, rng: random.Random) -> bytes:  # type: ignore[type-arg]
    """A forwarder's report: 10 events per shipment, in order, some of them steps."""
    texts = [
        "Gate in full",
        "Loaded on vessel",
        "Vessel departed",
        "Transhipment",
        "Vessel arrived",
        "Discharged",
        "Customs cleared",
        "Out for delivery",
        "Delivered",
        "POD received",
    ]
    open_ones = [s for s in shipments if s.status == "booked"]  # nothing happened yet
    chosen = rng.sample(open_ones, min(len(open_ones), max(1, rows // len(texts))))
    base = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    out = io.StringIO()
    out.write("B/L No.;Date/heure;Statut;Lieu;UN/LOCODE\n")
    written = 0
    for shipment in chosen:
        for k, text in enumerate(texts):
            if written >= rows:
                break
            when = base + dt.timedelta(days=3 * k, hours=rng.randrange(0, 20))
            locode = "MAPTM" if text == "Transhipment" else ("FRLEH" if k < 3 else "MACAS")
            out.write(
                f"{shipment.transport_document_number};{when:%d/%m/%Y %H:%M};{text};Port;{locode}\n"
            )
            written += 1
    return out.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shipments", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40, help="requests per page measured")
    parser.add_argument("--database-url", default="", help="default: a scratch SQLite file")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="comptoir-bench-")
    setup(args.database_url or f"sqlite:///{scratch}/bench.sqlite3")
    rng = random.Random(12)
    data = seed(args.shipments, args.events, rng)
    print(
        f"seeded {args.shipments:,} shipments and {data['events']:,} events "
        f"in {data['seed_s']:.1f} s"
    )

    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    client = Client(HTTP_HOST="localhost")
    client.force_login(data["user"])
    client.cookies["comptoir_language"] = "en"
    shipments = data["shipments"]
    try:
        list_url = reverse("shipping:shipment_list")
    except NoReverseMatch:  # before the shipment pages exist: the API's list
        list_url = "/api/shipments/"
    client.get(list_url)  # warm up templates and caches
    list_times: list[float] = []
    for query in ("", "?open=1", "?late=1", "?q=CO-0012", "?page=20", "?mode=air&open=1"):
        list_times += timed_get(client, list_url + query, max(1, args.runs // 6))
    report("shipments list (filtered, paginated)", list_times, 150)
    page_times: list[float] = []
    for _ in range(args.runs):
        shipment = shipments[rng.randrange(len(shipments))]
        try:
            url = shipment.get_absolute_url()
        except NoReverseMatch:
            url = f"/api/shipments/{shipment.pk}/"
        page_times += timed_get(client, url, 1)
    report("shipment page", page_times, 150)
    report("home page (late steps panel)", timed_get(client, "/", max(5, args.runs // 4)), 150)

    from comptoir.shipping import services

    content = status_report_csv(shipments, args.import_rows, rng)
    t = time.perf_counter()
    result = services.import_status_report(
        stream=io.BytesIO(content),
        filename="status.csv",
        time_zone="Europe/Paris",
        user=data["user"],
    )
    elapsed = time.perf_counter() - t
    print(
        f"import a status report of {args.import_rows:,} rows           {elapsed:6.1f} s  "
        f"(target < 10 s: {'met' if elapsed < 10 else 'NOT met'}): {result.imported:,} "
        f"events, {result.steps_dated:,} steps dated on {result.shipments:,} shipments, "
        f"{len(result.problems)} refused, {len(result.duplicates)} duplicates"
    )


if __name__ == "__main__":
    main()
