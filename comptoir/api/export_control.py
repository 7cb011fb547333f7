"""Export control in the API: country measures, products' dual-use classification, export
licences with what is left, their allocation to shipment lines, and the check a shipment's
departure or an order's confirmation would run. Serializers validate, then call the same
services as the screens (``comptoir.export_control.services``); refusals are JSON naming the
field; token users obey the role matrix."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.catalog.models import Product
from comptoir.export_control import checks, selectors, services
from comptoir.export_control.inputs import (
    AllocationValues,
    ClassificationValues,
    LicenceValues,
    MeasureValues,
)
from comptoir.export_control.models import (
    Allocation,
    CountryMeasure,
    DualUseClassification,
    Licence,
)
from comptoir.parties.models import Company
from comptoir.sales.models import Order
from comptoir.shipping.models import Shipment, ShipmentLine
from comptoir.trade import export_control as rules

from .errors import refusal as _refusal

#: The kinds, named for the OpenAPI schema (settings.SPECTACULAR_SETTINGS).
MEASURE_KINDS = CountryMeasure.Kind.choices
LICENCE_KINDS = Licence.Kind.choices
EU_AUTHORISATIONS = [("", "—")] + [(code, code) for code in rules.EU_GENERAL_AUTHORISATIONS]


def _params(request: Request) -> dict[str, str]:
    return {key: str(value) for key, value in request.query_params.items()}


def _pk(value: str) -> int | None:
    """An id given in the query string; None when it cannot be one (refused, or no match)."""
    return int(value) if value.isdigit() and len(value) <= 18 else None


# ------------------------------------------------------------------------ country measures


class CountryMeasureSerializer(serializers.ModelSerializer[CountryMeasure]):
    kind = serializers.ChoiceField(choices=MEASURE_KINDS)
    cn_prefixes = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text="Chapters, headings or CN codes (2 to 8 digits) separated by spaces.",
    )
    title_fr = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Default: the English title."
    )

    class Meta:
        model = CountryMeasure
        fields = [
            "id",
            "country",
            "kind",
            "title_en",
            "title_fr",
            "legal_reference",
            "description_en",
            "description_fr",
            "cn_prefixes",
            "effective_from",
            "effective_to",
            "source_url",
        ]

    def _save(self, measure: CountryMeasure | None) -> CountryMeasure:
        data = {**(self.initial_of(measure) if measure else {}), **self.validated_data}
        try:
            return services.save_measure(
                measure=measure,
                values=MeasureValues(
                    country=data["country"],
                    kind=data["kind"],
                    title_en=data["title_en"],
                    title_fr=data.get("title_fr", ""),
                    legal_reference=data["legal_reference"],
                    effective_from=data["effective_from"],
                    effective_to=data.get("effective_to"),
                    cn_prefixes=data.get("cn_prefixes", ""),
                    description_en=data.get("description_en", ""),
                    description_fr=data.get("description_fr", ""),
                    source_url=data.get("source_url", ""),
                ),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    @staticmethod
    def initial_of(measure: CountryMeasure) -> dict[str, Any]:
        return {name: getattr(measure, name) for name in CountryMeasureSerializer.Meta.fields}

    def create(self, validated_data: dict[str, Any]) -> CountryMeasure:
        return self._save(None)

    def update(self, instance: CountryMeasure, validated_data: dict[str, Any]) -> CountryMeasure:
        return self._save(instance)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("country", str, description="ISO 3166 alpha-2 code."),
            OpenApiParameter("kind", str, enum=CountryMeasure.Kind.values),
            OpenApiParameter("q", str, description="Title, regulation or CN code."),
            OpenApiParameter("in_force", str, enum=["1"], description="Only those in force."),
        ]
    )
)
class CountryMeasureViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[CountryMeasure],
):
    """EU restrictive measures per destination country: a full embargo refuses every order
    and shipment to it; an arms embargo or a sectoral measure refuses the goods whose CN code
    starts with one of ``cn_prefixes``. Managers create and change them."""

    serializer_class = CountryMeasureSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[CountryMeasure]:
        if self.action == "list":
            return selectors.measure_list(_params(self.request))
        return CountryMeasure.objects.all()


# ------------------------------------------------------------------------------- products


class ClassificationSerializer(serializers.ModelSerializer[DualUseClassification]):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    control_number = serializers.CharField(
        max_length=20,
        allow_blank=True,
        help_text="Annex I of Regulation (EU) 2021/821 (e.g. 5A002.a); empty: not listed.",
    )
    regime = serializers.SerializerMethodField(
        help_text="The regime the Annex I entry comes from (Wassenaar, MTCR, NSG...)."
    )
    classified_by = serializers.StringRelatedField()  # type: ignore[var-annotated]

    class Meta:
        model = DualUseClassification
        fields = [
            "product",
            "control_number",
            "annex_iv",
            "basis",
            "classified_on",
            "classified_by",
            "regime",
        ]
        read_only_fields = ["classified_by"]
        extra_kwargs = {"classified_on": {"required": False}}

    def get_regime(self, classification: DualUseClassification) -> str:
        return rules.regime(classification.control_number) if classification.control_number else ""

    def create(self, validated_data: dict[str, Any]) -> DualUseClassification:
        data = validated_data
        try:
            return services.classify_product(
                product=data["product"],
                values=ClassificationValues(
                    control_number=data["control_number"],
                    annex_iv=data.get("annex_iv", False),
                    basis=data.get("basis", ""),
                    classified_on=data.get("classified_on"),
                ),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class ClassificationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[DualUseClassification],
):
    """Products' dual-use classification, read by product id. ``POST`` records or replaces
    a product's control list number (a manager's decision); an empty number records that
    the product was checked and is not listed."""

    serializer_class = ClassificationSerializer
    filter_backends: list[Any] = []
    lookup_field = "product"
    # a product id: digits that fit a database id (a longer number overflows SQLite)
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self) -> QuerySet[DualUseClassification]:
        return DualUseClassification.objects.select_related("classified_by").order_by("product_id")


# ------------------------------------------------------------------------------- licences

#: What is left of a limit, as a decimal string; null when the licence has no such limit.
_LEFT: dict[str, Any] = {"type": "string", "format": "decimal", "nullable": True}


class LicenceSerializer(serializers.ModelSerializer[Licence]):
    kind = serializers.ChoiceField(choices=LICENCE_KINDS)
    eu_authorisation = serializers.ChoiceField(
        choices=EU_AUTHORISATIONS, required=False, allow_blank=True
    )
    countries = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Country codes separated by spaces; empty for a Union general "
        "authorisation: the countries of its annex.",
    )
    control_numbers = serializers.CharField(
        required=False, allow_blank=True, max_length=4000, help_text="Annex I entries."
    )
    products = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), many=True, required=False
    )
    end_users = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(), many=True, required=False
    )
    currency = serializers.CharField(max_length=3, default="EUR")
    quantity_used = serializers.SerializerMethodField()
    value_used = serializers.SerializerMethodField()
    quantity_left = serializers.SerializerMethodField()
    value_left = serializers.SerializerMethodField()

    class Meta:
        model = Licence
        fields = [
            "id",
            "number",
            "kind",
            "eu_authorisation",
            "authority",
            "countries",
            "control_numbers",
            "products",
            "end_users",
            "end_use",
            "quantity_limit",
            "value_limit",
            "currency",
            "valid_from",
            "valid_until",
            "suspended",
            "responsible",
            "notes",
            "quantity_used",
            "value_used",
            "quantity_left",
            "value_left",
        ]

    def _usage(self, licence: Licence) -> tuple[Decimal, Decimal]:
        cache: dict[int, tuple[Decimal, Decimal]] = self.context.setdefault("usage", {})
        if licence.pk not in cache:
            cache[licence.pk] = selectors.usage(licence)
        return cache[licence.pk]

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_quantity_used(self, licence: Licence) -> str:
        return str(self._usage(licence)[0])

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_value_used(self, licence: Licence) -> str:
        return str(self._usage(licence)[1])

    @extend_schema_field(_LEFT)
    def get_quantity_left(self, licence: Licence) -> str | None:
        if licence.quantity_limit is None:
            return None
        return str(licence.quantity_limit - self._usage(licence)[0])

    @extend_schema_field(_LEFT)
    def get_value_left(self, licence: Licence) -> str | None:
        if licence.value_limit is None:
            return None
        return str(licence.value_limit - self._usage(licence)[1])

    def _save(self, licence: Licence | None) -> Licence:
        data: dict[str, Any] = {}
        if licence is not None:
            data = {
                name: getattr(licence, name)
                for name in self.Meta.fields
                if hasattr(licence, name) and name not in ("products", "end_users", "id")
            }
            data["products"] = list(licence.products.all())
            data["end_users"] = list(licence.end_users.all())
        data.update(self.validated_data)
        try:
            return services.save_licence(
                licence=licence,
                values=LicenceValues(
                    number=data["number"],
                    kind=data["kind"],
                    countries=data.get("countries", ""),
                    valid_from=data["valid_from"],
                    valid_until=data.get("valid_until"),
                    eu_authorisation=data.get("eu_authorisation", ""),
                    authority=data.get("authority", "SBDU"),
                    control_numbers=data.get("control_numbers", ""),
                    products=tuple(data.get("products", ())),
                    end_users=tuple(data.get("end_users", ())),
                    end_use=data.get("end_use", ""),
                    quantity_limit=data.get("quantity_limit"),
                    value_limit=data.get("value_limit"),
                    currency=data.get("currency", "EUR"),
                    suspended=data.get("suspended", False),
                    responsible=data.get("responsible"),
                    notes=data.get("notes", ""),
                ),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def create(self, validated_data: dict[str, Any]) -> Licence:
        return self._save(None)

    def update(self, instance: Licence, validated_data: dict[str, Any]) -> Licence:
        return self._save(instance)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Number, control number, country."),
            OpenApiParameter("kind", str, enum=Licence.Kind.values),
            OpenApiParameter("country", str, description="ISO 3166 alpha-2 code."),
            OpenApiParameter("valid", str, enum=["1"], description="Only those valid today."),
        ]
    )
)
class LicenceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Licence],
):
    """Export licences for dual-use items (individual, global, national general, Union
    general EU001-EU008): countries, items, end users, limits and validity, with what the
    shipments took and what is left. Managers record and change them."""

    serializer_class = LicenceSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Licence]:
        if self.action == "list":
            return selectors.licence_list(_params(self.request)).prefetch_related(
                "products", "end_users"
            )
        return Licence.objects.prefetch_related("products", "end_users")


# ------------------------------------------------------------------------------ allocations


class AllocationSerializer(serializers.ModelSerializer[Allocation]):
    shipment_line = serializers.PrimaryKeyRelatedField(queryset=ShipmentLine.objects.all())
    licence = serializers.PrimaryKeyRelatedField(queryset=Licence.objects.all())
    quantity = serializers.DecimalField(
        max_digits=14,
        decimal_places=3,
        min_value=Decimal("0.001"),
        required=False,
        help_text="Default: the line's quantity.",
    )
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        help_text="In the licence's currency. Default: the line's value when the shipment "
        "is in that currency.",
    )

    class Meta:
        model = Allocation
        fields = ["id", "shipment", "shipment_line", "licence", "quantity", "value"]
        read_only_fields = ["shipment"]

    def create(self, validated_data: dict[str, Any]) -> Allocation:
        data = validated_data
        try:
            return services.allocate(
                line=data["shipment_line"],
                values=AllocationValues(
                    licence_id=data["licence"].pk,
                    quantity=data.get("quantity"),
                    value=data.get("value"),
                ),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class CheckSerializer(serializers.Serializer[Any]):
    refusals = serializers.ListField(
        child=serializers.CharField(), help_text="Empty: the step would pass export control."
    )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("shipment", int, description="Only this shipment's."),
            OpenApiParameter("licence", int, description="Only this licence's."),
        ]
    )
)
class AllocationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Allocation],
):
    """What each shipment line takes from a licence. ``POST`` allocates a controlled line
    (refused with the reasons when the licence does not cover its country, item, end user,
    dates or remaining quantity and value); ``DELETE`` removes one before the departure.
    ``check/`` gives the refusals the departure or the confirmation would meet."""

    serializer_class = AllocationSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Allocation]:
        allocations = Allocation.objects.select_related("licence", "shipment").order_by("pk")
        params = _params(self.request)
        for name in ("shipment", "licence"):
            if name in params:
                pk = _pk(params[name])
                if pk is None:
                    return allocations.none()
                allocations = allocations.filter(**{f"{name}_id": pk})
        return allocations

    def perform_destroy(self, instance: Allocation) -> None:
        try:
            services.remove_allocation(allocation=instance, user=acting_user(self.request))
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    @extend_schema(
        parameters=[
            OpenApiParameter("shipment", int, description="The shipment about to leave."),
            OpenApiParameter("order", int, description="The order about to be confirmed."),
        ],
        responses=CheckSerializer,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def check(self, request: Request) -> Response:
        """The export control refusals of a shipment's departure or an order's confirmation
        (country measures, licences), in the user's language."""
        params = _params(request)
        if "shipment" in params:
            pk = _pk(params["shipment"])
            shipment = Shipment.objects.filter(pk=pk).first() if pk is not None else None
            if shipment is None:
                raise serializers.ValidationError({"shipment": ["Unknown shipment."]})
            refusals = checks.shipment_refusals(shipment=shipment)
        elif "order" in params:
            pk = _pk(params["order"])
            order = Order.objects.filter(pk=pk).first() if pk is not None else None
            if order is None:
                raise serializers.ValidationError({"order": ["Unknown order."]})
            refusals = checks.order_refusals(order=order)
        else:
            raise serializers.ValidationError(
                {"non_field_errors": ["Give shipment=ID or order=ID."]}
            )
        return Response(CheckSerializer({"refusals": refusals}).data)
