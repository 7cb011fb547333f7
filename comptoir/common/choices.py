"""Choices shared by every area's records and forms: the languages of documents, countries
and currencies (names in the reader's language, from CLDR)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import countries
from .dates import current_language


class Language(models.TextChoices):
    """The languages a partner receives documents and e-mails in."""

    FR = "fr", _("French")
    EN = "en", _("English")


def country_field_choices() -> list[tuple[str, str]]:
    """Countries by their name in the user's language, with an empty first choice."""
    return [("", "—")] + countries.country_choices(current_language())


def currency_field_choices() -> list[tuple[str, str]]:
    """ISO 4217 currency codes."""
    return [(c, c) for c in countries.currency_codes()]
