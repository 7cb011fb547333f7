"""Forms of the reporting pages: they validate what was typed and build the typed values the
services take."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from comptoir.common.choices import country_field_choices
from comptoir.parties.models import Company, Zone

from .inputs import SalesObjectiveValues
from .models import SalesObjective

MONEY: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": Decimal("999999999999.99"),
}


class SalesObjectiveForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("quarter"),
        choices=[("", "—"), *((str(q), f"Q{q}") for q in range(1, 5))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    month = forms.IntegerField(label=_("month"), min_value=1, max_value=12, required=False)
    person = forms.ModelChoiceField(
        label=_("salesperson"),
        queryset=User.objects.filter(is_active=True).order_by("first_name", "username"),
        required=False,
    )
    agent = forms.ModelChoiceField(
        label=_("agent"),
        queryset=Company.objects.with_role("agent").order_by("name"),
        required=False,
    )
    zone = forms.ModelChoiceField(
        label=_("zone"), queryset=Zone.objects.order_by("name"), required=False
    )
    country = forms.ChoiceField(label=_("country"), choices=country_field_choices, required=False)
    revenue_eur = forms.DecimalField(label=_("revenue objective (EUR)"), **MONEY)
    intake_eur = forms.DecimalField(
        label=_("order intake objective (EUR)"), **MONEY, required=False
    )
    notes = forms.CharField(label=_("notes"), max_length=300, required=False)

    @staticmethod
    def initial_of(objective: SalesObjective) -> dict[str, Any]:
        names = ["year", "quarter", "month", "person", "agent", "zone", "country"]
        return {n: getattr(objective, n) for n in [*names, "revenue_eur", "intake_eur", "notes"]}

    def values(self) -> SalesObjectiveValues:
        d = self.cleaned_data
        return SalesObjectiveValues(
            year=d["year"],
            quarter=d["quarter"],
            month=d["month"],
            person=d["person"],
            agent=d["agent"],
            zone=d["zone"],
            country=d["country"] or "",
            revenue_eur=d["revenue_eur"],
            intake_eur=d["intake_eur"],
            notes=d["notes"],
        )
