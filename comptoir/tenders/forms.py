"""Forms of the tender screens: they validate what was typed and give the services' values."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Any

from django import forms
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from comptoir.catalog.models import Product
from comptoir.common.choices import currency_field_choices
from comptoir.parties.models import Company
from comptoir.trade import incoterms
from comptoir.trade import tender_comparison as core

from . import selectors
from .inputs import (
    AnswerValues,
    CostValues,
    DecisionValues,
    LineValues,
    PriceValues,
    TenderValues,
    Weights,
)
from .models import Answer, CostBasis, CostKind, Tender, TenderLine

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RULES = [(code, code) for code in incoterms.RULE_CODES]


class TenderForm(forms.Form):
    title = forms.CharField(label=_("Subject"), max_length=200)
    suppliers = forms.ModelMultipleChoiceField(
        label=_("Suppliers invited"),
        queryset=Company.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Companies with the role supplier."),
    )
    reply_by = forms.DateField(label=_("Answers expected by"), widget=DATE)
    delivery_date = forms.DateField(label=_("Delivery wanted on"), widget=DATE)
    delivery_place = forms.CharField(label=_("Delivery place (our warehouse)"), max_length=200)
    incoterm = forms.ChoiceField(label=_("Incoterm wanted"), choices=RULES, initial="FCA")
    incoterm_place = forms.CharField(label=_("Named place wanted"), max_length=120, required=False)
    payment_terms = forms.CharField(label=_("Payment terms wanted"), max_length=200, required=False)
    instructions = forms.CharField(
        label=_("Remarks to the suppliers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["suppliers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = selectors.suppliers().order_by("name")

    def values(self, lines: tuple[LineValues, ...]) -> TenderValues:
        data = self.cleaned_data
        return TenderValues(
            title=data["title"],
            suppliers=tuple(data["suppliers"]),
            reply_by=data["reply_by"],
            delivery_date=data["delivery_date"],
            delivery_place=data["delivery_place"],
            incoterm=data["incoterm"],
            incoterm_place=data.get("incoterm_place", ""),
            payment_terms=data.get("payment_terms", ""),
            instructions=data.get("instructions", ""),
            lines=lines,
        )


class LineForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.filter(is_active=True).order_by("reference")
    )
    quantity = forms.DecimalField(
        label=_("Quantity"), min_value=Decimal("0.001"), max_digits=12, decimal_places=3
    )
    specifications = forms.CharField(label=_("Specifications"), max_length=2000, required=False)


LineFormSet = forms.formset_factory(LineForm, extra=3, max_num=100, validate_max=True)


def lines_of(formset: Any) -> tuple[LineValues, ...]:
    return tuple(
        LineValues(
            product=f.cleaned_data["product"],
            quantity=f.cleaned_data["quantity"],
            specifications=f.cleaned_data.get("specifications", ""),
        )
        for f in formset.forms
        if f.cleaned_data.get("product")
    )


class WeightsForm(forms.Form):
    price = forms.IntegerField(label=_("Delivered cost"), min_value=0, max_value=100)
    quality = forms.IntegerField(label=_("Quality"), min_value=0, max_value=100)
    lead_time = forms.IntegerField(label=_("Lead time"), min_value=0, max_value=100)
    reliability = forms.IntegerField(label=_("Reliability"), min_value=0, max_value=100)
    payment = forms.IntegerField(label=_("Payment terms"), min_value=0, max_value=100)
    csr = forms.IntegerField(label=_("CSR"), min_value=0, max_value=100)

    def values(self) -> Weights:
        return Weights(**{c: self.cleaned_data[c] for c in core.CRITERIA})


class AnswerForm(forms.Form):
    reference = forms.CharField(label=_("Their reference"), max_length=60, required=False)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    currency = forms.ChoiceField(label=_("Currency"))
    incoterm = forms.ChoiceField(label=_("Incoterm"), choices=RULES)
    incoterm_place = forms.CharField(label=_("Named place"), max_length=120)
    origin_country = forms.CharField(
        label=_("Country of origin"),
        max_length=2,
        required=False,
        help_text=_("Empty: the supplier's country."),
    )
    preference_agreement = forms.CharField(
        label=_("Preference claimed"),
        max_length=20,
        required=False,
        help_text=_("The trade agreement, only if the supplier will give a proof of origin."),
    )
    lead_time_days = forms.IntegerField(label=_("Lead time (days)"), min_value=0)
    payment_terms = forms.CharField(label=_("Payment terms"), max_length=200, required=False)
    payment_days = forms.IntegerField(
        label=_("Days of credit"),
        min_value=0,
        initial=0,
        help_text=_("0 for payment at order or before shipment; 60 for 60 days after B/L."),
    )
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE)
    samples = forms.ChoiceField(label=_("Samples"), choices=Answer.Samples.choices)
    quality_grade = forms.IntegerField(
        label=_("Quality grade (0-10)"),
        min_value=0,
        max_value=10,
        required=False,
        help_text=_("Your grade of the samples and specifications met; empty: neutral 5."),
    )
    remarks = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, lines: list[TenderLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tender_lines = lines
        currency = self.fields["currency"]
        assert isinstance(currency, forms.ChoiceField)
        currency.choices = currency_field_choices()
        for line in lines:
            self.fields[f"price_{line.position}"] = forms.DecimalField(
                label=f"{line.position}. {line.product.reference}",
                required=False,
                max_digits=14,
                decimal_places=4,
                help_text=_("Unit price; empty: not quoted."),
            )
            self.fields[f"moq_{line.position}"] = forms.DecimalField(
                label=_("MOQ"), required=False, max_digits=12, decimal_places=3
            )

    def price_fields(self) -> list[tuple[TenderLine, Any, Any]]:
        return [
            (line, self[f"price_{line.position}"], self[f"moq_{line.position}"])
            for line in self.tender_lines
        ]

    def values(self) -> AnswerValues:
        data = self.cleaned_data
        prices = tuple(
            PriceValues(
                line=line.position,
                unit_price=data[f"price_{line.position}"],
                moq=data.get(f"moq_{line.position}"),
            )
            for line in self.tender_lines
            if data.get(f"price_{line.position}") is not None
        )
        return AnswerValues(
            reference=data.get("reference", ""),
            received_on=data["received_on"],
            currency=data["currency"],
            incoterm=data["incoterm"],
            incoterm_place=data["incoterm_place"],
            origin_country=data.get("origin_country", "").upper(),
            preference_agreement=data.get("preference_agreement", ""),
            lead_time_days=data["lead_time_days"],
            payment_terms=data.get("payment_terms", ""),
            payment_days=data["payment_days"],
            valid_until=data["valid_until"],
            samples=data["samples"],
            quality_grade=data.get("quality_grade"),
            remarks=data.get("remarks", ""),
            prices=prices,
        )


class CostsForm(forms.Form):
    """One row per kind of cost: its basis and amount in EUR (empty: none)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in CostKind.choices:
            self.fields[f"{kind}_amount"] = forms.DecimalField(
                label=label, required=False, max_digits=12, decimal_places=4
            )
            self.fields[f"{kind}_basis"] = forms.ChoiceField(
                label=_("basis"), choices=CostBasis.choices, initial=CostBasis.SHIPMENT
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(label, self[f"{k}_amount"], self[f"{k}_basis"]) for k, label in CostKind.choices]

    def values(self) -> tuple[CostValues, ...]:
        data = self.cleaned_data
        return tuple(
            CostValues(kind=k, basis=data[f"{k}_basis"], amount=data[f"{k}_amount"])
            for k in CostKind.values
            if data.get(f"{k}_amount") is not None
        )


class DecisionForm(forms.Form):
    overall = forms.ModelChoiceField(
        label=_("Supplier chosen for every line"), queryset=Company.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    inform_losers = forms.BooleanField(
        label=_("Thank the other suppliers by e-mail"), required=False, initial=True
    )

    def __init__(self, *args: Any, tender: Tender, lines: list[TenderLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answered = list(
            Company.objects.filter(
                tender_invitations__tender=tender, tender_invitations__answer__isnull=False
            ).order_by("name")
        )
        self.answered = answered
        self.by_pk = {c.pk: c for c in answered}
        overall = self.fields["overall"]
        assert isinstance(overall, forms.ModelChoiceField)
        overall.queryset = Company.objects.filter(pk__in=list(self.by_pk))
        self.tender_lines = lines
        # plain choices, evaluated once: a tender of 100 lines renders 100 of these
        choices = [("", "—"), *((c.pk, c.name) for c in answered)]
        for line in lines:
            self.fields[f"line_{line.position}"] = forms.TypedChoiceField(
                label=f"{line.position}. {line.product.reference}",
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
            )

    def main_fields(self) -> list[Any]:
        return [self[name] for name in ("overall", "reason", "inform_losers")]

    @cached_property
    def line_options(self) -> str:
        """The suppliers' <option>s of the line-by-line selects, escaped once for every line
        (50 lines x 20 suppliers rendered one by one cost half the page's time)."""
        return format_html_join(
            "", '<option value="{}">{}</option>', ((c.pk, c.name) for c in self.answered)
        )

    def values(self) -> DecisionValues:
        data = self.cleaned_data
        per_line = tuple(
            (line.position, self.by_pk[data[f"line_{line.position}"]])
            for line in self.tender_lines
            if data.get(f"line_{line.position}") is not None
        )
        return DecisionValues(
            reason=data.get("reason", ""),
            overall=data.get("overall") if not per_line else None,
            per_line=per_line,
            inform_losers=bool(data.get("inform_losers")),
        )
