"""Fixtures shared by every test: users of each role and logged-in clients."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

# The product's "today" is the local date of the company's time zone (settings.TIME_ZONE,
# Europe/Paris), and many tests compare it with dt.date.today(): the test processes run on
# that clock too, or between 23:00 and 24:00 UTC (22:00 in summer) the two dates differ and
# those tests fail. Set here, before any test module computes its TODAY.
os.environ["TZ"] = "Europe/Paris"
time.tzset()

REPO = Path(__file__).resolve().parent
SHARED = REPO.parent / "shared"
HS_CSV = SHARED / "data" / "hs" / "harmonized-system.csv"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-tests-only",
        action="store_true",
        help="run only the tests that use the database (CI's second pass, on PostgreSQL)",
    )


#: Fixtures through which a test reaches the database (pytest-django's, and every fixture
#: built on them appears in a test's fixture closure).
DB_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With --db-tests-only, leave out the tests that cannot touch the database: pytest-django
    refuses them any query, so they run the same on every database and CI's PostgreSQL pass
    would only repeat them (the trade core, renderers, pure helpers)."""
    if not config.getoption("--db-tests-only"):
        return
    kept, left_out = [], []
    for item in items:
        uses_db = item.get_closest_marker("django_db") is not None or bool(
            DB_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        )
        (kept if uses_db else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def pytest_configure(config: pytest.Config) -> None:
    """The working folder (var/: the test database lives there), made as `comptoir` makes it:
    importing the settings creates nothing."""
    from comptoir import instance

    instance.prepare()


#: Reference data that data migrations install and that the code expects to find, in the
#: order the migrations run (the axle layouts complete the standard equipment). The test
#: databases are built from the models without migrations (settings/test.py, MIGRATE False):
#: `django_db_setup` loads these through the migrations' own functions; and a transactional
#: test empties every table when it ends, so the next transactional test gets them back the
#: same way (Django's serialized rollback fails when another transactional test ran first).
#: A new RunPython that installs data belongs here: test_migrations.py compares these
#: tables with a database migrated from empty.
MIGRATION_DATA = (
    ("origin.Agreement", "comptoir.origin.migrations.0002_agreements", "create"),
    (
        "export_control.CountryMeasure",
        "comptoir.export_control.migrations.0002_seed_country_measures",
        "seed",
    ),
    ("sales.DunningLevel", "comptoir.sales.migrations.0003_default_dunning_levels", "create"),
    ("events.ChecklistTemplate", "comptoir.events.migrations.0002_default_templates", "create"),
    (
        "logistics.Equipment",
        "comptoir.logistics.migrations.0002_standard_equipment",
        "install_standard_equipment",
    ),
    ("logistics.Equipment", "comptoir.logistics.migrations.0004_axle_layouts", "axle_layouts"),
)


def load_migration_data() -> None:
    """Run each data migration's function whose table is empty (on the live models)."""
    from importlib import import_module

    from django.apps import apps

    emptied = {
        label
        for label, _module, _function in MIGRATION_DATA
        if not apps.get_model(label).objects.exists()
    }
    for label, module, function in MIGRATION_DATA:
        if label in emptied:
            getattr(import_module(module), function)(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """pytest-django's test database (built from the models), with the reference data, and
    every migration recorded as applied, as `migrate --fake` records them: the schema is the
    migrations' end state, and code that reads django_migrations (backups) sees a database
    as deployed."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    with django_db_blocker.unblock():
        recorder = MigrationRecorder(connection)
        recorder.ensure_schema()
        missing = set(MigrationLoader(connection).graph.nodes) - set(recorder.applied_migrations())
        recorder.migration_qs.bulk_create(
            [recorder.Migration(app=app, name=name) for app, name in sorted(missing)]
        )
        load_migration_data()


@pytest.fixture(autouse=True)
def _migration_data_back(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    load_migration_data()


@pytest.fixture
def scratch_database(transactional_db, tmp_path):  # type: ignore[no-untyped-def]
    """The default connection pointed at a new, empty database for one test (a migration
    test migrates it from empty: the test database has no migration history); the test
    database is back when the test ends. SQLite: a file in tmp_path; PostgreSQL: a database
    created beside the test database and dropped after."""
    from django.db import connection

    saved = connection.settings_dict["NAME"]
    postgres = connection.vendor == "postgresql"
    name = f"{saved}_scratch" if postgres else str(tmp_path / "scratch.sqlite3")
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def make_user(django_user_model, username: str, role: str):  # type: ignore[no-untyped-def]
    from comptoir.accounts.models import UserProfile

    user = django_user_model.objects.create_user(username=username, password="pw-" + username)
    UserProfile.objects.update_or_create(user=user, defaults={"role": role})
    user.refresh_from_db()
    return user


@pytest.fixture
def assistant(django_user_model):  # type: ignore[no-untyped-def]
    return make_user(django_user_model, "assistant", "assistant")


@pytest.fixture
def manager(django_user_model):  # type: ignore[no-untyped-def]
    return make_user(django_user_model, "manager", "manager")


@pytest.fixture
def reader(django_user_model):  # type: ignore[no-untyped-def]
    return make_user(django_user_model, "reader", "readonly")


@pytest.fixture
def assistant_client(client, assistant):  # type: ignore[no-untyped-def]
    client.force_login(assistant)
    return client


@pytest.fixture
def reader_client(client, reader):  # type: ignore[no-untyped-def]
    client.force_login(reader)
    return client


@pytest.fixture
def hs_loaded(db):  # type: ignore[no-untyped-def]
    """The HS 2022 nomenclature loaded from the shared test data (the bundled copy otherwise)."""
    import gzip
    import io
    from importlib import resources

    from comptoir.catalog.services import import_hs_nomenclature

    if HS_CSV.exists():
        with HS_CSV.open(encoding="utf-8", newline="") as stream:
            return import_hs_nomenclature(stream=stream, user=None)
    raw = (resources.files("comptoir.catalog") / "data" / "hs2022.csv.gz").read_bytes()
    return import_hs_nomenclature(
        stream=io.StringIO(gzip.decompress(raw).decode("utf-8")), user=None
    )


@pytest.fixture(autouse=True)
def _reset_language():  # type: ignore[no-untyped-def]
    """A French page rendered by one test must not leave French active for the next one."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
