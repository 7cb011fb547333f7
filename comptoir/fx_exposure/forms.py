"""Forms of the currency pages: they validate what was typed and build the typed values the
services take."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from comptoir.common.dates import today
from comptoir.parties.models import Company

from .inputs import HedgeStatusValues, HedgeValues, PaymentValues
from .models import ExpectedPayment, Hedge

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AMOUNT: dict[str, Any] = {
    "max_digits": 16,
    "decimal_places": 2,
    "min_value": Decimal("0.01"),
    "max_value": Decimal("99999999999999.99"),
}


class HedgeForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Hedge.Kind.choices)
    reference = forms.CharField(label=_("bank's deal reference"), max_length=60)
    bank = forms.CharField(label=_("bank"), max_length=120)
    side = forms.ChoiceField(label=_("direction"), choices=Hedge.Side.choices)
    currency = forms.CharField(label=_("currency"), max_length=3, min_length=3)
    amount = forms.DecimalField(label=_("amount in the currency"), **AMOUNT)
    rate = forms.DecimalField(
        label=_("contract rate (currency per EUR)"),
        max_digits=14,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        help_text=_("For an option: its strike. EUR/USD 1.0850 means 1 EUR = 1.0850 USD."),
    )
    trade_date = forms.DateField(label=_("trade date"), widget=DATE, initial=today)
    window_from = forms.DateField(label=_("usable from"), widget=DATE, required=False)
    maturity = forms.DateField(label=_("maturity"), widget=DATE)
    premium_eur = forms.DecimalField(
        label=_("premium paid (EUR)"),
        max_digits=16,
        decimal_places=2,
        min_value=Decimal("0"),
        initial=Decimal("0"),
        required=False,
    )
    responsible = forms.ModelChoiceField(
        label=_("responsible"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
        help_text=_("Gets the task a week before maturity."),
    )
    notes = forms.CharField(
        label=_("notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def initial_of(cls, hedge: Hedge) -> dict[str, Any]:
        return {name: getattr(hedge, name) for name in cls.base_fields}

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).strip().upper()

    def values(self) -> HedgeValues:
        data = dict(self.cleaned_data)
        data["premium_eur"] = data.get("premium_eur") or Decimal("0")
        return HedgeValues(**data)


class HedgeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Hedge.Status.choices)
    delivered = forms.DecimalField(
        label=_("delivered so far"),
        max_digits=16,
        decimal_places=2,
        min_value=Decimal("0"),
    )

    def values(self) -> HedgeStatusValues:
        return HedgeStatusValues(**self.cleaned_data)


class PaymentForm(forms.Form):
    currency = forms.CharField(label=_("currency"), max_length=3, min_length=3)
    amount = forms.DecimalField(label=_("amount"), **AMOUNT)
    due_on = forms.DateField(label=_("expected on"), widget=DATE)
    supplier = forms.ModelChoiceField(
        label=_("supplier"),
        queryset=Company.objects.order_by("name"),
        required=False,
    )
    purchase_reference = forms.CharField(
        label=_("purchase order or invoice reference"), max_length=60, required=False
    )
    description = forms.CharField(label=_("what for"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("status"),
        choices=ExpectedPayment.Status.choices,
        initial=ExpectedPayment.Status.EXPECTED,
    )

    @classmethod
    def initial_of(cls, payment: ExpectedPayment) -> dict[str, Any]:
        return {name: getattr(payment, name) for name in cls.base_fields}

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).strip().upper()

    def values(self) -> PaymentValues:
        return PaymentValues(**self.cleaned_data)
