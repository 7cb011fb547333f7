"""The monthly reports in the API (``/api/monthly-reports/``): list and read them, prepare
a month's draft and write its commentary (assistants), send it (managers), download the PDF
as sent. Serializers validate, then call the same services as the screens
(``comptoir.reporting.monthly``); refusals are JSON naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.translation import get_language
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
    pdf_job = serializers.CharField(
        source="job", read_only=True, help_text="The last job asked: preview or send."
    )
    pdf_state = serializers.CharField(
        source="job_state",
        read_only=True,
        help_text="queued, rendering, ready, failed (empty: no job asked yet).",
    )
    pdf_error = serializers.SerializerMethodField(
        help_text="The failed job's error, in the language of the request."
    )
    draft_pdf_at = serializers.DateTimeField(
        source="draft_rendered_at", read_only=True, allow_null=True
    )
    draft_pdf_stale = serializers.SerializerMethodField(
        help_text="The commentary or the settings changed since the draft PDF was made."
    )

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
            "pdf_job",
            "pdf_state",
            "pdf_error",
            "draft_pdf_at",
            "draft_pdf_stale",
        ]

    def get_pdf_error(self, report: MonthlyReport) -> str:
        return monthly.job_error_text(report, get_language() or "en")

    def get_draft_pdf_stale(self, report: MonthlyReport) -> bool:
        if "monthly_settings" not in self.context:  # read once for a list of reports
            self.context["monthly_settings"] = monthly.current_settings()
        return monthly.draft_is_stale(report, self.context["monthly_settings"])

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

    def _queued(self, request: Request, job: Any) -> Response:
        report = self.get_object()
        try:
            queued = job(report=report, user=acting_user(request))
        except monthly.JobBusy as exc:
            return Response({"detail": " ".join(exc.messages)}, status=409)
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(MonthlyReportSerializer(queued).data, status=202)

    @extend_schema(
        request=None,
        responses={202: MonthlyReportSerializer, 409: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        """Send a draft to the recipients of the settings (managers): queued, answered at
        once (202, ``pdf_state`` queued); the job renders the PDF and e-mails it, and only
        then is the report frozen. Follow ``pdf_state`` with GET. A job already queued or
        running: 409."""
        return self._queued(request, monthly.request_send)

    @extend_schema(
        request=None,
        responses={202: MonthlyReportSerializer, 409: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["post"])
    def prepare(self, request: Request, pk: str | None = None) -> Response:
        """Make the draft PDF (assistants): queued, answered at once (202); GET ``preview``
        once ``pdf_state`` is ready. A job already queued or running: 409."""
        return self._queued(request, monthly.request_draft)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The last draft PDF made (none yet: 404); see draft_pdf_stale.",
            )
        }
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PdfRenderer])
    def preview(self, request: Request, pk: str | None = None) -> HttpResponse:
        report = self.get_object()
        stored = selectors.monthly_report_draft_pdf(report.pk)
        if stored is None or report.is_sent:
            raise Http404
        return pdf_response(stored, monthly.pdf_filename(report))

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
