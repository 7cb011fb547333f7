"""Origin in the API: the trade agreements (read), products' preferential origins and the
suppliers' declarations. The serializers validate what the client sent and call the same
services as the screens (``comptoir.origin.services``); refusals are JSON naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from comptoir.accounts.roles import acting_user
from comptoir.catalog.models import Product
from comptoir.common.dates import today
from comptoir.origin import selectors, services
from comptoir.origin.inputs import DeclarationValues, OriginValues
from comptoir.origin.models import Agreement, Basis, ProductOrigin, SupplierDeclaration
from comptoir.parties.models import Company

from .errors import refusal as _refusal


class AgreementSerializer(serializers.ModelSerializer[Agreement]):
    partners = serializers.ListField(child=serializers.CharField(max_length=2))

    class Meta:
        model = Agreement
        fields = [
            "id",
            "code",
            "name",
            "partners",
            "statement",
            "statement_title_en",
            "statement_title_fr",
            "wording_en",
            "wording_fr",
            "eur1",
            "eur_med",
            "exporter_number",
            "threshold_eur",
            "priority",
            "source",
            "active",
        ]
        read_only_fields = fields


class AgreementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Agreement]
):
    """The trade agreements table: partners, proofs, who may make out the statement on
    origin above which value, and its wording in English and French (placeholders
    {number}, {origin}, {place}, {date}, {exporter})."""

    serializer_class = AgreementSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Agreement]:
        return selectors.agreements()


class ProductOriginSerializer(serializers.ModelSerializer[ProductOrigin]):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    agreement = serializers.SlugRelatedField(
        slug_field="code", queryset=Agreement.objects.all(), help_text="The agreement's code."
    )
    basis = serializers.ChoiceField(choices=Basis.choices, required=False, allow_blank=True)

    class Meta:
        model = ProductOrigin
        fields = [
            "id",
            "product",
            "agreement",
            "preferential",
            "origin",
            "basis",
            "rule",
            "valid_from",
            "valid_to",
            "note",
        ]
        validators: list[Any] = []  # the service says which field clashes, in the user's words

    def _values(self, data: dict[str, Any]) -> OriginValues:
        return OriginValues(
            agreement=data["agreement"],
            preferential=data.get("preferential", True),
            origin=data.get("origin", "EU"),
            basis=data.get("basis", ""),
            rule=data.get("rule", ""),
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
            note=data.get("note", ""),
        )

    def create(self, validated_data: dict[str, Any]) -> ProductOrigin:
        try:
            return services.save_product_origin(
                product=validated_data["product"],
                values=self._values(validated_data),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def update(self, instance: ProductOrigin, validated_data: dict[str, Any]) -> ProductOrigin:
        merged = {
            "agreement": instance.agreement,
            "preferential": instance.preferential,
            "origin": instance.origin,
            "basis": instance.basis,
            "rule": instance.rule,
            "valid_from": instance.valid_from,
            "valid_to": instance.valid_to,
            "note": instance.note,
        } | validated_data
        try:
            return services.save_product_origin(
                product=instance.product,
                origin=instance,
                values=self._values(merged),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("product", int, description="Only this product's origins."),
            OpenApiParameter("agreement", str, description="Only under this agreement (code)."),
        ]
    )
)
class ProductOriginViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[ProductOrigin],
):
    """Products' preferential origin per agreement, with what it rests on (wholly obtained,
    sufficient processing with the rule met, suppliers' declarations, cumulation)."""

    serializer_class = ProductOriginSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ProductOrigin]:
        rows = ProductOrigin.objects.select_related("agreement", "product").order_by("pk")
        product = self.request.query_params.get("product", "")
        if product.isdigit():
            rows = rows.filter(product_id=int(product))
        agreement = self.request.query_params.get("agreement", "")
        if agreement:
            rows = rows.filter(agreement__code=agreement[:20])
        return rows

    def perform_destroy(self, instance: ProductOrigin) -> None:
        services.delete_product_origin(origin=instance, user=acting_user(self.request))


class SupplierDeclarationSerializer(serializers.ModelSerializer[SupplierDeclaration]):
    supplier = serializers.PrimaryKeyRelatedField(queryset=Company.objects.with_role("supplier"))
    products = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), many=True, help_text="200 at most."
    )
    agreements = serializers.SlugRelatedField(
        slug_field="code", queryset=Agreement.objects.all(), many=True, required=False
    )
    kind = serializers.ChoiceField(choices=SupplierDeclaration.Kind.choices, default="long_term")
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = SupplierDeclaration
        fields = [
            "id",
            "supplier",
            "products",
            "agreements",
            "kind",
            "preferential",
            "origin",
            "reference",
            "valid_from",
            "valid_to",
            "received_on",
            "note",
            "has_file",
        ]

    def get_has_file(self, obj: SupplierDeclaration) -> bool:
        return bool(obj.file)

    def _values(self, data: dict[str, Any]) -> DeclarationValues:
        return DeclarationValues(
            supplier=data["supplier"],
            products=tuple(data["products"]),
            agreements=tuple(data.get("agreements") or ()),
            kind=data.get("kind", "long_term"),
            preferential=data.get("preferential", True),
            origin=data.get("origin", "EU"),
            reference=data.get("reference", ""),
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            received_on=data["received_on"],
            note=data.get("note", ""),
        )

    def create(self, validated_data: dict[str, Any]) -> SupplierDeclaration:
        try:
            return services.save_declaration(
                declaration=None,
                values=self._values(validated_data),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def update(
        self, instance: SupplierDeclaration, validated_data: dict[str, Any]
    ) -> SupplierDeclaration:
        merged = {
            "supplier": instance.supplier,
            "products": list(instance.products.all()),
            "agreements": list(instance.agreements.all()),
            "kind": instance.kind,
            "preferential": instance.preferential,
            "origin": instance.origin,
            "reference": instance.reference,
            "valid_from": instance.valid_from,
            "valid_to": instance.valid_to,
            "received_on": instance.received_on,
            "note": instance.note,
        } | validated_data
        try:
            return services.save_declaration(
                declaration=instance,
                values=self._values(merged),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Supplier, product reference or reference."),
            OpenApiParameter("state", str, enum=["valid", "expiring", "expired"]),
        ]
    )
)
class SupplierDeclarationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[SupplierDeclaration],
):
    """Suppliers' declarations on origin (Reg. (EU) 2015/2447 art. 61-66): a long-term one
    covers two years at most; a task opens 30 days before one ends. The signed PDF is
    attached on the screen."""

    serializer_class = SupplierDeclarationSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[SupplierDeclaration]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.declaration_list(params, today())
