"""The production profile: `comptoir check --deploy` finds nothing, HTTPS settings hold."""

from __future__ import annotations

from .conftest import GROUP
from .conftest import run_comptoir as run_in_profile


@GROUP
def test_check_deploy_is_clean_in_the_production_profile(migrated_var_dir):  # type: ignore[no-untyped-def]
    # On a migrated database, as deployed (the API schema check reads the tables): a copy of
    # the one migrated from empty in the production profile (conftest.py), checked up to date.
    tmp_path = migrated_var_dir
    migrated = run_in_profile(tmp_path, "migrate", "--check")
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
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
