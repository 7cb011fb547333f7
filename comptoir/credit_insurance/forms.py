"""Forms of the credit insurance pages: they validate what was typed and build the typed
values the services take."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from comptoir.common.dates import today
from comptoir.parties.models import Company
from comptoir.sales.models import Invoice

from .inputs import ClaimValues, CoverDecision, CoverRequest, DeclarationValues, PolicyValues
from .models import CoverState, Declaration, Policy

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}
MAX_INVOICES = 200


class PolicyForm(forms.Form):
    insurer = forms.CharField(label=_("insurer"), max_length=120)
    number = forms.CharField(label=_("policy number"), max_length=60)
    starts_on = forms.DateField(label=_("in force from"), widget=DATE)
    ends_on = forms.DateField(label=_("in force until"), widget=DATE)
    commercial_share_pct = forms.DecimalField(
        label=_("insured share, commercial risk (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        initial=Decimal("90"),
    )
    political_share_pct = forms.DecimalField(
        label=_("insured share, political risk (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        required=False,
    )
    max_credit_days = forms.IntegerField(
        label=_("maximum credit period (days)"), min_value=0, max_value=720, initial=120
    )
    threatened_loss_days = forms.IntegerField(
        label=_("declare a threatened loss within (days after the due date)"),
        min_value=0,
        max_value=720,
        initial=60,
    )
    waiting_period_days = forms.IntegerField(
        label=_("waiting period before indemnity (days)"), min_value=0, max_value=720, initial=150
    )
    premium_rate_pct = forms.DecimalField(
        label=_("premium rate (% of insured turnover)"),
        max_digits=6,
        decimal_places=4,
        min_value=Decimal("0"),
        max_value=Decimal("10"),
        initial=Decimal("0"),
    )
    discretionary_limit = forms.DecimalField(
        label=_("discretionary limit (EUR)"), **MONEY, initial=Decimal("0")
    )
    refuse_when_cancelled = forms.BooleanField(
        label=_("refuse to confirm orders of a buyer whose cover is cancelled or refused"),
        required=False,
    )
    responsible = forms.ModelChoiceField(
        label=_("responsible"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
    )
    notes = forms.CharField(
        label=_("notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def initial_of(cls, policy: Policy) -> dict[str, Any]:
        return {name: getattr(policy, name) for name in cls.base_fields}

    def values(self) -> PolicyValues:
        return PolicyValues(**self.cleaned_data)


class CoverRequestForm(forms.Form):
    buyer = forms.ModelChoiceField(
        label=_("buyer"),
        queryset=Company.objects.filter(roles__contains=",client,").order_by("name"),
    )
    amount = forms.DecimalField(label=_("amount requested (EUR)"), **MONEY)
    requested_on = forms.DateField(label=_("requested on"), widget=DATE, initial=today)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def values(self) -> CoverRequest:
        return CoverRequest(**self.cleaned_data)


class CoverDecisionForm(forms.Form):
    state = forms.ChoiceField(
        label=_("insurer's decision"),
        choices=[c for c in CoverState.choices if c[0] != CoverState.REQUESTED],
    )
    amount = forms.DecimalField(
        label=_("limit (EUR)"),
        **MONEY,
        initial=Decimal("0"),
        help_text=_("The limit granted or reduced; 0 when refused or cancelled."),
    )
    decided_on = forms.DateField(label=_("decided on"), widget=DATE, initial=today)
    effective_from = forms.DateField(
        label=_("effective from"),
        widget=DATE,
        required=False,
        help_text=_("A reduction or a cancellation applies to deliveries from this day."),
    )
    insurer_reference = forms.CharField(
        label=_("insurer's reference"), max_length=60, required=False
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def values(self) -> CoverDecision:
        return CoverDecision(**self.cleaned_data)


class DeclarationForm(forms.Form):
    invoices = forms.ModelMultipleChoiceField(
        label=_("unpaid invoices"),
        queryset=Invoice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    declared_on = forms.DateField(label=_("declared on"), widget=DATE, initial=today)
    amount_declared = forms.DecimalField(
        label=_("amount declared (EUR)"),
        **MONEY,
        required=False,
        help_text=_("Empty: the balances of the invoices ticked, in EUR at their issue rate."),
    )
    reference = forms.CharField(label=_("insurer's reference"), max_length=60, required=False)
    notes = forms.CharField(
        label=_("notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, buyer: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.buyer = buyer
        field = self.fields["invoices"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Invoice.objects.filter(
            client=buyer,
            kind=Invoice.Kind.INVOICE,
            status=Invoice.Status.ISSUED,
            balance_due__gt=0,
        ).order_by("due_date")

    def clean_invoices(self) -> Any:
        invoices = self.cleaned_data["invoices"]
        if len(invoices) > MAX_INVOICES:
            raise forms.ValidationError(
                _("At most %(max)s invoices in one declaration.") % {"max": MAX_INVOICES}
            )
        return invoices

    def values(self) -> DeclarationValues:
        data = self.cleaned_data
        return DeclarationValues(
            buyer=self.buyer,
            invoices=list(data["invoices"]),
            declared_on=data["declared_on"],
            amount_declared=data["amount_declared"],
            reference=data["reference"],
            notes=data["notes"],
        )


class ClaimForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Declaration.Status.choices)
    claim_filed_on = forms.DateField(label=_("claim filed on"), widget=DATE, required=False)
    recovered_before = forms.DecimalField(
        label=_("recovered before the indemnity (EUR)"), **MONEY, initial=Decimal("0")
    )
    indemnity_received = forms.DecimalField(
        label=_("indemnity received (EUR)"), **MONEY, initial=Decimal("0")
    )
    indemnity_received_on = forms.DateField(
        label=_("indemnity received on"), widget=DATE, required=False
    )
    recovered_after = forms.DecimalField(
        label=_("recovered after the indemnity (EUR)"), **MONEY, initial=Decimal("0")
    )
    reference = forms.CharField(label=_("insurer's reference"), max_length=60, required=False)
    notes = forms.CharField(
        label=_("notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def initial_of(cls, declaration: Declaration) -> dict[str, Any]:
        return {name: getattr(declaration, name) for name in cls.base_fields}

    def values(self) -> ClaimValues:
        return ClaimValues(**self.cleaned_data)
