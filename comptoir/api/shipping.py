"""Shipments and their tracking in the API: the list with the screens' filters, a shipment
with its goods, containers, milestones and notices, created from deliveries and changed,
its events (list, add), planned dates and containers, and a forwarder's status report
(upload -> the report, or a preview with ``dry_run``).

The serializers validate what was sent and call the shipping services with their typed
values, so every rule holds as on the screens (steps in order, ISO 6346 container numbers,
the role matrix); a refusal is a JSON 400 naming the field.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.common.dates import today
from comptoir.common.params import BadParameter
from comptoir.sales.models import Delivery
from comptoir.shipping import selectors, services, status_report
from comptoir.shipping.inputs import ContainerValues, EventValues, MilestonePlan, ShipmentDetails
from comptoir.shipping.models import (
    STEPS_IN_ORDER,
    Container,
    Milestone,
    Mode,
    Shipment,
    ShipmentLine,
    ShipmentNotice,
    Step,
    TrackingEvent,
)

from .errors import refusal as _refusal

#: Filters of the list, as on the screen (``late=1``: a planned step has passed).
LIST_FILTERS = [
    OpenApiParameter("q", str, description="Number, reference, partner, B/L or container."),
    OpenApiParameter("mode", str, enum=list(Mode.values)),
    OpenApiParameter("status", str, enum=list(Shipment.Status.values)),
    OpenApiParameter("direction", str, enum=["export", "import"]),
    OpenApiParameter("open", str, enum=["1"], description="Shipments still under way."),
    OpenApiParameter("late", str, enum=["1"], description="A planned step has passed."),
    OpenApiParameter(
        "left_from",
        OpenApiTypes.DATE,
        description="The goods left on or after (pick-up, else departure; done, else planned).",
    ),
    OpenApiParameter("left_to", OpenApiTypes.DATE, description="The goods left on or before."),
    OpenApiParameter(
        "country", str, description="Leaving from or going to this country (ISO alpha-2)."
    ),
]


class ShipmentLineSerializer(serializers.ModelSerializer[ShipmentLine]):
    class Meta:
        model = ShipmentLine
        fields = [
            "position",
            "product",
            "description",
            "hs_code",
            "origin_country",
            "quantity",
            "packages",
            "package_kind",
            "net_weight_kg",
            "gross_weight_kg",
            "value",
            "un_number",
            "dangerous_class",
            "packing_group",
        ]
        read_only_fields = fields


class ContainerSerializer(serializers.ModelSerializer[Container]):
    number = serializers.CharField(max_length=20, help_text="ISO 6346, e.g. MSCU1234566.")

    class Meta:
        model = Container
        fields = [
            "number",
            "seal_number",
            "equipment_code",
            "packages",
            "gross_weight_kg",
            "verified_gross_mass_kg",
        ]


class MilestoneSerializer(serializers.ModelSerializer[Milestone]):
    late = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = ["step", "planned_on", "actual_at", "location", "late"]
        read_only_fields = fields

    def get_late(self, milestone: Milestone) -> bool:
        return selectors.is_late(milestone, self.context.get("milestones", []), today())


class NoticeSerializer(serializers.ModelSerializer[ShipmentNotice]):
    status = serializers.CharField(
        read_only=True, help_text="queued, sent, skipped (with its reason) or failed."
    )

    class Meta:
        model = ShipmentNotice
        fields = ["step", "status", "recipient", "language", "subject", "reason", "sent_at"]
        read_only_fields = fields


class ShipmentSerializer(serializers.ModelSerializer[Shipment]):
    """A shipment as the list gives it; fields of ``ShipmentDetails`` may be changed."""

    notify_steps = serializers.ListField(
        child=serializers.ChoiceField(choices=STEPS_IN_ORDER),
        required=False,
        max_length=len(STEPS_IN_ORDER),
        help_text="Steps at which the partner gets an e-mail.",
    )

    class Meta:
        model = Shipment
        fields = [
            "id",
            "number",
            "status",
            *[f.name for f in dataclasses.fields(ShipmentDetails)],
            "freight_cost",
            "freight_currency",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "number",
            "status",
            "freight_cost",
            "freight_currency",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, instance: Shipment) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["notify_steps"] = instance.steps_to_notify
        return data

    def update(self, instance: Shipment, validated_data: dict[str, Any]) -> Shipment:
        current = {
            f.name: getattr(instance, f.name)
            for f in dataclasses.fields(ShipmentDetails)
            if f.name != "notify_steps"
        }
        current["notify_steps"] = tuple(instance.steps_to_notify)
        sent = dict(validated_data)
        if "notify_steps" in sent:
            sent["notify_steps"] = tuple(sent["notify_steps"])
        try:
            return services.save_shipment(
                shipment=instance,
                details=ShipmentDetails(**(current | sent)),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class ShipmentDetailSerializer(ShipmentSerializer):
    """A shipment with its goods, containers, milestones (in order) and notices."""

    lines = ShipmentLineSerializer(many=True, read_only=True)
    containers = ContainerSerializer(many=True, read_only=True)
    milestones = serializers.SerializerMethodField()
    notices = NoticeSerializer(many=True, read_only=True)
    deliveries = serializers.SerializerMethodField()

    class Meta(ShipmentSerializer.Meta):
        fields = [
            *ShipmentSerializer.Meta.fields,
            "deliveries",
            "lines",
            "containers",
            "milestones",
            "notices",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_deliveries(self, shipment: Shipment) -> list[int]:
        return [link.delivery_id for link in shipment.delivery_links.all()]

    @extend_schema_field(MilestoneSerializer(many=True))
    def get_milestones(self, shipment: Shipment) -> Any:
        milestones = selectors.milestones_in_order(shipment)
        return MilestoneSerializer(milestones, many=True, context={"milestones": milestones}).data


class FromDeliveriesSerializer(serializers.Serializer[Any]):
    deliveries = serializers.PrimaryKeyRelatedField(
        queryset=Delivery.objects.all(), many=True, allow_empty=False
    )
    mode = serializers.ChoiceField(choices=Mode.choices)

    def validate_deliveries(self, value: list[Delivery]) -> list[Delivery]:
        if len(value) > services.MAX_DELIVERIES:
            raise serializers.ValidationError(
                f"At most {services.MAX_DELIVERIES} deliveries in one shipment."
            )
        return value


class EventSerializer(serializers.ModelSerializer[TrackingEvent]):
    step = serializers.ChoiceField(choices=Step.choices, required=False, allow_blank=True)
    container_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    locode = serializers.RegexField(
        r"^([A-Za-z]{2}[A-Za-z2-9]{3})?$", required=False, allow_blank=True, max_length=5
    )

    class Meta:
        model = TrackingEvent
        fields = [
            "id",
            "occurred_at",
            "step",
            "description",
            "location",
            "locode",
            "container_number",
            "source",
            "created_at",
        ]
        read_only_fields = ["source", "created_at"]


class MilestonePlanSerializer(serializers.Serializer[Any]):
    step = serializers.ChoiceField(choices=Step.choices)
    planned_on = serializers.DateField(allow_null=True)
    location = serializers.CharField(max_length=120, required=False, allow_blank=True)


class ContainersSerializer(serializers.Serializer[Any]):
    containers = ContainerSerializer(many=True)

    def validate_containers(self, value: list[Any]) -> list[Any]:
        if len(value) > services.MAX_CONTAINERS:
            raise serializers.ValidationError(f"At most {services.MAX_CONTAINERS} containers.")
        return value


class PlanSerializer(serializers.Serializer[Any]):
    milestones = MilestonePlanSerializer(many=True, allow_empty=False)

    def validate_milestones(self, value: list[Any]) -> list[Any]:
        if len(value) > len(STEPS_IN_ORDER):
            raise serializers.ValidationError(f"At most {len(STEPS_IN_ORDER)} steps.")
        return value


class StatusReportUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="CSV or XLSX, one row per event.")
    time_zone = serializers.CharField(
        required=False,
        help_text="Zone of the dates written without one (default: yours), e.g. Asia/Shanghai.",
    )
    dry_run = serializers.BooleanField(
        default=False, help_text="Check and preview only: nothing is imported."
    )

    def validate_file(self, value: Any) -> Any:
        if value.size > status_report.MAX_FILE_BYTES:
            raise serializers.ValidationError(
                f"The file is larger than {status_report.MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        return value


class ShipmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Shipment],
):
    """Shipments. ``POST /api/shipments/`` with ``deliveries`` and ``mode`` makes one from
    deliveries of one client (goods, weights, Incoterm from the order); ``PATCH`` changes
    its details; ``.../events/`` lists and adds tracking events (an event with a ``step``
    dates that milestone, in order only); ``.../milestones/`` plans the dates;
    ``.../containers/`` replaces the containers; ``status-report/`` imports a forwarder's
    file."""

    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Shipment]:
        if self.action == "list":
            try:
                return selectors.shipment_list(self.request.query_params, today())
            except BadParameter as exc:
                raise serializers.ValidationError({exc.name: [exc.message]}) from None
        return Shipment.objects.select_related("partner").prefetch_related(
            "lines", "containers", "milestones", "notices", "delivery_links"
        )

    def get_serializer_class(self) -> Any:
        if self.action == "retrieve":
            return ShipmentDetailSerializer
        if self.action == "events":
            return EventSerializer
        return ShipmentSerializer

    @extend_schema(parameters=LIST_FILTERS)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        kwargs["partial"] = True  # the details not sent keep their value
        super().update(request, *args, **kwargs)
        shipment = selectors.shipment_for_page(int(self.kwargs["pk"]))
        return Response(ShipmentDetailSerializer(shipment).data)

    @extend_schema(request=FromDeliveriesSerializer, responses={201: ShipmentDetailSerializer})
    def create(self, request: Request) -> Response:
        params = FromDeliveriesSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            shipment = services.create_from_deliveries(
                deliveries=params.validated_data["deliveries"],
                mode=params.validated_data["mode"],
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(
            ShipmentDetailSerializer(self.get_queryset().get(pk=shipment.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        methods=["GET"], responses=EventSerializer(many=True), parameters=[], request=None
    )
    @extend_schema(methods=["POST"], request=EventSerializer, responses={201: EventSerializer})
    @action(detail=True, methods=["get", "post"])
    def events(self, request: Request, pk: str | None = None) -> Response:
        shipment = self.get_object()
        if request.method == "GET":
            events: Any = shipment.events.order_by("-occurred_at", "-pk")
            page = self.paginate_queryset(events)
            return self.get_paginated_response(EventSerializer(page, many=True).data)
        params = EventSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            event = services.record_event(
                shipment=shipment,
                event=EventValues(
                    occurred_at=data["occurred_at"],
                    description=data["description"],
                    step=data.get("step", ""),
                    location=data.get("location", ""),
                    locode=data.get("locode", ""),
                    container_number=data.get("container_number", ""),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PlanSerializer, responses=MilestoneSerializer(many=True))
    @action(detail=True, methods=["post"])
    def milestones(self, request: Request, pk: str | None = None) -> Response:
        shipment = self.get_object()
        params = PlanSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            services.plan_milestones(
                shipment=shipment,
                plans=[MilestonePlan(**m) for m in params.validated_data["milestones"]],
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        fresh = Shipment.objects.get(pk=shipment.pk)  # the milestones were prefetched
        milestones = selectors.milestones_in_order(fresh)
        return Response(
            MilestoneSerializer(milestones, many=True, context={"milestones": milestones}).data
        )

    @extend_schema(request=ContainersSerializer, responses=ContainerSerializer(many=True))
    @action(detail=True, methods=["put"])
    def containers(self, request: Request, pk: str | None = None) -> Response:
        shipment = self.get_object()
        params = ContainersSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            saved = services.save_containers(
                shipment=shipment,
                containers=[ContainerValues(**c) for c in params.validated_data["containers"]],
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(ContainerSerializer(saved, many=True).data)

    @extend_schema(
        request={"multipart/form-data": StatusReportUploadSerializer},
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="status-report",
        parser_classes=[MultiPartParser],
    )
    def status_report(self, request: Request) -> Response:
        """Import a forwarder's status report (CSV/XLSX): the answer lists what was imported,
        the duplicates skipped and each refused row (``line``, ``column``, ``message``)."""
        params = StatusReportUploadSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        user = acting_user(request)
        zone = params.validated_data.get("time_zone") or _user_zone(user)
        upload = params.validated_data["file"]
        if params.validated_data["dry_run"]:
            report = status_report.preview(upload, upload.name, zone)
        else:
            report = services.import_status_report(
                stream=upload, filename=upload.name, time_zone=zone, user=user
            )
        return Response(report.as_dict(), status=400 if report.fatal else 200)


def _user_zone(user: Any) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "time_zone", "") or "Europe/Paris"
