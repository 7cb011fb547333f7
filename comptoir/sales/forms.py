"""Forms of order to cash. Validation at the edge: each message names the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Generic, TypeVar, cast

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy

from comptoir.catalog.models import Product
from comptoir.common.choices import country_field_choices, currency_field_choices
from comptoir.common.dates import current_language, today
from comptoir.parties import selectors as parties
from comptoir.parties.models import Company
from comptoir.trade import invoicing
from comptoir.trade.incoterms import all_rules

from .collection import AgentContractValues, DunningLevelValues
from .models import (
    AgentContract,
    DunningLevel,
    Offer,
    OfferLine,
    Order,
    OrderLine,
    SellerProfile,
    TermGround,
)
from .services import LineValues, OfferDetails, OrderDetails
from .terms import DISPATCH_TERMS, TradeTermsValues

INCOTERM_CHOICES = [(rule.code, rule.code) for rule in all_rules()]


class ClientPicker(forms.HiddenInput):
    """A client chosen by typing (suggestions from the server), not a list of every company:
    the forms stay light with 10 000 clients."""

    template_name = "sales/widgets/client_picker.html"
    input_type = "hidden"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        company = parties.company_or_none(value)
        context["widget"]["label"] = company.name if company else ""
        return context


def _product_label(product: Product) -> str:
    return f"{product.reference} — {product.name(current_language())}"


D = TypeVar("D", Offer, Order)


def _choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """A form's model choice field, to narrow its choices."""
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


class TermsMixin(forms.ModelForm[D], Generic[D]):
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=currency_field_choices)
    incoterm = forms.ChoiceField(label=gettext_lazy("Incoterm® 2020"), choices=INCOTERM_CHOICES)
    ship_from_country = forms.ChoiceField(
        label=gettext_lazy("Goods leave from (country)"),
        choices=country_field_choices,
        initial="FR",
        required=False,
        help_text=gettext_lazy(
            "Where the transport to the client begins: it decides the VAT with the delivery "
            "address."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "client").queryset = parties.active_companies()
        self.fields["client"].widget = ClientPicker()
        self._limit_delivery_addresses()
        client = self.initial.get("client") or getattr(self.instance, "client_id", None)
        if client and not self.is_bound and not self.instance.pk:
            company = parties.company_or_none(client)
            if company:
                self.initial.update(terms_from_client(company))

    def clean_ship_from_country(self) -> str:
        return str(self.cleaned_data.get("ship_from_country") or "FR")

    def _limit_delivery_addresses(self) -> None:
        """The client's delivery addresses only (those of the posted client when bound)."""
        client_id = (
            self.data.get(self.add_prefix("client"))
            if self.is_bound
            else (self.initial.get("client") or getattr(self.instance, "client_id", None))
        )
        field = _choice_field(self, "delivery_address")
        field.queryset = parties.delivery_addresses(client_id)
        field.empty_label = translation.gettext("The client's default delivery address")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("payment_days") is not None:
            excess = invoicing.payment_term_excess(
                min(data["payment_days"], invoicing.MAX_PAYMENT_DAYS),
                bool(data.get("payment_end_of_month")),
            )
            # A warning, not a refusal: the ground is recorded when the invoice is issued.
            self.term_warning = excess.text(current_language()) if excess else ""
        return data

    def terms(self) -> TradeTermsValues:
        """The validated terms, for the service."""
        return TradeTermsValues.from_mapping(self.cleaned_data)


def terms_from_client(company: Company) -> dict[str, Any]:
    """A new offer or order starts from the client's usual terms."""
    return {
        "currency": company.currency,
        "incoterm": company.default_incoterm or "EXW",
        "incoterm_place": company.incoterm_place,
        "payment_days": company.payment_days,
        "payment_end_of_month": company.payment_end_of_month,
        "language": "fr" if company.language == "fr" else "en",
    }


class OfferForm(TermsMixin[Offer]):
    class Meta:
        model = Offer
        fields = [
            "client",
            "contact",
            "offer_date",
            "valid_until",
            "currency",
            "incoterm",
            "incoterm_place",
            "payment_days",
            "payment_end_of_month",
            "payment_instrument",
            "transport_mode",
            "lead_time",
            "target_margin_pct",
            "language",
            "notes",
            *DISPATCH_TERMS,
        ]
        widgets = {
            "offer_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "valid_until": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "client").queryset = parties.clients_and_prospects()
        _choice_field(self, "contact").queryset = parties.reachable_contacts()
        if not self.is_bound and not self.instance.pk:
            day = today()
            # The blank instance already put None there, so setdefault would not do.
            self.initial["offer_date"] = self.initial.get("offer_date") or day
            self.initial["valid_until"] = self.initial.get("valid_until") or day + dt.timedelta(
                days=30
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("offer_date"), data.get("valid_until")
        if end and not self.instance.pk and end < today():
            self.add_error("valid_until", translation.gettext("The validity date is already past."))
        if start and end and end < start:
            self.add_error(
                "valid_until", translation.gettext("The offer cannot expire before its date.")
            )
        contact = data.get("contact")
        if contact and data.get("client") and contact.company_id != data["client"].pk:
            self.add_error(
                "contact", translation.gettext("This person does not work for the client.")
            )
        return data

    def details(self) -> OfferDetails:
        data = self.cleaned_data
        return OfferDetails(
            offer_date=data["offer_date"],
            valid_until=data["valid_until"],
            lead_time=data["lead_time"],
            target_margin_pct=data["target_margin_pct"],
            contact=data.get("contact"),
        )


L = TypeVar("L", OfferLine, OrderLine)


class LineForm(forms.ModelForm[L], Generic[L]):
    quantity = forms.DecimalField(
        label=gettext_lazy("Quantity"), min_value=Decimal("0.001"), max_digits=12, decimal_places=3
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "product").queryset = Product.objects.filter(is_active=True)
        self.fields["product"].label_from_instance = _product_label  # type: ignore[attr-defined]

    def values(self) -> LineValues:
        data = self.cleaned_data
        return LineValues(
            product=data["product"],
            quantity=data["quantity"],
            unit_price=data["unit_price"],
            discount_pct=data.get("discount_pct") or Decimal("0"),
            description=data.get("description") or "",
            pk=self.instance.pk,
        )


class OfferLineForm(LineForm[OfferLine]):
    class Meta:
        model = OfferLine
        fields = ["product", "description", "quantity", "unit_price", "discount_pct"]


class OrderLineForm(LineForm[OrderLine]):
    class Meta:
        model = OrderLine
        fields = ["product", "description", "quantity", "unit_price", "discount_pct"]


def _formset(parent: type, model: type, form: type) -> Any:
    return forms.inlineformset_factory(
        parent, model, form=form, extra=3, can_delete=True, min_num=1, validate_min=True
    )


OfferLineFormSet = _formset(Offer, OfferLine, OfferLineForm)
OrderLineFormSet = _formset(Order, OrderLine, OrderLineForm)


def line_values(formset: forms.BaseInlineFormSet[Any, Any, Any]) -> list[LineValues]:
    """The lines a valid formset keeps: filled in and not marked for deletion."""
    deleted = set(formset.deleted_forms)
    return [
        form.values()
        for form in formset.forms
        if form not in deleted and (form.instance.pk or form.has_changed())
    ]


class OrderForm(TermsMixin[Order]):
    class Meta:
        model = Order
        fields = [
            "client",
            "client_reference",
            "order_date",
            "requested_date",
            "confirmed_date",
            "currency",
            "incoterm",
            "incoterm_place",
            "payment_days",
            "payment_end_of_month",
            "payment_instrument",
            "transport_mode",
            "language",
            "notes",
            *DISPATCH_TERMS,
        ]
        widgets = {
            "order_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "requested_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "confirmed_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "client").queryset = parties.active_clients()
        if not self.is_bound and not self.instance.pk:
            self.initial["order_date"] = self.initial.get("order_date") or today()

    def details(self) -> OrderDetails:
        data = self.cleaned_data
        return OrderDetails(
            client_reference=data["client_reference"],
            order_date=data["order_date"],
            requested_date=data.get("requested_date"),
            confirmed_date=data.get("confirmed_date"),
        )


class SellerProfileForm(forms.ModelForm[SellerProfile]):
    class Meta:
        model = SellerProfile
        exclude: list[str] = []


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=250)


class ClientReferenceForm(forms.Form):
    client_reference = forms.CharField(
        label=gettext_lazy("Client's order reference"), max_length=60
    )


class PaymentForm(forms.Form):
    received_on = forms.DateField(
        label=gettext_lazy("Received on"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Amount received"),
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
    )
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=currency_field_choices)
    eur_rate = forms.DecimalField(
        label=gettext_lazy("EUR per unit (bank's rate)"),
        required=False,
        min_value=Decimal("0.00000001"),
        max_digits=18,
        decimal_places=8,
        help_text=gettext_lazy("Leave empty for EUR, or to use our rate / the ECB's of that day."),
    )
    reference = forms.CharField(label=gettext_lazy("Bank reference"), max_length=80, required=False)

    def __init__(self, *args: Any, invoices: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invoices = invoices or []
        for inv in self.invoices:
            self.fields[f"alloc_{inv.pk}"] = forms.DecimalField(
                label=inv.number,
                required=False,
                min_value=Decimal("0"),
                max_digits=14,
                decimal_places=2,
            )

    def allocations(self) -> dict[int, Decimal]:
        return {
            inv.pk: self.cleaned_data.get(f"alloc_{inv.pk}") or Decimal("0")
            for inv in self.invoices
        }

    def allocation_fields(self) -> list[tuple[Any, forms.BoundField]]:
        return [(inv, self[f"alloc_{inv.pk}"]) for inv in self.invoices]


class IssueForm(forms.Form):
    """What issuing asks when the rules need the user's word: the VAT points checked, the
    ground for a payment term beyond the legal ceiling."""

    review_note = forms.CharField(
        label=gettext_lazy("What you checked on the VAT points above"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    term_basis = forms.ChoiceField(
        label=gettext_lazy("Ground for the payment term beyond the legal ceiling"),
        required=False,
        choices=[("", "—"), *TermGround.choices],
    )
    term_reason = forms.CharField(
        label=gettext_lazy("Reason (contract, law chosen...)"), required=False, max_length=250
    )


class AgentContractForm(forms.ModelForm[AgentContract]):
    class Meta:
        model = AgentContract
        fields = ["agent", "countries", "rate_pct", "valid_from", "valid_until"]
        widgets = {
            "valid_from": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "valid_until": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "agent").queryset = parties.agents()

    def clean_countries(self) -> str:
        import pycountry

        codes = [c.strip().upper() for c in self.cleaned_data["countries"].split(",") if c.strip()]
        if not codes:
            raise forms.ValidationError(translation.gettext("Give at least one country."))
        unknown = [c for c in codes if pycountry.countries.get(alpha_2=c) is None]
        if unknown:
            raise forms.ValidationError(
                translation.gettext("Unknown country code: %(codes)s.")
                % {"codes": ", ".join(unknown)}
            )
        return ", ".join(codes)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", translation.gettext("The end is before the start."))
        return data

    def values(self) -> AgentContractValues:
        data = self.cleaned_data
        return AgentContractValues(
            agent=data["agent"],
            countries=data["countries"],
            rate_pct=data["rate_pct"],
            valid_from=data["valid_from"],
            valid_until=data.get("valid_until"),
        )


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=gettext_lazy("To"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


DUNNING_LEVEL_FIELDS = (
    "level",
    "name_fr",
    "name_en",
    "days_after_due",
    "text_fr",
    "text_en",
    "hand_over",
)

DunningLevelFormSet: type[forms.BaseModelFormSet[DunningLevel, Any]] = forms.modelformset_factory(
    DunningLevel,
    fields=list(DUNNING_LEVEL_FIELDS),
    widgets={
        "text_fr": forms.Textarea(attrs={"rows": 3}),
        "text_en": forms.Textarea(attrs={"rows": 3}),
    },
    extra=0,
)


def dunning_level_values(formset: forms.BaseModelFormSet[Any, Any]) -> list[DunningLevelValues]:
    """Every level of a valid procedure formset, as the service takes them."""
    return [
        DunningLevelValues(
            pk=form.instance.pk, **{name: form.cleaned_data[name] for name in DUNNING_LEVEL_FIELDS}
        )
        for form in formset.forms
    ]
