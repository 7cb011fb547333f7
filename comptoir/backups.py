"""Backups that restore: a consistent copy of the database taken while it is in use, and its
restore.

- **SQLite**: SQLite's online backup API (``sqlite3.Connection.backup``) copies the database
  in one step inside a read transaction, so the copy is the database as of one instant even
  while others write (WAL lets them go on). Copying the file instead gave a corrupt copy 1 time
  in 37 under writes: a copy can catch a page half-written, or miss what is still in the
  ``-wal`` file. The copy is made self-contained (``journal_mode=DELETE``) and checked with
  ``PRAGMA integrity_check`` before it takes its final name.
- **PostgreSQL**: ``pg_dump --format=custom`` (a consistent snapshot by design), found on the
  ``PATH`` or in ``/usr/lib/postgresql/*/bin``; the dump is checked by reading its table of
  contents with ``pg_restore --list``.

A restore replaces the whole database with the backup, all or nothing, after checking the
backup, and refuses while another process has the database open (stop the server and the
worker first). It keeps a copy of the database it replaces in ``var/backups/``.

Every file is created with 0600 permissions (the data of a company, and password hashes), in a
folder made 0700. A backup under way is written to a hidden ``.partial`` file in the target's
folder and takes its name only once complete and checked, so a file with a backup's name is
always a whole backup.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".dump"}
#: How long a backup or restore waits for a writer to finish before giving up (seconds).
BUSY_TIMEOUT_S = 30


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    #: The copy of the database as it was just before the restore (``None`` when it was empty).
    previous_copy: Path | None
    #: Migrations of this version of Comptoir that the backup predates (``comptoir migrate``).
    pending_migrations: int
    #: What was checked on the restored database, for the operator.
    check: str


# --------------------------------------------------------------------------- paths


def backup_dir() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def default_backup_path(*, label: str = "") -> Path:
    """``var/backups/comptoir-YYYYMMDD-HHMMSS.sqlite3`` (or ``.dump``), local time."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    suffix = SUFFIXES.get(connection.vendor, ".backup")
    name = f"comptoir-{stamp}{'-' + label if label else ''}{suffix}"
    path = backup_dir() / name
    counter = 2
    while path.exists():  # two backups in the same second
        path = path.with_name(f"comptoir-{stamp}{'-' + label if label else ''}-{counter}{suffix}")
        counter += 1
    return path


def _private_dir(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)  # mkdir's mode goes through the umask


@contextmanager
def _partial_file(target: Path) -> Iterator[Path]:
    """An empty 0600 file beside ``target``; renamed to ``target`` if the block succeeds."""
    if target.exists():
        raise BackupError(f"{target} already exists: choose another file name.")
    _private_dir(target.parent)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        yield partial
        with open(partial, "rb") as stream:
            os.fsync(stream.fileno())
        try:
            os.link(partial, target)  # never overwrites a file of the same name
        except FileExistsError:
            raise BackupError(f"{target} already exists: choose another file name.") from None
    finally:
        partial.unlink(missing_ok=True)


# --------------------------------------------------------------------------- public entry points


def backup(target: Path | None = None, *, label: str = "") -> Path:
    """Back up the database in use to ``target`` (default: :func:`default_backup_path`)."""
    target = Path(target) if target else default_backup_path(label=label)
    vendor = connection.vendor
    with _partial_file(target) as partial:
        if vendor == "sqlite":
            _sqlite_backup(Path(connection.settings_dict["NAME"]), partial)
        elif vendor == "postgresql":
            _pg_backup(partial)
        else:
            raise BackupError(f"Backups are made on SQLite and PostgreSQL, not {vendor}.")
    return target


def restore(source: Path) -> RestoreResult:
    """Replace the database in use with the backup ``source``, all or nothing.

    Refuses, changing nothing, when: the file is not a backup of this kind of database, fails
    its check, or comes from a newer Comptoir (its schema has migrations this version does not
    know); or another process has the database open. Before replacing anything it backs up the
    current database to ``var/backups/…-before-restore``.
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    vendor = connection.vendor
    if vendor not in SUFFIXES:
        raise BackupError(f"Backups are restored on SQLite and PostgreSQL, not {vendor}.")
    kind = _backup_kind(source)
    if kind != vendor:
        raise BackupError(
            f"{source} is not a backup of a {vendor} database"
            + (f" (it is a {kind} backup)." if kind else ".")
        )
    if vendor == "sqlite":
        _sqlite_check_file(source)
        applied = _sqlite_applied_migrations(source)
    else:
        _pg_check_dump(source)
        applied = _pg_applied_migrations(source)
    own = _own_migrations()
    unknown = sorted(m for m in applied if m[0] in {app for app, _name in own} and m not in own)
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"{source} comes from a newer version of Comptoir (migrations {names} are unknown "
            "here): install that version, then restore."
        )
    users = _other_sessions()
    if users:
        raise BackupError(
            f"The database is in use by {users}: stop Comptoir (server and worker) and any "
            "other command using it, then restore."
        )
    previous = backup(label="before-restore") if _database_has_tables() else None
    connection.close()
    if vendor == "sqlite":
        _sqlite_restore(source, Path(connection.settings_dict["NAME"]))
        check = "SQLite integrity_check: ok"
    else:
        _pg_restore(source)
        check = f"{_pg_check_tables(source)} tables restored in one transaction"
    connection.close()
    return RestoreResult(
        restored_from=source,
        previous_copy=previous,
        pending_migrations=len(own - _applied_in_database()),
        check=check,
    )


def _backup_kind(path: Path) -> str | None:
    with open(path, "rb") as stream:
        head = stream.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    return None


def _own_migrations() -> set[tuple[str, str]]:
    """The migrations of Comptoir's own apps, as this version ships them."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {
        key
        for key, migration in loader.disk_migrations.items()
        if type(migration).__module__.startswith("comptoir.")
    }


def _applied_in_database() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        return {(app, name) for app, name in cursor.fetchall()}


def _database_has_tables() -> bool:
    return bool(connection.introspection.table_names())


def _other_sessions() -> str:
    """Who else has the database open (empty when nobody does, or when it cannot be told)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            )
            (count,) = cursor.fetchone()
        return f"{count} other session(s)" if count else ""
    return "another process" if _sqlite_open_elsewhere(connection.settings_dict["NAME"]) else ""


# --------------------------------------------------------------------------- SQLite


def _sqlite_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)


def _sqlite_backup(source: Path, partial: Path) -> None:
    if not source.is_file():
        raise BackupError(f"There is no database at {source} to back up.")
    src = _sqlite_connect(source)
    dst = _sqlite_connect(partial)
    try:
        # pages=-1: the whole database in one step, i.e. in one read transaction, so writes
        # by others cannot make the copy restart or mix two states.
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        _sqlite_integrity(dst, partial)
    except sqlite3.Error as exc:
        raise BackupError(f"The backup of {source} failed: {exc}.") from exc
    finally:
        dst.close()
        src.close()


def _sqlite_integrity(db: sqlite3.Connection, path: Path) -> None:
    rows = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        raise BackupError(f"{path} fails SQLite's integrity check: {'; '.join(rows[:3])}")


def _sqlite_check_file(path: Path) -> None:
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"{path} cannot be opened: {exc}.") from exc
    try:
        _sqlite_integrity(db, path)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is damaged: {exc}.") from exc
    finally:
        db.close()


def _sqlite_applied_migrations(path: Path) -> set[tuple[str, str]]:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
    except sqlite3.Error:
        raise BackupError(f"{path} is not a Comptoir database (no migrations table).") from None
    finally:
        db.close()
    return {(app, name) for app, name in rows}


# SQLite's unix VFS: every process that has a WAL database open holds a shared POSIX lock on
# byte 128 of the ``-shm`` file (the "dead man switch", UNIX_SHM_DMS in os_unix.c) for as long
# as it keeps it open. Linux lists every such lock in /proc/locks; reading that list, rather
# than probing with fcntl, cannot release this process's own locks.
_SHM_DMS_OFFSET = 128


def _sqlite_open_elsewhere(database: str | Path) -> bool:
    """True when another process has the database open (Linux; False where it cannot tell).

    An idle server holding no connection at that moment is not seen: stopping Comptoir before
    a restore stays the rule; this catches the server or worker caught in the middle of work.
    """
    shm = Path(f"{database}-shm")
    locks = Path("/proc/locks")
    if not shm.exists() or not locks.exists():
        return False
    stat = shm.stat()
    device = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    for line in locks.read_text().splitlines():
        fields = line.split()
        # "1: POSIX  ADVISORY  READ 15768 fe:00:2146489 128 128"
        if len(fields) < 8 or fields[1] != "POSIX" or fields[5] != device:
            continue
        pid, start, end = fields[4], fields[6], fields[7]
        if pid != str(os.getpid()) and int(start) <= _SHM_DMS_OFFSET <= _lock_end(end):
            return True
    return False


def _lock_end(value: str) -> int:
    return sys.maxsize if value == "EOF" else int(value)


def _sqlite_restore(source: Path, database: Path) -> None:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = _sqlite_connect(database)
    try:
        # The backup API writes the pages into the live database in one write transaction:
        # all or nothing, and the -wal file stays coherent (replacing the file under an
        # existing -wal is how databases get corrupted).
        src.backup(dst, pages=-1)
    except sqlite3.Error as exc:
        dst.close()
        src.close()
        raise BackupError(
            f"The restore into {database} failed, nothing was changed: {exc}."
        ) from exc
    try:
        dst.execute("PRAGMA journal_mode=WAL")
        _sqlite_integrity(dst, database)
    finally:
        dst.close()
        src.close()


# --------------------------------------------------------------------------- PostgreSQL


def pg_tool(name: str) -> str:
    """``pg_dump``, ``pg_restore`` or ``psql``: on the PATH, else Debian's newest server bin."""
    found = shutil.which(name)
    if found:
        return found
    folders = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()],
    )
    for folder in reversed(folders):
        if (folder / name).is_file():
            return str(folder / name)
    raise BackupError(
        f"{name} was not found (PATH, /usr/lib/postgresql/*/bin): install PostgreSQL's client "
        "tools (Debian: apt-get install postgresql-client)."
    )


def _pg_env() -> dict[str, str]:
    """Connection parameters of the database in use, as libpq environment variables."""
    conf: dict[str, Any] = connection.settings_dict
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if conf.get(key):
            env[var] = str(conf[key])
    options = conf.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return env


def _run(command: list[str], what: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, env=_pg_env(), capture_output=True, text=True, check=False, umask=0o077
    )
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        raise BackupError(f"{what} failed: {' / '.join(detail[-3:]) or done.returncode}")
    return done


def _pg_backup(partial: Path) -> None:
    _run(
        [
            pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(partial),
        ],
        "pg_dump",
    )
    partial.chmod(0o600)
    _pg_check_dump(partial)


def _pg_check_dump(path: Path) -> None:
    done = _run([pg_tool("pg_restore"), "--list", str(path)], f"Reading {path}")
    if "TABLE DATA" not in done.stdout:
        raise BackupError(f"{path} holds no table data.")


def _pg_check_tables(path: Path) -> int:
    """Every table of the dump exists after the restore; returns how many there are."""
    listing = _run([pg_tool("pg_restore"), "--list", str(path)], f"Reading {path}").stdout
    expected = {
        line.split()[-2]
        for line in listing.splitlines()
        if not line.startswith(";") and " TABLE DATA " in line
    }
    present = set(connection.introspection.table_names())
    missing = sorted(expected - present)
    if missing:
        raise BackupError(f"After the restore, tables are missing: {', '.join(missing[:5])}")
    return len(expected)


def _pg_applied_migrations(path: Path) -> set[tuple[str, str]]:
    """The rows of django_migrations in a dump, read without restoring it."""
    done = _run(
        [pg_tool("pg_restore"), "--data-only", "--table=django_migrations", "--file=-", str(path)],
        f"Reading {path}",
    )
    rows: set[tuple[str, str]] = set()
    in_copy = False
    for line in done.stdout.splitlines():
        if line.startswith("COPY ") and "django_migrations" in line:
            in_copy = True
        elif in_copy and line == "\\.":
            break
        elif in_copy:
            fields = line.split("\t")
            rows.add((fields[1], fields[2]))
    if not in_copy:
        raise BackupError(f"{path} is not a Comptoir database (no migrations table).")
    return rows


# Drops every table of the schema before the backup's are created, so a table that a later
# version added does not survive the restore of an older backup (pg_restore --clean drops only
# the objects the backup holds). Runs in the restore's transaction.
_PG_DROP_TABLES = """
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename);
  END LOOP;
END $$;
"""


def _pg_restore(source: Path) -> None:
    """pg_restore --clean into the database in use, in one transaction (psql -1).

    pg_restore writes the restore script to a private file first, so that a dump that cannot
    be read entirely stops the restore before anything changes.
    """
    folder = backup_dir()
    _private_dir(folder)
    script = folder / f".restore-{os.getpid()}.sql"
    prelude = folder / f".restore-{os.getpid()}-prelude.sql"
    try:
        for path in (script, prelude):
            path.unlink(missing_ok=True)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        prelude.write_text(_PG_DROP_TABLES)
        _run(
            [
                pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(script),
                str(source),
            ],
            f"Reading {source}",
        )
        _run(
            [
                pg_tool("psql"),
                "--no-psqlrc",
                "--quiet",
                "--single-transaction",
                "--set=ON_ERROR_STOP=1",
                "--file",
                str(prelude),
                "--file",
                str(script),
            ],
            "The restore (nothing was changed)",
        )
    finally:
        script.unlink(missing_ok=True)
        prelude.unlink(missing_ok=True)
