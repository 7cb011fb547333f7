"""Forms of the customs pages: they validate what the user typed, then give the services
their typed values (``values()``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comptoir.common.values import values_from_form
from comptoir.shipping.models import Shipment

from .inputs import (
    IMPORT_LINE_INPUTS,
    BrokerLineValues,
    BrokerValues,
    CarnetItemValues,
    CarnetValues,
    EntryValues,
    ExitValues,
    ExportValues,
    LineValues,
    ProcedureValues,
    TariffValues,
    VisitValues,
)
from .models import (
    Carnet,
    CarnetItem,
    CarnetVisit,
    ExitEvidence,
    ExportDeclaration,
    ImportEntry,
    ImportLine,
    SpecialProcedure,
    TariffRate,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TariffForm(forms.ModelForm[TariffRate]):
    class Meta:
        model = TariffRate
        fields = [
            "code",
            "kind",
            "origin",
            "agreement",
            "producer",
            "ad_valorem_pct",
            "specific_amount",
            "specific_unit",
            "valid_from",
            "valid_to",
            "source",
        ]
        widgets = {"valid_from": DATE, "valid_to": DATE}

    def values(self) -> TariffValues:
        return values_from_form(self, TariffValues)


class TariffImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))


class EntryForm(forms.ModelForm[ImportEntry]):
    class Meta:
        model = ImportEntry
        fields = [
            "shipment",
            "supplier",
            "broker",
            "invoice_reference",
            "incoterm",
            "declared_on",
            "currency",
            "exchange_rate",
            "rate_date",
            "freight_to_border",
            "insurance_to_border",
            "transport_to_destination",
            "postponed_vat",
            "vat_recoverable",
            "broker_fees",
            "tolerance",
        ]
        widgets = {"declared_on": DATE, "rate_date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shipment_field = self.fields["shipment"]
        assert isinstance(shipment_field, forms.ModelChoiceField)
        shipment_field.queryset = Shipment.objects.filter(direction="import")

    def values(self) -> EntryValues:
        return values_from_form(self, EntryValues)


class LineForm(forms.ModelForm[ImportLine]):
    class Meta:
        model = ImportLine
        fields = list(IMPORT_LINE_INPUTS)

    def values(self) -> LineValues:
        return values_from_form(self, LineValues)


class BrokerForm(forms.Form):
    """The broker's declaration: totals, and per item where the DAU gives them."""

    mrn = forms.CharField(label=_("MRN"), max_length=30, required=False)
    declared_on = forms.DateField(label=_("accepted by customs on"), required=False, widget=DATE)
    customs_value = forms.DecimalField(
        label=_("customs value"), max_digits=14, decimal_places=2, required=False, min_value=0
    )
    duty = forms.DecimalField(
        label=_("duty"), max_digits=14, decimal_places=2, required=False, min_value=0
    )
    anti_dumping = forms.DecimalField(
        label=_("anti-dumping duty"), max_digits=14, decimal_places=2, required=False, min_value=0
    )
    vat = forms.DecimalField(
        label=_("import VAT"), max_digits=14, decimal_places=2, required=False, min_value=0
    )
    broker_fees = forms.DecimalField(
        label=_("broker's fees excl. VAT (EUR)"),
        max_digits=14,
        decimal_places=2,
        required=False,
        min_value=0,
    )

    FIGURES = ("customs_value", "duty", "anti_dumping", "vat")

    def __init__(self, *args: Any, positions: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.positions = positions
        for position in positions:
            for name in self.FIGURES:
                self.fields[f"l{position}_{name}"] = forms.DecimalField(
                    label=f"{position} {name}",
                    max_digits=14,
                    decimal_places=2,
                    required=False,
                    min_value=0,
                )

    def rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [(p, [self[f"l{p}_{name}"] for name in self.FIGURES]) for p in self.positions]

    def values(self) -> BrokerValues:
        data = self.cleaned_data
        # every item: a figure emptied on the form is cleared
        lines = tuple(
            BrokerLineValues(
                position=p, **{name: data.get(f"l{p}_{name}") for name in self.FIGURES}
            )
            for p in self.positions
        )
        return BrokerValues(
            mrn=data.get("mrn") or "",
            declared_on=data.get("declared_on"),
            customs_value=data.get("customs_value"),
            duty=data.get("duty"),
            anti_dumping=data.get("anti_dumping"),
            vat=data.get("vat"),
            broker_fees=data.get("broker_fees"),
            lines=lines,
        )


class CheckForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"),
        choices=[
            (ImportEntry.Status.CHECKED, ImportEntry.Status.CHECKED.label),
            (ImportEntry.Status.DISPUTED, ImportEntry.Status.DISPUTED.label),
        ],
    )
    note = forms.CharField(label=_("check note"), required=False, widget=forms.Textarea)


class ExportForm(forms.ModelForm[ExportDeclaration]):
    # typed with spaces or dashes: the service normalises and checks it
    mrn = forms.CharField(label=_("MRN"), max_length=30)

    class Meta:
        model = ExportDeclaration
        fields = [
            "mrn",
            "office_of_export",
            "office_of_exit",
            "declared_on",
            "invoice_reference",
            "notes",
        ]
        widgets = {"declared_on": DATE}

    def values(self) -> ExportValues:
        data = self.cleaned_data
        return ExportValues(
            mrn=data["mrn"],
            office_of_export=data["office_of_export"],
            office_of_exit=data.get("office_of_exit") or "",
            declared_on=data["declared_on"],
            invoice_reference=data.get("invoice_reference") or "",
            notes=data.get("notes") or "",
        )

    def validate_unique(self) -> None:
        """The service says so, after normalising the MRN."""


class ExitForm(forms.Form):
    exit_confirmed_on = forms.DateField(label=_("exit confirmed on"), widget=DATE)
    exit_evidence = forms.ChoiceField(
        label=_("proof of exit"), choices=ExitEvidence.choices, initial="exit_notice"
    )
    office_of_exit = forms.CharField(label=_("office of exit"), max_length=12, required=False)
    file = forms.FileField(label=_("proof document (PDF or picture, 10 MB)"), required=False)

    def values(self) -> ExitValues:
        data = self.cleaned_data
        return ExitValues(
            exit_confirmed_on=data["exit_confirmed_on"],
            exit_evidence=data["exit_evidence"],
            office_of_exit=data.get("office_of_exit") or "",
        )


class CarnetForm(forms.ModelForm[Carnet]):
    valid_until = forms.DateField(
        label=_("valid until"),
        required=False,
        widget=DATE,
        help_text=_("Empty: one year from the issue (the longest an ATA carnet is valid)."),
    )

    class Meta:
        model = Carnet
        fields = [
            "number",
            "issuing_chamber",
            "holder",
            "representative",
            "purpose",
            "event",
            "issued_on",
            "vouchers_bought",
            "handled_by",
            "notes",
        ]
        widgets = {"issued_on": DATE}

    def validate_unique(self) -> None:
        """The service says so, after normalising the number."""

    def values(self) -> CarnetValues:
        return values_from_form(
            self, CarnetValues, valid_until=self.cleaned_data.get("valid_until"), items=()
        )


class CarnetItemForm(forms.ModelForm[CarnetItem]):
    class Meta:
        model = CarnetItem
        fields = ["description", "marks", "quantity", "weight_kg", "value", "origin"]

    def values(self) -> CarnetItemValues:
        return values_from_form(self, CarnetItemValues)


class VisitForm(forms.ModelForm[CarnetVisit]):
    class Meta:
        model = CarnetVisit
        fields = ["country", "entered_on", "left_on", "vouchers_used", "office"]
        widgets = {"entered_on": DATE, "left_on": DATE}

    def values(self) -> VisitValues:
        return values_from_form(self, VisitValues)


class ReturnForm(forms.Form):
    """Re-entry: the quantity back now, per item of the carnet."""

    on = forms.DateField(label=_("back in the EU on"), widget=DATE)

    def __init__(self, *args: Any, items: list[CarnetItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item.position}"] = forms.DecimalField(
                label=f"{item.position}. {item.description}",
                max_digits=12,
                decimal_places=3,
                min_value=0,
                required=False,
                initial=item.missing,
            )

    def returned(self) -> dict[int, Decimal]:
        return {
            item.position: self.cleaned_data.get(f"item_{item.position}") or Decimal(0)
            for item in self.items
        }


class ProcedureForm(forms.ModelForm[SpecialProcedure]):
    class Meta:
        model = SpecialProcedure
        fields = [
            "kind",
            "shipment",
            "description",
            "quantity",
            "value",
            "country",
            "export_mrn",
            "exported_on",
            "expected_return_on",
            "handled_by",
            "notes",
        ]
        widgets = {"exported_on": DATE, "expected_return_on": DATE}

    def values(self) -> ProcedureValues:
        return values_from_form(self, ProcedureValues)


class ProcedureReturnForm(forms.Form):
    on = forms.DateField(label=_("back on"), widget=DATE)
    document = forms.CharField(label=_("return document"), max_length=120, required=False)
