"""The production profile: `comptoir check --deploy` finds nothing, HTTPS settings hold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def run_in_profile(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A deployment's environment: none of ours, nor the browser tests' async-unsafe switch.
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("COMPTOIR_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="comptoir.settings.prod",
        COMPTOIR_VAR_DIR=str(tmp_path),
        **env,
    )
    environ.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "comptoir", *args],
        env=environ,
        cwd=REPO,
        capture_output=True,
        text=True,
        # a safety stop, not a speed check: migrating every area takes minutes on a busy machine
        timeout=900,
    )


def test_check_deploy_is_clean_in_the_production_profile(tmp_path):
    # On a migrated database, as deployed (the API schema check reads the tables).
    migrated = run_in_profile(tmp_path, "migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr
    done = run_in_profile(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        COMPTOIR_PUBLIC_URL="https://comptoir.example.com",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
    # without the public address the campaigns' unsubscribe links would be dead: named
    missing = run_in_profile(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert missing.returncode != 0
    assert "COMPTOIR_PUBLIC_URL is not set" in missing.stdout + missing.stderr


def test_the_production_profile_serves_https_only_with_a_strict_policy(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])"
    )
    done = run_in_profile(tmp_path, "shell", "--no-imports", "-c", code, COMPTOIR_DEBUG="1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False True True True True [\"'self'\"]"
