"""The supplier panel in the API: supplier files, their certifications, audits, supplied
products, deliveries, incidents and performance figures. The serializers validate what the
client sent and call the same services as the screens (``comptoir.suppliers.services``);
refusals are JSON naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.catalog.models import Product
from comptoir.common import countries
from comptoir.parties.models import Company
from comptoir.suppliers import selectors, services
from comptoir.suppliers.inputs import (
    ActionValues,
    AuditValues,
    CertificationValues,
    FileValues,
    SuppliedValues,
)
from comptoir.suppliers.models import (
    Audit,
    AuditKind,
    Certification,
    CertificationKind,
    CorrectiveAction,
    Incident,
    IncidentKind,
    IncidentOutcome,
    Instrument,
    PanelStatus,
    SuppliedProduct,
    SupplierFile,
)
from comptoir.suppliers.serialize import performance_data
from comptoir.trade.incoterms import RULE_CODES

#: the choices, named for the OpenAPI schema (settings.SPECTACULAR_SETTINGS)
PANEL_STATUSES = PanelStatus.choices
CERTIFICATION_KINDS = CertificationKind.choices
AUDIT_KINDS = AuditKind.choices
INCIDENT_KINDS = IncidentKind.choices
INCIDENT_OUTCOMES = IncidentOutcome.choices
INSTRUMENTS = Instrument.choices
ACTION_STATUSES = CorrectiveAction.Status.choices


def _refusal(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(
            {
                field: [str(m) for e in errors for m in e.messages]
                for field, errors in exc.error_dict.items()
            }
        )
    return serializers.ValidationError({"non_field_errors": exc.messages})


class CertificationSerializer(serializers.ModelSerializer[Certification]):
    kind = serializers.ChoiceField(choices=CERTIFICATION_KINDS)
    name = serializers.CharField(read_only=True)
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Certification
        fields = [
            "id",
            "kind",
            "other_kind",
            "name",
            "number",
            "body",
            "valid_from",
            "valid_to",
            "has_file",
        ]

    def get_has_file(self, cert: Certification) -> bool:
        return bool(cert.file)


class ActionSerializer(serializers.ModelSerializer[CorrectiveAction]):
    status = serializers.ChoiceField(choices=ACTION_STATUSES, read_only=True)

    class Meta:
        model = CorrectiveAction
        fields = ["id", "description", "due_on", "status", "done_on"]
        read_only_fields = ["done_on"]


class AuditSerializer(serializers.ModelSerializer[Audit]):
    kind = serializers.ChoiceField(choices=AUDIT_KINDS)
    score = serializers.IntegerField(min_value=0, max_value=100)
    actions = ActionSerializer(many=True, required=False)

    class Meta:
        model = Audit
        fields = ["id", "date", "auditor", "kind", "score", "findings", "actions"]

    def validate_actions(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > services.MAX_ACTIONS:
            raise serializers.ValidationError(f"At most {services.MAX_ACTIONS} actions.")
        return value


class SuppliedSerializer(serializers.ModelSerializer[SuppliedProduct]):
    product = serializers.SlugRelatedField(
        slug_field="reference", queryset=Product.objects.all(), help_text="Our product reference."
    )
    unit_price = serializers.DecimalField(
        max_digits=14, decimal_places=4, min_value=Decimal(0), max_value=Decimal("1e9")
    )
    currency = serializers.CharField(max_length=3)
    incoterm = serializers.ChoiceField(choices=[(c, c) for c in RULE_CODES])
    moq = serializers.DecimalField(
        max_digits=12, decimal_places=3, min_value=Decimal(0), required=False, allow_null=True
    )
    lead_time_days = serializers.IntegerField(
        min_value=0, max_value=730, required=False, allow_null=True
    )

    class Meta:
        model = SuppliedProduct
        fields = [
            "id",
            "product",
            "supplier_reference",
            "unit_price",
            "currency",
            "incoterm",
            "incoterm_place",
            "moq",
            "lead_time_days",
            "valid_from",
            "valid_to",
        ]

    def validate_currency(self, value: str) -> str:
        value = value.upper()
        if not countries.is_currency(value):
            raise serializers.ValidationError("Unknown currency code.")
        return value


class SupplierFileSerializer(serializers.ModelSerializer[SupplierFile]):
    company = serializers.PrimaryKeyRelatedField(queryset=Company.objects.all())
    company_name = serializers.CharField(source="company.name", read_only=True)
    country = serializers.CharField(source="company.country", read_only=True)
    status = serializers.ChoiceField(choices=PANEL_STATUSES, default=PanelStatus.PROSPECT)
    instruments = serializers.ListField(
        child=serializers.ChoiceField(choices=INSTRUMENTS), required=False, max_length=10
    )
    payment_days = serializers.IntegerField(
        min_value=0, max_value=365, required=False, allow_null=True
    )
    lead_time_days = serializers.IntegerField(
        min_value=0, max_value=730, required=False, allow_null=True
    )
    audit_interval_months = serializers.IntegerField(min_value=1, max_value=60, default=12)
    on_time_tolerance_days = serializers.IntegerField(min_value=0, max_value=30, default=0)
    in_full_tolerance_pct = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=Decimal(0),
        max_value=Decimal(20),
        default=Decimal(0),
    )
    reliability = serializers.SerializerMethodField(
        help_text="On time in full over 24 months, in percent (null without a delivery)."
    )
    csr_score = serializers.SerializerMethodField(help_text="Share of the CSR checklist met, %.")
    certifications = CertificationSerializer(many=True, read_only=True)

    class Meta:
        model = SupplierFile
        fields = [
            "id",
            "company",
            "company_name",
            "country",
            "status",
            "categories",
            "buyer",
            "payment_terms",
            "payment_days",
            "instruments",
            "lead_time_days",
            "minimum_order",
            "audit_interval_months",
            "on_time_tolerance_days",
            "in_full_tolerance_pct",
            "notes",
            "reliability",
            "csr_score",
            "certifications",
        ]

    def to_representation(self, instance: SupplierFile) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["instruments"] = instance.instrument_list
        return data

    def get_reliability(self, supplier: SupplierFile) -> str | None:
        value = selectors.supplier_reliability(supplier.company)
        return None if value is None else str(value)

    def get_csr_score(self, supplier: SupplierFile) -> str | None:
        value = selectors.csr_score(supplier.company)
        return None if value is None else str(value)

    def _values(self, data: dict[str, Any], instance: SupplierFile | None) -> FileValues:
        def pick(name: str, default: Any) -> Any:
            if name in data:
                return data[name]
            return getattr(instance, name) if instance is not None else default

        instruments = data.get("instruments")
        if instruments is None:
            instruments = instance.instrument_list if instance is not None else []
        return FileValues(
            status=pick("status", PanelStatus.PROSPECT),
            categories=pick("categories", ""),
            buyer=pick("buyer", None),
            payment_terms=pick("payment_terms", ""),
            payment_days=pick("payment_days", None),
            instruments=tuple(instruments),
            lead_time_days=pick("lead_time_days", None),
            minimum_order=pick("minimum_order", ""),
            audit_interval_months=pick("audit_interval_months", 12),
            on_time_tolerance_days=pick("on_time_tolerance_days", 0),
            in_full_tolerance_pct=pick("in_full_tolerance_pct", Decimal(0)),
            notes=pick("notes", ""),
        )

    def create(self, validated_data: dict[str, Any]) -> SupplierFile:
        try:
            return services.open_file(
                company=validated_data["company"],
                values=self._values(validated_data, None),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def update(self, instance: SupplierFile, validated_data: dict[str, Any]) -> SupplierFile:
        if "company" in validated_data and validated_data["company"] != instance.company:
            raise serializers.ValidationError({"company": ["The company of a file cannot change."]})
        try:
            return services.save_file(
                supplier=instance,
                values=self._values(validated_data, instance),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class DeliverySerializer(serializers.Serializer[Any]):
    order_ref = serializers.CharField(max_length=60)
    receipt_ref = serializers.CharField(max_length=60, required=False, allow_blank=True)
    ordered_on = serializers.DateField(required=False, allow_null=True)
    promised_date = serializers.DateField()
    delivered_date = serializers.DateField()
    quantity_ordered = serializers.DecimalField(
        max_digits=14, decimal_places=3, min_value=Decimal("0.001")
    )
    quantity_received = serializers.DecimalField(
        max_digits=14, decimal_places=3, min_value=Decimal(0)
    )
    quantity_accepted = serializers.DecimalField(
        max_digits=14, decimal_places=3, min_value=Decimal(0)
    )
    on_time = serializers.BooleanField(read_only=True)
    in_full = serializers.BooleanField(read_only=True)


class IncidentSerializer(serializers.ModelSerializer[Incident]):
    kind = serializers.ChoiceField(choices=INCIDENT_KINDS)
    outcome = serializers.ChoiceField(choices=INCIDENT_OUTCOMES, default=IncidentOutcome.OPEN)
    description = serializers.CharField(max_length=4000)

    class Meta:
        model = Incident
        fields = ["id", "kind", "date", "reference", "description", "outcome", "outcome_note"]


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Name or category."),
            OpenApiParameter("category", str),
            OpenApiParameter("country", str, description="ISO 3166 code of the company."),
            OpenApiParameter("status", str, enum=PanelStatus.values),
            OpenApiParameter(
                "expiring", str, enum=["1"], description="A certification within 60 days."
            ),
        ]
    )
)
class SupplierFileViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[SupplierFile],
):
    """Supplier files (one per company with the supplier role): status on the panel,
    categories, payment terms and instruments, lead time, tolerances of the OTIF, and the
    certifications; the nested actions add certifications, audits, supplied products,
    deliveries and incidents, and read the performance."""

    serializer_class = SupplierFileSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[SupplierFile]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.supplier_list(params).prefetch_related("certifications")

    @extend_schema(request=CertificationSerializer, responses={201: CertificationSerializer})
    @action(detail=True, methods=["post"])
    def certifications(self, request: Request, pk: str | None = None) -> Response:
        """Add a certification (its file is uploaded on the screen)."""
        params = CertificationSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            cert = services.save_certification(
                supplier=self.get_object(),
                values=CertificationValues(
                    kind=data["kind"],
                    other_kind=data.get("other_kind", ""),
                    number=data.get("number", ""),
                    body=data.get("body", ""),
                    valid_from=data.get("valid_from"),
                    valid_to=data.get("valid_to"),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(CertificationSerializer(cert).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=AuditSerializer(many=True), description="The audits.")
    @extend_schema(methods=["post"], request=AuditSerializer, responses={201: AuditSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def audits(self, request: Request, pk: str | None = None) -> Response:
        """The audits, newest first; POST records one with its corrective actions."""
        supplier = self.get_object()
        if request.method == "GET":
            rows = supplier.audits.prefetch_related("actions")
            return Response(AuditSerializer(rows, many=True).data)
        params = AuditSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            audit = services.record_audit(
                supplier=supplier,
                values=AuditValues(
                    date=data["date"],
                    auditor=data["auditor"],
                    kind=data["kind"],
                    score=data["score"],
                    findings=data.get("findings", ""),
                    actions=tuple(
                        ActionValues(a["description"], a["due_on"]) for a in data.get("actions", [])
                    ),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(AuditSerializer(audit).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=SuppliedSerializer(many=True))
    @extend_schema(
        methods=["post"], request=SuppliedSerializer, responses={201: SuppliedSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def products(self, request: Request, pk: str | None = None) -> Response:
        """The products they supply; POST adds one or gives it a new price (the old one
        stays in the price history)."""
        supplier = self.get_object()
        if request.method == "GET":
            rows = supplier.products.select_related("product")
            return Response(SuppliedSerializer(rows, many=True).data)
        params = SuppliedSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            row = services.save_supplied_product(
                supplier=supplier,
                product=data["product"],
                values=SuppliedValues(
                    supplier_reference=data.get("supplier_reference", ""),
                    unit_price=data["unit_price"],
                    currency=data["currency"],
                    incoterm=data["incoterm"],
                    incoterm_place=data.get("incoterm_place", ""),
                    valid_from=data["valid_from"],
                    valid_to=data.get("valid_to"),
                    moq=data.get("moq"),
                    lead_time_days=data.get("lead_time_days"),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(SuppliedSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DeliverySerializer, responses={201: DeliverySerializer})
    @action(detail=True, methods=["post"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        """Record a delivery for the OTIF (the same order and receipt again corrects it)."""
        params = DeliverySerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        try:
            delivery = services.record_delivery(
                self.get_object(), user=acting_user(request), **data
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IncidentSerializer, responses={201: IncidentSerializer})
    @action(detail=True, methods=["post"])
    def incidents(self, request: Request, pk: str | None = None) -> Response:
        """Record a quality or delivery incident and its outcome."""
        params = IncidentSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            incident = services.record_incident(
                self.get_object(),
                kind=data["kind"],
                date=data["date"],
                reference=data.get("reference", ""),
                description=data["description"],
                outcome=data.get("outcome", IncidentOutcome.OPEN),
                outcome_note=data.get("outcome_note", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(IncidentSerializer(incident).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("since", OpenApiTypes.DATE, description="Default: a year ago."),
            OpenApiParameter("until", OpenApiTypes.DATE, description="Default: today."),
        ],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="OTIF, lead-time reliability, incidents and their outcomes, price "
                "trend per product, currency and Incoterm.",
            )
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def performance(self, request: Request, pk: str | None = None) -> Response:
        """The supplier's figures over a period."""
        supplier = self.get_object()
        dates = {}
        for name in ("since", "until"):
            raw = request.query_params.get(name, "")
            try:
                dates[name] = serializers.DateField().to_internal_value(raw) if raw else None
            except serializers.ValidationError:
                raise serializers.ValidationError({name: ["A date YYYY-MM-DD."]}) from None
        if dates["since"] and dates["until"] and dates["since"] > dates["until"]:
            raise serializers.ValidationError({"since": ["The period starts after its end."]})
        figures = selectors.performance(supplier, dates["since"], dates["until"])
        return Response(performance_data(figures))
