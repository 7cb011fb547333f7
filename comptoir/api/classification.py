"""Classification help in the API: ``GET /api/classification?q=...`` proposes CN8 codes (HS
subheadings when no Combined Nomenclature is loaded) for a description in French or English,
labelled in the asked language, as the search page and its suggestions do."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.catalog import hs_index
from comptoir.common.dates import current_language

#: most proposals one call may ask for
MAX_TOP = 50
#: longest description searched
MAX_QUERY = 200


class ClassificationQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    q = serializers.CharField(
        max_length=MAX_QUERY,
        help_text="The goods described in French or English, or the start of a code (6204 49).",
    )
    top = serializers.IntegerField(
        min_value=1, max_value=MAX_TOP, default=10, help_text="How many proposals, best first."
    )
    lang = serializers.ChoiceField(
        choices=[("fr", "French"), ("en", "English")],
        required=False,
        help_text="Language of the labels and paths; by default the user's.",
    )
    as_you_type = serializers.BooleanField(
        default=False, help_text="The last word may be unfinished (suggestions as you type)."
    )


class PathStepSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    display_code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label"


class ClassificationHitSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(help_text="CN8 code (8 digits), or the HS subheading (6).")
    display_code = serializers.CharField(help_text='As printed: "6204 49 10".')
    hs6 = serializers.CharField(help_text="The HS 2022 subheading (the code's first 6 digits).")
    label = serializers.CharField(  # type: ignore[assignment]  # a field named "label"
        help_text="The code's own label, in the asked language."
    )
    path = serializers.CharField(help_text="Chapter > heading > subheading > code, as text.")
    levels = PathStepSerializer(many=True, help_text="The same path, one level per item.")
    score = serializers.FloatField(help_text="Relevance, comparable within one answer only.")


class ClassificationView(APIView):
    """Propose customs codes for a description; a suggestion, the declarant decides."""

    permission_classes = [IsAuthenticated]  # reading the nomenclature changes nothing

    @extend_schema(
        parameters=[ClassificationQuerySerializer],
        responses={200: ClassificationHitSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        query = ClassificationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        hits = hs_index.classify(
            values["q"],
            top=values["top"],
            language=values.get("lang") or current_language(),
            as_you_type=values["as_you_type"],
        )
        return Response([hit.as_dict() for hit in hits])
