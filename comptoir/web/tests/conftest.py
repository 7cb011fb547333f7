"""A database migrated from empty, as a deployment migrates it, shared by the tests that
start `comptoir` in a subprocess (the production check, `comptoir serve`) and by the test of
every migration: migrating takes minutes, so it runs once per test process and each test
works on a copy. The three tests are in one xdist group (`make pytest`: --dist loadgroup),
so one worker migrates once."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
GROUP = pytest.mark.xdist_group("migrated_sqlite")


def deployment_env(
    var_dir: Path, settings: str = "comptoir.settings.prod", **env: str
) -> dict[str, str]:
    """A deployment's environment: none of ours, nor the browser tests' async-unsafe switch,
    nor the test run's database."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("COMPTOIR_") and k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    }
    environ.update(DJANGO_SETTINGS_MODULE=settings, COMPTOIR_VAR_DIR=str(var_dir), **env)
    return environ


def run_comptoir(
    var_dir: Path, *args: str, settings: str = "comptoir.settings.prod", **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "comptoir", *args],
        env=deployment_env(var_dir, settings, **env),
        cwd=REPO,
        capture_output=True,
        text=True,
        # a safety stop, not a speed check: migrating every area takes minutes on a busy machine
        timeout=900,
    )


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """comptoir.sqlite3 migrated from empty by `comptoir migrate` (production profile)."""
    folder = tmp_path_factory.mktemp("migrated")
    done = run_comptoir(folder, "migrate", "--verbosity", "0")
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "comptoir.sqlite3"


@pytest.fixture
def migrated_var_dir(migrated_sqlite: Path, tmp_path: Path) -> Path:
    """A fresh working folder holding a copy of the migrated database."""
    folder = tmp_path / "var"
    folder.mkdir()
    source = sqlite3.connect(migrated_sqlite)
    target = sqlite3.connect(folder / "comptoir.sqlite3")
    with target:
        source.backup(target)
    source.close()
    target.close()
    return folder


def reference_rows(labels: list[str]) -> dict[str, list[str]]:
    """The rows of the given tables, without their ids, timestamps and links (they differ
    between two databases that hold the same data), sorted: comparable across databases."""
    from django.apps import apps
    from django.db import models

    found = {}
    for label in labels:
        model = apps.get_model(label)
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.primary_key and not isinstance(f, (models.DateTimeField, models.ForeignKey))
        ]
        found[label] = sorted(
            json.dumps(row, default=str) for row in model.objects.values_list(*names)
        )
    return found
