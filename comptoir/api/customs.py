"""Customs in the API: the tariff table, import declarations (computed, then checked against
the broker's figures), export declarations with their proof of exit, and ATA carnets. The
serializers validate what the client sent and call the same services as the screens
(``comptoir.customs.services``); refusals are JSON naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.catalog.models import Product
from comptoir.customs import selectors, services
from comptoir.customs.inputs import (
    IMPORT_LINE_INPUTS,
    BrokerLineValues,
    BrokerValues,
    CarnetItemValues,
    CarnetValues,
    EntryValues,
    ExitValues,
    ExportValues,
    LineValues,
    TariffValues,
    VisitValues,
)
from comptoir.customs.models import (
    Carnet,
    CarnetItem,
    CarnetPurpose,
    CarnetVisit,
    ExitEvidence,
    ExportDeclaration,
    ImportEntry,
    ImportLine,
    RateKind,
    SpecificUnit,
    TariffRate,
    VatRate,
)
from comptoir.parties.models import Company
from comptoir.shipping.models import Shipment

from .errors import refusal as _refusal


def _amount() -> serializers.DecimalField:
    """An optional amount in EUR (the broker's figures)."""
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0"), required=False, allow_null=True
    )


# ------------------------------------------------------------------------- tariff


class TariffRateSerializer(serializers.ModelSerializer[TariffRate]):
    kind = serializers.ChoiceField(choices=RateKind.choices)
    specific_unit = serializers.ChoiceField(
        choices=SpecificUnit.choices, required=False, allow_blank=True
    )

    class Meta:
        model = TariffRate
        fields = [
            "id",
            "code",
            "kind",
            "origin",
            "agreement",
            "producer",
            "ad_valorem_pct",
            "specific_amount",
            "specific_unit",
            "valid_from",
            "valid_to",
            "source",
        ]

    def _values(self, data: dict[str, Any]) -> TariffValues:
        current = self.instance
        names = [f for f in TariffValues.__dataclass_fields__]
        return TariffValues(
            **{
                name: data[name]
                if name in data
                else (getattr(current, name) if current is not None else _DEFAULTS[name])
                for name in names
            }
        )

    def create(self, validated_data: dict[str, Any]) -> TariffRate:
        try:
            return services.save_rate(
                values=self._values(validated_data), user=acting_user(self.context["request"])
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def update(self, instance: TariffRate, validated_data: dict[str, Any]) -> TariffRate:
        try:
            return services.save_rate(
                values=self._values(validated_data),
                rate=instance,
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


_DEFAULTS: dict[str, Any] = {
    "code": "",
    "kind": "",
    "ad_valorem_pct": Decimal(0),
    "specific_amount": Decimal(0),
    "specific_unit": "",
    "origin": "",
    "agreement": "",
    "producer": "",
    "valid_from": None,
    "valid_to": None,
    "source": "",
}


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("code", str, description="A CN code: its rates and its headings'."),
            OpenApiParameter("kind", str, enum=RateKind.values),
            OpenApiParameter("origin", str),
            OpenApiParameter("agreement", str),
            OpenApiParameter("on", str, description="Valid on this day (YYYY-MM-DD)."),
        ]
    )
)
class TariffRateViewSet(viewsets.ModelViewSet[TariffRate]):
    """The company's tariff table: per CN code (or heading) and origin, the third-country,
    preferential (per agreement), anti-dumping or countervailing rate, valid from/to."""

    serializer_class = TariffRateSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[TariffRate]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.tariff_list(params)

    def perform_destroy(self, instance: TariffRate) -> None:
        services.delete_rate(rate=instance, user=acting_user(self.request))


# ------------------------------------------------------------ import declarations


class ImportLineSerializer(serializers.ModelSerializer[ImportLine]):
    product = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), required=False, allow_null=True
    )
    vat_rate = serializers.ChoiceField(choices=VatRate.choices, default=VatRate.STANDARD)
    specific_unit = serializers.ChoiceField(
        choices=SpecificUnit.choices, required=False, allow_blank=True
    )

    class Meta:
        model = ImportLine
        fields = [
            "position",
            *IMPORT_LINE_INPUTS,
            "preference_applied",
            "tariff_notes",
            "freight_share",
            "insurance_share",
            "customs_value",
            "duty",
            "anti_dumping",
            "vat_base",
            "vat",
            "landed_cost",
            "landed_cost_per_unit",
            "broker_customs_value",
            "broker_duty",
            "broker_anti_dumping",
            "broker_vat",
        ]
        read_only_fields = [
            "position",
            "preference_applied",
            "tariff_notes",
            "freight_share",
            "insurance_share",
            "customs_value",
            "duty",
            "anti_dumping",
            "vat_base",
            "vat",
            "landed_cost",
            "landed_cost_per_unit",
            "broker_customs_value",
            "broker_duty",
            "broker_anti_dumping",
            "broker_vat",
        ]


class BrokerDifferenceSerializer(serializers.Serializer[Any]):
    position = serializers.IntegerField(help_text="The item; 0 for the totals.")
    figure = serializers.CharField()
    ours = serializers.DecimalField(max_digits=14, decimal_places=2)
    theirs = serializers.DecimalField(max_digits=14, decimal_places=2)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    within_tolerance = serializers.BooleanField()


class ImportEntrySerializer(serializers.ModelSerializer[ImportEntry]):
    shipment = serializers.PrimaryKeyRelatedField(
        queryset=Shipment.objects.filter(direction="import"),
        required=False,
        allow_null=True,
        help_text="An inbound shipment: without lines, they are copied from it.",
    )
    supplier = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(), required=False, allow_null=True
    )
    broker = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(), required=False, allow_null=True
    )
    lines = ImportLineSerializer(many=True, required=False)
    differences = serializers.SerializerMethodField()

    class Meta:
        model = ImportEntry
        fields = [
            "id",
            "number",
            "shipment",
            "supplier",
            "broker",
            "invoice_reference",
            "incoterm",
            "declared_on",
            "currency",
            "exchange_rate",
            "rate_date",
            "freight_to_border",
            "insurance_to_border",
            "transport_to_destination",
            "postponed_vat",
            "vat_recoverable",
            "broker_fees",
            "tolerance",
            "lines",
            "customs_value",
            "duty",
            "anti_dumping",
            "other_taxes",
            "vat",
            "cash_to_customs",
            "landed_cost",
            "mrn",
            "broker_declared_on",
            "broker_customs_value",
            "broker_duty",
            "broker_anti_dumping",
            "broker_vat",
            "differences",
            "status",
            "status_note",
            "checked_on",
        ]
        read_only_fields = [
            "number",
            "customs_value",
            "duty",
            "anti_dumping",
            "other_taxes",
            "vat",
            "cash_to_customs",
            "landed_cost",
            "mrn",
            "broker_declared_on",
            "broker_customs_value",
            "broker_duty",
            "broker_anti_dumping",
            "broker_vat",
            "status",
            "status_note",
            "checked_on",
        ]

    def validate_lines(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > services.MAX_LINES:
            raise serializers.ValidationError(f"At most {services.MAX_LINES} lines.")
        return value

    @extend_schema_field(BrokerDifferenceSerializer(many=True))
    def get_differences(self, entry: ImportEntry) -> list[dict[str, Any]]:
        if not entry.has_broker_figures:
            return []
        return [
            {
                "position": d.position,
                "figure": d.figure,
                "ours": d.ours,
                "theirs": d.theirs,
                "amount": d.amount,
                "within_tolerance": d.within_tolerance,
            }
            for d in selectors.differences(entry)
        ]

    def create(self, validated_data: dict[str, Any]) -> ImportEntry:
        data = dict(validated_data)
        lines = data.pop("lines", [])
        values = EntryValues(**data)
        user = acting_user(self.context["request"])
        try:
            if values.shipment is not None and not lines:
                return services.entry_from_shipment(
                    shipment=values.shipment, values=values, user=user
                )
            return services.create_entry(
                values=values,
                lines=[
                    LineValues(**{k: v for k, v in line.items() if k in _LINE_FIELDS})
                    for line in lines
                ],
                user=user,
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


_LINE_FIELDS = set(LineValues.__dataclass_fields__)


class BrokerLineSerializer(serializers.Serializer[Any]):
    position = serializers.IntegerField(min_value=1)
    customs_value = _amount()
    duty = _amount()
    anti_dumping = _amount()
    vat = _amount()


class BrokerSerializer(serializers.Serializer[Any]):
    mrn = serializers.CharField(max_length=30, required=False, allow_blank=True)
    declared_on = serializers.DateField(required=False, allow_null=True)
    customs_value = _amount()
    duty = _amount()
    anti_dumping = _amount()
    vat = _amount()
    broker_fees = _amount()
    lines = BrokerLineSerializer(many=True, required=False)


class CheckSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=[ImportEntry.Status.CHECKED.value, ImportEntry.Status.DISPUTED.value]
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Number, MRN, invoice or supplier."),
            OpenApiParameter("status", str, enum=ImportEntry.Status.values),
        ]
    )
)
class ImportEntryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[ImportEntry],
):
    """Import declarations: customs value, duty, anti-dumping, import VAT (postponed or
    paid) and landed cost per line, from the tariff table; then the broker's figures, the
    differences and the check."""

    serializer_class = ImportEntrySerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ImportEntry]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.entry_list(params).prefetch_related("lines")

    @extend_schema(request=BrokerSerializer, responses=ImportEntrySerializer)
    @action(detail=True, methods=["post"])
    def broker(self, request: Request, pk: str | None = None) -> Response:
        """The broker's declaration (DAU/H1): MRN, date, totals and figures per item."""
        params = BrokerSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        values = BrokerValues(
            mrn=data.get("mrn", ""),
            declared_on=data.get("declared_on"),
            customs_value=data.get("customs_value"),
            duty=data.get("duty"),
            anti_dumping=data.get("anti_dumping"),
            vat=data.get("vat"),
            broker_fees=data.get("broker_fees"),
            lines=tuple(BrokerLineValues(**line) for line in data.get("lines", [])),
        )
        try:
            entry = services.record_broker(
                entry=self.get_object(), values=values, user=acting_user(request)
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(entry).data)

    @extend_schema(request=CheckSerializer, responses=ImportEntrySerializer)
    @action(detail=True, methods=["post"])
    def check(self, request: Request, pk: str | None = None) -> Response:
        """Mark the entry checked or disputed (a note explains differences beyond the
        tolerance, or says what the broker must correct)."""
        params = CheckSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            entry = services.set_check(
                entry=self.get_object(),
                status=params.validated_data["status"],
                note=params.validated_data.get("note", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(entry).data)


# ------------------------------------------------------------ export declarations


class ExportDeclarationSerializer(serializers.ModelSerializer[ExportDeclaration]):
    shipment = serializers.PrimaryKeyRelatedField(
        queryset=Shipment.objects.filter(direction="export")
    )
    mrn = serializers.CharField(max_length=30)
    exited = serializers.BooleanField(read_only=True)
    has_proof_file = serializers.SerializerMethodField()

    class Meta:
        model = ExportDeclaration
        fields = [
            "id",
            "shipment",
            "mrn",
            "office_of_export",
            "office_of_exit",
            "declared_on",
            "invoice_reference",
            "notes",
            "exit_confirmed_on",
            "exit_evidence",
            "exited",
            "has_proof_file",
        ]
        read_only_fields = ["exit_confirmed_on", "exit_evidence"]
        validators: list[Any] = []

    def get_has_proof_file(self, declaration: ExportDeclaration) -> bool:
        return bool(declaration.proof_file)

    def create(self, validated_data: dict[str, Any]) -> ExportDeclaration:
        data = validated_data
        try:
            return services.create_export(
                shipment=data["shipment"],
                values=ExportValues(
                    mrn=data["mrn"],
                    office_of_export=data["office_of_export"],
                    office_of_exit=data.get("office_of_exit", ""),
                    declared_on=data["declared_on"],
                    invoice_reference=data.get("invoice_reference", ""),
                    notes=data.get("notes", ""),
                ),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class ExitSerializer(serializers.Serializer[Any]):
    exit_confirmed_on = serializers.DateField()
    exit_evidence = serializers.ChoiceField(
        choices=ExitEvidence.choices, default=ExitEvidence.EXIT_NOTICE
    )
    office_of_exit = serializers.CharField(max_length=12, required=False, allow_blank=True)
    file = serializers.FileField(
        required=False, help_text="The exit notice or alternative proof: PDF or picture, 10 MB."
    )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="MRN, invoice or shipment."),
            OpenApiParameter(
                "proof",
                str,
                enum=["missing", "late", "received"],
                description="late: no proof of exit 30 days after the declaration.",
            ),
        ]
    )
)
class ExportDeclarationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[ExportDeclaration],
):
    """Export declarations of outbound shipments (MRN with its check character, offices)
    and the proof of exit that justifies the VAT exemption (CGI art. 262 I)."""

    serializer_class = ExportDeclarationSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ExportDeclaration]:
        from comptoir.common.dates import today

        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.export_list(params, today())

    @extend_schema(request=ExitSerializer, responses=ExportDeclarationSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="exit",
        parser_classes=[JSONParser, MultiPartParser],
    )
    def exit(self, request: Request, pk: str | None = None) -> Response:
        """Record the proof of exit (JSON, or multipart with the document in ``file``)."""
        params = ExitSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            declaration = services.record_exit(
                declaration=self.get_object(),
                values=ExitValues(
                    exit_confirmed_on=data["exit_confirmed_on"],
                    exit_evidence=data["exit_evidence"],
                    office_of_exit=data.get("office_of_exit", ""),
                ),
                upload=data.get("file"),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(declaration).data)


# ----------------------------------------------------------------------- carnets


class CarnetItemSerializer(serializers.ModelSerializer[CarnetItem]):
    class Meta:
        model = CarnetItem
        fields = [
            "position",
            "description",
            "marks",
            "quantity",
            "weight_kg",
            "value",
            "origin",
            "returned_quantity",
            "returned_on",
        ]
        read_only_fields = ["position", "returned_quantity", "returned_on"]


class CarnetVisitSerializer(serializers.ModelSerializer[CarnetVisit]):
    class Meta:
        model = CarnetVisit
        fields = ["country", "entered_on", "left_on", "vouchers_used", "office"]


class CarnetSerializer(serializers.ModelSerializer[Carnet]):
    purpose = serializers.ChoiceField(choices=CarnetPurpose.choices)
    valid_until = serializers.DateField(
        required=False, help_text="Empty: one year from the issue (the longest allowed)."
    )
    items = CarnetItemSerializer(many=True, required=False)
    visits = CarnetVisitSerializer(many=True, read_only=True)

    class Meta:
        model = Carnet
        fields = [
            "id",
            "number",
            "issuing_chamber",
            "holder",
            "representative",
            "purpose",
            "event",
            "issued_on",
            "valid_until",
            "vouchers_bought",
            "status",
            "notes",
            "items",
            "visits",
        ]
        read_only_fields = ["status"]
        validators: list[Any] = []
        extra_kwargs: dict[str, Any] = {"number": {"validators": []}}

    def validate_items(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > services.MAX_LINES:
            raise serializers.ValidationError(f"At most {services.MAX_LINES} lines.")
        return value

    def create(self, validated_data: dict[str, Any]) -> Carnet:
        data = dict(validated_data)
        items = data.pop("items", [])
        user = acting_user(self.context["request"])
        try:
            return services.create_carnet(
                values=CarnetValues(
                    **data,
                    handled_by=user,
                    items=tuple(CarnetItemValues(**item) for item in items),
                ),
                user=user,
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class ReturnedSerializer(serializers.Serializer[Any]):
    on = serializers.DateField()
    items = serializers.DictField(
        child=serializers.DecimalField(max_digits=12, decimal_places=3, min_value=Decimal(0)),
        help_text='Quantity back per item number, e.g. {"1": "10", "2": "1"}.',
    )


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("status", str, enum=Carnet.Status.values)])
)
class CarnetViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Carnet],
):
    """ATA carnets: the general list, the countries visited with their vouchers, and the
    re-entry checked item by item."""

    serializer_class = CarnetSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Carnet]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.carnet_list(params).prefetch_related("items", "visits")

    @extend_schema(request=CarnetVisitSerializer, responses=CarnetSerializer)
    @action(detail=True, methods=["post"])
    def visits(self, request: Request, pk: str | None = None) -> Response:
        """A country the goods entered (and left), with the vouchers used."""
        params = CarnetVisitSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        carnet = self.get_object()
        try:
            services.record_visit(
                carnet=carnet,
                values=VisitValues(**params.validated_data),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(carnet).data)

    @extend_schema(request=ReturnedSerializer, responses=CarnetSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def returned(self, request: Request, pk: str | None = None) -> Response:
        """The goods back in the EU, item by item; every item back closes the carnet."""
        params = ReturnedSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        carnet = self.get_object()
        try:
            returned = {int(k): v for k, v in params.validated_data["items"].items()}
        except ValueError:
            raise serializers.ValidationError(
                {"items": ["Item numbers are whole numbers."]}
            ) from None
        try:
            services.record_return(
                carnet=carnet,
                returned=returned,
                on=params.validated_data["on"],
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        carnet.refresh_from_db()
        return Response(self.get_serializer(carnet).data)
