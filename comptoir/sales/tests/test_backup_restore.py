"""Backups that restore (``comptoir backup`` / ``comptoir restore``), on SQLite and PostgreSQL.

The main test takes a backup while a thread keeps writing companies and payments, restores it
and checks that the database is the one of a single instant: every write committed before the
backup is there, none is half there, counts agree across tables, and every stored invoice PDF
still matches the SHA-256 recorded at issue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from comptoir import backups
from comptoir.parties.models import Company
from comptoir.sales import billing, services
from comptoir.sales.models import Invoice, Order, Payment

from .conftest import make_order

pytestmark = pytest.mark.django_db(transaction=True)

WRITTEN = "Written during the backup #"


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Backups (and the copies kept before a restore) go to a folder of the test's own."""
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def _issued_invoice(client, product, user, quantity: str, price: str) -> Invoice:  # type: ignore[no-untyped-def]
    order = services.confirm_order(order=make_order(client, product, quantity, price), user=user)
    assert order.status == Order.Status.CONFIRMED, order.hold_reasons
    line = order.lines.get()
    delivery = services.create_delivery(
        order=order,
        user=user,
        planned_date=dt.date(2026, 11, 3),
        quantities={line.pk: line.quantity},
    )
    services.ship_delivery(delivery=delivery, user=user, shipped_on=dt.date(2026, 11, 3))
    return billing.issue(
        invoice=billing.draft_from_delivery(delivery=delivery, user=user),
        user=user,
        issue_date=dt.date(2026, 11, 4),
    )


def _pdf_hashes() -> dict[str, str]:
    return {
        inv.number: hashlib.sha256(bytes(inv.pdf)).hexdigest()
        for inv in Invoice.objects.exclude(pdf_sha256="")
    }


class Writer(threading.Thread):
    """Writes company #i and a payment of 1.00 referenced #i in one transaction, again and again."""

    def __init__(self, client, invoice: Invoice, user) -> None:  # type: ignore[no-untyped-def]
        super().__init__(daemon=True)
        self.client, self.invoice, self.user = client, invoice, user
        self.committed = 0
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                number = self.committed + 1
                with transaction.atomic():
                    company = Company(name=f"{WRITTEN}{number}", country="FR", city="Lyon")
                    company.role_list = ["prospect"]
                    company.save()
                    billing.record_payment(
                        client=self.client,
                        received_on=dt.date(2026, 11, 20),
                        amount=Decimal("1.00"),
                        currency="EUR",
                        allocations={self.invoice.pk: Decimal("1.00")},
                        user=self.user,
                        reference=f"#{number}",
                    )
                self.committed = number
        except BaseException as exc:  # reported by the test
            self.error = exc
        finally:
            connections.close_all()


def _wait_for(predicate, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def test_a_backup_taken_during_writes_restores_a_consistent_database(
    seller, clients, product, assistant, tmp_path
):
    invoices = [
        _issued_invoice(clients["fr"], product, assistant, "10", "79"),
        _issued_invoice(clients["fr"], product, assistant, "3", "120"),
        _issued_invoice(clients["de"], product, assistant, "5", "64.50"),
    ]
    # Enough rows for the copy to take a while, so the writer runs before, during and after.
    Company.objects.bulk_create(
        Company(name=f"Prospect {n}", country="FR", city="Thiers", roles=",prospect,")
        for n in range(3000)
    )
    hashes = _pdf_hashes()
    assert len(hashes) == 3 and all(billing.verify_pdf(inv) for inv in invoices)
    companies_before, payments_before = Company.objects.count(), Payment.objects.count()

    writer = Writer(clients["fr"], invoices[0], assistant)
    writer.start()
    try:
        _wait_for(lambda: writer.committed >= 5 or writer.error, "the first writes")
        committed_at_start = writer.committed
        path = tmp_path / "during-writes.backup"
        call_command("backup", str(path))
        committed_at_end = writer.committed
        _wait_for(lambda: writer.committed >= committed_at_end + 5 or writer.error, "more writes")
    finally:
        writer.stop.set()
        writer.join()
    assert writer.error is None, writer.error
    assert committed_at_start < committed_at_end, "no write happened while the backup ran"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # What happens after the backup must be undone by the restore.
    Company.objects.create(name="Created after the backup", country="FR", city="Paris")
    total_written = writer.committed

    call_command("restore", str(path), interactive=False)

    restored = set(Company.objects.filter(name__startswith=WRITTEN).values_list("name", flat=True))
    count = len(restored)
    # One instant: the writes 1..count, none missing, none after; at least those committed
    # before the backup began, at most those committed when it ended.
    assert restored == {f"{WRITTEN}{n}" for n in range(1, count + 1)}
    assert committed_at_start <= count <= committed_at_end < total_written
    assert set(Payment.objects.exclude(reference="").values_list("reference", flat=True)) == {
        f"#{n}" for n in range(1, count + 1)
    }
    assert Company.objects.count() == companies_before + count
    assert Payment.objects.count() == payments_before + count
    assert not Company.objects.filter(name="Created after the backup").exists()
    # The stored balance agrees with the payments restored beside it.
    first = Invoice.objects.get(pk=invoices[0].pk)
    assert first.balance_due == first.gross_total - count * Decimal("1.00")
    assert billing.open_balance(first) == first.balance_due
    # Every stored PDF, byte for byte.
    assert _pdf_hashes() == hashes
    assert all(billing.verify_pdf(inv) for inv in Invoice.objects.exclude(pdf_sha256=""))


def test_backup_files_are_private_and_never_overwritten(seller, _var_dir):
    path = backups.backup()
    assert path.parent == _var_dir / "backups"
    suffix = ".sqlite3" if connection.vendor == "sqlite" else ".dump"
    assert path.name.startswith("comptoir-") and path.name.endswith(suffix)
    assert len(path.name) == len("comptoir-YYYYMMDD-HHMMSS") + len(suffix)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(path))
    assert list(path.parent.iterdir()) == [path]  # no partial file left behind


def test_restore_refuses_a_damaged_backup_and_changes_nothing(seller, tmp_path):
    good = backups.backup(tmp_path / "good")
    damaged = tmp_path / "damaged"
    data = bytearray(good.read_bytes())
    if connection.vendor == "sqlite":
        for offset in range(4096 * 2, len(data), 4096):  # page headers after the first page
            data[offset : offset + 8] = b"\xff" * 8
    else:
        del data[len(data) * 2 // 3 :]  # a dump cut short (disk full, copy interrupted)
    damaged.write_bytes(bytes(data))
    Company.objects.create(name="Kept", country="FR", city="Paris")

    with pytest.raises(CommandError):
        call_command("restore", str(damaged), interactive=False)
    assert Company.objects.filter(name="Kept").exists()


def test_restore_refuses_a_file_that_is_no_backup_of_this_database(db, tmp_path):
    other = tmp_path / "other.bin"
    other.write_bytes(b"PGDMP" if connection.vendor == "sqlite" else b"SQLite format 3\x00")
    with pytest.raises(CommandError, match="is not a backup of a"):
        call_command("restore", str(other), interactive=False)


def test_restore_refuses_a_backup_of_a_newer_comptoir(seller, tmp_path):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
            ["sales", "9999_from_the_future", dt.datetime(2030, 1, 1, tzinfo=dt.UTC)],
        )
    path = backups.backup(tmp_path / "newer")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE name = '9999_from_the_future'")
    Company.objects.create(name="Kept", country="FR", city="Paris")

    with pytest.raises(CommandError, match="newer version of Comptoir.*sales.9999"):
        call_command("restore", str(path), interactive=False)
    assert Company.objects.filter(name="Kept").exists()


def _hold_database_open() -> subprocess.Popen[str]:
    """Another process (a server, a worker) with the database open."""
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        code = (
            "import sqlite3, sys, time\n"
            "db = sqlite3.connect(sys.argv[1])\n"
            "db.execute('SELECT count(*) FROM django_migrations').fetchall()\n"
            "print('open', flush=True)\n"
            "time.sleep(120)\n"
        )
        args = [str(conf["NAME"])]
    else:
        code = (
            "import psycopg, sys, time\n"
            "db = psycopg.connect(sys.argv[1])\n"
            "print('open', flush=True)\n"
            "time.sleep(120)\n"
        )
        args = [
            f"host={conf['HOST']} port={conf['PORT']} user={conf['USER']} dbname={conf['NAME']}"
            + (f" password={conf['PASSWORD']}" if conf.get("PASSWORD") else "")
        ]
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "open"
    return process


def test_restore_refuses_while_another_process_has_the_database_open(seller, tmp_path):
    path = backups.backup(tmp_path / "backup")
    Company.objects.create(name="Kept", country="FR", city="Paris")
    holder = _hold_database_open()
    try:
        with pytest.raises(CommandError, match="in use by"):
            call_command("restore", str(path), interactive=False)
    finally:
        holder.kill()
        holder.wait()
    assert Company.objects.filter(name="Kept").exists()
    # Once the other process is gone, the same restore goes through.
    call_command("restore", str(path), interactive=False)
    assert not Company.objects.filter(name="Kept").exists()


def test_restore_keeps_a_copy_of_the_database_it_replaces(seller, tmp_path, _var_dir):
    path = backups.backup(tmp_path / "backup")
    Company.objects.create(name="Only in the copy", country="FR", city="Paris")
    result = backups.restore(path)
    assert result.previous_copy is not None
    assert result.previous_copy.parent == Path(_var_dir) / "backups"
    assert "before-restore" in result.previous_copy.name
    assert stat.S_IMODE(result.previous_copy.stat().st_mode) == 0o600
    assert not Company.objects.filter(name="Only in the copy").exists()
    backups.restore(result.previous_copy)  # the copy undoes the restore
    assert Company.objects.filter(name="Only in the copy").exists()


def test_pg_tools_are_found_in_debian_server_folders(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on the PATH
    if not list(Path("/usr/lib/postgresql").glob("*/bin/pg_dump")):
        with pytest.raises(backups.BackupError, match="not found"):
            backups.pg_tool("pg_dump")
        return
    found = backups.pg_tool("pg_dump")
    assert found.startswith("/usr/lib/postgresql/") and found.endswith("/bin/pg_dump")


def test_a_backup_from_an_older_comptoir_restores_and_says_to_migrate(seller, tmp_path, capsys):
    last = ("sales", sorted(name for app, name in backups._own_migrations() if app == "sales")[-1])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = %s AND name = %s", list(last))
    try:
        path = backups.backup(tmp_path / "older")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
                [*last, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)],
            )
    call_command("restore", str(path), interactive=False)
    assert "predates 1 migration(s)" in capsys.readouterr().out
    with connection.cursor() as cursor:  # put back what the restore took away
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
            [*last, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)],
        )
