"""Forms of the events area: they validate what was typed (or what the stand's device sent)
and give the services typed values."""

from __future__ import annotations

import base64
import binascii
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy

from comptoir.catalog.models import Product
from comptoir.common import countries
from comptoir.parties.models import Contact

from .attachments import MAX_ATTACHMENT_BYTES
from .inputs import BudgetLineValues, ChecklistItemValues, EventValues, VisitorValues
from .models import (
    ANSWERS,
    Anchor,
    BudgetCategory,
    BudgetLine,
    ChecklistTemplate,
    Event,
    Temperature,
)
from .services import MAX_CARD_BYTES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
#: Most products named on one visitor form.
MAX_PRODUCTS = 50


def active_users() -> QuerySet[User]:
    return get_user_model().objects.filter(is_active=True).order_by("first_name", "username")


def country_field(required: bool = True) -> forms.ChoiceField:
    from django.utils.translation import get_language

    return forms.ChoiceField(
        label=gettext_lazy("Country"),
        choices=lambda: [("", "—")] + countries.country_choices(get_language() or "en"),
        required=required,
    )


class EventForm(forms.ModelForm[Event]):
    country = country_field(required=False)
    team = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Team"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            "name",
            "kind",
            "status",
            "starts_on",
            "ends_on",
            "venue",
            "city",
            "country",
            "organiser",
            "website",
            "stand_type",
            "hall",
            "stand_number",
            "stand_area_m2",
            "shared_with",
            "team",
            "lead_target",
            "meeting_target",
            "meetings_held",
            "objectives",
            "sales_window_days",
            "notes",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = active_users()  # type: ignore[attr-defined]
        self.fields["team"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.get_full_name() or u.get_username()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", gettext("The last day cannot be before the first day."))
        return data

    def values(self) -> EventValues:
        d = self.cleaned_data
        return EventValues(
            name=d["name"],
            kind=d["kind"],
            status=d["status"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            venue=d["venue"],
            city=d["city"],
            country=d["country"],
            organiser=d["organiser"],
            website=d["website"],
            stand_type=d["stand_type"],
            hall=d["hall"],
            stand_number=d["stand_number"],
            stand_area_m2=d["stand_area_m2"],
            shared_with=d["shared_with"],
            team=tuple(d["team"]),
            lead_target=d["lead_target"],
            meeting_target=d["meeting_target"],
            meetings_held=d["meetings_held"] or 0,
            objectives=d["objectives"],
            sales_window_days=d["sales_window_days"],
            notes=d["notes"],
        )


class ChecklistItemForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Task"), max_length=200)
    anchor = forms.ChoiceField(label=gettext_lazy("Counted from"), choices=Anchor.choices)
    offset_days = forms.IntegerField(
        label=gettext_lazy("Days"),
        min_value=-730,
        max_value=730,
        help_text=gettext_lazy("-30 = 30 days before the opening day; 7 after the closing day."),
    )
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Owner"), queryset=get_user_model().objects.none(), required=False
    )
    notes = forms.CharField(label=gettext_lazy("Notes"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = active_users()  # type: ignore[attr-defined]

    def values(self) -> ChecklistItemValues:
        d = self.cleaned_data
        return ChecklistItemValues(
            title=d["title"],
            anchor=d["anchor"],
            offset_days=d["offset_days"],
            owner=d.get("owner"),
            notes=d.get("notes") or "",
        )


class TemplateItemForm(ChecklistItemForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["owner"]
        del self.fields["notes"]


class ApplyTemplateForm(forms.Form):
    template = forms.ModelChoiceField(
        label=gettext_lazy("Template"), queryset=ChecklistTemplate.objects.all()
    )
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Owner"), queryset=get_user_model().objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = active_users()  # type: ignore[attr-defined]


class BudgetLineForm(forms.ModelForm[BudgetLine]):
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=BudgetCategory.choices)
    planned = forms.DecimalField(
        label=gettext_lazy("Planned (EUR)"), max_digits=12, decimal_places=2, min_value=Decimal("0")
    )
    actual = forms.DecimalField(
        label=gettext_lazy("Actual (EUR)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
    )

    class Meta:
        model = BudgetLine
        fields = ["category", "label", "planned", "actual", "supplier"]

    def values(self) -> BudgetLineValues:
        d = self.cleaned_data
        return BudgetLineValues(
            category=d["category"],
            label=d["label"],
            planned=d["planned"],
            actual=d.get("actual"),
            supplier=d.get("supplier") or "",
        )


class ReceiptForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Receipt (photo or PDF)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("JPEG, PNG, WebP or PDF, %(mb)d MB at most.") % {
            "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)
        }


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Answer"),
        choices=[(a.value, a.label) for a in ANSWERS],
    )


class InviteForm(forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Contacts"), queryset=Contact.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = Contact.objects.mailable()  # type: ignore[attr-defined]


class VisitorForm(forms.Form):
    """One visitor as the stand's device sends it (JSON); the photo as a ``data:`` URL."""

    client_id = forms.UUIDField()
    company_name = forms.CharField(label=gettext_lazy("Company"), max_length=200)
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=80, required=False)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=80)
    position = forms.CharField(label=gettext_lazy("Position"), max_length=120, required=False)
    country = country_field()
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=30, required=False)
    interest = forms.CharField(label=gettext_lazy("Interest"), max_length=2000, required=False)
    products = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Products"),
        queryset=Product.objects.filter(is_active=True),
        required=False,
    )
    temperature = forms.ChoiceField(label=gettext_lazy("Lead"), choices=Temperature.choices)
    consent = forms.BooleanField(label=gettext_lazy("Agrees to be contacted"), required=False)
    consent_date = forms.DateField(label=gettext_lazy("Consent date"), required=False)
    notes = forms.CharField(label=gettext_lazy("Notes"), max_length=4000, required=False)
    met_at = forms.DateTimeField(label=gettext_lazy("Met"))
    card = forms.CharField(required=False, max_length=MAX_CARD_BYTES * 4 // 3 + 100)

    def clean_products(self) -> Any:
        products = self.cleaned_data.get("products")
        if products is not None and len(products) > MAX_PRODUCTS:
            raise forms.ValidationError(gettext("At most %(n)d products.") % {"n": MAX_PRODUCTS})
        return products

    def clean_card(self) -> bytes | None:
        raw = (self.cleaned_data.get("card") or "").strip()
        if not raw:
            return None
        if raw.startswith("data:"):
            header, _sep, raw = raw.partition(",")
            if ";base64" not in header:
                raise forms.ValidationError(gettext("The card photo could not be read."))
        try:
            return base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError(gettext("The card photo could not be read.")) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent") and not data.get("consent_date"):
            met = data.get("met_at")
            if met is not None:
                data["consent_date"] = met.date()
        return data

    def values(self) -> VisitorValues:
        d = self.cleaned_data
        return VisitorValues(
            client_id=d["client_id"],
            company_name=d["company_name"],
            first_name=d.get("first_name") or "",
            last_name=d["last_name"],
            position=d.get("position") or "",
            country=d["country"],
            email=d.get("email") or "",
            phone=d.get("phone") or "",
            interest=d.get("interest") or "",
            products=tuple(d.get("products") or ()),
            temperature=d["temperature"],
            consent=bool(d.get("consent")),
            consent_date=d.get("consent_date"),
            notes=d.get("notes") or "",
            met_at=d["met_at"],
            card=d.get("card"),
        )


class DealForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("offer", gettext_lazy("Offer")), ("order", gettext_lazy("Order"))]
    )
    number = forms.CharField(label=gettext_lazy("Number"), max_length=20)
