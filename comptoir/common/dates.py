"""Today's date and the active language, as every area reads them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation


def today() -> dt.date:
    """Today in the current time zone (the user's, or the company's for jobs)."""
    return timezone.localdate()


def current_language() -> str:
    """The language of the request or of the override in force ("en" when none is active)."""
    return translation.get_language() or "en"
