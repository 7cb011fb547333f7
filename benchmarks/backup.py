"""Copying a live SQLite database with ``cp`` against SQLite's online backup API.

A scratch SQLite database in WAL mode (as Comptoir runs it) is written to continuously by
another process (inserts and updates in small transactions, with automatic checkpoints),
while this script takes ``--rounds`` copies each way:

* **file copy**: ``shutil.copyfile`` of the database file (what ``cp`` does; the ``-wal``
  file is not copied, as people usually forget it);
* **backup API**: ``comptoir.backups``' way, ``sqlite3.Connection.backup(pages=-1)``.

Each copy is then opened and checked: ``PRAGMA integrity_check`` must say ``ok``, and the
rows must be consistent (the writer keeps ``SUM(amount)`` of ``ledger`` equal to the
``total`` row of ``balance`` in every transaction). Prints, for each way, how many copies
were damaged or inconsistent, and the median time of a copy.

    python benchmarks/backup.py --rounds 40 --rows 200000               # writer flat out
    python benchmarks/backup.py --rounds 40 --rows 200000 --pause-ms 50 # ~20 writes a second
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path


def _writer(path: str, stop: multiprocessing.synchronize.Event, pause_s: float) -> None:  # type: ignore[name-defined]
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    n = 0
    while not stop.is_set():
        n += 1
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO ledger (amount, note) VALUES (?, ?)", (n % 97, "x" * 200))
        db.execute("UPDATE ledger SET note = ? WHERE id = ?", ("y" * 200, (n * 7919) % (n + 1) + 1))
        db.execute("UPDATE balance SET total = total + ? WHERE id = 1", (n % 97,))
        db.execute("COMMIT")
        if pause_s:
            time.sleep(pause_s)
    db.close()


def _seed(path: Path, rows: int) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER, note TEXT)")
    db.execute("CREATE INDEX ledger_amount ON ledger (amount)")
    db.execute("CREATE TABLE balance (id INTEGER PRIMARY KEY, total INTEGER)")
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO ledger (amount, note) VALUES (?, ?)",
        ((i % 97, "z" * 200) for i in range(rows)),
    )
    (total,) = db.execute("SELECT SUM(amount) FROM ledger").fetchone()
    db.execute("INSERT INTO balance (id, total) VALUES (1, ?)", (total,))
    db.execute("COMMIT")
    db.close()


def _check(path: Path) -> str:
    """'ok', 'damaged' (integrity check or open fails) or 'inconsistent' (totals disagree)."""
    try:
        # Read-write: a copy of a WAL database needs its -shm to be created to be read.
        db = sqlite3.connect(path)
        try:
            if db.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                return "damaged"
            (ledger,) = db.execute("SELECT SUM(amount) FROM ledger").fetchone()
            (total,) = db.execute("SELECT total FROM balance WHERE id = 1").fetchone()
            return "ok" if ledger == total else "inconsistent"
        finally:
            db.close()
    except sqlite3.Error:
        return "damaged"


def _file_copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)


def _backup_api(source: Path, target: Path) -> None:
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument(
        "--pause-ms", type=float, default=0, help="pause of the writer between transactions"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        live = Path(folder) / "live.sqlite3"
        _seed(live, args.rows)
        stop = multiprocessing.Event()
        writer = multiprocessing.Process(
            target=_writer, args=(str(live), stop, args.pause_ms / 1000)
        )
        writer.start()
        time.sleep(1)
        results: dict[str, list[str]] = {"file copy": [], "backup API": []}
        timings: dict[str, list[float]] = {"file copy": [], "backup API": []}
        try:
            for n in range(args.rounds):
                for name, copy in (("file copy", _file_copy), ("backup API", _backup_api)):
                    target = Path(folder) / f"copy-{n}-{name.replace(' ', '-')}.sqlite3"
                    started = time.perf_counter()
                    copy(live, target)
                    timings[name].append(time.perf_counter() - started)
                    results[name].append(_check(target))
                    target.unlink()
        finally:
            stop.set()
            writer.join(timeout=30)
        size_mb = live.stat().st_size / 1e6
        pace = f"pausing {args.pause_ms:g} ms" if args.pause_ms else "continuously"
        print(f"database {size_mb:.1f} MB, writer committing {pace}, {args.rounds} rounds")
        for name, outcomes in results.items():
            bad = {k: outcomes.count(k) for k in ("damaged", "inconsistent")}
            print(
                f"{name:11s}: {bad['damaged']} damaged, {bad['inconsistent']} inconsistent "
                f"of {len(outcomes)}; median {statistics.median(timings[name]) * 1000:.0f} ms"
            )


if __name__ == "__main__":
    main()
