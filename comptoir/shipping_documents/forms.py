"""Forms of the document set: they validate what was typed and give the services' values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from comptoir.common.dates import today

from .models import Kind, SentTo
from .services import RECEIVED_KINDS, ReceivedValues


class SendForm(forms.Form):
    sent_to = forms.ChoiceField(label=_("Sent to"), choices=SentTo.choices)
    sent_on = forms.DateField(
        label=_("Sent on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=today,
    )
    override_reason = forms.CharField(
        label=_("Reason to send although the set does not agree (manager)"),
        max_length=300,
        required=False,
    )


class ReceivedForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Document"),
        choices=[(k, label) for k, label in Kind.choices if k in RECEIVED_KINDS],
    )
    reference = forms.CharField(label=_("Number printed on it"), max_length=60)
    document_date = forms.DateField(
        label=_("Date of the document (on board, issue)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    packages = forms.IntegerField(
        label=_("Number of packages"), min_value=1, max_value=1_000_000, required=False
    )
    gross_weight_kg = forms.DecimalField(
        label=_("Gross weight (kg)"),
        min_value=Decimal(0),
        max_value=Decimal(10_000_000),
        decimal_places=3,
        required=False,
    )
    net_weight_kg = forms.DecimalField(
        label=_("Net weight (kg)"),
        min_value=Decimal(0),
        max_value=Decimal(10_000_000),
        decimal_places=3,
        required=False,
    )
    marks = forms.CharField(
        label=_("Marks and numbers"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    description = forms.CharField(
        label=_("Description of the goods"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    hs_codes = forms.CharField(
        label=_("HS codes (separated by commas)"), max_length=500, required=False
    )
    consignee = forms.CharField(label=_("Consignee"), max_length=200, required=False)
    incoterm = forms.CharField(label=_("Incoterm® and place"), max_length=130, required=False)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)

    def clean_document_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["document_date"]
        if value > today() + dt.timedelta(days=1):
            raise forms.ValidationError(_("A document received cannot be dated in the future."))
        return value

    def values(self) -> ReceivedValues:
        data = self.cleaned_data
        codes = tuple(c.strip() for c in data["hs_codes"].split(",") if c.strip())
        return ReceivedValues(
            kind=data["kind"],
            reference=data["reference"],
            document_date=data["document_date"],
            packages=data["packages"],
            gross_weight_kg=data["gross_weight_kg"],
            net_weight_kg=data["net_weight_kg"],
            marks=data["marks"],
            description=data["description"],
            hs_codes=codes,
            consignee=data["consignee"],
            incoterm=data["incoterm"],
            note=data["note"],
        )
