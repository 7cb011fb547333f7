"""The monthly report's forms: they validate what was typed and give the typed values the
services of :mod:`.monthly` take (the services check again and name the field)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import registry
from .inputs import MonthlySettingsValues, Recipient
from .models import MAX_COMMENTARY, MonthlyReportSettings
from .monthly import MAX_RECIPIENTS, recipients_of

LANGUAGE_CHOICES = [("fr", _("French")), ("en", _("English"))]
#: one recipient per line: the address, then optionally its language ("fr" or "en")
LINE = re.compile(r"^\s*(?P<email>\S+?)[\s,;]*(?:[\s,;](?P<language>fr|en))?\s*$", re.IGNORECASE)
MAX_RECIPIENTS_TEXT = 8000


class CommentaryForm(forms.Form):
    commentary = forms.CharField(
        label=_("Commentary"),
        required=False,
        max_length=MAX_COMMENTARY,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 12, "maxlength": MAX_COMMENTARY}),
        help_text=_(
            "What the figures say: the month's highlights, what explains them, what comes "
            "next. Printed after the cover, before the dashboards."
        ),
    )


class OpenReportForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        max_length=7,
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "2026-11"}),
        help_text=_("Year and month, as 2026-11."),
    )

    def clean_month(self) -> tuple[int, int]:
        value = self.cleaned_data["month"].strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError(_("Give the year and the month, as 2026-11."))
        return int(match.group(1)), int(match.group(2))


def _dashboard_choices() -> list[tuple[str, str]]:
    return [(s.key, str(s.title)) for s in registry.specs()]


class MonthlySettingsForm(forms.Form):
    dashboards = forms.MultipleChoiceField(
        label=_("Dashboards in the report"),
        choices=_dashboard_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In the order of the dashboards' list; six at most."),
    )
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        max_length=MAX_RECIPIENTS_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One e-mail address per line, followed by fr or en: the language of the e-mail "
            "(French when none is given)."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the report (PDF)"), choices=LANGUAGE_CHOICES)
    auto_send = forms.BooleanField(
        label=_("Send it automatically on the first working day of the month"), required=False
    )
    year_to_date = forms.BooleanField(
        label=_("Add the year to date after the month"), required=False
    )

    @staticmethod
    def initial_of(settings: MonthlyReportSettings) -> dict[str, Any]:
        return {
            "dashboards": list(settings.dashboards),
            "recipients": "\n".join(f"{r.email} {r.language}" for r in recipients_of(settings)),
            "language": settings.language,
            "auto_send": settings.auto_send,
            "year_to_date": settings.year_to_date,
        }

    def clean_recipients(self) -> tuple[Recipient, ...]:
        lines = [line for line in self.cleaned_data["recipients"].splitlines() if line.strip()]
        if len(lines) > MAX_RECIPIENTS:
            raise forms.ValidationError(_("At most %(max)s recipients.") % {"max": MAX_RECIPIENTS})
        found = []
        for number, line in enumerate(lines, start=1):
            match = LINE.match(line)
            if match is None:
                raise forms.ValidationError(
                    _("Line %(line)s: an e-mail address, then fr or en.") % {"line": number}
                )
            found.append(
                Recipient(
                    email=match.group("email").strip(",;"),
                    language=(match.group("language") or "fr").lower(),
                )
            )
        return tuple(found)

    def values(self) -> MonthlySettingsValues:
        d = self.cleaned_data
        chosen = set(d["dashboards"])
        return MonthlySettingsValues(
            dashboards=tuple(s.key for s in registry.specs() if s.key in chosen),
            recipients=d["recipients"],
            language=d["language"],
            auto_send=d["auto_send"],
            year_to_date=d["year_to_date"],
        )
