"""Forms of the prospecting screens: they validate what was typed and give the services'
values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from comptoir.common.choices import country_field_choices, currency_field_choices
from comptoir.parties.models import PartyRole, Zone
from comptoir.sales.models import Offer, Order
from comptoir.trade import prospecting as core

from . import services
from .inputs import CallValues, CampaignValues, CrmCriteria, EventValues, ListValues
from .models import (
    MAX_BATCH,
    MAX_PAUSE_SECONDS,
    MIN_BATCH,
    CallOutcome,
    Channel,
    CompanySize,
    EventKind,
    TargetList,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MERGE_HELP = _("Merge fields: %(fields)s.") % {
    "fields": ", ".join(f"{{{{ {name} }}}}" for name in core.MERGE_FIELDS)
}


class ListForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def values(self) -> ListValues:
        return ListValues(**self.cleaned_data)


class CrmForm(forms.Form):
    countries = forms.MultipleChoiceField(
        label=_("Countries"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    zones = forms.ModelMultipleChoiceField(
        label=_("Zones"), queryset=Zone.objects.none(), required=False
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=PartyRole.choices,
        required=False,
        initial=[PartyRole.PROSPECT],
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = forms.CharField(
        label=_("Sectors (NACE/NAF codes)"),
        required=False,
        max_length=200,
        help_text=_("Codes or their beginnings, separated by commas: 47.59, 46.4"),
    )
    sizes = forms.MultipleChoiceField(
        label=_("Sizes"),
        choices=CompanySize.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mailable = forms.ChoiceField(
        label=_("Contact we may e-mail"),
        required=False,
        choices=[
            ("", _("With or without")),
            ("with", _("Only with one")),
            ("without", _("Only without (for calls)")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["countries"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [c for c in country_field_choices() if c[0]]
        zones = self.fields["zones"]
        assert isinstance(zones, forms.ModelMultipleChoiceField)
        zones.queryset = Zone.objects.order_by("name")

    def clean_sectors(self) -> tuple[str, ...]:
        codes = tuple(
            c.strip().upper() for c in self.cleaned_data["sectors"].split(",") if c.strip()
        )
        for code in codes:
            if not code.replace(".", "").isalnum() or not code[:2].isdigit():
                raise forms.ValidationError(
                    _("“%(code)s” is not a NACE/NAF code.") % {"code": code}
                )
        return codes

    def criteria(self) -> CrmCriteria:
        data = self.cleaned_data
        return CrmCriteria(
            countries=tuple(data["countries"]),
            zones=tuple(data["zones"]),
            roles=tuple(data["roles"]),
            sectors=data["sectors"],
            sizes=tuple(data["sizes"]),
            mailable=data["mailable"] or "",
        )


class FileForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > services.MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": services.MAX_IMPORT_BYTES >> 20}
            )
        return upload


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    target_list = forms.ModelChoiceField(
        label=_("Target list"), queryset=TargetList.objects.none(), required=False
    )
    subject_fr = forms.CharField(label=_("Subject (French)"), max_length=200, required=False)
    body_fr = forms.CharField(
        label=_("Message or call script (French)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=core.MAX_TEMPLATE_CHARS,
        help_text=MERGE_HELP,
    )
    subject_en = forms.CharField(label=_("Subject (English)"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("Message or call script (English)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=core.MAX_TEMPLATE_CHARS,
        help_text=MERGE_HELP,
    )
    cost = forms.DecimalField(
        label=_("Cost"), min_value=Decimal("0"), max_digits=12, decimal_places=2, initial=0
    )
    currency = forms.ChoiceField(label=_("Currency"), initial="EUR")
    batch_size = forms.IntegerField(
        label=_("E-mails per batch"), min_value=MIN_BATCH, max_value=MAX_BATCH, initial=50
    )
    pause_seconds = forms.IntegerField(
        label=_("Pause between batches (seconds)"),
        min_value=0,
        max_value=MAX_PAUSE_SECONDS,
        initial=60,
    )
    results_window_days = forms.IntegerField(
        label=_("Offers and orders counted for (days after sending)"),
        min_value=1,
        max_value=730,
        initial=90,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lists = self.fields["target_list"]
        assert isinstance(lists, forms.ModelChoiceField)
        lists.queryset = TargetList.objects.filter(archived_at__isnull=True).order_by("-created_at")
        currency = self.fields["currency"]
        assert isinstance(currency, forms.ChoiceField)
        currency.choices = currency_field_choices()

    def values(self, sender: Any = None) -> CampaignValues:
        return CampaignValues(**self.cleaned_data, sender=sender)


class CostForm(forms.Form):
    cost = forms.DecimalField(
        label=_("Cost"), min_value=Decimal("0"), max_digits=12, decimal_places=2
    )
    results_window_days = forms.IntegerField(
        label=_("Offers and orders counted for (days after sending)"), min_value=1, max_value=730
    )


class CallForm(forms.Form):
    recipient = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CallOutcome.choices)
    follow_up_on = forms.DateField(
        label=_("Call back on / meeting on"), widget=DATE, required=False
    )
    assigned_to = forms.ModelChoiceField(
        label=_("Follow-up by"), queryset=get_user_model().objects.none(), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = self.fields["assigned_to"]
        assert isinstance(users, forms.ModelChoiceField)
        users.queryset = get_user_model().objects.filter(is_active=True).order_by("username")

    def values(self) -> CallValues:
        data = self.cleaned_data
        return CallValues(
            outcome=data["outcome"],
            note=data["note"],
            follow_up_on=data["follow_up_on"],
            assigned_to=data["assigned_to"],
        )


class EventForm(forms.Form):
    address = forms.EmailField(label=_("E-mail address"))
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k, label) for k, label in EventKind.choices if k != EventKind.UNSUBSCRIBE],
    )
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def values(self) -> EventValues:
        return EventValues(**self.cleaned_data)


class LinkForm(forms.Form):
    number = forms.CharField(
        label=_("Offer or order number"),
        max_length=40,
        help_text=_("An offer or order that came from this campaign but is not counted."),
    )

    def clean_number(self) -> Offer | Order:
        number = self.cleaned_data["number"].strip()
        offer = Offer.objects.filter(number__iexact=number).order_by("-pk").first()
        if offer is not None:
            return offer
        order = Order.objects.filter(number__iexact=number).first()
        if order is not None:
            return order
        raise forms.ValidationError(
            _("No offer or order numbered “%(number)s”.") % {"number": number}
        )

    def sale(self) -> dict[str, Any]:
        found = self.cleaned_data["number"]
        return {"offer": found} if isinstance(found, Offer) else {"order": found}
