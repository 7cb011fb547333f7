"""The monthly reports in the API (``/api/monthly-reports/``): list and read them, prepare
a month's draft and write its commentary (assistants), send it (managers), download the PDF
as sent. Serializers validate, then call the same services as the screens
(``comptoir.reporting.monthly``); refusals are JSON naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.documents.pdf import pdf_response
from comptoir.reporting import monthly, selectors
from comptoir.reporting.models import MAX_COMMENTARY, MonthlyReport

from .errors import refusal as _refusal
from .shipping_documents import PdfRenderer


class ReportRecipientSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()
    language = serializers.ChoiceField(choices=["fr", "en"])


class MonthlyReportSerializer(serializers.ModelSerializer[MonthlyReport]):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    commentary = serializers.CharField(
        max_length=MAX_COMMENTARY, allow_blank=True, required=False, trim_whitespace=True
    )
    status = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)
    dashboards = serializers.ListField(child=serializers.CharField(), read_only=True)
    sent_at = serializers.DateTimeField(read_only=True, allow_null=True)
    sent_to = ReportRecipientSerializer(many=True, read_only=True)

    class Meta:
        model = MonthlyReport
        fields = [
            "id",
            "year",
            "month",
            "commentary",
            "status",
            "language",
            "dashboards",
            "sent_at",
            "sent_to",
        ]

    def create(self, validated_data: dict[str, Any]) -> MonthlyReport:
        user = acting_user(self.context["request"])
        try:
            report = monthly.open_report(
                year=validated_data["year"], month=validated_data["month"], user=user
            )
            if validated_data.get("commentary"):
                report = monthly.save_commentary(
                    report=report, commentary=validated_data["commentary"], user=user
                )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return report

    def update(self, instance: MonthlyReport, validated_data: dict[str, Any]) -> MonthlyReport:
        for name in ("year", "month"):
            if name in validated_data and validated_data[name] != getattr(instance, name):
                raise serializers.ValidationError({name: [_("The month of a report is kept.")]})
        try:
            return monthly.save_commentary(
                report=instance,
                commentary=validated_data.get("commentary", instance.commentary),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class MonthlyReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[MonthlyReport],
):
    """Monthly reports, the latest month first: the commentary while a draft (assistants
    write it), then, once sent (managers), the language, the dashboards, when and to whom;
    ``pdf`` is the PDF as sent."""

    serializer_class = MonthlyReportSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[MonthlyReport]:
        return selectors.monthly_reports()

    @extend_schema(request=None, responses=MonthlyReportSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        """Send a draft to the recipients of the settings (managers); the report is frozen."""
        report = self.get_object()
        try:
            sent = monthly.send_report(report=report, user=acting_user(request))
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(MonthlyReportSerializer(sent).data)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The PDF as sent (a draft has none: 404)."
            )
        }
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PdfRenderer])
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        report = self.get_object()
        stored = selectors.monthly_report_pdf(report.pk)
        if stored is None:
            raise Http404
        return pdf_response(stored, monthly.pdf_filename(report))
