"""Forms of the purchasing area: they validate what was typed and give the services typed
values (``inputs``); a service never sees a form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from comptoir.catalog.models import Product
from comptoir.common.choices import currency_field_choices
from comptoir.parties.models import Company
from comptoir.trade.incoterms import all_rules

from .inputs import (
    ConfirmationValues,
    InspectionValues,
    LineValues,
    MilestoneValues,
    OrderValues,
    ReceiptValues,
)
from .models import (
    BalanceTrigger,
    Condition,
    InspectionResult,
    PaymentInstrument,
    ProductionMilestone,
    PurchaseOrder,
    SupplierClaim,
    TransportMode,
)
from .services import MAX_REPORT_BYTES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
QUANTITY = {"max_digits": 12, "decimal_places": 3, "min_value": Decimal("0")}


def _incoterms() -> list[tuple[str, str]]:
    return [(rule.code, rule.code) for rule in all_rules()]


class OrderForm(forms.Form):
    supplier = forms.ModelChoiceField(
        label=gettext_lazy("Supplier"),
        queryset=Company.objects.with_role("supplier").order_by("name"),
    )
    supplier_reference = forms.CharField(
        label=gettext_lazy("Supplier's quotation or pro forma"), max_length=60, required=False
    )
    order_date = forms.DateField(label=gettext_lazy("Order date"), widget=DATE)
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=currency_field_choices)
    incoterm = forms.ChoiceField(label=gettext_lazy("Incoterm® 2020"), choices=_incoterms)
    named_place = forms.CharField(label=gettext_lazy("Named place"), max_length=120)
    transport_mode = forms.ChoiceField(
        label=gettext_lazy("Transport mode"), choices=TransportMode.choices
    )
    payment_instrument = forms.ChoiceField(
        label=gettext_lazy("Payment instrument"), choices=PaymentInstrument.choices
    )
    deposit_pct = forms.DecimalField(
        label=gettext_lazy("Deposit (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        required=False,
    )
    balance_trigger = forms.ChoiceField(
        label=gettext_lazy("Balance (or payment) due"), choices=BalanceTrigger.choices
    )
    payment_days = forms.IntegerField(
        label=gettext_lazy("Days after that event"), min_value=0, max_value=365, initial=0
    )
    requested_date = forms.DateField(
        label=gettext_lazy("Requested ready date"), widget=DATE, required=False
    )
    receipt_tolerance_pct = forms.DecimalField(
        label=gettext_lazy("Quantity tolerance (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        required=False,
        help_text=gettext_lazy("Empty: none for pieces, 5 % for goods sold by weight or volume."),
    )
    claim_days = forms.IntegerField(
        label=gettext_lazy("Claim period (days)"),
        min_value=1,
        max_value=365,
        required=False,
        help_text=gettext_lazy("Days to notify an apparent defect. Empty: 8 days."),
    )
    terms = forms.CharField(
        label=gettext_lazy("Other conditions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    notes = forms.CharField(
        label=gettext_lazy("Internal notes"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def values(self) -> OrderValues:
        data = self.cleaned_data
        return OrderValues(
            supplier=data["supplier"],
            supplier_reference=data["supplier_reference"],
            order_date=data["order_date"],
            currency=data["currency"],
            incoterm=data["incoterm"],
            named_place=data["named_place"],
            transport_mode=data["transport_mode"],
            payment_instrument=data["payment_instrument"],
            deposit_pct=data["deposit_pct"] or Decimal("0"),
            balance_trigger=data["balance_trigger"],
            payment_days=data["payment_days"] or 0,
            requested_date=data["requested_date"],
            receipt_tolerance_pct=data["receipt_tolerance_pct"],
            claim_days=data["claim_days"],
            terms=data["terms"],
            notes=data["notes"],
        )

    @classmethod
    def initial_of(cls, order: PurchaseOrder) -> dict[str, Any]:
        names = [name for name in cls.base_fields]
        return {name: getattr(order, name) for name in names}


class LineForm(forms.Form):
    product = forms.ModelChoiceField(
        label=gettext_lazy("Product"), queryset=Product.objects.order_by("reference")
    )
    supplier_reference = forms.CharField(
        label=gettext_lazy("Supplier's reference"), max_length=60, required=False
    )
    description = forms.CharField(label=gettext_lazy("Description"), max_length=250, required=False)
    quantity = forms.DecimalField(
        label=gettext_lazy("Quantity"), max_digits=12, decimal_places=3, min_value=Decimal("0.001")
    )
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=10, initial="pcs")
    unit_price = forms.DecimalField(
        label=gettext_lazy("Unit price"), max_digits=14, decimal_places=4, min_value=Decimal("0")
    )
    requested_date = forms.DateField(
        label=gettext_lazy("Requested date"), widget=DATE, required=False
    )

    def values(self) -> LineValues:
        data = self.cleaned_data
        return LineValues(
            product=data["product"],
            supplier_reference=data["supplier_reference"],
            description=data["description"],
            quantity=data["quantity"],
            unit=data["unit"] or "pcs",
            unit_price=data["unit_price"],
            requested_date=data["requested_date"],
        )


LineFormSet = forms.formset_factory(LineForm, extra=3, max_num=200, validate_max=True)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)


class ConfirmationForm(forms.Form):
    received_on = forms.DateField(label=gettext_lazy("Received on"), widget=DATE)
    reference = forms.CharField(
        label=gettext_lazy("Their confirmation number"), max_length=60, required=False
    )
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=currency_field_choices)
    incoterm = forms.ChoiceField(label=gettext_lazy("Incoterm® 2020"), choices=_incoterms)
    named_place = forms.CharField(label=gettext_lazy("Named place"), max_length=120, required=False)
    ready_date = forms.DateField(
        label=gettext_lazy("Confirmed ready date"), widget=DATE, required=False
    )

    def values(self) -> ConfirmationValues:
        data = self.cleaned_data
        return ConfirmationValues(
            received_on=data["received_on"],
            reference=data["reference"],
            currency=data["currency"],
            incoterm=data["incoterm"],
            named_place=data["named_place"],
            ready_date=data["ready_date"],
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", gettext_lazy("Accept")), ("dispute", gettext_lazy("Dispute"))]
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=2000, required=False)


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=gettext_lazy("Paid on"), widget=DATE)
    reference = forms.CharField(
        label=gettext_lazy("Payment reference"), max_length=60, required=False
    )


class EventForm(forms.Form):
    event = forms.ChoiceField(
        label=gettext_lazy("Event"),
        choices=[
            ("bl_copy", gettext_lazy("Copy of the B/L received (B/L date)")),
            ("documents", gettext_lazy("Documents received")),
            ("invoice", gettext_lazy("Supplier's invoice dated")),
        ],
    )
    day = forms.DateField(label=gettext_lazy("Date"), widget=DATE)


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Milestone"), choices=ProductionMilestone.Kind.choices
    )
    label = forms.CharField(label=gettext_lazy("Label"), max_length=120, required=False)
    planned_on = forms.DateField(label=gettext_lazy("Planned"), widget=DATE, required=False)
    actual_on = forms.DateField(label=gettext_lazy("Happened"), widget=DATE, required=False)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def values(self) -> MilestoneValues:
        data = self.cleaned_data
        return MilestoneValues(
            kind=data["kind"],
            label=data["label"],
            planned_on=data["planned_on"],
            actual_on=data["actual_on"],
            note=data["note"],
        )


class InspectionForm(forms.Form):
    inspector = forms.CharField(label=gettext_lazy("Inspector"), max_length=120)
    inspection_date = forms.DateField(label=gettext_lazy("Inspection date"), widget=DATE)
    result = forms.ChoiceField(label=gettext_lazy("Result"), choices=InspectionResult.choices)
    report = forms.FileField(label=gettext_lazy("Report"), required=False)
    remarks = forms.CharField(
        label=gettext_lazy("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean_report(self) -> Any:
        report = self.cleaned_data.get("report")
        if report is not None and report.size > MAX_REPORT_BYTES:
            raise forms.ValidationError(gettext_lazy("The report is above 10 MB."))
        return report

    def values(self) -> InspectionValues:
        data = self.cleaned_data
        return InspectionValues(
            inspector=data["inspector"],
            inspection_date=data["inspection_date"],
            result=data["result"],
            remarks=data["remarks"],
            report=data.get("report"),
        )


class ReadyForm(forms.Form):
    ready_on = forms.DateField(label=gettext_lazy("Goods ready on"), widget=DATE)


class ReceiptForm(forms.Form):
    received_on = forms.DateField(label=gettext_lazy("Received on"), widget=DATE)
    delivery_note = forms.CharField(
        label=gettext_lazy("Delivery note"), max_length=60, required=False
    )
    quality_result = forms.ChoiceField(
        label=gettext_lazy("Quality control"), choices=InspectionResult.choices, initial="pass"
    )
    remarks = forms.CharField(
        label=gettext_lazy("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def values(self) -> ReceiptValues:
        data = self.cleaned_data
        return ReceiptValues(
            received_on=data["received_on"],
            delivery_note=data["delivery_note"],
            quality_result=data["quality_result"],
            remarks=data["remarks"],
        )


class ReceiptLineForm(forms.Form):
    """One order line on the receipt form (the line is the form's prefix)."""

    expected = forms.DecimalField(
        label=gettext_lazy("Announced"),
        required=False,
        **QUANTITY,  # type: ignore[arg-type]
    )
    received = forms.DecimalField(
        label=gettext_lazy("Received"),
        required=False,
        **QUANTITY,  # type: ignore[arg-type]
    )
    accepted = forms.DecimalField(
        label=gettext_lazy("Accepted"),
        required=False,
        **QUANTITY,  # type: ignore[arg-type]
    )
    condition = forms.ChoiceField(label=gettext_lazy("Condition"), choices=Condition.choices)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)


class ConfirmedLineForm(forms.Form):
    quantity = forms.DecimalField(label=gettext_lazy("Quantity"), **QUANTITY)  # type: ignore[arg-type]
    unit_price = forms.DecimalField(
        label=gettext_lazy("Unit price"), max_digits=14, decimal_places=4, min_value=Decimal("0")
    )
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE, required=False)


class ClaimStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=SupplierClaim.Status.choices)
    notified_on = forms.DateField(label=gettext_lazy("Notified on"), widget=DATE, required=False)
    outcome = forms.CharField(label=gettext_lazy("Outcome"), max_length=2000, required=False)
    settled_amount = forms.DecimalField(
        label=gettext_lazy("Amount obtained"), max_digits=14, decimal_places=2, required=False
    )


class ShipmentForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("create", gettext_lazy("Create")), ("link", gettext_lazy("Link"))]
    )
    shipment_number = forms.CharField(
        label=gettext_lazy("Shipment number"), max_length=20, required=False
    )
