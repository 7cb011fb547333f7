"""Forms of the supplier panel: they validate what was typed and give the services typed values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from comptoir.catalog.models import Product
from comptoir.common.choices import currency_field_choices
from comptoir.trade import supplier_rating
from comptoir.trade.incoterms import all_rules

from .attachments import MAX_ATTACHMENT_BYTES
from .inputs import (
    ActionValues,
    AuditValues,
    CertificationValues,
    CsrValues,
    FileValues,
    ReviewGrades,
    SuppliedValues,
)
from .models import (
    AuditKind,
    CertificationKind,
    CorrectiveAction,
    Decision,
    IncidentKind,
    IncidentOutcome,
    Instrument,
    PanelStatus,
    SupplierFile,
)
from .selectors import CSR_CHECKLIST

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
INCOTERM_CHOICES = [(rule.code, rule.code) for rule in all_rules()]
#: corrective-action rows offered on the audit form
ACTION_ROWS = 5
CRITERION_LABELS = {
    "quality": _("Quality"),
    "delivery": _("Delivery (OTIF)"),
    "price": _("Price"),
    "csr": _("CSR"),
    "service": _("Service (responsiveness, documents)"),
}


def _users() -> Any:
    return get_user_model().objects.filter(is_active=True).order_by("username")


class FileForm(forms.Form):
    status = forms.ChoiceField(label=_("Panel status"), choices=PanelStatus.choices)
    categories = forms.CharField(
        label=_("Categories of goods"),
        max_length=300,
        required=False,
        help_text=_("Separated by commas, e.g. enamelled lids, cast iron, packaging."),
    )
    buyer = forms.ModelChoiceField(label=_("Buyer in charge"), queryset=_users(), required=False)
    payment_terms = forms.CharField(label=_("Payment terms"), max_length=200, required=False)
    payment_days = forms.IntegerField(
        label=_("Payment days"), min_value=0, max_value=365, required=False
    )
    instruments = forms.MultipleChoiceField(
        label=_("Payment instruments accepted"),
        choices=Instrument.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead_time_days = forms.IntegerField(
        label=_("Usual lead time (days)"), min_value=0, max_value=730, required=False
    )
    minimum_order = forms.CharField(label=_("Minimum order"), max_length=200, required=False)
    audit_interval_months = forms.IntegerField(
        label=_("Audit every (months)"), min_value=1, max_value=60, initial=12
    )
    on_time_tolerance_days = forms.IntegerField(
        label=_("On-time tolerance (days)"), min_value=0, max_value=30, initial=0
    )
    in_full_tolerance_pct = forms.DecimalField(
        label=_("In-full tolerance (%)"),
        min_value=Decimal(0),
        max_value=Decimal(20),
        max_digits=4,
        decimal_places=1,
        initial=Decimal(0),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = _users()  # type: ignore[attr-defined]

    @staticmethod
    def initial_of(supplier: SupplierFile) -> dict[str, Any]:
        return {
            "status": supplier.status,
            "categories": supplier.categories,
            "buyer": supplier.buyer,
            "payment_terms": supplier.payment_terms,
            "payment_days": supplier.payment_days,
            "instruments": supplier.instrument_list,
            "lead_time_days": supplier.lead_time_days,
            "minimum_order": supplier.minimum_order,
            "audit_interval_months": supplier.audit_interval_months,
            "on_time_tolerance_days": supplier.on_time_tolerance_days,
            "in_full_tolerance_pct": supplier.in_full_tolerance_pct,
            "notes": supplier.notes,
        }

    def values(self) -> FileValues:
        d = self.cleaned_data
        return FileValues(
            status=d["status"],
            categories=d["categories"],
            buyer=d["buyer"],
            payment_terms=d["payment_terms"],
            payment_days=d["payment_days"],
            instruments=tuple(d["instruments"]),
            lead_time_days=d["lead_time_days"],
            minimum_order=d["minimum_order"],
            audit_interval_months=d["audit_interval_months"],
            on_time_tolerance_days=d["on_time_tolerance_days"],
            in_full_tolerance_pct=d["in_full_tolerance_pct"],
            notes=d["notes"],
        )


class CertificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Certification"), choices=CertificationKind.choices)
    other_kind = forms.CharField(label=_("Name (other)"), max_length=80, required=False)
    number = forms.CharField(label=_("Certificate no."), max_length=80, required=False)
    body = forms.CharField(label=_("Certification body"), max_length=120, required=False)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE, required=False)
    valid_to = forms.DateField(label=_("Valid to"), widget=DATE, required=False)
    file = forms.FileField(
        label=_("Certificate (PDF or photo)"),
        required=False,
        help_text=_("%(mb)d MB at most.") % {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
    )

    def values(self) -> CertificationValues:
        d = self.cleaned_data
        return CertificationValues(
            kind=d["kind"],
            other_kind=d["other_kind"],
            number=d["number"],
            body=d["body"],
            valid_from=d["valid_from"],
            valid_to=d["valid_to"],
        )


class AuditForm(forms.Form):
    date = forms.DateField(label=_("Audit date"), widget=DATE)
    auditor = forms.CharField(label=_("Auditor"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind of audit"), choices=AuditKind.choices)
    score = forms.IntegerField(label=_("Score /100"), min_value=0, max_value=100)
    findings = forms.CharField(
        label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{i}"] = forms.CharField(
                label=_("Corrective action %(n)d") % {"n": i}, max_length=300, required=False
            )
            self.fields[f"action_{i}_due"] = forms.DateField(
                label=_("Due by"), widget=DATE, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, ACTION_ROWS + 1):
            if data.get(f"action_{i}") and not data.get(f"action_{i}_due"):
                self.add_error(f"action_{i}_due", _("Give the date the action is due by."))
        return data

    def values(self) -> AuditValues:
        d = self.cleaned_data
        actions = tuple(
            ActionValues(description=d[f"action_{i}"], due_on=d[f"action_{i}_due"])
            for i in range(1, ACTION_ROWS + 1)
            if d.get(f"action_{i}")
        )
        return AuditValues(
            date=d["date"],
            auditor=d["auditor"],
            kind=d["kind"],
            score=d["score"],
            findings=d["findings"],
            actions=actions,
        )


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=CorrectiveAction.Status.choices)
    on = forms.DateField(widget=DATE, required=False)


class CsrForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in CSR_CHECKLIST:
            self.fields[f"met_{code}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"evidence_{code}"] = forms.CharField(
                label=_("Evidence"), max_length=300, required=False
            )

    def values(self, day: dt.date) -> list[CsrValues]:
        d = self.cleaned_data
        return [
            CsrValues(
                criterion=code,
                met=bool(d.get(f"met_{code}")),
                evidence=d.get(f"evidence_{code}") or "",
                checked_on=day,
            )
            for code, _label in CSR_CHECKLIST
        ]

    def rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"met_{code}"], self[f"evidence_{code}"]) for code, _label in CSR_CHECKLIST]


class SuppliedForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Our product"), queryset=Product.objects.order_by("reference")
    )
    supplier_reference = forms.CharField(label=_("Their reference"), max_length=60, required=False)
    unit_price = forms.DecimalField(
        label=_("Unit price"), min_value=Decimal(0), max_digits=14, decimal_places=4
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=currency_field_choices)
    incoterm = forms.ChoiceField(label=_("Incoterm® 2020"), choices=INCOTERM_CHOICES)
    incoterm_place = forms.CharField(label=_("Named place"), max_length=100)
    moq = forms.DecimalField(
        label=_("Minimum order quantity"),
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=3,
        required=False,
    )
    lead_time_days = forms.IntegerField(
        label=_("Lead time (days)"), min_value=0, max_value=730, required=False
    )
    valid_from = forms.DateField(label=_("Price valid from"), widget=DATE)
    valid_to = forms.DateField(label=_("Price valid to"), widget=DATE, required=False)

    def values(self) -> SuppliedValues:
        d = self.cleaned_data
        return SuppliedValues(
            supplier_reference=d["supplier_reference"],
            unit_price=d["unit_price"],
            currency=d["currency"],
            incoterm=d["incoterm"],
            incoterm_place=d["incoterm_place"],
            valid_from=d["valid_from"],
            valid_to=d["valid_to"],
            moq=d["moq"],
            lead_time_days=d["lead_time_days"],
        )


class DeliveryForm(forms.Form):
    order_ref = forms.CharField(label=_("Order"), max_length=60)
    receipt_ref = forms.CharField(label=_("Receipt"), max_length=60, required=False)
    ordered_on = forms.DateField(label=_("Ordered on"), widget=DATE, required=False)
    promised_date = forms.DateField(label=_("Promised date"), widget=DATE)
    delivered_date = forms.DateField(label=_("Delivered on"), widget=DATE)
    quantity_ordered = forms.DecimalField(
        label=_("Quantity ordered"), min_value=Decimal("0.001"), max_digits=14, decimal_places=3
    )
    quantity_received = forms.DecimalField(
        label=_("Quantity received"), min_value=Decimal(0), max_digits=14, decimal_places=3
    )
    quantity_accepted = forms.DecimalField(
        label=_("Quantity accepted"), min_value=Decimal(0), max_digits=14, decimal_places=3
    )


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=IncidentKind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE)
    reference = forms.CharField(label=_("Reference"), max_length=60, required=False)
    description = forms.CharField(
        label=_("What happened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=IncidentOutcome.choices)
    outcome_note = forms.CharField(label=_("Outcome details"), max_length=300, required=False)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=IncidentOutcome.choices)
    note = forms.CharField(max_length=300, required=False)


class ReviewStartForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", "—"), *Decision.choices], required=False
    )
    comments = forms.CharField(
        label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in supplier_rating.CRITERIA:
            self.fields[f"weight_{name}"] = forms.DecimalField(
                label=_("Weight"), min_value=Decimal(0), max_value=Decimal(100), decimal_places=2
            )
            self.fields[f"grade_{name}"] = forms.DecimalField(
                label=_("Grade /10"), min_value=Decimal(0), max_value=Decimal(10), decimal_places=1
            )

    def rows(self) -> list[tuple[str, Any, Any, Any]]:
        return [
            (name, CRITERION_LABELS[name], self[f"weight_{name}"], self[f"grade_{name}"])
            for name in supplier_rating.CRITERIA
        ]

    def values(self) -> ReviewGrades:
        d = self.cleaned_data
        return ReviewGrades(
            weights={n: d[f"weight_{n}"] for n in supplier_rating.CRITERIA},
            grades={n: d[f"grade_{n}"] for n in supplier_rating.CRITERIA},
            decision=d.get("decision") or "",
            comments=d.get("comments") or "",
        )
