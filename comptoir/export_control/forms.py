"""Forms of the export control pages: they validate what was typed and build the typed
values the services take."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from comptoir.catalog.models import Product
from comptoir.common import countries
from comptoir.common.dates import current_language
from comptoir.parties.models import Company
from comptoir.trade import export_control as rules

from .inputs import AllocationValues, ClassificationValues, LicenceValues, MeasureValues
from .models import CountryMeasure, Licence

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeasureForm(forms.Form):
    country = forms.ChoiceField(label=_("country"))
    kind = forms.ChoiceField(label=_("kind of measure"), choices=CountryMeasure.Kind.choices)
    title_en = forms.CharField(label=_("title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("title (French)"), max_length=200, required=False)
    legal_reference = forms.CharField(label=_("legal reference"), max_length=200)
    cn_prefixes = forms.CharField(
        label=_("CN codes concerned"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Chapters, headings or codes (2 to 8 digits) separated by spaces."),
    )
    effective_from = forms.DateField(label=_("in force from"), widget=DATE)
    effective_to = forms.DateField(label=_("in force until"), required=False, widget=DATE)
    description_en = forms.CharField(
        label=_("description (English)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_fr = forms.CharField(
        label=_("description (French)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source_url = forms.URLField(label=_("official text"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)
        country.choices = countries.country_choices(current_language())

    @classmethod
    def initial_of(cls, measure: CountryMeasure) -> dict[str, Any]:
        return {name: getattr(measure, name) for name in cls.base_fields}

    def values(self) -> MeasureValues:
        data = self.cleaned_data
        return MeasureValues(
            country=data["country"],
            kind=data["kind"],
            title_en=data["title_en"],
            title_fr=data["title_fr"],
            legal_reference=data["legal_reference"],
            effective_from=data["effective_from"],
            effective_to=data["effective_to"],
            cn_prefixes=data["cn_prefixes"],
            description_en=data["description_en"],
            description_fr=data["description_fr"],
            source_url=data["source_url"],
        )


class ClassificationForm(forms.Form):
    control_number = forms.CharField(
        label=_("control list number"),
        max_length=20,
        required=False,
        help_text=_("Annex I of Regulation (EU) 2021/821, e.g. 5A002.a. Empty: not listed."),
    )
    annex_iv = forms.BooleanField(
        label=_("listed in Annex IV"),
        required=False,
        help_text=_("Annex IV items need a licence even to another EU country."),
    )
    basis = forms.CharField(
        label=_("basis of the classification"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Technical data checked, manufacturer's statement, ruling..."),
    )
    classified_on = forms.DateField(label=_("classified on"), required=False, widget=DATE)

    def values(self) -> ClassificationValues:
        data = self.cleaned_data
        return ClassificationValues(
            control_number=data["control_number"],
            annex_iv=data["annex_iv"],
            basis=data["basis"],
            classified_on=data["classified_on"],
        )


_EU_CHOICES = [("", "—")] + [
    (code, f"{code} — {title}") for code, (title, _c) in rules.EU_GENERAL_AUTHORISATIONS.items()
]


class LicenceForm(forms.Form):
    number = forms.CharField(label=_("licence number"), max_length=60)
    kind = forms.ChoiceField(label=_("kind"), choices=Licence.Kind.choices)
    eu_authorisation = forms.ChoiceField(
        label=_("Union general authorisation"), choices=_EU_CHOICES, required=False
    )
    authority = forms.CharField(label=_("issuing authority"), max_length=120, initial="SBDU")
    countries = forms.CharField(
        label=_("countries of destination"),
        required=False,
        max_length=2000,
        help_text=_(
            "Country codes separated by spaces (e.g. KR AE). Empty for a Union general "
            "authorisation: the countries of its annex."
        ),
    )
    control_numbers = forms.CharField(
        label=_("control numbers covered"),
        required=False,
        max_length=4000,
        help_text=_("Annex I entries separated by spaces; 5A002 covers 5A002.a.1."),
    )
    products = forms.ModelMultipleChoiceField(
        label=_("products covered"),
        queryset=Product.objects.filter(is_active=True).order_by("reference"),
        required=False,
    )
    end_users = forms.ModelMultipleChoiceField(
        label=_("end users"),
        queryset=Company.objects.order_by("name"),
        required=False,
        help_text=_("Empty: any end user in the countries."),
    )
    end_use = forms.CharField(label=_("stated end use"), max_length=300, required=False)
    quantity_limit = forms.DecimalField(
        label=_("quantity authorised"),
        max_digits=14,
        decimal_places=3,
        min_value=Decimal("0.001"),
        required=False,
    )
    value_limit = forms.DecimalField(
        label=_("value authorised"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
    )
    currency = forms.CharField(label=_("currency"), max_length=3, initial="EUR")
    valid_from = forms.DateField(label=_("valid from"), widget=DATE)
    valid_until = forms.DateField(label=_("valid until"), required=False, widget=DATE)
    suspended = forms.BooleanField(label=_("suspended or revoked"), required=False)
    responsible = forms.ModelChoiceField(
        label=_("responsible"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
        help_text=_("Gets the task before the licence expires."),
    )
    notes = forms.CharField(
        label=_("notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def initial_of(cls, licence: Licence) -> dict[str, Any]:
        initial = {
            name: getattr(licence, name)
            for name in cls.base_fields
            if name not in ("products", "end_users")
        }
        initial["products"] = list(licence.products.all())
        initial["end_users"] = list(licence.end_users.all())
        return initial

    def values(self) -> LicenceValues:
        data = self.cleaned_data
        return LicenceValues(
            number=data["number"],
            kind=data["kind"],
            eu_authorisation=data["eu_authorisation"],
            authority=data["authority"],
            countries=data["countries"],
            control_numbers=data["control_numbers"],
            products=tuple(data["products"]),
            end_users=tuple(data["end_users"]),
            end_use=data["end_use"],
            quantity_limit=data["quantity_limit"],
            value_limit=data["value_limit"],
            currency=data["currency"].upper(),
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            suspended=data["suspended"],
            responsible=data["responsible"],
            notes=data["notes"],
        )


class AllocationForm(forms.Form):
    licence = forms.ModelChoiceField(label=_("licence"), queryset=Licence.objects.all())
    quantity = forms.DecimalField(
        label=_("quantity"),
        max_digits=14,
        decimal_places=3,
        min_value=Decimal("0.001"),
        required=False,
    )
    value = forms.DecimalField(
        label=_("value"), max_digits=14, decimal_places=2, min_value=Decimal("0"), required=False
    )

    def values(self) -> AllocationValues:
        data = self.cleaned_data
        return AllocationValues(
            licence_id=data["licence"].pk, quantity=data["quantity"], value=data["value"]
        )
