"""Accounts: login throttling everywhere a password is typed, strong passwords, API tokens
stored hashed with an expiry and revocable, private files."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from comptoir.accounts.tokens import issue_token

pytestmark = pytest.mark.django_db

ATTEMPTS = 50


def _login_page(client: Client, password: str) -> int:
    return client.post(
        "/accounts/login/", {"username": "assistant", "password": password}
    ).status_code


def test_fifty_wrong_passwords_on_the_login_page_lock_the_account(assistant):
    client = Client()
    statuses = [_login_page(client, f"wrong-{i}") for i in range(ATTEMPTS)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(statuses[limit:]) == {429}
    # Locked: even the right password is refused until the cool-off ends.
    response = client.post(
        "/accounts/login/", {"username": "assistant", "password": "pw-assistant"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()


def test_the_lockout_is_said_in_french(assistant):
    client = Client()
    client.cookies["comptoir_language"] = "fr"
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login_page(client, f"wrong-{i}")
    response = client.post("/accounts/login/", {"username": "assistant", "password": "x"})
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_a_locked_user_can_log_in_after_the_cool_off(assistant):
    from axes.models import AccessAttempt

    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login_page(client, f"wrong-{i}")
    assert _login_page(client, "pw-assistant") == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    )
    assert _login_page(client, "pw-assistant") == 302


def test_the_admin_login_is_throttled_too(manager):
    manager.is_staff = manager.is_superuser = True
    manager.save()
    client = Client()
    statuses = [
        client.post(
            "/admin/login/?next=/admin/", {"username": "manager", "password": f"bad-{i}"}
        ).status_code
        for i in range(ATTEMPTS)
    ]
    assert statuses[-1] == 429
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "manager", "password": "pw-manager"}
    )
    assert response.status_code == 429


def test_the_api_token_endpoint_is_throttled_in_json(assistant):
    client = Client()
    statuses = [
        client.post(
            "/api/token/",
            {"username": "assistant", "password": f"bad-{i}"},
            content_type="application/json",
        ).status_code
        for i in range(ATTEMPTS)
    ]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [400] * (limit - 1)
    assert set(statuses[limit:]) == {429}
    response = client.post(
        "/api/token/",
        {"username": "assistant", "password": "pw-assistant"},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert "Too many failed login attempts" in response.json()["detail"]
    assert not AuthToken.objects.exists()


@pytest.mark.parametrize("password", ["password", "12345678", "azerty123", "00000000000"])
def test_common_and_numeric_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_the_demo_password_is_still_accepted():
    validate_password("comptoir-demo")


def test_a_token_is_shown_once_and_stored_hashed(assistant):
    client = Client()
    response = client.post(
        "/api/token/",
        "username=assistant&password=pw-assistant",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    secret = body["token"]
    stored = AuthToken.objects.get(user=assistant)
    assert secret not in (stored.digest, stored.token_key)
    assert secret.startswith(body["prefix"]) and stored.token_key == body["prefix"]
    expiry = dt.datetime.fromisoformat(body["expiry"])
    assert expiry - timezone.now() == pytest.approx(
        settings.REST_KNOX["TOKEN_TTL"], abs=dt.timedelta(minutes=1)
    )
    # The secret is nowhere in the database.
    with connection.cursor() as cursor:
        cursor.execute("SELECT digest, token_key FROM knox_authtoken")
        assert all(secret not in value for row in cursor.fetchall() for value in row)
    api = Client(HTTP_AUTHORIZATION=f"Token {secret}")
    assert api.get("/api/companies/").status_code == 200


def test_an_expired_token_is_refused(assistant):
    secret, token = issue_token(user=assistant)
    AuthToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    response = Client(HTTP_AUTHORIZATION=f"Token {secret}").get("/api/companies/")
    assert response.status_code == 401


def test_tokens_are_listed_and_revoked_on_the_preferences_page(assistant, reader):
    secret, token = issue_token(user=assistant)
    others_secret, others = issue_token(user=reader)
    client = Client()
    client.force_login(assistant)
    page = client.get("/accounts/preferences/").content.decode()
    assert token.token_key in page and others.token_key not in page
    assert secret not in page
    # Another user's token cannot be revoked from here.
    client.post("/accounts/tokens/revoke/", {"token_key": others.token_key})
    assert AuthToken.objects.filter(pk=others.pk).exists()
    response = client.post("/accounts/tokens/revoke/", {"token_key": token.token_key})
    assert response.status_code == 302
    assert not AuthToken.objects.filter(pk=token.pk).exists()
    assert Client(HTTP_AUTHORIZATION=f"Token {secret}").get("/api/companies/").status_code == 401
    assert (
        Client(HTTP_AUTHORIZATION=f"Token {others_secret}").get("/api/companies/").status_code
        == 200
    )


def test_a_read_only_user_may_revoke_a_token(reader):
    _, token = issue_token(user=reader)
    client = Client()
    client.force_login(reader)
    assert (
        client.post("/accounts/tokens/revoke/", {"token_key": token.token_key}).status_code == 302
    )
    assert not AuthToken.objects.exists()


def test_the_var_folder_is_private(tmp_path):
    from comptoir.instance import private_folder as _private_folder
    from comptoir.settings.base import VAR_DIR

    assert stat.S_IMODE(VAR_DIR.stat().st_mode) == 0o700
    loose = tmp_path / "var"
    loose.mkdir(mode=0o755)
    os.chmod(loose, 0o755)
    _private_folder(loose)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700
    fresh = tmp_path / "new" / "var"
    _private_folder(fresh)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700


def test_a_new_sqlite_file_is_made_private(tmp_path):
    from comptoir.web.private_files import restrict_sqlite_file

    database = tmp_path / "comptoir.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    wal = Path(str(database) + "-wal")
    wal.write_bytes(b"")
    wal.chmod(0o644)
    fake = SimpleNamespace(vendor="sqlite", settings_dict={"NAME": str(database)})
    restrict_sqlite_file(sender=None, connection=fake)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite file only")
def test_the_database_in_use_is_private():
    connection.ensure_connection()
    name = Path(connection.settings_dict["NAME"])
    assert stat.S_IMODE(name.stat().st_mode) == 0o600


def test_no_clear_token_table_is_left():
    """DRF's authtoken kept tokens in clear; its table is dropped by the migration."""
    tables = connection.introspection.table_names()
    assert "authtoken_token" not in tables
    assert "knox_authtoken" in tables


def test_a_script_revokes_its_own_token(assistant):
    secret, token = issue_token(user=assistant)
    _, kept = issue_token(user=assistant)
    api = Client(HTTP_AUTHORIZATION=f"Token {secret}")
    assert api.post("/api/token/revoke/").status_code == 204
    assert api.get("/api/companies/").status_code == 401
    assert list(AuthToken.objects.values_list("pk", flat=True)) == [kept.pk]
    assert Client().post("/api/token/revoke/").status_code == 401
