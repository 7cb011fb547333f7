"""Trade fairs and events in the API: events with their checklist, budget lines, invitations
and visitors. The serializers validate what the client sent and call the same services as
the screens (``comptoir.events.services``); refusals are JSON naming the field. Creating a
visitor is idempotent on its ``client_id`` (the stand's form sends it again until it hears
back): 201 the first time, 200 with the same visitor afterwards."""

from __future__ import annotations

import base64
import binascii
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.catalog.models import Product
from comptoir.common import countries
from comptoir.documents.pdf import pdf_response
from comptoir.events import report, selectors, services
from comptoir.events.inputs import (
    BudgetLineValues,
    ChecklistItemValues,
    EventValues,
    VisitorValues,
)
from comptoir.events.models import (
    ANSWERS,
    Anchor,
    BudgetCategory,
    BudgetLine,
    ChecklistItem,
    Event,
    EventKind,
    Invitation,
    StandType,
    Temperature,
    Visitor,
)
from comptoir.parties.models import Contact

_MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0")}


class TradeEventSerializer(serializers.ModelSerializer[Event]):
    kind = serializers.ChoiceField(choices=EventKind.choices)
    status = serializers.ChoiceField(choices=Event.Status.choices, default="planned")
    stand_type = serializers.ChoiceField(choices=StandType.choices, default="own")
    team = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), many=True, required=False
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "name",
            "kind",
            "status",
            "starts_on",
            "ends_on",
            "venue",
            "city",
            "country",
            "organiser",
            "website",
            "stand_type",
            "hall",
            "stand_number",
            "stand_area_m2",
            "shared_with",
            "team",
            "lead_target",
            "meeting_target",
            "meetings_held",
            "objectives",
            "sales_window_days",
            "notes",
        ]

    def validate_country(self, value: str) -> str:
        value = (value or "").upper()
        if value and not countries.is_country(value):
            raise serializers.ValidationError("Unknown country code.")
        return value

    def _values(self, data: dict[str, Any], instance: Event | None) -> EventValues:
        def get(name: str, default: Any = "") -> Any:
            if name in data:
                return data[name]
            return getattr(instance, name) if instance is not None else default

        team = data.get("team")
        if team is None:
            team = list(instance.team.all()) if instance is not None else []
        return EventValues(
            name=get("name"),
            kind=get("kind", "trade_fair"),
            status=get("status", "planned"),
            starts_on=get("starts_on", None),
            ends_on=get("ends_on", None),
            venue=get("venue"),
            city=get("city"),
            country=get("country"),
            organiser=get("organiser"),
            website=get("website"),
            stand_type=get("stand_type", "own"),
            hall=get("hall"),
            stand_number=get("stand_number"),
            stand_area_m2=get("stand_area_m2", None),
            shared_with=get("shared_with"),
            team=tuple(team),
            lead_target=get("lead_target", None),
            meeting_target=get("meeting_target", None),
            meetings_held=get("meetings_held", 0) or 0,
            objectives=get("objectives"),
            sales_window_days=get("sales_window_days", 180),
            notes=get("notes"),
        )

    def create(self, validated_data: dict[str, Any]) -> Event:
        return services.save_event(
            event=None,
            values=self._values(validated_data, None),
            user=acting_user(self.context["request"]),
        )

    def update(self, instance: Event, validated_data: dict[str, Any]) -> Event:
        return services.save_event(
            event=instance,
            values=self._values(validated_data, instance),
            user=acting_user(self.context["request"]),
        )


class ChecklistItemSerializer(serializers.ModelSerializer[ChecklistItem]):
    anchor = serializers.ChoiceField(choices=Anchor.choices)
    offset_days = serializers.IntegerField(min_value=-730, max_value=730)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )

    class Meta:
        model = ChecklistItem
        fields = ["id", "title", "anchor", "offset_days", "due_on", "owner", "done_on", "notes"]
        read_only_fields = ["due_on", "done_on"]


class DoneSerializer(serializers.Serializer[Any]):
    done = serializers.BooleanField(default=True)


class BudgetLineSerializer(serializers.ModelSerializer[BudgetLine]):
    category = serializers.ChoiceField(choices=BudgetCategory.choices)
    planned = serializers.DecimalField(**_MONEY)  # type: ignore[arg-type]
    actual = serializers.DecimalField(**_MONEY, required=False, allow_null=True)  # type: ignore[arg-type]

    class Meta:
        model = BudgetLine
        fields = ["id", "category", "label", "planned", "actual", "supplier"]


class InviteSerializer(serializers.Serializer[Any]):
    contacts = serializers.PrimaryKeyRelatedField(
        queryset=Contact.objects.all(),
        many=True,
        help_text="Contacts to invite (opted-out, erased and e-mail-less ones are left out).",
    )


class InvitationSerializer(serializers.ModelSerializer[Invitation]):
    class Meta:
        model = Invitation
        fields = ["id", "contact", "status", "sent_at", "answered_at", "answered_online"]
        read_only_fields = fields


class InvitationAnswerSerializer(serializers.Serializer[Any]):
    invitation = serializers.IntegerField()
    status = serializers.ChoiceField(choices=[(a.value, a.label) for a in ANSWERS])


class VisitorSerializer(serializers.ModelSerializer[Visitor]):
    client_id = serializers.UUIDField(help_text="Made on the device: a re-send is recognised.")
    country = serializers.CharField(max_length=2)
    temperature = serializers.ChoiceField(choices=Temperature.choices)
    products = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.filter(is_active=True), many=True, required=False
    )
    card = serializers.CharField(
        write_only=True,
        required=False,
        max_length=services.MAX_CARD_BYTES * 4 // 3 + 100,
        allow_blank=True,
        help_text="Photo of the business card: base64 or a data: URL (JPEG, PNG, WebP).",
    )

    class Meta:
        model = Visitor
        fields = [
            "id",
            "client_id",
            "company_name",
            "first_name",
            "last_name",
            "position",
            "country",
            "email",
            "phone",
            "interest",
            "products",
            "temperature",
            "consent",
            "consent_date",
            "notes",
            "met_at",
            "card",
            "company",
            "contact",
            "existing_company",
            "task",
        ]
        read_only_fields = ["company", "contact", "existing_company", "task"]

    def validate_country(self, value: str) -> str:
        value = value.upper()
        if not countries.is_country(value):
            raise serializers.ValidationError("Unknown country code.")
        return value

    def validate_card(self, value: str) -> bytes | None:
        raw = value.strip()
        if not raw:
            return None
        if raw.startswith("data:"):
            raw = raw.partition(",")[2]
        try:
            return base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            raise serializers.ValidationError("The card photo could not be read.") from None

    def values(self) -> VisitorValues:
        d = self.validated_data
        return VisitorValues(
            client_id=d["client_id"],
            company_name=d["company_name"],
            first_name=d.get("first_name", ""),
            last_name=d["last_name"],
            position=d.get("position", ""),
            country=d["country"],
            email=d.get("email", ""),
            phone=d.get("phone", ""),
            interest=d.get("interest", ""),
            products=tuple(d.get("products", ())),
            temperature=d["temperature"],
            consent=d.get("consent", False),
            consent_date=d.get("consent_date"),
            notes=d.get("notes", ""),
            met_at=d["met_at"],
            card=d.get("card"),
        )


class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Event],
):
    """Trade fairs and events. Moving the dates moves the checklist's due dates; deleting
    an event is a manager's."""

    serializer_class = TradeEventSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Event]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.event_list(params).prefetch_related("team")

    def perform_destroy(self, instance: Event) -> None:
        services.delete_event(event=instance, user=acting_user(self.request))

    @extend_schema(request=None, responses=ChecklistItemSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def checklist(self, request: Request, pk: str | None = None) -> Response:
        """The checklist with its due dates (counted from the opening or closing day)."""
        items = self.get_object().checklist.all()
        return Response(ChecklistItemSerializer(items, many=True).data)

    @extend_schema(request=ChecklistItemSerializer, responses=ChecklistItemSerializer)
    @checklist.mapping.post
    def add_checklist_item(self, request: Request, pk: str | None = None) -> Response:
        params = ChecklistItemSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        d = params.validated_data
        item = services.save_checklist_item(
            event=self.get_object(),
            item=None,
            values=ChecklistItemValues(
                title=d["title"],
                anchor=d["anchor"],
                offset_days=d["offset_days"],
                owner=d.get("owner"),
                notes=d.get("notes", ""),
            ),
            user=acting_user(request),
        )
        return Response(ChecklistItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=DoneSerializer,
        responses=ChecklistItemSerializer,
        parameters=[OpenApiParameter("item", int, required=True, description="Checklist item id.")],
    )
    @action(detail=True, methods=["post"], url_path="checklist-done")
    def checklist_done(self, request: Request, pk: str | None = None) -> Response:
        """Mark a checklist item done (or not)."""
        event = self.get_object()
        item = event.checklist.filter(pk=request.query_params.get("item") or 0).first()
        if item is None:
            raise serializers.ValidationError({"item": ["No such checklist item."]})
        params = DoneSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        item = services.set_item_done(
            item=item, done=params.validated_data["done"], user=acting_user(request)
        )
        return Response(ChecklistItemSerializer(item).data)

    @extend_schema(request=None, responses=BudgetLineSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def budget(self, request: Request, pk: str | None = None) -> Response:
        """Budget lines in EUR, planned and actual."""
        return Response(BudgetLineSerializer(self.get_object().budget_lines.all(), many=True).data)

    @extend_schema(request=BudgetLineSerializer, responses=BudgetLineSerializer)
    @budget.mapping.post
    def add_budget_line(self, request: Request, pk: str | None = None) -> Response:
        params = BudgetLineSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        d = params.validated_data
        line = services.save_budget_line(
            event=self.get_object(),
            line=None,
            values=BudgetLineValues(
                category=d["category"],
                label=d["label"],
                planned=d["planned"],
                actual=d.get("actual"),
                supplier=d.get("supplier", ""),
            ),
            user=acting_user(request),
        )
        return Response(BudgetLineSerializer(line).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=InvitationSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def invitations(self, request: Request, pk: str | None = None) -> Response:
        """The invitation list and the answers."""
        return Response(InvitationSerializer(self.get_object().invitations.all(), many=True).data)

    @extend_schema(request=InviteSerializer, responses=InvitationSerializer(many=True))
    @invitations.mapping.post
    def invite(self, request: Request, pk: str | None = None) -> Response:
        event = self.get_object()
        params = InviteSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        services.invite(
            event=event, contacts=params.validated_data["contacts"], user=acting_user(request)
        )
        return Response(InvitationSerializer(event.invitations.all(), many=True).data)

    @extend_schema(request=InvitationAnswerSerializer, responses=InvitationSerializer)
    @action(detail=True, methods=["post"], url_path="invitation-answer")
    def invitation_answer(self, request: Request, pk: str | None = None) -> Response:
        """Record an answer received by phone or e-mail."""
        event = self.get_object()
        params = InvitationAnswerSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        invitation = event.invitations.filter(pk=params.validated_data["invitation"]).first()
        if invitation is None:
            raise serializers.ValidationError({"invitation": ["No such invitation."]})
        invitation = services.record_answer(
            invitation=invitation,
            answer=params.validated_data["status"],
            user=acting_user(request),
        )
        return Response(InvitationSerializer(invitation).data)

    @extend_schema(request=None, responses=VisitorSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def visitors(self, request: Request, pk: str | None = None) -> Response:
        """Visitors met on the stand, with the company, contact and task they produced."""
        return Response(VisitorSerializer(selectors.visitors(self.get_object()), many=True).data)

    @extend_schema(
        request=VisitorSerializer,
        responses={201: VisitorSerializer, 200: VisitorSerializer},
    )
    @visitors.mapping.post
    def add_visitor(self, request: Request, pk: str | None = None) -> Response:
        """Record a visitor (idempotent on ``client_id``)."""
        params = VisitorSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        visitor, created = services.record_visitor(
            event=self.get_object(), values=params.values(), user=acting_user(request)
        )
        return Response(
            VisitorSerializer(visitor).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        parameters=[OpenApiParameter("lang", str, enum=["fr", "en"])],
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"])
    def report(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The event report as PDF (objectives vs results, leads, budget, cost per lead)."""
        event = self.get_object()
        language = request.query_params.get("lang", "en")
        if language not in ("fr", "en"):
            raise serializers.ValidationError({"lang": ["fr or en."]})
        return pdf_response(
            report.report_pdf(event, language), report.report_filename(event, language)
        )
