"""Fixtures shared by every test: users of each role and logged-in clients."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent
SHARED = REPO.parent / "shared"
HS_CSV = SHARED / "data" / "hs" / "harmonized-system.csv"


def pytest_configure(config: pytest.Config) -> None:
    """The working folder (var/: the test database lives there), made as `comptoir` makes it:
    importing the settings creates nothing."""
    from comptoir import instance

    instance.prepare()


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
