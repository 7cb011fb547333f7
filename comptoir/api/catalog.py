"""The Combined Nomenclature in the API: a code with its labels in French and English, its
path (chapter > heading > subheading > code) and its supplementary unit."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.catalog import selectors
from comptoir.common.dates import current_language
from comptoir.trade.nomenclature import format_cn

_PATH = inline_serializer(
    "CnPathLine",
    many=True,
    fields={
        "code": serializers.CharField(),
        "display_code": serializers.CharField(),
        "level": serializers.CharField(),
        "label": serializers.CharField(),
    },
)
CN_CODE = inline_serializer(
    "CnCode",
    fields={
        "code": serializers.CharField(help_text="The code as digits (2, 4, 6 or 8)."),
        "display_code": serializers.CharField(help_text='As printed: "7323 92 00".'),
        "level": serializers.CharField(help_text="chapter, heading, subheading or cn8"),
        "hs_code": serializers.CharField(help_text="The HS 2022 subheading (first six digits)."),
        "label": serializers.CharField(help_text="The label in the asked language."),
        "label_en": serializers.CharField(),
        "label_fr": serializers.CharField(),
        "short_label": serializers.CharField(
            help_text='What documents print: the label, with the one above it for an "Other" code.'
        ),
        "supplementary_unit": serializers.CharField(help_text='Code of the file ("PST") or "".'),
        "supplementary_unit_notation": serializers.CharField(help_text='As printed ("p/st").'),
        "language": serializers.CharField(),
        "path": _PATH,
        "path_text": serializers.CharField(),
    },
)
CN_ERROR = inline_serializer(
    "CnError", fields={"error": serializers.CharField(), "field": serializers.CharField()}
)


class CnCodeView(APIView):
    """A Combined Nomenclature code of the loaded CN; 404 when the CN does not have it."""

    permission_classes = [IsAuthenticated]  # reference data: every signed-in user reads it

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "language", str, enum=["en", "fr"], description="Labels in this language."
            )
        ],
        responses={200: CN_CODE, 400: CN_ERROR, 404: CN_ERROR},
    )
    def get(self, request: Request, code: str) -> Response:
        digits = "".join(code.replace(".", "").split())
        if not (digits.isascii() and digits.isdigit()) or len(digits) not in (2, 4, 6, 8, 10):
            return Response(
                {
                    "error": _("A CN code has 2, 4, 6 or 8 digits (10 for TARIC), not %(code)s.")
                    % {"code": code},
                    "field": "code",
                },
                status=400,
            )
        asked = request.query_params.get("language", "")
        language = asked if asked in ("en", "fr") else current_language()
        found = selectors.cn_facts(digits[:8], language)
        if found is None:
            return Response(
                {
                    "error": _("%(code)s is not in the loaded Combined Nomenclature.")
                    % {"code": format_cn(digits)},
                    "field": "code",
                },
                status=404,
            )
        return Response(found)
