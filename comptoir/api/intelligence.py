"""Market intelligence in the API: sources (with "poll now"), the items they brought (with
their regulatory watch links), alerts and the user's matches (mark read). The serializers
validate what the client sent and call the same services as the screens; refusals are JSON
naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.catalog.models import Product
from comptoir.intelligence import selectors, services
from comptoir.intelligence.inputs import AlertValues, LinkValues, SourceValues
from comptoir.intelligence.models import (
    Alert,
    CustomsTopic,
    ErrorKind,
    Item,
    Match,
    Reliability,
    Source,
    SourceKind,
    Theme,
)
from comptoir.parties.models import Company

from .errors import refusal as _refusal

#: The choices as the schema names them (settings ENUM_NAME_OVERRIDES).
THEMES = Theme.choices
ALERT_THEMES = [("", "any"), *Theme.choices]
TOPICS = [("", "none"), *CustomsTopic.choices]


class IntelligenceSourceSerializer(serializers.ModelSerializer[Source]):
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    theme = serializers.ChoiceField(choices=THEMES)
    reliability = serializers.ChoiceField(choices=Reliability.choices, default=5)
    poll_every_hours = serializers.IntegerField(min_value=1, max_value=720, default=24)
    url = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    last_error_kind = serializers.ChoiceField(
        choices=ErrorKind.choices, read_only=True, allow_blank=True
    )

    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "kind",
            "url",
            "country",
            "sector",
            "theme",
            "language",
            "reliability",
            "poll_every_hours",
            "active",
            "last_polled_at",
            "last_success_at",
            "last_error",
            "last_error_kind",
            "last_error_at",
            "errors_in_a_row",
        ]
        read_only_fields = [
            "last_polled_at",
            "last_success_at",
            "last_error",
            "last_error_at",
            "errors_in_a_row",
        ]

    def _save(self, source: Source | None, data: dict[str, Any]) -> Source:
        try:
            return services.save_source(
                source=source,
                values=SourceValues(**data),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def create(self, validated_data: dict[str, Any]) -> Source:
        return self._save(None, validated_data)

    def update(self, instance: Source, validated_data: dict[str, Any]) -> Source:
        current = {
            name: getattr(instance, name)
            for name in ("name", "kind", "url", "country", "sector", "theme", "language",
                         "reliability", "poll_every_hours", "active")
        }  # fmt: skip
        return self._save(instance, current | validated_data)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("country", str, description="ISO code of the country."),
            OpenApiParameter("sector", str, description="Part of the sector."),
            OpenApiParameter("theme", str, enum=Theme.values),
            OpenApiParameter("kind", str, enum=SourceKind.values),
            OpenApiParameter("status", str, enum=["active", "paused", "failing"]),
        ]
    )
)
class SourceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Source],
):
    """Intelligence sources: RSS/Atom feeds, web pages, documents uploaded; with their
    reliability (1 confirmed to 5 not rated), polling frequency and last error."""

    serializer_class = IntelligenceSourceSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Source]:
        return selectors.sources(self.request.query_params)

    def perform_destroy(self, instance: Source) -> None:
        services.delete_source(source=instance, user=acting_user(self.request))

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def poll(self, request: Request, pk: str | None = None) -> Response:
        """Queue the reading of this source now ("Read now")."""
        services.request_poll(source=self.get_object(), user=acting_user(request))
        return Response(status=status.HTTP_202_ACCEPTED)


class IntelligenceItemSerializer(serializers.ModelSerializer[Item]):
    source_name = serializers.CharField(source="source.name", read_only=True)
    reliability = serializers.IntegerField(source="source.reliability", read_only=True)
    countries = serializers.SerializerMethodField()
    alerts = serializers.SerializerMethodField()
    customs_topic = serializers.ChoiceField(choices=TOPICS, read_only=True)

    class Meta:
        model = Item
        fields = [
            "id",
            "source",
            "source_name",
            "reliability",
            "title",
            "link",
            "published_at",
            "fetched_at",
            "language",
            "summary_html",
            "text",
            "products",
            "countries",
            "cn_code",
            "customs_topic",
            "link_note",
            "alerts",
        ]
        read_only_fields = fields

    def get_countries(self, item: Item) -> list[str]:
        return [c.country for c in item.countries.all()]

    def get_alerts(self, item: Item) -> list[int]:
        return [m.alert_id for m in item.matches.all()]


class IntelligenceLinkSerializer(serializers.Serializer[Any]):
    products = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), many=True, required=False, help_text="200 at most."
    )
    countries = serializers.ListField(
        child=serializers.CharField(max_length=2), required=False, max_length=50
    )
    cn_code = serializers.CharField(max_length=14, required=False, allow_blank=True)
    customs_topic = serializers.ChoiceField(choices=TOPICS, required=False)
    link_note = serializers.CharField(max_length=500, required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Words in the title or text."),
            OpenApiParameter("source", int),
            OpenApiParameter("country", str),
            OpenApiParameter("theme", str, enum=Theme.values),
            OpenApiParameter("alert", int),
            OpenApiParameter("since", str, description="YYYY-MM-DD"),
            OpenApiParameter("until", str, description="YYYY-MM-DD"),
        ]
    )
)
class ItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Item]):
    """Items brought by the sources (stored once), newest first; HTML summaries sanitised."""

    serializer_class = IntelligenceItemSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Item]:
        params: dict[str, str] = {k: str(v) for k, v in self.request.query_params.items()}
        for name in ("since", "until"):
            value = params.get(name, "")
            if value and not _is_date(value):
                raise serializers.ValidationError({name: [_("Use the form YYYY-MM-DD.")]})
        for name in ("source", "alert"):
            if params.get(name) and not params[name].isdigit():
                raise serializers.ValidationError({name: [_("A whole number is expected.")]})
        return selectors.items(params).prefetch_related("countries", "matches", "products")

    @extend_schema(request=IntelligenceLinkSerializer, responses=IntelligenceItemSerializer)
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk: str | None = None) -> Response:
        """Regulatory watch: the products, countries, CN code and customs topic concerned."""
        body = IntelligenceLinkSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        item = self.get_object()
        services.link_item(
            item=item,
            values=LinkValues(
                products=tuple(data.get("products", ())),
                countries=tuple(data.get("countries", ())),
                cn_code=data.get("cn_code", ""),
                customs_topic=data.get("customs_topic", ""),
                link_note=data.get("link_note", ""),
            ),
            user=acting_user(request),
        )
        return Response(self.get_serializer(self.get_object()).data)


def _is_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class IntelligenceAlertSerializer(serializers.ModelSerializer[Alert]):
    shared = serializers.BooleanField(
        default=False, help_text="True: for the whole team; false: for the user who sends it."
    )
    owner = serializers.IntegerField(source="owner_id", read_only=True, allow_null=True)
    theme = serializers.ChoiceField(choices=ALERT_THEMES, required=False)
    products = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), many=True, required=False
    )
    competitor = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(), required=False, allow_null=True
    )
    terms = serializers.CharField(max_length=8000, required=False, allow_blank=True)
    excluded = serializers.CharField(max_length=4000, required=False, allow_blank=True)

    class Meta:
        model = Alert
        fields = [
            "id",
            "name",
            "shared",
            "owner",
            "terms",
            "excluded",
            "theme",
            "country",
            "products",
            "competitor",
            "active",
        ]

    def to_representation(self, instance: Alert) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["shared"] = instance.owner_id is None
        return data

    def _save(self, alert: Alert | None, data: dict[str, Any]) -> Alert:
        user = acting_user(self.context["request"])
        shared = data.pop("shared", False)
        owner = None if shared else (alert.owner if alert is not None and alert.owner else user)
        data["products"] = tuple(data.get("products", ()))
        try:
            return services.save_alert(
                alert=alert, values=AlertValues(owner=owner, **data), user=user
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def create(self, validated_data: dict[str, Any]) -> Alert:
        return self._save(None, validated_data)

    def update(self, instance: Alert, validated_data: dict[str, Any]) -> Alert:
        current: dict[str, Any] = {
            "name": instance.name,
            "shared": instance.owner_id is None,
            "terms": instance.terms,
            "excluded": instance.excluded,
            "theme": instance.theme,
            "country": instance.country,
            "products": list(instance.products.all()),
            "competitor": instance.competitor,
            "active": instance.active,
        }
        return self._save(instance, current | validated_data)


class AlertViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Alert],
):
    """Alerts: keywords and phrases (one per line; "in quotes" = in sequence), excluded
    words, scope (theme, country, products, competitor); matched in French and English,
    accents and plurals folded. Saving one matches the items of the last 90 days again."""

    serializer_class = IntelligenceAlertSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Alert]:
        return (
            Alert.objects.select_related("owner", "competitor")
            .prefetch_related("products")
            .order_by("name")
        )

    def perform_destroy(self, instance: Alert) -> None:
        services.delete_alert(alert=instance, user=acting_user(self.request))


class IntelligenceMatchSerializer(serializers.ModelSerializer[Match]):
    alert_name = serializers.CharField(source="alert.name", read_only=True)
    title = serializers.CharField(source="item.title", read_only=True)

    class Meta:
        model = Match
        fields = ["id", "item", "title", "alert", "alert_name", "matched_at"]
        read_only_fields = fields


class IntelligenceMarkReadSerializer(serializers.Serializer[Any]):
    matches = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=1000
    )
    all = serializers.BooleanField(default=False, help_text="Every unread match of the user.")


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("unread", bool, description="Only the ones not read.")]
    )
)
class MatchViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Match]):
    """The matches of the alerts the user receives (their own and the shared ones); marking
    them read is personal, so read-only users may too."""

    serializer_class = IntelligenceMatchSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Match]:
        unread = self.request.query_params.get("unread", "") in ("1", "true")
        return selectors.matches_of(acting_user(self.request), unread=unread)

    @extend_schema(request=IntelligenceMarkReadSerializer, responses={200: None})
    @action(detail=False, methods=["post"], url_path="read")
    def read(self, request: Request) -> Response:
        """Mark matches as read for the user (listed ones, or all)."""
        body = IntelligenceMarkReadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = acting_user(request)
        rows = selectors.matches_of(user, unread=True)
        if not body.validated_data["all"]:
            ids = body.validated_data.get("matches") or []
            if not ids:
                raise serializers.ValidationError(
                    {"matches": [_("List the matches, or send all.")]}
                )
            rows = rows.filter(pk__in=ids)
        done = services.mark_read(matches=list(rows[:5000]), user=user)
        return Response({"read": done})
