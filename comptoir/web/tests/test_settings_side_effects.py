"""Importing the settings reads only; the `comptoir` command prepares the working folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
IMPORT_AND_COMPARE_ENVIRONMENT = """
import os
before = dict(os.environ)
import comptoir.settings.{module} as s
assert dict(os.environ) == before, "the settings changed the environment"
print(s.VAR_DIR)
"""


def fresh_environment(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPTOIR_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    env["COMPTOIR_VAR_DIR"] = str(var_dir)
    return env


@pytest.mark.parametrize("module", ["dev", "test", "prod"])
def test_importing_the_settings_creates_nothing(tmp_path, module):
    var_dir = tmp_path / "var"
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_AND_COMPARE_ENVIRONMENT.format(module=module)],
        env=fresh_environment(var_dir) | {"PYTHONPATH": str(REPO)},
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=600,  # a safety stop, not a speed check
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(var_dir)
    assert not var_dir.exists()
    assert list(workdir.iterdir()) == []


def test_the_comptoir_command_makes_a_private_folder_with_its_secret_key(tmp_path):
    var_dir = tmp_path / "var"
    done = subprocess.run(
        [sys.executable, "-m", "comptoir", "check"],
        env=fresh_environment(var_dir),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,  # a safety stop, not a speed check
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(var_dir.stat().st_mode) == 0o700
    key_file = var_dir / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 50
    assert (var_dir / "static").is_dir()
