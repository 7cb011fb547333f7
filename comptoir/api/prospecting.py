"""Prospecting in the API: target lists (from the CRM, from a file, matches decided, targets
made prospects), campaigns (preview, test, send, calls, resume), recipients and their call
outcomes, bounces and replies (one or a file), results with the funnel's figures.
Serializers type what the client sent and call the same services as the screens; a refusal
is a JSON 400 naming the field, a role the matrix refuses a JSON 403."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.parties.models import PartyRole, Zone
from comptoir.prospecting import mailing, selectors, services
from comptoir.prospecting.inputs import (
    CallValues,
    CampaignValues,
    CrmCriteria,
    EventValues,
    ListValues,
)
from comptoir.prospecting.models import (
    MAX_BATCH,
    MAX_PAUSE_SECONDS,
    MIN_BATCH,
    CallOutcome,
    Campaign,
    Channel,
    CompanySize,
    Recipient,
    Target,
    TargetList,
)
from comptoir.trade import prospecting as core

from .errors import refusal as _refusal


class TargetSerializer(serializers.ModelSerializer[Target]):
    class Meta:
        model = Target
        fields = [
            "id",
            "row",
            "company_name",
            "country",
            "sector",
            "size",
            "first_name",
            "last_name",
            "position",
            "email",
            "phone",
            "website",
            "vat_number",
            "language",
            "company",
            "contact",
            "match",
            "proposed",
            "match_reason",
        ]
        read_only_fields = fields


class TargetListSerializer(serializers.ModelSerializer[TargetList]):
    size = serializers.SerializerMethodField()

    class Meta:
        model = TargetList
        fields = ["id", "name", "description", "created_at", "archived_at", "size"]
        read_only_fields = ["id", "created_at", "archived_at", "size"]

    def get_size(self, obj: TargetList) -> int:
        return obj.targets.count()

    def create(self, validated_data: dict[str, Any]) -> TargetList:
        return services.create_list(
            values=ListValues(
                name=validated_data["name"], description=validated_data.get("description", "")
            ),
            user=acting_user(self.context["request"]),
        )


class CrmCriteriaSerializer(serializers.Serializer[Any]):
    countries = serializers.ListField(
        child=serializers.CharField(max_length=2), required=False, max_length=250
    )
    zones = serializers.PrimaryKeyRelatedField(
        queryset=Zone.objects.all(), many=True, required=False
    )
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=PartyRole.choices), required=False
    )
    sectors = serializers.ListField(
        child=serializers.RegexField(r"^\d{2}(\.\d{0,2})?[A-Za-z]?$", max_length=10),
        required=False,
        max_length=50,
    )
    sizes = serializers.ListField(
        child=serializers.ChoiceField(choices=CompanySize.choices), required=False
    )
    mailable = serializers.ChoiceField(
        choices=[("", "any"), ("with", "with"), ("without", "without")], required=False
    )


class TargetFileSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="CSV or XLSX, at most 5 MB.")


class DecideSerializer(serializers.Serializer[Any]):
    target = serializers.IntegerField()
    decision = serializers.ChoiceField(choices=["accept", "refuse", "convert"])


RowErrorSerializer = inline_serializer(
    "ProspectingRowError",
    {
        "row": serializers.IntegerField(),
        "column": serializers.CharField(),
        "message": serializers.CharField(),
    },
)


def _too_big(upload: Any) -> None:
    if upload.size > services.MAX_IMPORT_BYTES:
        raise serializers.ValidationError(
            {"file": f"The file is larger than {services.MAX_IMPORT_BYTES >> 20} MB."}
        )


class CampaignResumeSerializer(serializers.Serializer[Any]):
    retry_failed = serializers.BooleanField(default=False)


class TargetListViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[TargetList],
):
    """Target lists. ``DELETE`` (a manager's) deletes a list and its targets, or archives it
    (``archived_at`` set, answer 200 with the list) when a campaign was started to it; a
    list behind a draft campaign is refused (400 naming ``target_list``)."""

    serializer_class = TargetListSerializer

    def get_queryset(self) -> QuerySet[TargetList]:
        return TargetList.objects.order_by("-created_at", "-id")

    @extend_schema(responses={200: TargetListSerializer, 204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        target_list = self.get_object()
        try:
            done = services.delete_list(target_list=target_list, user=acting_user(request))
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        if done == "archived":
            return Response(self.get_serializer(target_list).data)
        return Response(status=204)

    @extend_schema(request=CrmCriteriaSerializer, responses={200: dict})
    @action(detail=True, methods=["post"])
    def crm(self, request: Request, pk: str | None = None) -> Response:
        """Add the CRM companies that meet the criteria."""
        serializer = CrmCriteriaSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        added = services.add_from_crm(
            target_list=self.get_object(),
            criteria=CrmCriteria(
                countries=tuple(c.upper() for c in data.get("countries", [])),
                zones=tuple(data.get("zones", [])),
                roles=tuple(data.get("roles", [])),
                sectors=tuple(s.upper() for s in data.get("sectors", [])),
                sizes=tuple(data.get("sizes", [])),
                mailable=data.get("mailable", ""),
            ),
            user=acting_user(request),
        )
        return Response({"added": added})

    @extend_schema(request={"multipart/form-data": TargetFileSerializer}, responses={200: dict})
    @action(detail=True, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_file(self, request: Request, pk: str | None = None) -> Response:
        """Targets from a CSV/XLSX file: all rows or none; matches proposed."""
        serializer = TargetFileSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        _too_big(upload)
        report = services.import_targets(
            target_list=self.get_object(),
            stream=upload,
            filename=upload.name,
            user=acting_user(request),
        )
        body = {
            "rows_read": report.rows_read,
            "added": report.added,
            "skipped": report.skipped,
            "proposed": report.proposed,
            "errors": [e.__dict__ for e in report.errors],
        }
        return Response(body, status=200 if report.ok else 400)

    @extend_schema(responses=TargetSerializer(many=True))
    @action(detail=True, methods=["get"])
    def targets(self, request: Request, pk: str | None = None) -> Response:
        items = selectors.targets_of(self.get_object(), request.query_params.get("match", ""))
        page = self.paginate_queryset(items)  # type: ignore[arg-type]
        data = TargetSerializer(page if page is not None else items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(request=DecideSerializer, responses=TargetSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """Accept or refuse a proposed match, or make a target a prospect."""
        serializer = DecideSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = get_object_or_404(
            self.get_object().targets.all(), pk=serializer.validated_data["target"]
        )
        user = acting_user(request)
        decision = serializer.validated_data["decision"]
        if decision == "convert":
            target = services.convert_target(target=target, user=user)
        else:
            target = services.decide_match(target=target, accept=decision == "accept", user=user)
        return Response(TargetSerializer(target).data)


class CampaignSerializer(serializers.ModelSerializer[Campaign]):
    target_list = serializers.PrimaryKeyRelatedField(
        queryset=TargetList.objects.all(), required=False, allow_null=True
    )
    channel = serializers.ChoiceField(choices=Channel.choices)
    cost = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False
    )
    batch_size = serializers.IntegerField(min_value=MIN_BATCH, max_value=MAX_BATCH, default=50)
    pause_seconds = serializers.IntegerField(min_value=0, max_value=MAX_PAUSE_SECONDS, default=60)
    results_window_days = serializers.IntegerField(min_value=1, max_value=730, default=90)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "channel",
            "target_list",
            "subject_fr",
            "subject_en",
            "body_fr",
            "body_en",
            "html",
            "origin",
            "cost",
            "currency",
            "batch_size",
            "pause_seconds",
            "results_window_days",
            "sender",
            "status",
            "started_at",
            "finished_at",
        ]
        read_only_fields = ["id", "sender", "status", "started_at", "finished_at"]
        extra_kwargs = {
            "body_fr": {"help_text": "Merge fields: " + ", ".join(core.MERGE_FIELDS)},
            "body_en": {"help_text": "Merge fields: " + ", ".join(core.MERGE_FIELDS)},
        }

    def create(self, validated_data: dict[str, Any]) -> Campaign:
        user = acting_user(self.context["request"])
        return services.save_campaign(
            campaign=None,
            values=CampaignValues(**{"cost": Decimal("0"), **validated_data}, sender=user),
            user=user,
        )


class RecipientSerializer(serializers.ModelSerializer[Recipient]):
    company_name = serializers.CharField(source="company.name", read_only=True)

    class Meta:
        model = Recipient
        fields = [
            "id",
            "company",
            "company_name",
            "contact",
            "address",
            "phone",
            "language",
            "lawful_basis",
            "state",
            "error",
            "sent_at",
            "bounced",
            "replied_at",
            "opted_out_at",
            "outcome",
            "outcome_at",
            "follow_up_on",
            "note",
        ]
        read_only_fields = fields


class CallOutcomeSerializer(serializers.Serializer[Any]):
    recipient = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=CallOutcome.choices)
    follow_up_on = serializers.DateField(required=False, allow_null=True)
    assigned_to = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class CampaignEventSerializer(serializers.Serializer[Any]):
    address = serializers.EmailField()
    kind = serializers.ChoiceField(choices=["hard_bounce", "soft_bounce", "reply"])
    occurred_on = serializers.DateField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class LinkSerializer(serializers.Serializer[Any]):
    offer = serializers.IntegerField(required=False)
    order = serializers.IntegerField(required=False)


def results_data(campaign: Campaign) -> dict[str, Any]:
    result = selectors.results(campaign)
    return {
        "channel": result.channel,
        "listed": result.listed,
        "excluded": result.excluded,
        "queued": result.queued,
        "sent": result.sent,
        "failed": result.failed,
        "delivered": result.delivered,
        "hard_bounces": result.hard_bounces,
        "soft_bounces": result.soft_bounces,
        "opt_outs": result.opt_outs,
        "replies": result.replies,
        "called": result.called,
        "reached": result.reached,
        "interested": result.interested,
        "meetings": result.meetings,
        "leads": result.leads,
        "offers": [o.pk for o in result.offers],
        "orders": [o.pk for o in result.orders],
        "cost": str(result.cost),
        "currency": result.currency,
        "cost_per_lead": None if result.cost_per_lead is None else str(result.cost_per_lead),
        "window_from": result.window_from,
        "window_to": result.window_to,
        "funnel": [
            {
                "stage": s.key,
                "count": s.count,
                "of_first_pct": None if s.of_first is None else str(s.of_first),
                "of_previous_pct": None if s.of_previous is None else str(s.of_previous),
            }
            for s in result.stages
        ],
    }


class CampaignViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Campaign],
):
    serializer_class = CampaignSerializer

    def get_queryset(self) -> QuerySet[Campaign]:
        return Campaign.objects.select_related("target_list", "sender").order_by(
            "-created_at", "-id"
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("target", int, required=False),
            OpenApiParameter("lang", str, required=False, enum=["fr", "en"]),
        ],
        responses={200: dict},
    )
    @action(detail=True, methods=["get"])
    def preview(self, request: Request, pk: str | None = None) -> Response:
        """The e-mail as a target of the list would receive it (a sample person without)."""
        campaign = self.get_object()
        raw = request.query_params.get("target", "")
        target = None
        if raw:
            if not raw.isdigit() or campaign.target_list is None:
                raise serializers.ValidationError({"target": "Not a target of the list."})
            target = get_object_or_404(campaign.target_list.targets.all(), pk=int(raw))
        lang = request.query_params.get("lang", "")
        rendered = mailing.preview(
            campaign, target=target, language=lang if lang in ("fr", "en") else ""
        )
        return Response(
            {
                "language": rendered.language,
                "subject": rendered.subject,
                "text": rendered.text,
                "html": rendered.html,
            }
        )

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"])
    def test(self, request: Request, pk: str | None = None) -> Response:
        """Send the preview to oneself."""
        address = mailing.send_test(campaign=self.get_object(), user=acting_user(request))
        return Response({"sent_to": address})

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        """List the recipients and queue the e-mails (a manager's)."""
        queued = services.start_sending(campaign=self.get_object(), user=acting_user(request))
        return Response({"queued": queued})

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"])
    def calls(self, request: Request, pk: str | None = None) -> Response:
        count = services.start_calls(campaign=self.get_object(), user=acting_user(request))
        return Response({"to_call": count})

    @extend_schema(
        request=CampaignResumeSerializer,
        responses={200: dict},
    )
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, pk: str | None = None) -> Response:
        body = CampaignResumeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        retry = bool(body.validated_data["retry_failed"])
        queued = services.resume(
            campaign=self.get_object(), user=acting_user(request), retry_failed=retry
        )
        return Response({"queued": queued})

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        return Response(results_data(self.get_object()))

    @extend_schema(responses=RecipientSerializer(many=True))
    @action(detail=True, methods=["get"])
    def recipients(self, request: Request, pk: str | None = None) -> Response:
        items = selectors.recipients_of(self.get_object(), request.query_params.get("state", ""))
        page = self.paginate_queryset(items)  # type: ignore[arg-type]
        data = RecipientSerializer(page if page is not None else items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(request=CallOutcomeSerializer, responses=RecipientSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        """A call's outcome: an activity, and a task for a call back or a meeting."""
        serializer = CallOutcomeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        recipient = get_object_or_404(
            self.get_object().recipients.select_related("company", "contact"),
            pk=data["recipient"],
        )
        recipient = services.log_call(
            recipient=recipient,
            values=CallValues(
                outcome=data["outcome"],
                follow_up_on=data.get("follow_up_on"),
                assigned_to=data.get("assigned_to"),
                note=data.get("note", ""),
            ),
            user=acting_user(request),
        )
        return Response(RecipientSerializer(recipient).data)

    @extend_schema(request=CampaignEventSerializer, responses={201: dict})
    @action(detail=True, methods=["post"])
    def events(self, request: Request, pk: str | None = None) -> Response:
        """A bounce or a reply (a hard bounce blocks the address for every campaign)."""
        serializer = CampaignEventSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.record_event(
            campaign=self.get_object(),
            values=EventValues(**serializer.validated_data),
            user=acting_user(request),
        )
        return Response({"id": event.pk, "recipient": event.recipient_id}, status=201)

    @extend_schema(request={"multipart/form-data": TargetFileSerializer}, responses={200: dict})
    @action(
        detail=True, methods=["post"], url_path="events/import", parser_classes=[MultiPartParser]
    )
    def events_import(self, request: Request, pk: str | None = None) -> Response:
        """Bounces and replies from a CSV/XLSX file (address, kind, date, note)."""
        serializer = TargetFileSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        _too_big(upload)
        report = services.import_events(
            campaign=self.get_object(),
            stream=upload,
            filename=upload.name,
            user=acting_user(request),
        )
        body = {
            "rows_read": report.rows_read,
            "recorded": report.recorded,
            "errors": [e.__dict__ for e in report.errors],
        }
        return Response(body, status=400 if report.errors else 200)

    @extend_schema(request=LinkSerializer, responses={201: dict})
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk: str | None = None) -> Response:
        """Link by hand an offer or an order that came from the campaign."""
        from comptoir.sales.models import Offer, Order

        serializer = LinkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        offer = get_object_or_404(Offer, pk=data["offer"]) if data.get("offer") else None
        order = get_object_or_404(Order, pk=data["order"]) if data.get("order") else None
        link = services.link_sale(
            campaign=self.get_object(), offer=offer, order=order, user=acting_user(request)
        )
        return Response({"id": link.pk}, status=201)
