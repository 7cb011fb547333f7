"""Market studies in the API: thematic files (clips of intelligence items, notes typed by
hand, key terms and summary), synthesis notes (PDF and DOCX downloads), market selections
(grades, weights, proposals from data, ranking, decision, PDF) and SWOT/PESTEL notes (PDF).
Serializers type what the client sent and call the same services as the screens; a refusal
is a JSON 400 naming the field, a role the matrix refuses a JSON 403."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.catalog.models import Product
from comptoir.intelligence.models import Item, Theme
from comptoir.studies import documents, selectors, services
from comptoir.studies.inputs import (
    ClipValues,
    DecisionValues,
    FileValues,
    HandNoteValues,
    NoteValues,
    Section,
    StrategyValues,
    StudyValues,
)
from comptoir.studies.models import (
    Clip,
    MarketStudy,
    NoteLanguage,
    StrategyNote,
    SynthesisNote,
    ThematicFile,
)
from comptoir.trade import market_selection as ms

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COUNTRIES = serializers.ListField(
    child=serializers.CharField(max_length=2), max_length=services.MAX_COUNTRIES, required=False
)


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class StudyClipSerializer(serializers.ModelSerializer[Clip]):
    item_title = serializers.CharField(source="item.title", read_only=True, default="")
    source_name = serializers.CharField(source="item.source.name", read_only=True, default="")
    reliability = serializers.IntegerField(
        source="item.source.reliability", read_only=True, default=None
    )

    class Meta:
        model = Clip
        fields = [
            "id",
            "item",
            "item_title",
            "source_name",
            "reliability",
            "title",
            "text",
            "comment",
            "digest",
            "clipped_by",
            "clipped_at",
        ]
        read_only_fields = fields


class ThematicFileSerializer(serializers.ModelSerializer[ThematicFile]):
    countries = COUNTRIES
    products = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), many=True, required=False
    )
    theme = serializers.ChoiceField(choices=Theme.choices)
    clips = StudyClipSerializer(many=True, read_only=True)

    class Meta:
        model = ThematicFile
        fields = [
            "id",
            "title",
            "description",
            "theme",
            "countries",
            "products",
            "shared",
            "owner",
            "created_at",
            "updated_at",
            "digest",
            "clips",
        ]
        read_only_fields = ["id", "owner", "created_at", "updated_at", "digest", "clips"]

    def values(self) -> FileValues:
        d = self.validated_data
        return FileValues(
            title=d["title"],
            theme=d["theme"],
            description=d.get("description", ""),
            countries=tuple(d.get("countries", ())),
            products=tuple(d.get("products", ())),
            shared=d.get("shared", True),
        )


class StudyClipInSerializer(serializers.Serializer[Any]):
    """An item to clip (``item``), or a note typed by hand (``title`` and ``text``)."""

    item = serializers.PrimaryKeyRelatedField(queryset=Item.objects.all(), required=False)
    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    text = serializers.CharField(max_length=services.MAX_TEXT, required=False, allow_blank=True)
    comment = serializers.CharField(
        max_length=services.MAX_TEXT, required=False, allow_blank=True, default=""
    )


class ThematicFileViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[ThematicFile],
):
    """Thematic files the user may see (shared ones and their own private ones).
    ``POST .../clips/`` clips an intelligence item (``item``, ``comment``) or adds a note
    typed by hand (``title``, ``text``); the file's key terms and summary (``digest``) are
    computed again."""

    serializer_class = ThematicFileSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ThematicFile]:
        return selectors.file_list(self.request.user, self.request.query_params).prefetch_related(
            "products", "clips__item__source"
        )

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.create_file(
            values=serializer.values(), user=acting_user(self.request)
        )

    @extend_schema(request=StudyClipInSerializer, responses=StudyClipSerializer)
    @action(detail=True, methods=["post"])
    def clips(self, request: Request, pk: str | None = None) -> Response:
        body = StudyClipInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        d = body.validated_data
        file = self.get_object()
        if d.get("item") is not None:
            clip = services.clip_item(
                file=file,
                values=ClipValues(item=d["item"], comment=d["comment"]),
                user=acting_user(request),
            )
        else:
            clip = services.add_hand_note(
                file=file,
                values=HandNoteValues(
                    title=d.get("title", ""), text=d.get("text", ""), comment=d["comment"]
                ),
                user=acting_user(request),
            )
        return Response(StudyClipSerializer(clip).data, status=201)


class NoteSectionSerializer(serializers.Serializer[Any]):
    heading = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    body = serializers.CharField(max_length=services.MAX_TEXT, allow_blank=True)


class SynthesisNoteSerializer(serializers.ModelSerializer[SynthesisNote]):
    file = serializers.PrimaryKeyRelatedField(queryset=ThematicFile.objects.all())
    language = serializers.ChoiceField(choices=NoteLanguage.choices)
    sections = serializers.ListField(
        child=NoteSectionSerializer(), max_length=services.MAX_SECTIONS
    )

    class Meta:
        model = SynthesisNote
        fields = [
            "id",
            "file",
            "title",
            "language",
            "sections",
            "conclusion",
            "version",
            "author",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "version", "author", "created_at", "updated_at"]

    def values(self) -> NoteValues:
        d = self.validated_data
        return NoteValues(
            title=d["title"],
            language=d["language"],
            sections=tuple(
                Section(heading=s.get("heading", ""), body=s["body"]) for s in d["sections"]
            ),
            conclusion=d.get("conclusion", ""),
        )


class SynthesisNoteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[SynthesisNote],
):
    """Synthesis notes of the files the user may see; each change is a new version.
    ``GET .../pdf/`` and ``GET .../docx/`` download it in the note's language, with the
    file's clipped items as numbered sources."""

    serializer_class = SynthesisNoteSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self) -> QuerySet[SynthesisNote]:
        visible = selectors.visible_files(self.request.user)
        return SynthesisNote.objects.filter(file__in=visible).select_related("file", "author")

    def perform_create(self, serializer: Any) -> None:
        file = selectors.visible_files(self.request.user).get(
            pk=serializer.validated_data["file"].pk
        )
        serializer.instance = services.save_note(
            file=file, values=serializer.values(), user=acting_user(self.request)
        )

    def perform_update(self, serializer: Any) -> None:
        note = self.get_object()
        serializer.instance = services.save_note(
            file=note.file, values=serializer.values(), user=acting_user(self.request), note=note
        )

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        note = self.get_object()
        return _download(documents.note_pdf(note), "application/pdf", f"note-{note.pk}.pdf")

    @extend_schema(responses={(200, DOCX): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def docx(self, request: Request, pk: str | None = None) -> HttpResponse:
        note = self.get_object()
        return _download(documents.note_docx(note), DOCX, f"note-{note.pk}.docx")


class MarketCandidateSerializer(serializers.Serializer[Any]):
    country = serializers.CharField()
    grades = serializers.DictField(child=serializers.CharField(allow_null=True))
    grade_sources = serializers.DictField(child=serializers.CharField())
    rank = serializers.IntegerField(allow_null=True)
    score = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)


class MarketStudySerializer(serializers.ModelSerializer[MarketStudy]):
    countries = serializers.ListField(
        child=serializers.CharField(max_length=2),
        min_length=ms.MIN_CANDIDATES,
        max_length=ms.MAX_CANDIDATES,
        write_only=True,
    )
    weights = serializers.DictField(
        child=serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=100),
        required=False,
    )
    products = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), many=True, required=False
    )
    files = serializers.PrimaryKeyRelatedField(
        queryset=ThematicFile.objects.all(), many=True, required=False
    )
    candidates = serializers.SerializerMethodField()
    missing_grades = serializers.SerializerMethodField()

    class Meta:
        model = MarketStudy
        fields = [
            "id",
            "title",
            "scope",
            "countries",
            "products",
            "files",
            "weights",
            "status",
            "candidates",
            "missing_grades",
            "chosen",
            "decision_reason",
            "decided_by",
            "decided_at",
            "owner",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "status",
            "chosen",
            "decision_reason",
            "decided_by",
            "decided_at",
            "owner",
            "created_at",
        ]

    @extend_schema_field(MarketCandidateSerializer(many=True))
    def get_candidates(self, study: MarketStudy) -> list[dict[str, Any]]:
        view = selectors.study_view(study)
        placed = {p.country: p for p in view.selection.ranking} if view.selection else {}
        return [
            {
                "country": c.country,
                "grades": {
                    n: (str(g) if g is not None else None)
                    for n, g in view.grades[c.country].items()
                },
                "grade_sources": c.grade_sources,
                "rank": placed[c.country].rank if c.country in placed else None,
                "score": placed[c.country].score_rounded if c.country in placed else None,
            }
            for c in view.candidates
        ]

    def get_missing_grades(self, study: MarketStudy) -> int:
        return len(selectors.study_view(study).missing)

    def to_representation(self, instance: MarketStudy) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["weights"] = {n: str(w) for n, w in selectors.weights_of(instance).items()}
        return data


class MarketGradesSerializer(serializers.Serializer[Any]):
    grades = serializers.DictField(
        child=serializers.DictField(
            child=serializers.DecimalField(
                max_digits=2, decimal_places=1, min_value=0, max_value=5, allow_null=True
            )
        ),
        help_text="country -> criterion -> grade 0-5 (null clears the cell)",
    )


class MarketWeightsSerializer(serializers.Serializer[Any]):
    weights = serializers.DictField(
        child=serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=100),
        help_text="criterion -> weight in percent; the weights add up to 100",
    )


class MarketProposeSerializer(serializers.Serializer[Any]):
    overwrite = serializers.BooleanField(default=False)


class MarketDecisionSerializer(serializers.Serializer[Any]):
    chosen = serializers.ListField(
        child=serializers.CharField(max_length=2), max_length=ms.MAX_CANDIDATES
    )
    reason = serializers.CharField(
        max_length=services.MAX_TEXT, required=False, allow_blank=True, default=""
    )


class MarketStudyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[MarketStudy],
):
    """Market selections: 2 to 12 candidate countries graded 0-5 on seven weighted criteria
    (``market_size``, ``growth``, ``access``, ``distance``, ``risk``, ``competition``,
    ``language``), grades proposed from data at creation. ``POST .../grades/``,
    ``.../weights/``, ``.../propose/``; the ranking is in ``candidates`` once every cell is
    graded; ``POST .../decide/`` records the decision (a manager's; a reason unless the first
    of the ranking is chosen); ``GET .../pdf/``."""

    serializer_class = MarketStudySerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[MarketStudy]:
        return selectors.study_list(self.request.query_params).prefetch_related("products", "files")

    def perform_create(self, serializer: Any) -> None:
        d = serializer.validated_data
        weights = d.get("weights")
        if weights is not None:
            unknown = set(weights) - set(ms.CRITERIA)
            if unknown:
                raise serializers.ValidationError({"weights": sorted(unknown)})
        serializer.instance = services.create_study(
            values=StudyValues(
                title=d["title"],
                scope=d.get("scope", ""),
                countries=tuple(d["countries"]),
                products=tuple(d.get("products", ())),
                files=tuple(d.get("files", ())),
                weights=weights,
            ),
            user=acting_user(self.request),
        )

    def _answer(self, study: MarketStudy) -> Response:
        study.refresh_from_db()
        return Response(self.get_serializer(study).data)

    @extend_schema(request=MarketGradesSerializer, responses=MarketStudySerializer)
    @action(detail=True, methods=["post"])
    def grades(self, request: Request, pk: str | None = None) -> Response:
        body = MarketGradesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        study = self.get_object()
        services.set_grades(
            study=study,
            grades={c.upper(): row for c, row in body.validated_data["grades"].items()},
            user=acting_user(request),
        )
        return self._answer(study)

    @extend_schema(request=MarketWeightsSerializer, responses=MarketStudySerializer)
    @action(detail=True, methods=["post"])
    def weights(self, request: Request, pk: str | None = None) -> Response:
        body = MarketWeightsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        study = self.get_object()
        services.set_weights(
            study=study, weights=body.validated_data["weights"], user=acting_user(request)
        )
        return self._answer(study)

    @extend_schema(request=MarketProposeSerializer, responses=MarketStudySerializer)
    @action(detail=True, methods=["post"])
    def propose(self, request: Request, pk: str | None = None) -> Response:
        body = MarketProposeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        study = self.get_object()
        services.propose_grades(
            study=study, user=acting_user(request), overwrite=body.validated_data["overwrite"]
        )
        return self._answer(study)

    @extend_schema(request=MarketDecisionSerializer, responses=MarketStudySerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        body = MarketDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        study = self.get_object()
        services.decide(
            study=study,
            values=DecisionValues(
                chosen=tuple(body.validated_data["chosen"]), reason=body.validated_data["reason"]
            ),
            user=acting_user(request),
        )
        return self._answer(study)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        study = self.get_object()
        language = (get_language() or "en")[:2]
        return _download(
            documents.selection_pdf(study, language), "application/pdf", f"selection-{study.pk}.pdf"
        )


class StrategyNoteSerializer(serializers.ModelSerializer[StrategyNote]):
    kind = serializers.ChoiceField(choices=StrategyNote.Kind.choices)
    language = serializers.ChoiceField(choices=NoteLanguage.choices, default="fr")
    country = serializers.CharField(max_length=2, required=False, allow_blank=True, default="")
    product = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), required=False, allow_null=True
    )
    files = serializers.PrimaryKeyRelatedField(
        queryset=ThematicFile.objects.all(), many=True, required=False
    )
    parts = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(max_length=2000), max_length=30),
        help_text="SWOT: strengths, weaknesses, opportunities, threats; PESTEL: political, "
        "economic, social, technological, environmental, legal -> points",
    )

    class Meta:
        model = StrategyNote
        fields = [
            "id",
            "kind",
            "title",
            "language",
            "country",
            "product",
            "files",
            "parts",
            "conclusion",
            "author",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "author", "created_at", "updated_at"]

    def values(self) -> StrategyValues:
        d = self.validated_data
        return StrategyValues(
            kind=d["kind"],
            title=d["title"],
            language=d.get("language", "fr"),
            country=d.get("country", ""),
            product=d.get("product"),
            files=tuple(d.get("files", ())),
            parts={k: tuple(v) for k, v in d["parts"].items()},
            conclusion=d.get("conclusion", ""),
        )


class StrategyNoteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[StrategyNote],
):
    """SWOT and PESTEL notes per market (country) or product; ``GET .../pdf/`` prints one."""

    serializer_class = StrategyNoteSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self) -> QuerySet[StrategyNote]:
        return selectors.strategy_list(self.request.query_params).prefetch_related("files")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.save_strategy(
            values=serializer.values(), user=acting_user(self.request)
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.save_strategy(
            values=serializer.values(), user=acting_user(self.request), note=self.get_object()
        )

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        note = self.get_object()
        return _download(
            documents.strategy_pdf(note), "application/pdf", f"{note.kind}-{note.pk}.pdf"
        )
