"""COMPTOIR_PUBLIC_URL: a declared setting, the start of the unsubscribe links, and the
deployment check that names it when a server has none."""

from __future__ import annotations

from typing import Any

from django.core import checks

from comptoir.prospecting import mailing
from comptoir.prospecting.checks import public_url_check


def test_missing_or_wrong_public_url_is_named(settings: Any) -> None:
    settings.COMPTOIR_PUBLIC_URL = ""
    (missing,) = public_url_check()
    assert missing.id == "comptoir.W101" and missing.level == checks.WARNING
    assert "COMPTOIR_PUBLIC_URL is not set" in missing.msg
    assert mailing.public_url() == "http://127.0.0.1:8000"
    settings.COMPTOIR_PUBLIC_URL = "comptoir.example.com"
    (wrong,) = public_url_check()
    assert wrong.id == "comptoir.E101" and wrong.level == checks.ERROR
    settings.COMPTOIR_PUBLIC_URL = "http://comptoir.example.com"
    assert [m.id for m in public_url_check()] == ["comptoir.W102"]
    settings.COMPTOIR_PUBLIC_URL = "https://comptoir.example.com"
    assert public_url_check() == []
    assert mailing.unsubscribe_url(7).startswith("https://comptoir.example.com/prospecting/")


def test_the_check_runs_with_deploy_only() -> None:
    deploy = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    plain = checks.run_checks(include_deployment_checks=False, tags=[checks.Tags.security])
    ids = {m.id for m in deploy}
    assert not {m.id for m in plain} & {"comptoir.W101", "comptoir.W102", "comptoir.E101"}
    # the test settings give no public address: the deployment check says so
    assert "comptoir.W101" in ids
