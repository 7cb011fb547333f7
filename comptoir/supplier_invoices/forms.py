"""Forms of the supplier-invoice screens: they validate what was typed and give the typed
values the services take."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.purchasing.models import PurchaseOrder, PurchaseOrderLine

from .inputs import (
    CostValues,
    CreditNoteValues,
    InvoiceLineValues,
    InvoiceValues,
    PaymentValues,
    SettingsValues,
)
from .models import Basis, CostKind, MatchSettings, SupplierInvoice

MAX = Decimal("999999999999")

#: a date picker in the reader's locale; the value travels as ISO 8601
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InvoiceForm(forms.Form):
    """The invoice's header, and one quantity and price per order line (blank: not billed)."""

    number = forms.CharField(label=gettext_lazy("supplier's invoice number"), max_length=40)
    invoice_date = forms.DateField(label=gettext_lazy("invoice date"), widget=DATE)
    received_on = forms.DateField(label=gettext_lazy("received on"), required=False, widget=DATE)
    currency = forms.CharField(label=gettext_lazy("currency"), max_length=3)
    eur_rate = forms.DecimalField(
        label=gettext_lazy("EUR per unit of the currency"),
        required=False,
        max_digits=18,
        decimal_places=8,
        min_value=Decimal("0.00000001"),
        help_text=gettext_lazy("Empty: our rate, else the ECB's, of the invoice date."),
    )
    incoterm = forms.CharField(label=gettext_lazy("Incoterm® 2020"), max_length=3, required=False)
    named_place = forms.CharField(label=gettext_lazy("named place"), max_length=120, required=False)
    payment_days = forms.IntegerField(
        label=gettext_lazy("payment term (days)"), min_value=0, max_value=365
    )
    end_of_month = forms.BooleanField(label=gettext_lazy("end of month"), required=False)
    terms_from = forms.DateField(
        label=gettext_lazy("term runs from"),
        required=False,
        help_text=gettext_lazy("Bill of lading or receipt date when the terms say so."),
        widget=DATE,
    )
    advance_deducted = forms.DecimalField(
        label=gettext_lazy("advance deducted"),
        required=False,
        min_value=Decimal(0),
        max_value=MAX,
        decimal_places=2,
    )
    file = forms.FileField(label=gettext_lazy("invoice file (PDF)"), required=False)
    notes = forms.CharField(
        label=gettext_lazy("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, order: PurchaseOrder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order = order
        self.order_lines: list[PurchaseOrderLine] = list(
            order.lines.select_related("product").order_by("position", "pk")
        )
        for line in self.order_lines:
            self.fields[f"qty_{line.pk}"] = forms.DecimalField(
                label=_("quantity"),
                required=False,
                min_value=Decimal(0),
                max_value=MAX,
                decimal_places=3,
            )
            self.fields[f"price_{line.pk}"] = forms.DecimalField(
                label=_("unit price"),
                required=False,
                min_value=Decimal(0),
                max_value=MAX,
                decimal_places=4,
            )

    @classmethod
    def initial_for(cls, order: PurchaseOrder, invoice: SupplierInvoice | None) -> dict[str, Any]:
        if invoice is not None:
            data: dict[str, Any] = {
                name: getattr(invoice, name)
                for name in (
                    "number",
                    "invoice_date",
                    "received_on",
                    "currency",
                    "incoterm",
                    "named_place",
                    "payment_days",
                    "end_of_month",
                    "terms_from",
                    "advance_deducted",
                    "notes",
                )
            }
            for billed in invoice.lines.all():
                data[f"qty_{billed.order_line_id}"] = billed.quantity
                data[f"price_{billed.order_line_id}"] = billed.unit_price
            return data
        data = {
            "currency": order.currency,
            "incoterm": order.incoterm,
            "named_place": order.named_place,
            "payment_days": order.payment_days,
        }
        for line in order.lines.all():
            data[f"qty_{line.pk}"] = line.quantity
            data[f"price_{line.pk}"] = line.unit_price
        return data

    def header(self) -> list[Any]:
        return [self[name] for name in self.fields if not name.startswith(("qty_", "price_"))]

    def rows(self) -> list[tuple[PurchaseOrderLine, Any, Any]]:
        return [
            (line, self[f"qty_{line.pk}"], self[f"price_{line.pk}"]) for line in self.order_lines
        ]

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).strip().upper()

    def clean_incoterm(self) -> str:
        return str(self.cleaned_data.get("incoterm") or "").strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for line in self.order_lines:
            qty = data.get(f"qty_{line.pk}")
            if qty and data.get(f"price_{line.pk}") is None:
                self.add_error(f"price_{line.pk}", _("Give the unit price invoiced."))
        if not any(data.get(f"qty_{line.pk}") for line in self.order_lines):
            raise forms.ValidationError(_("Give at least one line billing an order line."))
        return data

    def values(self, supplier: Any) -> InvoiceValues:
        data = self.cleaned_data
        return InvoiceValues(
            supplier=supplier,
            order=self.order,
            number=data["number"].strip(),
            invoice_date=data["invoice_date"],
            received_on=data.get("received_on"),
            currency=data["currency"],
            eur_rate=data.get("eur_rate"),
            incoterm=data.get("incoterm") or "",
            named_place=data.get("named_place") or "",
            payment_days=data["payment_days"],
            end_of_month=bool(data.get("end_of_month")),
            terms_from=data.get("terms_from"),
            advance_deducted=data.get("advance_deducted") or Decimal(0),
            notes=data.get("notes") or "",
            lines=tuple(
                InvoiceLineValues(
                    order_line_id=line.pk,
                    quantity=data[f"qty_{line.pk}"],
                    unit_price=data[f"price_{line.pk}"],
                    description=line.description,
                )
                for line in self.order_lines
                if data.get(f"qty_{line.pk}")
            ),
        )


class ApproveForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("why the differences are accepted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DisputeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("what is disputed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CreditNoteForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("credit note number"), max_length=40)
    invoice_date = forms.DateField(label=gettext_lazy("date"), widget=DATE)
    amount = forms.DecimalField(
        label=gettext_lazy("amount"), min_value=Decimal("0.01"), max_value=MAX, decimal_places=2
    )
    reason = forms.CharField(label=gettext_lazy("reason"), max_length=500)

    def values(self) -> CreditNoteValues:
        return CreditNoteValues(**self.cleaned_data)


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=gettext_lazy("paid on"), widget=DATE)
    amount = forms.DecimalField(
        label=gettext_lazy("amount"), min_value=Decimal("0.01"), max_value=MAX, decimal_places=2
    )
    eur_rate = forms.DecimalField(
        label=gettext_lazy("EUR per unit (bank's rate)"),
        required=False,
        max_digits=18,
        decimal_places=8,
        min_value=Decimal("0.00000001"),
        help_text=gettext_lazy("Empty: our rate, else the ECB's, of the payment date."),
    )
    reference = forms.CharField(label=gettext_lazy("bank reference"), max_length=80, required=False)

    def values(self) -> PaymentValues:
        data = self.cleaned_data
        return PaymentValues(
            paid_on=data["paid_on"],
            amount=data["amount"],
            eur_rate=data.get("eur_rate"),
            reference=data.get("reference") or "",
        )


class SettingsForm(forms.ModelForm[MatchSettings]):
    class Meta:
        model = MatchSettings
        fields = [
            "price_tolerance_pct",
            "price_tolerance_eur",
            "quantity_tolerance_pct",
            "approval_threshold_eur",
        ]

    def values(self) -> SettingsValues:
        data = self.cleaned_data
        return SettingsValues(
            price_tolerance_pct=data["price_tolerance_pct"],
            price_tolerance_eur=data.get("price_tolerance_eur"),
            quantity_tolerance_pct=data["quantity_tolerance_pct"],
            approval_threshold_eur=data.get("approval_threshold_eur"),
        )


class CostForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("cost"), choices=CostKind.choices)
    label = forms.CharField(label=gettext_lazy("description"), max_length=120, required=False)
    amount = forms.DecimalField(
        label=gettext_lazy("amount"), max_value=MAX, min_value=-MAX, decimal_places=2
    )
    currency = forms.CharField(label=gettext_lazy("currency"), max_length=3, initial="EUR")
    basis = forms.ChoiceField(
        label=gettext_lazy("shared"),
        choices=[c for c in Basis.choices if c[0] != Basis.DIRECT],
    )
    reference = forms.CharField(label=gettext_lazy("their invoice"), max_length=60, required=False)
    on = forms.DateField(
        label=gettext_lazy("rate of"),
        required=False,
        help_text=gettext_lazy("Empty: the receipt date."),
        widget=DATE,
    )

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).strip().upper()

    def values(self) -> CostValues:
        data = self.cleaned_data
        return CostValues(
            kind=data["kind"],
            amount=data["amount"],
            currency=data["currency"],
            basis=data["basis"],
            label=data.get("label") or "",
            reference=data.get("reference") or "",
            on=data.get("on"),
        )
