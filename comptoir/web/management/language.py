"""The language a command writes in: the terminal's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
``LANG``), else the site's ``LANGUAGE_CODE``.

Commands print for the person at the terminal, not for a web visitor: a French terminal gets
French role names, any other language English; with no locale set (``C``, ``POSIX`` or unset,
as under a service manager) the site's own language applies.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.conf import settings

__all__ = ["terminal_language"]

_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def terminal_language(environ: Mapping[str, str] | None = None) -> str:
    """``"fr"`` or ``"en"``: the first locale variable that names a language decides."""
    env = os.environ if environ is None else environ
    for variable in _LOCALE_VARIABLES:
        # LANGUAGE is a list ("fr:en"); the others one locale ("fr_FR.UTF-8").
        value = env.get(variable, "").split(":")[0].split(".")[0].strip()
        if value and value not in ("C", "POSIX"):
            return "fr" if value.lower().startswith("fr") else "en"
    return "fr" if str(settings.LANGUAGE_CODE).lower().startswith("fr") else "en"
