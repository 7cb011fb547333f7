"""Forms of the claims area: they validate what was typed and give the services typed values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from comptoir.common.choices import currency_field_choices
from comptoir.parties import selectors as parties_selectors

from .attachments import MAX_ATTACHMENT_BYTES
from .inputs import ClaimAmounts, ClaimFacts
from .models import Claim, Convention

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClaimForm(forms.ModelForm[Claim]):
    currency = forms.ChoiceField(
        label=gettext_lazy("Currency"), choices=currency_field_choices, initial="EUR"
    )
    convention = forms.ChoiceField(
        label=gettext_lazy("Applicable rules"),
        choices=[("", gettext_lazy("From the mode and route"))] + list(Convention.choices),
        required=False,
    )
    sdr_rate = forms.DecimalField(
        label=gettext_lazy("Value of one SDR in the claim's currency"),
        max_digits=14,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        required=False,
        help_text=gettext_lazy(
            "IMF rate of the day (imf.org, SDR valuation). Empty: the latest XDR rate of our "
            "exchange rates, if any."
        ),
    )

    class Meta:
        model = Claim
        fields = [
            "kind",
            "apparent",
            "description",
            "discovered_on",
            "delivery_date",
            "reserves_taken",
            "reserves_text",
            "reserves_date",
            "reserves_document",
            "convention",
            "convention_reason",
            "weight_affected_kg",
            "packages_affected",
            "consignment_weight_kg",
            "carrier",
            "insurer",
            "insurance_policy",
            "currency",
            "amount_claimed",
            "sdr_rate",
            "sdr_rate_date",
            "handled_by",
            "late_reason",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "reserves_text": forms.Textarea(attrs={"rows": 2}),
            "discovered_on": DATE,
            "delivery_date": DATE,
            "reserves_date": DATE,
            "sdr_rate_date": DATE,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        companies = parties_selectors.active_companies()
        self.fields["carrier"].queryset = companies.filter(  # type: ignore[attr-defined]
            Q(roles__contains=",carrier,") | Q(roles__contains=",forwarder,")
        )
        self.fields["insurer"].queryset = companies.filter(  # type: ignore[attr-defined]
            roles__contains=",insurer,"
        )
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["handled_by"].queryset = users  # type: ignore[attr-defined]
        self.fields["late_reason"].help_text = gettext_lazy(
            "Only for a claim past its time bar: why it is recorded anyway."
        )

    def facts(self) -> ClaimFacts:
        data = self.cleaned_data
        return ClaimFacts(
            kind=data["kind"],
            apparent=data["apparent"],
            description=data["description"],
            discovered_on=data["discovered_on"],
            delivery_date=data["delivery_date"],
            weight_affected_kg=data["weight_affected_kg"],
            amount_claimed=data["amount_claimed"],
            currency=data["currency"],
            carrier=data["carrier"],
            packages_affected=data.get("packages_affected"),
            consignment_weight_kg=data.get("consignment_weight_kg"),
            convention=data.get("convention") or "",
            convention_reason=data.get("convention_reason") or "",
            reserves_taken=data["reserves_taken"],
            reserves_text=data.get("reserves_text") or "",
            reserves_date=data.get("reserves_date"),
            reserves_document=data.get("reserves_document") or "",
            insurer=data.get("insurer"),
            insurance_policy=data.get("insurance_policy") or "",
            sdr_rate=data.get("sdr_rate"),
            sdr_rate_date=data.get("sdr_rate_date"),
            handled_by=data.get("handled_by"),
            late_reason=data.get("late_reason") or "",
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"), choices=Claim.Status.choices)
    on = forms.DateField(label=gettext_lazy("Date of the change"), required=False, widget=DATE)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)


class AmountsForm(forms.Form):
    amount_claimed = forms.DecimalField(
        label=gettext_lazy("Amount claimed"), max_digits=14, decimal_places=2, min_value=0
    )
    recovered_carrier = forms.DecimalField(
        label=gettext_lazy("Recovered from the carrier"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
    )
    recovered_insurer = forms.DecimalField(
        label=gettext_lazy("Recovered from the insurer"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
    )
    outcome = forms.CharField(
        label=gettext_lazy("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def values(self) -> ClaimAmounts:
        data = self.cleaned_data
        return ClaimAmounts(
            amount_claimed=data["amount_claimed"],
            recovered_carrier=data["recovered_carrier"],
            recovered_insurer=data["recovered_insurer"],
            outcome=data.get("outcome") or "",
        )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Photo or PDF"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("JPEG, PNG, WebP or PDF, %(mb)d MB at most.") % {
            "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)
        }


class LetterSentForm(forms.Form):
    sent_on = forms.DateField(label=gettext_lazy("Sent on"), required=False, widget=DATE)
    email = forms.BooleanField(label=gettext_lazy("Send it by e-mail with the PDF"), required=False)
