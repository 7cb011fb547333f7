"""Commands print role names in the terminal's language, never French in an English shell."""

from __future__ import annotations

import io

import pytest
from django.core.management.base import OutputWrapper
from django.test import override_settings

from comptoir.web.management.commands.demo import Command as DemoCommand
from comptoir.web.management.language import terminal_language


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "site"),
        ({}, "site"),
    ],
)
def test_the_terminal_language_decides_then_the_site_language(environ, expected):
    for site in ("fr", "en"):
        with override_settings(LANGUAGE_CODE=site):
            assert terminal_language(environ) == (site if expected == "site" else expected)


def _logins(monkeypatch, **environ: str) -> str:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    out = io.StringIO()
    command = DemoCommand(stdout=OutputWrapper(out))
    command._print_logins()
    return out.getvalue()


@override_settings(LANGUAGE_CODE="fr")
def test_demo_logins_in_english_in_an_english_shell_of_a_french_site(monkeypatch):
    text = _logins(monkeypatch, LANG="en_US.UTF-8")
    assert "Demo logins (password for all: comptoir-demo):" in text
    assert "Read-only" in text and "Lecture seule" not in text


@override_settings(LANGUAGE_CODE="en")
def test_demo_logins_in_french_in_a_french_shell(monkeypatch):
    text = _logins(monkeypatch, LANG="fr_FR.UTF-8")
    assert "Comptes de démonstration (mot de passe pour tous : comptoir-demo) :" in text
    assert "Read-only" not in text
