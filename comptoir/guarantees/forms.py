"""Forms of the guarantees: they validate what was typed and give the services typed values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy

from comptoir.common.choices import currency_field_choices
from comptoir.parties import selectors as parties_selectors
from comptoir.purchasing import selectors as purchasing_selectors
from comptoir.purchasing.models import PurchaseOrder
from comptoir.sales.models import Offer, Order

from .inputs import OUTCOMES, AmendmentValues, DemandValues, GuaranteeValues, ReductionValues
from .models import Demand, Guarantee, ReleaseHow

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
#: The most purchase orders offered in the choice.
MAX_ORDER_CHOICES = 200


class PurchaseOrderChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        order = cast(PurchaseOrder, obj)
        return f"{order.number} — {order.supplier.name} ({order.currency})"


class GuaranteeForm(forms.ModelForm[Guarantee]):
    purchase_order = PurchaseOrderChoice(
        label=gettext_lazy("Purchase order secured"),
        queryset=PurchaseOrder.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Received: the order sent to the supplier that the guarantee secures (an "
            "advance-payment guarantee for our deposit). Its number becomes the reference."
        ),
    )
    field_order = ["direction", "kind", "partner", "amount", "currency", "purchase_order"]

    currency = forms.ChoiceField(
        label=gettext_lazy("Currency"), choices=currency_field_choices, initial="EUR"
    )

    class Meta:
        model = Guarantee
        fields = [
            "direction",
            "kind",
            "partner",
            "amount",
            "currency",
            "rules",
            "governing_law",
            "structure",
            "issuing_bank",
            "issuing_bank_name",
            "issuing_bank_bic",
            "local_bank_name",
            "local_bank_bic",
            "bank_reference",
            "presentation_country",
            "order",
            "offer",
            "purchase_reference",
            "underlying",
            "issue_date",
            "expiry_date",
            "expiry_event",
            "statement_required",
            "fee_rate_pct",
            "fee_minimum",
            "remind_days",
            "handled_by",
            "notes",
        ]
        widgets = {
            "issue_date": DATE,
            "expiry_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        companies = parties_selectors.active_companies()
        self.fields["partner"].queryset = companies.filter(  # type: ignore[attr-defined]
            Q(roles__contains=",client,")
            | Q(roles__contains=",prospect,")
            | Q(roles__contains=",supplier,")
        )
        self.fields["issuing_bank"].queryset = companies.filter(  # type: ignore[attr-defined]
            roles__contains=",bank,"
        )
        self.fields["issuing_bank"].help_text = gettext_lazy(
            "Chosen among the banks of the companies: fills the name and BIC when empty."
        )
        self.fields["issuing_bank_name"].required = False
        self.fields["order"].queryset = Order.objects.select_related("client")  # type: ignore[attr-defined]
        self.fields["offer"].queryset = Offer.objects.select_related("client")  # type: ignore[attr-defined]
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["handled_by"].queryset = users  # type: ignore[attr-defined]
        ids = list(
            purchasing_selectors.issued_orders().values_list("pk", flat=True)[:MAX_ORDER_CHOICES]
        )
        if self.instance.purchase_order_id:
            ids.append(self.instance.purchase_order_id)
            if not self.is_bound:
                self.initial.setdefault("purchase_order", self.instance.purchase_order_id)
        self.fields["purchase_order"].queryset = PurchaseOrder.objects.filter(  # type: ignore[attr-defined]
            pk__in=ids
        ).select_related("supplier")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        bank = data.get("issuing_bank")
        if bank is not None:
            data["issuing_bank_name"] = (
                data.get("issuing_bank_name") or bank.legal_name or bank.name
            )
            data["issuing_bank_bic"] = data.get("issuing_bank_bic") or bank.bic
        if not data.get("issuing_bank_name"):
            self.add_error("issuing_bank_name", gettext_lazy("Name the issuing bank."))
        return data

    def values(self) -> GuaranteeValues:
        data = self.cleaned_data
        return GuaranteeValues(
            direction=data["direction"],
            kind=data["kind"],
            partner=data["partner"],
            amount=data["amount"],
            currency=data["currency"],
            issuing_bank_name=data.get("issuing_bank_name") or "",
            rules=data["rules"],
            governing_law=data.get("governing_law") or "",
            structure=data["structure"],
            issuing_bank=data.get("issuing_bank"),
            issuing_bank_bic=data.get("issuing_bank_bic") or "",
            local_bank_name=data.get("local_bank_name") or "",
            local_bank_bic=data.get("local_bank_bic") or "",
            bank_reference=data.get("bank_reference") or "",
            presentation_country=data.get("presentation_country") or "FR",
            order=data.get("order"),
            offer=data.get("offer"),
            purchase_reference=data.get("purchase_reference") or "",
            purchase_order_id=data["purchase_order"].pk if data.get("purchase_order") else None,
            underlying=data.get("underlying") or "",
            issue_date=data.get("issue_date"),
            expiry_date=data.get("expiry_date"),
            expiry_event=data.get("expiry_event") or "",
            statement_required=data.get("statement_required") or False,
            fee_rate_pct=data.get("fee_rate_pct") or Decimal("0"),
            fee_minimum=data.get("fee_minimum") or Decimal("0"),
            remind_days=data.get("remind_days") or 30,
            handled_by=data.get("handled_by"),
            notes=data.get("notes") or "",
        )


class ReductionForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("On"), required=False, widget=DATE)
    event = forms.CharField(label=gettext_lazy("Or on the event"), required=False, max_length=200)
    occurred_on = forms.DateField(
        label=gettext_lazy("Event occurred on"), required=False, widget=DATE
    )
    amount_after = forms.DecimalField(
        label=gettext_lazy("Amount in force afterwards"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = data.get("on") or data.get("event") or data.get("amount_after") is not None
        if filled and data.get("amount_after") is None:
            self.add_error("amount_after", gettext_lazy("The amount in force after the reduction."))
        if filled and not data.get("on") and not data.get("event"):
            self.add_error("on", gettext_lazy("A date or an event."))
        return data

    def value(self) -> ReductionValues | None:
        data = self.cleaned_data
        if data.get("amount_after") is None:
            return None
        return ReductionValues(
            amount_after=data["amount_after"],
            on=data.get("on"),
            event=data.get("event") or "",
            occurred_on=data.get("occurred_on"),
        )


ReductionFormSet = forms.formset_factory(ReductionForm, extra=3, max_num=24, validate_max=True)


def reduction_values(formset: Any) -> tuple[ReductionValues, ...]:
    return tuple(v for form in formset.forms if (v := form.value()) is not None)


class IssueForm(forms.Form):
    issued_on = forms.DateField(label=gettext_lazy("Issued on"), widget=DATE)
    bank_reference = forms.CharField(
        label=gettext_lazy("Bank's reference"), required=False, max_length=40
    )


class AmendmentForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    description = forms.CharField(label=gettext_lazy("What changes"), max_length=300)
    new_amount = forms.DecimalField(
        label=gettext_lazy("New amount"), max_digits=14, decimal_places=2, required=False
    )
    new_expiry_date = forms.DateField(
        label=gettext_lazy("New expiry date"), required=False, widget=DATE
    )
    accepted = forms.BooleanField(
        label=gettext_lazy("Accepted by the beneficiary"), required=False, initial=True
    )

    def values(self) -> AmendmentValues:
        data = self.cleaned_data
        return AmendmentValues(
            on=data["on"],
            description=data["description"],
            new_amount=data.get("new_amount"),
            new_expiry_date=data.get("new_expiry_date"),
            accepted=data.get("accepted") or False,
        )


class DemandForm(forms.Form):
    presented_on = forms.DateField(label=gettext_lazy("Presented on"), widget=DATE)
    amount = forms.DecimalField(
        label=gettext_lazy("Amount demanded"), max_digits=14, decimal_places=2, min_value=0
    )
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=currency_field_choices)
    statement_of_breach = forms.BooleanField(
        label=gettext_lazy("With a statement of breach"), required=False, initial=True
    )
    extend_or_pay = forms.BooleanField(label=gettext_lazy("Extend or pay"), required=False)
    documents = forms.CharField(
        label=gettext_lazy("Documents presented"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def values(self) -> DemandValues:
        data = self.cleaned_data
        return DemandValues(
            presented_on=data["presented_on"],
            amount=data["amount"],
            currency=data["currency"],
            statement_of_breach=data.get("statement_of_breach") or False,
            extend_or_pay=data.get("extend_or_pay") or False,
            documents=data.get("documents") or "",
        )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[(v, label) for v, label in Demand.Outcome.choices if v in OUTCOMES],
    )
    on = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    paid_amount = forms.DecimalField(
        label=gettext_lazy("Amount paid"), max_digits=14, decimal_places=2, required=False
    )
    new_expiry_date = forms.DateField(
        label=gettext_lazy("New expiry date (extension)"), required=False, widget=DATE
    )


class EventForm(forms.Form):
    occurred_on = forms.DateField(label=gettext_lazy("Event occurred on"), widget=DATE)


class ReleaseForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    how = forms.ChoiceField(label=gettext_lazy("Released by"), choices=ReleaseHow.choices)
