"""API serializers. Validation is delegated to the same forms as the screens and imports,
and writes go through the same audited services, so a rule holds everywhere."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django import forms
from django.db import models
from rest_framework import serializers

from comptoir.accounts.roles import Actor
from comptoir.catalog import services as catalog_services
from comptoir.catalog.forms import ProductForm
from comptoir.catalog.models import Product
from comptoir.parties import services as party_services
from comptoir.parties.forms import CompanyForm, ContactForm
from comptoir.parties.models import Company, Contact, PartyRole

from .input import mark_form_required_fields, plain_input

M = TypeVar("M", bound=models.Model)
F = TypeVar("F", bound=forms.ModelForm[Any])


class FormBackedSerializer(serializers.ModelSerializer[M], Generic[M, F]):
    """Validates with ``form_class`` (the screens' form), then :meth:`save_record` hands the
    form's clean values to the area's service."""

    form_class: type[F]

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
            errors = {
                ("roles" if k == "roles_field" else k): [str(m) for m in v]
                for k, v in form.errors.items()
            }
            raise serializers.ValidationError(errors)
        self._form: F = form
        return attrs

    def save_record(self, instance: M | None, form: F, user: Actor) -> M:
        raise NotImplementedError

    def create(self, validated_data: dict[str, Any]) -> M:
        return self.save_record(None, self._form, self.context["request"].user)

    def update(self, instance: M, validated_data: dict[str, Any]) -> M:
        return self.save_record(instance, self._form, self.context["request"].user)


class CompanySerializer(FormBackedSerializer[Company, CompanyForm]):
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

    def save_record(self, instance: Company | None, form: CompanyForm, user: Actor) -> Company:
        return party_services.save_company(
            company=instance, values=form.values(), user=user, reason="API"
        )


class ContactSerializer(FormBackedSerializer[Contact, ContactForm]):
    form_class = ContactForm

    def save_record(self, instance: Contact | None, form: ContactForm, user: Actor) -> Contact:
        return party_services.save_contact(
            contact=instance, values=form.values(), user=user, reason="API"
        )

    class Meta:
        model = Contact
        fields = ["id", *ContactForm.Meta.fields, "created_at"]
        read_only_fields = ["created_at"]


class ProductSerializer(FormBackedSerializer[Product, ProductForm]):
    form_class = ProductForm
    # As typed ("7323 92 00"): the form cleans the codes to digits and checks them against the
    # loaded CN; the HS code follows the CN code when one is given.
    cn_code = serializers.CharField(
        max_length=14,
        required=False,
        allow_blank=True,
        help_text="8-digit Combined Nomenclature code; required for a new product once a CN "
        "is loaded.",
    )
    taric_code = serializers.CharField(
        max_length=16,
        required=False,
        allow_blank=True,
        help_text="Optional 10-digit TARIC code starting with the CN code.",
    )
    hs_code = serializers.CharField(
        max_length=12,
        required=False,
        allow_blank=True,
        help_text="6-digit HS subheading: the CN code's first six digits when a CN code is given.",
    )

    def save_record(self, instance: Product | None, form: ProductForm, user: Actor) -> Product:
        return catalog_services.save_product(
            product=instance, values=form.values(), user=user, reason="API"
        )

    class Meta:
        model = Product
        fields = ["id", *ProductForm.Meta.fields]

    def form_data(self, data: dict[str, Any]) -> dict[str, Any]:
        data = {k: ("" if v is None else v) for k, v in data.items()}
        data.setdefault("is_active", True)
        return data
