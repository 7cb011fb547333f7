"""Sanctions screening in the API: the lists in use and their versions, the hits (list,
read, review) and the screening of a name. The serializers validate, then call the same
services as the screens; a refusal is JSON naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.accounts.roles import acting_user
from comptoir.calculators.texts import translate
from comptoir.compliance import selectors, services
from comptoir.compliance.models import Hit, HitStatus, ListVersion, Source
from comptoir.trade import screening

from .errors import refusal as _refusal

#: What a review may decide.
REVIEW_DECISIONS = [HitStatus.FALSE_POSITIVE.value, HitStatus.CONFIRMED.value]
SCREEN_KINDS = [screening.ENTITY, screening.PERSON]


class ListVersionSerializer(serializers.ModelSerializer[ListVersion]):
    class Meta:
        model = ListVersion
        fields = [
            "id",
            "source",
            "file_format",
            "published_on",
            "sha256",
            "file_name",
            "file_size",
            "entry_count",
            "name_count",
            "person_count",
            "entity_count",
            "is_current",
            "imported_at",
        ]
        read_only_fields = fields


class HitSerializer(serializers.ModelSerializer[Hit]):
    reasons = serializers.SerializerMethodField(
        help_text="Why the names match, in the caller's language."
    )
    reviewed_by = serializers.SerializerMethodField()

    class Meta:
        model = Hit
        fields = [
            "id",
            "company",
            "contact",
            "source",
            "entry_ref",
            "entry_name",
            "score",
            "matched_name",
            "listed_name",
            "reasons",
            "status",
            "reviewed_by",
            "reviewed_at",
            "review_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_reasons(self, hit: Hit) -> list[str]:
        return [translate(r) for r in services.reason_texts(hit.reasons)]

    def get_reviewed_by(self, hit: Hit) -> str:
        return hit.reviewed_by.get_username() if hit.reviewed_by else ""


class ReviewSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=REVIEW_DECISIONS)
    reason = serializers.CharField(max_length=2000)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=[*HitStatus.values, "all"],
                description="Default: open (to review).",
            ),
            OpenApiParameter("source", str, enum=Source.values),
            OpenApiParameter("q", str, description="Party, listed name or reference."),
        ]
    )
)
class HitViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Hit],
):
    """Screening hits: a company or contact that may be on a sanctions list."""

    serializer_class = HitSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Hit]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        params.setdefault("status", "open")
        return selectors.hit_list(params)

    @extend_schema(request=ReviewSerializer, responses=HitSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """A manager's decision: false positive or confirmed, with the reason."""
        params = ReviewSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            hit = services.review_hit(
                hit=self.get_object(),
                review=services.Review(
                    status=params.validated_data["status"],
                    reason=params.validated_data["reason"],
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(hit).data)


class ListVersionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[ListVersion]
):
    """The sanctions lists imported, every version (``is_current``: the one in use)."""

    serializer_class = ListVersionSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ListVersion]:
        return selectors.versions()


class ScreenNameSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=SCREEN_KINDS, default=screening.ENTITY)
    country = serializers.CharField(max_length=2, min_length=2, required=False)
    birth_year = serializers.IntegerField(min_value=1900, max_value=2100, required=False)


class ScreenMatchSerializer(serializers.Serializer[Any]):
    sanctions_list = serializers.ChoiceField(choices=Source.values)
    entry_ref = serializers.CharField()
    entry_name = serializers.CharField()
    listed_name = serializers.CharField()
    score = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())


class ScreenResultSerializer(serializers.Serializer[Any]):
    lists = serializers.ListField(child=serializers.CharField())
    compared = serializers.IntegerField()
    matches = ScreenMatchSerializer(many=True)


class ScreenView(APIView):
    """Screen a name against the lists in use (nothing is recorded)."""

    @extend_schema(
        request=ScreenNameSerializer,
        responses=ScreenResultSerializer,
        operation_id="sanctions_screen",
    )
    def post(self, request: Request) -> Response:
        params = ScreenNameSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        index = services.current_index()
        if index is None:
            raise serializers.ValidationError({"non_field_errors": [_no_list_message()]})
        subject = screening.Subject(
            names=(data["name"],),
            kind=data["kind"],
            countries=(data["country"].upper(),) if data.get("country") else (),
            birth_year=data.get("birth_year"),
        )
        matches, compared = index.screen(subject)
        entries = services.entries_by_pk([int(m.ref) for m in matches])
        rows = []
        for found in matches[:50]:
            entry = entries.get(int(found.ref))
            if entry is None:
                continue
            rows.append(
                {
                    "sanctions_list": entry.source,
                    "entry_ref": entry.ref,
                    "entry_name": entry.main_name,
                    "listed_name": found.listed_name,
                    "score": found.percent,
                    "reasons": [translate(r) for r in found.reasons],
                }
            )
        return Response(
            {
                "lists": [v.source for v in selectors.current_versions()],
                "compared": compared,
                "matches": rows,
            }
        )


def _no_list_message() -> str:
    from django.utils.translation import gettext

    return gettext("No sanctions list is loaded: nothing to screen against.")
