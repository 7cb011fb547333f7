"""Forms of the collections: they validate what was typed and give the services typed values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from comptoir.parties import selectors as parties_selectors
from comptoir.sales.models import Invoice, Order
from comptoir.shipping.models import Shipment

from .inputs import STEPS, CollectionValues, DocumentValues, StepValues
from .models import Collection, CollectionDocument

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CollectionForm(forms.ModelForm[Collection]):
    invoices = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Invoices"),
        queryset=Invoice.objects.none(),
        help_text=gettext_lazy("Issued invoices of the client still unpaid, in one currency."),
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Amount to collect"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=gettext_lazy("Empty: what is still due on the invoices."),
    )

    class Meta:
        model = Collection
        fields = [
            "client",
            "invoices",
            "order",
            "shipment",
            "kind",
            "tenor",
            "tenor_days",
            "fixed_due_date",
            "bl_date",
            "amount",
            "drawee_address",
            "remitting_bank",
            "remitting_bank_name",
            "remitting_bank_bic",
            "remitting_reference",
            "collecting_bank",
            "collecting_bank_name",
            "collecting_bank_bic",
            "collecting_bank_address",
            "bill_of_exchange",
            "charges",
            "charges_waivable",
            "interest_rate",
            "protest_non_payment",
            "protest_non_acceptance",
            "unpaid_instructions",
            "case_of_need",
            "case_of_need_powers",
            "advise_by",
            "chase_after_days",
            "handled_by",
            "notes",
        ]
        widgets = {
            "fixed_due_date": DATE,
            "bl_date": DATE,
            "drawee_address": forms.Textarea(attrs={"rows": 3}),
            "collecting_bank_address": forms.Textarea(attrs={"rows": 2}),
            "unpaid_instructions": forms.Textarea(attrs={"rows": 2}),
            "case_of_need_powers": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        companies = parties_selectors.active_companies()
        self.fields["client"].queryset = companies.filter(  # type: ignore[attr-defined]
            roles__contains=",client,"
        )
        banks = companies.filter(roles__contains=",bank,")
        self.fields["remitting_bank"].queryset = banks  # type: ignore[attr-defined]
        self.fields["collecting_bank"].queryset = banks  # type: ignore[attr-defined]
        self.fields["remitting_bank"].help_text = gettext_lazy(
            "Chosen among the banks of the companies: fills the name and BIC when empty."
        )
        self.fields["collecting_bank"].help_text = self.fields["remitting_bank"].help_text
        open_invoices = Invoice.objects.filter(
            status=Invoice.Status.ISSUED, kind=Invoice.Kind.INVOICE
        ).select_related("client")
        if self.instance.pk:
            self.fields["invoices"].queryset = (  # type: ignore[attr-defined]
                open_invoices.filter(client=self.instance.client)
            )
        else:
            self.fields["invoices"].queryset = open_invoices.filter(  # type: ignore[attr-defined]
                balance_due__gt=0
            )
        self.fields["order"].queryset = Order.objects.select_related("client")  # type: ignore[attr-defined]
        self.fields["shipment"].queryset = Shipment.objects.filter(  # type: ignore[attr-defined]
            direction="export"
        )
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["handled_by"].queryset = users  # type: ignore[attr-defined]
        for name in ("remitting_bank_name", "collecting_bank_name", "collecting_bank_bic"):
            self.fields[name].required = False
        self.fields["drawee_address"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for prefix in ("remitting_bank", "collecting_bank"):
            bank = data.get(prefix)
            if bank is not None:
                if not data.get(f"{prefix}_name"):
                    data[f"{prefix}_name"] = bank.legal_name or bank.name
                if not data.get(f"{prefix}_bic"):
                    data[f"{prefix}_bic"] = bank.bic
        if not data.get("remitting_bank_name"):
            self.add_error("remitting_bank_name", gettext_lazy("Name our bank."))
        if not data.get("collecting_bank_name"):
            self.add_error("collecting_bank_name", gettext_lazy("Name the buyer's bank."))
        if not data.get("collecting_bank_bic"):
            self.add_error("collecting_bank_bic", gettext_lazy("The collecting bank's BIC."))
        return data

    def values(self) -> CollectionValues:
        data = self.cleaned_data
        return CollectionValues(
            client=data["client"],
            invoices=tuple(data["invoices"]),
            kind=data["kind"],
            tenor=data["tenor"],
            tenor_days=data.get("tenor_days") or 0,
            fixed_due_date=data.get("fixed_due_date"),
            bl_date=data.get("bl_date"),
            amount=data.get("amount"),
            drawee_address=data.get("drawee_address") or "",
            order=data.get("order"),
            shipment=data.get("shipment"),
            remitting_bank=data.get("remitting_bank"),
            remitting_bank_name=data.get("remitting_bank_name") or "",
            remitting_bank_bic=data.get("remitting_bank_bic") or "",
            remitting_reference=data.get("remitting_reference") or "",
            collecting_bank=data.get("collecting_bank"),
            collecting_bank_name=data.get("collecting_bank_name") or "",
            collecting_bank_bic=data.get("collecting_bank_bic") or "",
            collecting_bank_address=data.get("collecting_bank_address") or "",
            bill_of_exchange=data.get("bill_of_exchange") or False,
            charges=data["charges"],
            charges_waivable=data.get("charges_waivable") or False,
            interest_rate=data.get("interest_rate"),
            protest_non_payment=data.get("protest_non_payment") or False,
            protest_non_acceptance=data.get("protest_non_acceptance") or False,
            unpaid_instructions=data.get("unpaid_instructions") or "",
            case_of_need=data.get("case_of_need") or "",
            case_of_need_powers=data.get("case_of_need_powers") or "",
            advise_by=data.get("advise_by") or "SWIFT",
            chase_after_days=data.get("chase_after_days") or 10,
            handled_by=data.get("handled_by"),
            notes=data.get("notes") or "",
        )


class DocumentForm(forms.ModelForm[CollectionDocument]):
    class Meta:
        model = CollectionDocument
        fields = ["kind", "reference", "originals", "copies"]

    def values(self) -> DocumentValues:
        data = self.cleaned_data
        return DocumentValues(
            kind=data["kind"],
            reference=data.get("reference") or "",
            originals=data.get("originals") or 0,
            copies=data.get("copies") or 0,
        )


class StepForm(forms.Form):
    step = forms.ChoiceField(label=gettext_lazy("What happened"), choices=[(s, s) for s in STEPS])
    on = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    reference = forms.CharField(label=gettext_lazy("Bank reference"), required=False, max_length=40)
    reason = forms.CharField(label=gettext_lazy("Reason given"), required=False, max_length=300)
    amount_received = forms.DecimalField(
        label=gettext_lazy("Amount received"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    bank_charges = forms.DecimalField(
        label=gettext_lazy("Bank charges for us"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )

    def values(self) -> StepValues:
        from decimal import Decimal

        data = self.cleaned_data
        return StepValues(
            step=data["step"],
            on=data["on"],
            reference=data.get("reference") or "",
            reason=data.get("reason") or "",
            amount_received=data.get("amount_received"),
            bank_charges=data.get("bank_charges") or Decimal("0"),
        )
