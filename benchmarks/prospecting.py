"""Prospecting speed on a scratch database (issue 16): "a campaign of 5,000 e-mails queued
in < 30 s".

``--targets`` prospect companies (default 5,000), each with one contact at a professional
address, are written with ``bulk_create`` (the rows ``parties.services`` writes; the history
is not what is measured). Then, through the real services:

* the target list is built from the CRM (``prospecting.services.add_from_crm``);
* the campaign is created and **queued** (``start_sending``: every recipient checked for
  opt-out, erasure, bounced address and lawful basis, one row each, state queued) — the figure
  the issue names;
* the queued e-mails are **sent** through Django's locmem backend by the job's code
  (``mailing.send_campaign``: per recipient claim -> checked again -> merged -> sent -> marked,
  each step its own transaction), in batches of ``--batch`` (pause 0).

    python benchmarks/prospecting.py
    python benchmarks/prospecting.py --targets 500      # quick

``benchmarks/intelligence.py`` calls :func:`campaign` too, so that one command prints the
issue's three figures.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    os.environ.setdefault("COMPTOIR_SECRET_KEY", "prospecting-benchmark-only-not-a-secret")
    os.environ["COMPTOIR_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0) if "postgres" in database_url else None
    call_command("migrate", verbosity=0)


def seed(count: int) -> None:
    from comptoir.parties.models import Company, Contact

    companies = Company.objects.bulk_create(
        [
            Company(
                name=f"Einzelhandel {i:05d} GmbH",
                roles=",prospect,",
                country="DE",
                language="en",
                website=f"https://shop{i:05d}.de",
            )
            for i in range(count)
        ],
        batch_size=500,
    )
    Contact.objects.bulk_create(
        [
            Contact(
                company=company,
                first_name="Anna",
                last_name=f"Schmidt {i}",
                email=f"einkauf@shop{i:05d}.de",
                language="fr" if i % 5 == 0 else "en",
                lawful_basis="legitimate_interest",
            )
            for i, company in enumerate(companies)
        ],
        batch_size=500,
    )


def campaign(targets: int = 5_000, batch: int = 500) -> float:
    """Seed ``targets`` prospects, build the list, create the campaign and queue it (the
    figure, printed and returned in seconds), then send it; on a database already set up
    (``setup`` here, or ``benchmarks/intelligence.py``'s)."""
    from django.conf import settings
    from django.core import mail
    from django.db import transaction

    from comptoir.prospecting import mailing, services
    from comptoir.prospecting.inputs import CrmCriteria, ListValues
    from comptoir.prospecting.models import Campaign, RecipientState

    # whatever the environment says, nothing leaves the machine
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    print(f"\n== prospecting: a campaign to {targets} prospects (batches of {batch})")
    seed(targets)
    started = time.perf_counter()
    target_list = services.create_list(values=ListValues(name="Benchmark"), user=None)
    added = services.add_from_crm(
        target_list=target_list, criteria=CrmCriteria(countries=("DE",)), user=None
    )
    print(f"target list from the CRM: {added} targets in {time.perf_counter() - started:.2f} s")
    created = services.create_campaign(
        name="Benchmark",
        channel="email",
        target_list=target_list,
        subject_en="Cast-iron cookware for {{ company }}",
        body_en="Dear {{ first_name }} {{ last_name }},\n\nour new range...\n\n{{ sender }}",
        subject_fr="Cocottes en fonte pour {{ company }}",
        body_fr="Bonjour {{ first_name }},\n\nnotre nouvelle gamme...\n\n{{ sender }}",
        batch_size=batch,
        pause_seconds=0,
        user=None,
    )
    # queue only: the job is started after the figure, as the worker would
    real_enqueue = services._enqueue
    services._enqueue = lambda campaign_id: None  # type: ignore[assignment]
    started = time.perf_counter()
    with transaction.atomic():
        queued = services.start_sending(campaign=created, user=None)
    queue_time = time.perf_counter() - started
    services._enqueue = real_enqueue  # type: ignore[assignment]
    verdict = "met" if queue_time < 30 else "MISSED"
    print(
        f"campaign of {queued} e-mails queued (recipients checked and listed) in "
        f"{queue_time:.2f} s — target < 30 s: {verdict}"
    )
    mail.outbox = []
    started = time.perf_counter()
    sent = mailing.send_campaign(created.pk)
    send_time = time.perf_counter() - started
    created.refresh_from_db()
    per_second = sent / send_time if send_time else 0
    print(
        f"{sent} e-mails sent through the locmem backend in {send_time:.2f} s "
        f"({per_second:.0f} per second; batches of {batch}); campaign {created.status}"
    )
    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == len(set(addresses)) == queued, "an address received two e-mails"
    assert created.status == Campaign.Status.SENT
    assert not created.recipients.filter(state=RecipientState.QUEUED).exists()
    print("checked: each address received exactly one e-mail")
    return queue_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", type=int, default=5_000, help="prospects e-mailed")
    parser.add_argument("--batch", type=int, default=500, help="e-mails per batch")
    parser.add_argument("--database-url", default="", help="default: a scratch SQLite file")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="comptoir-bench-")
    started = time.perf_counter()
    setup(args.database_url or f"sqlite:///{scratch}/bench.sqlite3")
    print(f"scratch database migrated in {time.perf_counter() - started:.1f} s")
    campaign(args.targets, args.batch)


if __name__ == "__main__":
    main()
