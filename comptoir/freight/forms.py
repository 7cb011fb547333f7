"""Forms of the freight screens: they validate what was typed and give the services' values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comptoir.common.choices import currency_field_choices
from comptoir.common.dates import today
from comptoir.parties.models import Company

from . import selectors
from .inputs import ChargeValues, InvoiceValues, QuoteValues, RequestValues, Weights
from .models import ChargeKind, FreightRequest, ProviderInvoice

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RequestForm(forms.Form):
    providers = forms.ModelMultipleChoiceField(
        label=_("Carriers and forwarders asked"),
        queryset=Company.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Companies with the role carrier or freight forwarder."),
    )
    reply_by = forms.DateField(label=_("Answers expected by"), widget=DATE)
    ready_on = forms.DateField(label=_("Goods ready on"), widget=DATE, required=False)
    services_asked = forms.CharField(
        label=_("Services asked"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("E.g. pick-up in Thiers, export clearance, sea freight to Casablanca port."),
    )
    instructions = forms.CharField(
        label=_("Remarks to the providers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["providers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = selectors.transport_providers()

    def values(self) -> RequestValues:
        data = self.cleaned_data
        return RequestValues(
            providers=tuple(data["providers"]),
            reply_by=data["reply_by"],
            ready_on=data.get("ready_on"),
            services_asked=data.get("services_asked", ""),
            instructions=data.get("instructions", ""),
        )

    @classmethod
    def initial_for(cls, request: FreightRequest) -> dict[str, Any]:
        return {
            "providers": [r.provider_id for r in request.recipients.all()],
            "reply_by": request.reply_by,
            "ready_on": request.ready_on,
            "services_asked": request.services_asked,
            "instructions": request.instructions,
        }


class WeightsForm(forms.Form):
    cost = forms.IntegerField(label=_("Cost"), min_value=0, max_value=100)
    transit = forms.IntegerField(label=_("Transit time"), min_value=0, max_value=100)
    reliability = forms.IntegerField(label=_("Reliability"), min_value=0, max_value=100)
    service = forms.IntegerField(label=_("Service"), min_value=0, max_value=100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(k in data for k in ("cost", "transit", "reliability", "service")) and not any(
            data[k] for k in ("cost", "transit", "reliability", "service")
        ):
            raise forms.ValidationError(_("At least one weight must be above zero."))
        return data

    def values(self) -> Weights:
        return Weights(**self.cleaned_data)


class ChargeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Charge"), choices=[("", "—"), *ChargeKind.choices], required=False
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    amount = forms.DecimalField(label=_("Amount"), max_digits=12, decimal_places=2, required=False)
    currency = forms.ChoiceField(
        label=_("Currency"), choices=currency_field_choices, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("amount") is not None and not data.get("kind"):
            self.add_error("kind", _("Choose the kind of charge."))
        if data.get("kind") and data.get("amount") is None:
            self.add_error("amount", _("Enter the amount."))
        return data


ChargeFormSet = forms.formset_factory(ChargeForm, extra=0, max_num=40, validate_max=True)
BLANK_LINES = 4


def charge_formset(data: Any, initial: list[dict[str, Any]], default_currency: str) -> Any:
    """The price lines: prefilled rows plus a few empty ones to show; once posted, every
    row counts as typed (a prefilled row sent unchanged is a line, not an empty row)."""
    if data is not None:
        return ChargeFormSet(data, prefix="lines")
    rows = initial + [{"currency": default_currency} for _ in range(BLANK_LINES)]
    return ChargeFormSet(initial=rows, prefix="lines")


def charges_of(formset: Any, default_currency: str) -> tuple[ChargeValues, ...]:
    return tuple(
        ChargeValues(
            kind=form.cleaned_data["kind"],
            description=form.cleaned_data.get("description", ""),
            amount=form.cleaned_data["amount"],
            currency=form.cleaned_data.get("currency") or default_currency,
        )
        for form in formset.forms
        if form.cleaned_data.get("kind") and form.cleaned_data.get("amount") is not None
    )


class QuoteForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Carrier or forwarder"), queryset=Company.objects.none()
    )
    reference = forms.CharField(label=_("Their reference"), max_length=60, required=False)
    received_on = forms.DateField(label=_("Received on"), widget=DATE, initial=today)
    currency = forms.ChoiceField(label=_("Currency"), choices=currency_field_choices, initial="EUR")
    transit_days = forms.IntegerField(label=_("Transit time (days)"), min_value=0, max_value=365)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE)
    service_grade = forms.IntegerField(
        label=_("Service grade (0-10)"),
        min_value=0,
        max_value=10,
        initial=5,
        help_text=_(
            "Your grade of the service offered: contact, tracking, flexibility, documents."
        ),
    )
    carrier_name = forms.CharField(
        label=_("Actual carrier (shipping line, airline)"), max_length=120, required=False
    )
    conditions = forms.CharField(
        label=_("Conditions and remarks"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args: Any, request: FreightRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        assert isinstance(field, forms.ModelChoiceField)
        asked = request.recipients.values("provider_id")
        field.queryset = (
            selectors.transport_providers() | Company.objects.filter(pk__in=asked)
        ).distinct()

    def values(self, lines: tuple[ChargeValues, ...]) -> QuoteValues:
        data = self.cleaned_data
        return QuoteValues(
            provider=data["provider"],
            reference=data.get("reference", ""),
            received_on=data["received_on"],
            currency=data["currency"],
            transit_days=data["transit_days"],
            valid_until=data["valid_until"],
            service_grade=data["service_grade"],
            carrier_name=data.get("carrier_name", ""),
            conditions=data.get("conditions", ""),
            lines=lines,
        )


class ChoiceForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the choice"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    send_booking = forms.BooleanField(
        label=_("Send the booking to the provider"), required=False, initial=True
    )
    inform_others = forms.BooleanField(
        label=_("Tell the other providers they were not chosen"), required=False
    )


class InvoiceForm(forms.Form):
    number = forms.CharField(label=_("Invoice number"), max_length=40)
    invoice_date = forms.DateField(label=_("Invoice date"), widget=DATE, initial=today)
    currency = forms.ChoiceField(label=_("Currency"), choices=currency_field_choices)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )

    def values(self, lines: tuple[ChargeValues, ...]) -> InvoiceValues:
        data = self.cleaned_data
        return InvoiceValues(
            number=data["number"],
            invoice_date=data["invoice_date"],
            currency=data["currency"],
            notes=data.get("notes", ""),
            lines=lines,
        )


class InvoiceStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProviderInvoice.Status.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
