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

from .input import mark_form_required_fields, plain_input


class FormBackedSerializer(serializers.ModelSerializer):
    form_class: Any = None

    def get_fields(self) -> dict[str, Any]:
        return mark_form_required_fields(super().get_fields(), self.form_class)

    def form_data(self, data: dict[str, Any]) -> dict[str, Any]:
        return dict(data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        raw = plain_input(self)
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
            *("roles" if f == "roles_field" else f for f in CompanyForm.Meta.fields),
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
        fields = ["id", *ContactForm.Meta.fields, "created_at"]
        read_only_fields = ["created_at"]


class ProductSerializer(FormBackedSerializer):
    form_class = ProductForm

    class Meta:
        model = Product
        fields = ["id", *ProductForm.Meta.fields]

    def form_data(self, data: dict[str, Any]) -> dict[str, Any]:
        data = {k: ("" if v is None else v) for k, v in data.items()}
        data.setdefault("is_active", True)
        return data
