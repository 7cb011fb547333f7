"""Forms of the intra-EU screens: they validate at the edge and give the services' values."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from comptoir.trade import intra_eu as rules

from .models import EvidenceKind, Transporter
from .services import MAX_FILE_BYTES, DeclarantValues, EvidenceValues

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Document"), choices=EvidenceKind.choices)
    reference = forms.CharField(
        label=gettext_lazy("Document number"), max_length=80, required=False
    )
    issuer = forms.CharField(
        label=gettext_lazy("Issued by"),
        max_length=120,
        help_text=gettext_lazy("The carrier, insurer, bank, notary or warehouse that issued it."),
    )
    document_date = forms.DateField(
        label=gettext_lazy("Document date"), required=False, widget=DATE
    )
    received_on = forms.DateField(label=gettext_lazy("Received on"), widget=DATE)
    contradicts = forms.BooleanField(
        label=gettext_lazy("Contradicts another document"), required=False
    )
    file = forms.FileField(
        label=gettext_lazy("File (PDF, JPEG or PNG)"),
        required=False,
        help_text=gettext_lazy("10 MB at most."),
    )

    def values(self) -> EvidenceValues:
        data = self.cleaned_data
        return EvidenceValues(
            kind=data["kind"],
            issuer=data["issuer"],
            received_on=data["received_on"],
            reference=data.get("reference") or "",
            document_date=data.get("document_date"),
            contradicts=bool(data.get("contradicts")),
        )


class TransporterForm(forms.Form):
    transporter = forms.ChoiceField(
        label=gettext_lazy("Who transports the goods"), choices=Transporter.choices
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=250)


class PrepareForm(forms.Form):
    kind = forms.CharField(max_length=16)
    month = forms.CharField(max_length=7)
    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"), max_length=250, required=False
    )


class FileForm(forms.Form):
    portal_reference = forms.CharField(
        label=gettext_lazy("Portal acknowledgement (optional)"), max_length=60, required=False
    )


class DeclarantForm(forms.Form):
    nic = forms.CharField(
        label=gettext_lazy("Establishment NIC"),
        max_length=5,
        required=False,
        help_text=gettext_lazy("The last five digits of the declaring establishment's SIRET."),
    )
    approval_number = forms.CharField(
        label=gettext_lazy("Customs approval number for file upload"),
        max_length=20,
        required=False,
    )
    department = forms.CharField(
        label=gettext_lazy("Department of departure/arrival"),
        max_length=3,
        required=False,
        help_text=gettext_lazy("Empty: our company's postcode."),
    )
    emebi_dispatches = forms.BooleanField(
        label=gettext_lazy("Selected for the EMEBI on dispatches"), required=False
    )
    emebi_arrivals = forms.BooleanField(
        label=gettext_lazy("Selected for the EMEBI on arrivals"), required=False
    )
    default_nature = forms.ChoiceField(
        label=gettext_lazy("Usual nature of transaction"),
        choices=[(code, code) for code in rules.NATURE_OF_TRANSACTION],
    )
    proof_days = forms.IntegerField(
        label=gettext_lazy("Proof expected within (days)"), min_value=1, max_value=365
    )

    def values(self) -> DeclarantValues:
        data = self.cleaned_data
        return DeclarantValues(
            nic=(data.get("nic") or "").strip(),
            approval_number=data.get("approval_number") or "",
            department=(data.get("department") or "").strip(),
            emebi_dispatches=bool(data.get("emebi_dispatches")),
            emebi_arrivals=bool(data.get("emebi_arrivals")),
            default_nature=data["default_nature"],
            proof_days=data["proof_days"],
        )


__all__ = ["MAX_FILE_BYTES"]
