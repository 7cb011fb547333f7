"""API serializers. Validation is delegated to the same forms as the screens and imports,
and writes go through the same audited services, so a rule holds everywhere."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from comptoir.audit import save_form
from comptoir.catalog.forms import ProductForm
from comptoir.catalog.models import Product
from comptoir.parties.forms import CompanyForm, ContactForm
from comptoir.parties.models import Company, Contact, PartyRole


class FormBackedSerializer(serializers.ModelSerializer):
    form_class: Any = None

    def form_data(self, data: dict[str, Any]) -> dict[str, Any]:
        return dict(data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        raw = dict(self.initial_data)
        if self.instance is not None and self.partial:
            current = self.to_representation(self.instance)
            current.update(raw)
            raw = current
        form = self.form_class(data=self.form_data(raw), instance=self.instance)
        if not form.is_valid():
            errors = {("roles" if k == "roles_field" else k): v for k, v in form.errors.items()}
            raise serializers.ValidationError(errors)
        self._form = form
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Any:
        return save_form(self._form, self.context["request"].user, "API")

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:
        return save_form(self._form, self.context["request"].user, "API")


class CompanySerializer(FormBackedSerializer):
    form_class = CompanyForm
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=PartyRole.choices), source="role_list"
    )

    class Meta:
        model = Company
        fields = [
            "id",
            "name",
            "legal_name",
            "roles",
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
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def form_data(self, data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        data["roles_field"] = data.pop("roles", [])
        data.setdefault("is_active", True)
        for key in ("zone", "portfolio_owner"):
            if data.get(key) is None:
                data[key] = ""
        return data


class ContactSerializer(FormBackedSerializer):
    form_class = ContactForm

    class Meta:
        model = Contact
        fields = [
            "id",
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
            "created_at",
        ]
        read_only_fields = ["created_at"]


class ProductSerializer(FormBackedSerializer):
    form_class = ProductForm

    class Meta:
        model = Product
        fields = [
            "id",
            "reference",
            "name_fr",
            "name_en",
            "description_fr",
            "description_en",
            "hs_code",
            "hs_national",
            "origin_country",
            "net_weight_kg",
            "gross_weight_kg",
            "length_cm",
            "width_cm",
            "height_cm",
            "units_per_carton",
            "carton_length_cm",
            "carton_width_cm",
            "carton_height_cm",
            "carton_gross_weight_kg",
            "cartons_per_pallet",
            "un_number",
            "cost_price",
            "cost_currency",
            "is_active",
        ]

    def form_data(self, data: dict[str, Any]) -> dict[str, Any]:
        data = {k: ("" if v is None else v) for k, v in data.items()}
        data.setdefault("is_active", True)
        return data
