"""Every migration runs from an empty database, on each backend, and installs the same
reference data as the test databases get: those are built from the models without
migrations (settings/test.py) and given the data migrations' data by the root conftest.py,
so this is the test that proves the migrations themselves (and that the shortcut holds)."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from conftest import MIGRATION_DATA

from .conftest import GROUP, reference_rows, run_comptoir

LABELS = sorted({label for label, _module, _function in MIGRATION_DATA})


def _reference_data(var_dir, **env):  # type: ignore[no-untyped-def]
    """The reference tables of the database that `comptoir` in var_dir (and env) uses."""
    code = (
        "import json; from comptoir.web.tests.conftest import reference_rows;"
        f" print(json.dumps(reference_rows({LABELS!r})))"
    )
    done = run_comptoir(var_dir, "shell", "--no-imports", "-c", code, **env)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _migrated_everything(var_dir, **env):  # type: ignore[no-untyped-def]
    done = run_comptoir(var_dir, "migrate", "--check", **env)
    assert done.returncode == 0, done.stdout + done.stderr  # nothing left to apply
    done = run_comptoir(var_dir, "showmigrations", "--plan", **env)
    assert done.returncode == 0, done.stdout + done.stderr
    applied = done.stdout.count("[X]")
    assert applied == len(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    assert "[ ]" not in done.stdout


@GROUP
@pytest.mark.django_db(transaction=True)
def test_every_migration_runs_from_an_empty_database(request, tmp_path):  # type: ignore[no-untyped-def]
    if connection.vendor == "sqlite":
        # the database that the production profile migrated from empty (conftest.py)
        var_dir = request.getfixturevalue("migrated_var_dir")
        _migrated_everything(var_dir)
        migrated = _reference_data(var_dir)
    else:
        settings = connection.settings_dict
        name = f"{settings['NAME']}_migrations"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        try:
            env = {
                "DATABASE_URL": f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}"
                f"@{settings['HOST']}:{settings['PORT']}/{name}"
            }
            var_dir = tmp_path
            done = run_comptoir(var_dir, "migrate", "--verbosity", "0", **env)
            assert done.returncode == 0, done.stdout + done.stderr
            _migrated_everything(var_dir, **env)
            migrated = _reference_data(var_dir, **env)
        finally:
            connection.close()
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    # the test database (models, then conftest.py's reference data) holds the same rows
    assert reference_rows(LABELS) == migrated
    for label, rows in migrated.items():
        assert rows, f"the migrations installed no {label}"
