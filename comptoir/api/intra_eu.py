"""Intra-EU supplies in the API: the proof of transport of an invoice (items of evidence
recorded without their file: files go through the screens), the invoices lacking proof, and
the monthly declarations (EMEBI, état récapitulatif) prepared, filed and downloaded. The
serializers validate, then call the same services as the screens."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.calculators.texts import translate
from comptoir.documents.exports import XLSX_TYPE
from comptoir.intra_eu import files, selectors, services
from comptoir.intra_eu.models import Declaration, Evidence, EvidenceKind, Transporter
from comptoir.intra_eu.services import EvidenceValues
from comptoir.sales.models import Invoice

from .errors import refusal as _refusal


class EvidenceSerializer(serializers.ModelSerializer[Evidence]):
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    category = serializers.CharField(read_only=True, help_text='"a", "b" or "statement".')
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "category",
            "reference",
            "issuer",
            "document_date",
            "received_on",
            "contradicts",
            "has_file",
        ]

    def get_has_file(self, item: Evidence) -> bool:
        return bool(item.file_name)


class ProofSerializer(serializers.Serializer[Any]):
    invoice = serializers.IntegerField()
    number = serializers.CharField()
    client = serializers.CharField()
    arrival_country = serializers.CharField()
    supply_date = serializers.DateField()
    transporter = serializers.ChoiceField(choices=Transporter.choices)
    sufficient = serializers.BooleanField(help_text="Reg. 282/2011 art. 45 bis presumption met.")
    missing = serializers.ListField(child=serializers.CharField())
    evidence = EvidenceSerializer(many=True)


class TransporterSerializer(serializers.Serializer[Any]):
    transporter = serializers.ChoiceField(choices=Transporter.choices)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=2000)


def _proof_data(invoice: Invoice) -> dict[str, Any]:
    proof = selectors.proof_of(invoice)
    result = selectors.proof_result(invoice, proof)
    return {
        "invoice": invoice.pk,
        "number": invoice.number or "",
        "client": invoice.client.name,
        "arrival_country": (invoice.tax or {}).get("arrival_country", ""),
        "supply_date": selectors.supply_date(invoice),
        "transporter": proof.transporter if proof else "seller",
        "sufficient": result.presumed,
        "missing": selectors.missing_texts(result),
        "evidence": EvidenceSerializer(
            list(proof.evidence.defer("file")) if proof else [], many=True
        ).data,
    }


class IntraEuProofViewSet(viewsets.GenericViewSet[Invoice]):
    """The proof of transport of the intra-EU invoices (CGI art. 262 ter I). ``list``: the
    invoices without sufficient proof (``status=all`` for every one), supplied at least
    ``older_than`` days ago."""

    serializer_class = ProofSerializer
    filter_backends: list[Any] = []
    pagination_class = None

    def get_queryset(self) -> QuerySet[Invoice]:
        return selectors.intra_eu_invoices()

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=["missing", "all"]),
            OpenApiParameter("older_than", int, description="Days since the supply."),
            OpenApiParameter("client", int),
            OpenApiParameter("country", str, description="Country of arrival (ISO)."),
        ],
        responses=ProofSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        params = {key: str(value) for key, value in request.query_params.items()}
        if params.get("older_than") and not params["older_than"].isdigit():
            raise serializers.ValidationError({"older_than": ["A whole number of days."]})
        rows = selectors.proof_rows(params)
        return Response([_proof_data(row.invoice) for row in rows])

    @extend_schema(responses=ProofSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return Response(_proof_data(self.get_object()))

    @extend_schema(request=EvidenceSerializer, responses={201: ProofSerializer})
    @action(detail=True, methods=["post"])
    def evidence(self, request: Request, pk: str | None = None) -> Response:
        """Record an item of evidence received (its file is attached on the screen)."""
        invoice = self.get_object()
        params = EvidenceSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            services.add_evidence(
                invoice=invoice,
                values=EvidenceValues(
                    kind=data["kind"],
                    issuer=data["issuer"],
                    received_on=data["received_on"],
                    reference=data.get("reference", ""),
                    document_date=data.get("document_date"),
                    contradicts=data.get("contradicts", False),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(_proof_data(invoice), status=201)

    @extend_schema(request=TransporterSerializer, responses=ProofSerializer)
    @action(detail=True, methods=["post"])
    def transporter(self, request: Request, pk: str | None = None) -> Response:
        """Who transports the goods: we (or our carrier) or the buyer."""
        invoice = self.get_object()
        params = TransporterSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            services.set_transporter(
                invoice=invoice,
                transporter=params.validated_data["transporter"],
                notes=params.validated_data.get("notes", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(_proof_data(invoice))


class DeclarationLineSerializer(serializers.Serializer[Any]):
    cn8 = serializers.CharField(allow_blank=True)
    regime = serializers.CharField()
    nature = serializers.CharField(allow_blank=True)
    mode = serializers.CharField(allow_blank=True)
    partner_country = serializers.CharField(allow_blank=True)
    partner_vat = serializers.CharField(allow_blank=True)
    origin_country = serializers.CharField(allow_blank=True)
    department = serializers.CharField(allow_blank=True)
    supplementary_unit = serializers.CharField(allow_blank=True)
    net_mass = serializers.IntegerField(allow_null=True)
    quantity_su = serializers.IntegerField(allow_null=True)
    invoiced_amount = serializers.IntegerField(help_text="Whole euros, as filed (positive).")
    signed_amount = serializers.IntegerField(help_text="Negative for a credit note (regime 25).")
    statistical_value = serializers.IntegerField(allow_null=True)
    client = serializers.CharField(allow_blank=True)
    documents = serializers.ListField(child=serializers.CharField())


class ProblemSerializer(serializers.Serializer[Any]):
    document = serializers.CharField()
    field = serializers.CharField()
    message = serializers.CharField()


class DeclarationSerializer(serializers.ModelSerializer[Declaration]):
    kind = serializers.ChoiceField(choices=Declaration.Kind.choices)
    period = serializers.CharField(read_only=True, help_text="YYYY-MM")
    lines = serializers.SerializerMethodField()
    problems = serializers.SerializerMethodField()

    class Meta:
        model = Declaration
        fields = [
            "id",
            "kind",
            "period",
            "version",
            "status",
            "item_count",
            "total_eur",
            "xml_sha256",
            "portal_reference",
            "correction_reason",
            "filed_at",
            "lines",
            "problems",
        ]
        read_only_fields = fields

    def _computed(self, declaration: Declaration) -> selectors.Computed | None:
        if declaration.is_filed:
            return None
        cache: dict[int, selectors.Computed] = self.context.setdefault("computed", {})
        if declaration.pk not in cache:
            cache[declaration.pk] = selectors.compute(declaration.kind, declaration.month)
        return cache[declaration.pk]

    @extend_schema_field(DeclarationLineSerializer(many=True))
    def get_lines(self, declaration: Declaration) -> list[dict[str, Any]]:
        computed = self._computed(declaration)
        lines = declaration.lines if computed is None else computed.lines
        return DeclarationLineSerializer(lines, many=True).data  # type: ignore[return-value]

    @extend_schema_field(ProblemSerializer(many=True))
    def get_problems(self, declaration: Declaration) -> list[dict[str, str]]:
        computed = self._computed(declaration)
        if computed is None:
            return []
        problems = [
            {"document": p.document, "field": p.field, "message": translate(p.message)}
            for p in computed.problems
        ]
        problems += [
            {"document": "", "field": "declarant", "message": p} for p in files.setup_problems()
        ]
        return problems


class PrepareSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=Declaration.Kind.choices)
    month = serializers.RegexField(r"^20[0-9]{2}-(0[1-9]|1[0-2])$", help_text="YYYY-MM")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=250,
        help_text="Required for a correction of a month already filed.",
    )


class FileSerializer(serializers.Serializer[Any]):
    portal_reference = serializers.CharField(required=False, allow_blank=True, max_length=60)


class IntraEuDeclarationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Declaration],
):
    """The monthly declarations: EMEBI dispatches and arrivals, état récapitulatif. A draft's
    lines and problems are computed from today's data; a filed one is frozen (its lines and
    files never change: a correction is a new version)."""

    serializer_class = DeclarationSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Declaration]:
        declarations = selectors.declaration_list()
        params = self.request.query_params
        month = selectors.month_of(str(params.get("month", "")))
        if params.get("month") and month is None:
            raise serializers.ValidationError({"month": ["YYYY-MM."]})
        if month is not None:
            declarations = declarations.filter(month=month)
        if params.get("kind"):
            if params["kind"] not in Declaration.Kind.values:
                raise serializers.ValidationError({"kind": ["Unknown declaration."]})
            declarations = declarations.filter(kind=params["kind"])
        return declarations

    @extend_schema(
        parameters=[
            OpenApiParameter("month", str, description="YYYY-MM"),
            OpenApiParameter("kind", str, enum=Declaration.Kind.values),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=PrepareSerializer, responses={201: DeclarationSerializer})
    @action(detail=False, methods=["post"])
    def prepare(self, request: Request) -> Response:
        """The month's draft (the open one if any; after a filing, a correction with its
        reason)."""
        params = PrepareSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        month = selectors.month_of(params.validated_data["month"])
        assert month is not None  # the pattern checked it
        try:
            declaration = services.prepare(
                kind=params.validated_data["kind"],
                month=month,
                reason=params.validated_data.get("reason", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(declaration).data, status=201)

    @extend_schema(request=FileSerializer, responses=DeclarationSerializer)
    @action(detail=True, methods=["post"], url_path="file")
    def file_it(self, request: Request, pk: str | None = None) -> Response:
        """Mark as filed: lines, XML and XLSX frozen (refused while problems remain)."""
        params = FileSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            declaration = services.file_declaration(
                declaration=self.get_object(),
                portal_reference=params.validated_data.get("portal_reference", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(declaration).data)

    @extend_schema(
        responses={
            (200, "application/xml"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The DEB-sur-le-web XML file."
            )
        }
    )
    @action(detail=True, methods=["get"])
    def xml(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The XML file for DEB sur le web: as filed, or the draft's computed now."""
        declaration = self.get_object()
        if declaration.is_filed and declaration.xml is not None:
            content = bytes(declaration.xml)
        else:
            computed = selectors.compute(declaration.kind, declaration.month)
            if computed.problems or not computed.lines:
                raise serializers.ValidationError(
                    {"lines": [_("Fix the lines listed before downloading the XML file.")]}
                )
            content = files.xml_file(declaration.kind, declaration.month, computed.lines)
        response = HttpResponse(content, content_type="application/xml")
        response["Content-Disposition"] = (
            f'attachment; filename="{declaration.kind}-{declaration.period}'
            f'-v{declaration.version}.xml"'
        )
        return response

    @extend_schema(
        responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The lines.")}
    )
    @action(detail=True, methods=["get"])
    def xlsx(self, request: Request, pk: str | None = None) -> HttpResponse:
        declaration = self.get_object()
        if declaration.is_filed and declaration.xlsx is not None:
            content = bytes(declaration.xlsx)
        else:
            lines = selectors.compute(declaration.kind, declaration.month).lines
            content = files.xlsx_file(declaration.kind, declaration.month, lines)
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="{declaration.kind}-{declaration.period}'
            f'-v{declaration.version}.xlsx"'
        )
        return response
