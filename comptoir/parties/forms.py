"""Forms of the parties area: the single place where a company or contact is validated.

The web views, the API and the CSV/XLSX import all validate through these forms, so a rule
holds everywhere; each model form's ``values()`` gives the clean values its service takes.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.common import countries
from comptoir.common.choices import country_field_choices, currency_field_choices
from comptoir.common.values import values_from_form

from . import identifiers
from .models import (
    Activity,
    Address,
    Company,
    Contact,
    CountrySheet,
    LawfulBasis,
    PartyRole,
    Task,
)
from .values import AddressValues, CompanyValues, ContactValues, CountrySheetValues, TaskValues


def _time_zone_choices() -> list[tuple[str, str | Promise]]:
    return [("", gettext_lazy("From country and city"))] + [
        (tz, tz)
        for tz in sorted(zoneinfo.available_timezones())
        if "/" in tz and not tz.startswith("Etc")
    ]


def _set_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer only these records in a model choice field."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class CompanyForm(forms.ModelForm[Company]):
    roles_field = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"),
        choices=PartyRole.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Give the company at least one role.")},
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), choices=country_field_choices)
    currency = forms.ChoiceField(
        label=gettext_lazy("Currency"), choices=currency_field_choices, initial="EUR"
    )
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone"), choices=_time_zone_choices, required=False
    )
    website = forms.URLField(label=gettext_lazy("website"), required=False, assume_scheme="https")

    class Meta:
        model = Company
        fields = [
            "name",
            "legal_name",
            "roles_field",
            "country",
            "city",
            "language",
            "currency",
            "time_zone",
            "vat_number",
            "eori",
            "registration_number",
            "iban",
            "bic",
            "bank_name",
            "payment_days",
            "payment_end_of_month",
            "credit_limit",
            "solvency_notes",
            "default_incoterm",
            "incoterm_place",
            "zone",
            "portfolio_owner",
            "website",
            "email",
            "phone",
            "notes",
            "is_active",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "solvency_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles_field"].initial = self.instance.role_list
        _set_choices(
            self,
            "portfolio_owner",
            get_user_model().objects.filter(is_active=True).order_by("username"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        country = data.get("country") or ""
        checks: dict[str, Callable[[str], str]] = {
            "vat_number": lambda v: identifiers.normalise_vat(v, country),
            "eori": identifiers.normalise_eori,
            "iban": identifiers.normalise_iban,
            "bic": identifiers.normalise_bic,
            "phone": lambda v: identifiers.normalise_phone(v, country),
        }
        for name, check in checks.items():
            value = data.get(name) or ""
            if not value or name in self.errors:
                continue
            if name in ("vat_number", "phone") and not country:
                continue
            try:
                data[name] = check(value)
            except ValidationError as exc:
                self.add_error(name, exc)
        if (
            data.get("iban")
            and data.get("bic")
            and not identifiers.bic_matches_iban(data["bic"], data["iban"])
        ):
            self.add_error(
                "bic",
                _("This BIC belongs to a bank in %(bic)s, the IBAN to %(iban)s.")
                % {"bic": data["bic"][4:6], "iban": data["iban"][:2]},
            )
        if country and not data.get("time_zone"):
            data["time_zone"] = countries.guess_time_zone(country, data.get("city") or "")
        vat = data.get("vat_number")
        if vat and "vat_number" not in self.errors:
            clash = Company.objects.filter(vat_number=vat).exclude(pk=self.instance.pk).first()
            if clash is not None:
                self.add_error(
                    "vat_number",
                    _("This VAT number is already used by %(name)s.") % {"name": clash.name},
                )
        return data

    def values(self) -> CompanyValues:
        return values_from_form(self, CompanyValues, roles=tuple(self.cleaned_data["roles_field"]))

    def save(self, commit: bool = True) -> Company:
        company: Company = super().save(commit=False)
        company.role_list = self.cleaned_data["roles_field"]
        if commit:
            company.save()
            self.save_m2m()
        return company


class AddressForm(forms.ModelForm[Address]):
    country = forms.ChoiceField(label=gettext_lazy("Country"), choices=country_field_choices)

    class Meta:
        model = Address
        fields = [
            "kind",
            "label",
            "line1",
            "line2",
            "postcode",
            "city",
            "region",
            "country",
            "is_default",
        ]

    def values(self) -> AddressValues:
        return values_from_form(self, AddressValues)


class ContactForm(forms.ModelForm[Contact]):
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone"), choices=_time_zone_choices, required=False
    )

    class Meta:
        model = Contact
        fields = [
            "company",
            "first_name",
            "last_name",
            "position",
            "email",
            "phone",
            "mobile",
            "language",
            "time_zone",
            "lawful_basis",
            "consent_date",
            "opted_out",
            "notes",
        ]
        widgets = {
            "consent_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "company", Company.objects.filter(is_active=True).order_by("name"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        company = data.get("company")
        country = company.country if company else ""
        for name in ("phone", "mobile"):
            value = data.get(name) or ""
            if value and name not in self.errors:
                try:
                    data[name] = identifiers.normalise_phone(value, country)
                except ValidationError as exc:
                    self.add_error(name, exc)
        if data.get("lawful_basis") == LawfulBasis.CONSENT and not data.get("consent_date"):
            self.add_error(
                "consent_date", _("Consent is the lawful basis: record the date it was given.")
            )
        return data

    def values(self) -> ContactValues:
        return values_from_form(self, ContactValues)


class ActivityForm(forms.ModelForm[Activity]):
    class Meta:
        model = Activity
        fields = ["kind", "contact", "subject", "body", "occurred_at"]
        widgets = {
            "occurred_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "body": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, company: Company | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if company is not None:
            _set_choices(self, "contact", company.contacts.active())


class TaskForm(forms.ModelForm[Task]):
    class Meta:
        model = Task
        fields = ["title", "due_date", "assigned_to", "company", "contact", "notes"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, for_company: Company | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(
            self,
            "assigned_to",
            get_user_model().objects.filter(is_active=True).order_by("username"),
        )
        _set_choices(self, "company", Company.objects.order_by("name"))
        _set_choices(self, "contact", Contact.objects.active().select_related("company"))
        if for_company is not None:
            # On a company's page: that company, its people (not a list of every company).
            self.fields["company"].widget = forms.HiddenInput()
            _set_choices(self, "contact", for_company.contacts.active())

    def values(self) -> TaskValues:
        return values_from_form(self, TaskValues)


class CountrySheetForm(forms.ModelForm[CountrySheet]):
    class Meta:
        model = CountrySheet
        fields = [
            "zone",
            "risk_level",
            "risk_notes",
            "business_customs",
            "intercultural_notes",
            "useful_organisations",
            "ports_airports",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "risk_notes",
                "business_customs",
                "intercultural_notes",
                "useful_organisations",
                "ports_airports",
            )
        }

    def values(self) -> CountrySheetValues:
        return values_from_form(self, CountrySheetValues)


class ImportForm(forms.Form):
    KIND_CHOICES = [
        ("companies", gettext_lazy("Companies")),
        ("contacts", gettext_lazy("Contacts")),
    ]
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=KIND_CHOICES)
    file = forms.FileField(label=gettext_lazy("CSV or XLSX file"))
    allow_duplicates = forms.BooleanField(
        label=gettext_lazy("Import even the rows that look like records already there"),
        required=False,
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise ValidationError(_("Send a .csv or .xlsx file."))
        if (upload.size or 0) > 10 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 10 MB."))
        return upload
