"""The export document set in the API: a shipment's checklist and consistency result, issue a
document, enter one received, mark one or the whole set as sent, download a PDF as issued.

Serializers validate, then call the same services as the screens; a set that does not agree
is refused (400 naming ``override_reason``) unless a manager's token gives a reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.calculators.texts import translate
from comptoir.common.dates import today
from comptoir.common.params import BadParameter, id_param
from comptoir.documents.pdf import pdf_response
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment
from comptoir.shipping_documents import selectors, services
from comptoir.shipping_documents.models import Kind, SentTo, ShippingDocument

#: The choice sets of this API, named in the schema (settings ``ENUM_NAME_OVERRIDES``).
DOCUMENT_KINDS = Kind.choices
RECEIVED_KINDS = [(k, label) for k, label in Kind.choices if k in services.RECEIVED_KINDS]
DOCUMENT_STATUSES = ShippingDocument.Status.choices
CHECKLIST_STATUSES = [("to_do", "to_do"), *ShippingDocument.Status.choices]
SENT_TO = SentTo.choices


class PdfRenderer(BaseRenderer):
    """Lets a client ask for ``application/pdf``; errors still leave as JSON text."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        return json.dumps(data, default=str).encode()


class ShippingDocumentSerializer(serializers.ModelSerializer[ShippingDocument]):
    kind_label = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = ShippingDocument
        fields = [
            "id",
            "shipment",
            "kind",
            "kind_label",
            "version",
            "number",
            "status",
            "language",
            "reference",
            "document_date",
            "figures",
            "sent_to",
            "sent_on",
            "note",
            "created_at",
            "pdf_url",
        ]
        read_only_fields = fields

    def get_kind_label(self, document: ShippingDocument) -> str:
        return str(Kind(document.kind).label)

    def get_pdf_url(self, document: ShippingDocument) -> str | None:
        return f"/api/shipping-documents/{document.pk}/pdf/" if document.pdf else None


class RequiredSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    ours = serializers.BooleanField(help_text="We issue it (else: received from another party).")
    is_required = serializers.BooleanField()
    reason = serializers.CharField(allow_blank=True)
    rule = serializers.CharField(allow_blank=True)
    legalised = serializers.BooleanField()
    to_confirm = serializers.BooleanField()
    status = serializers.ChoiceField(choices=CHECKLIST_STATUSES)
    document = serializers.IntegerField(allow_null=True)


class DifferenceSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    values = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="[document, value as it states it] for every document stating the field.",
    )
    rule = serializers.CharField()


class ConsistencySerializer(serializers.Serializer[Any]):
    agrees = serializers.BooleanField()
    tolerance_pct = serializers.DecimalField(max_digits=5, decimal_places=2)
    compared = serializers.ListField(child=serializers.CharField())
    differences = DifferenceSerializer(many=True)


class DocumentSetSerializer(serializers.Serializer[Any]):
    shipment = serializers.IntegerField()
    checklist = RequiredSerializer(many=True)
    missing = serializers.ListField(child=serializers.CharField())
    consistency = ConsistencySerializer()
    documents = ShippingDocumentSerializer(many=True)
    sent_on = serializers.DateField(allow_null=True)
    override_reason = serializers.CharField(allow_blank=True)


class IssueDocumentSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=Kind.choices)


class ReceivedSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=RECEIVED_KINDS)
    reference = serializers.CharField(max_length=60)
    document_date = serializers.DateField()
    packages = serializers.IntegerField(
        min_value=1, max_value=1_000_000, required=False, allow_null=True
    )
    gross_weight_kg = serializers.DecimalField(
        max_digits=12,
        decimal_places=3,
        min_value=Decimal(0),
        max_value=Decimal(10_000_000),
        required=False,
        allow_null=True,
    )
    net_weight_kg = serializers.DecimalField(
        max_digits=12,
        decimal_places=3,
        min_value=Decimal(0),
        max_value=Decimal(10_000_000),
        required=False,
        allow_null=True,
    )
    marks = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    description = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    hs_codes = serializers.ListField(
        child=serializers.CharField(max_length=12), max_length=200, required=False, default=list
    )
    consignee = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    incoterm = serializers.CharField(max_length=130, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")

    def values(self) -> services.ReceivedValues:
        data = dict(self.validated_data)
        data["hs_codes"] = tuple(data.get("hs_codes", ()))
        return services.ReceivedValues(**data)


class SendSerializer(serializers.Serializer[Any]):
    sent_to = serializers.ChoiceField(choices=SentTo.choices)
    sent_on = serializers.DateField(required=False)
    override_reason = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="Only when the set does not agree: a manager's reason, recorded.",
    )


def _set_data(shipment: Shipment) -> dict[str, Any]:
    presentation = selectors.presentation(shipment)
    result = presentation.consistency
    doc_set = selectors.document_set(shipment)
    checklist = [
        {
            "kind": item.kind,
            "kind_label": item.label,
            "ours": item.ours,
            "is_required": item.required is not None,
            "reason": translate(item.required.reason) if item.required else "",
            "rule": item.required.rule if item.required else "",
            "legalised": bool(item.required and item.required.legalised),
            "to_confirm": bool(item.required and item.required.to_confirm),
            "status": item.status,
            "document": item.document.pk if item.document else None,
        }
        for item in presentation.checklist
    ]
    return {
        "shipment": shipment.pk,
        "checklist": checklist,
        "missing": [i.label for i in selectors.missing(list(presentation.checklist))],
        "consistency": {
            "agrees": result.agrees,
            "tolerance_pct": result.tolerance_pct,
            "compared": list(result.compared),
            "differences": [
                {
                    "field": d.field,
                    "values": [list(v) for v in d.values],
                    "rule": translate(d.rule),
                }
                for d in result.differences
            ],
        },
        "documents": list(presentation.documents),
        "sent_on": doc_set.sent_on if doc_set else None,
        "override_reason": doc_set.override_reason if doc_set else "",
    }


@extend_schema(
    parameters=[
        OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The shipment.")
    ]
)
class DocumentSetViewSet(viewsets.ViewSet):
    """The document set of a shipment (``{id}`` is the shipment's id)."""

    def _shipment(self, pk: str | None) -> Shipment:
        try:
            return shipping_selectors.shipment_for_page(int(pk or 0))
        except (Shipment.DoesNotExist, ValueError):
            raise Http404 from None

    @extend_schema(responses=DocumentSetSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        """The checklist (documents this Incoterm, mode, destination and payment instrument
        require, each with its status), the current documents and the consistency result."""
        return Response(DocumentSetSerializer(_set_data(self._shipment(pk))).data)

    @extend_schema(request=IssueDocumentSerializer, responses={201: ShippingDocumentSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        """Issue a document we print: numbered, snapshot of its key figures, PDF stored."""
        shipment = self._shipment(pk)
        params = IssueDocumentSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        document = services.issue_document(
            shipment=shipment, kind=params.validated_data["kind"], user=acting_user(request)
        )
        return Response(ShippingDocumentSerializer(document).data, status=201)

    @extend_schema(request=ReceivedSerializer, responses={201: ShippingDocumentSerializer})
    @action(detail=True, methods=["post"])
    def received(self, request: Request, pk: str | None = None) -> Response:
        """Enter a document another party issued (B/L, AWB, signed CMR, certified
        certificate of origin, insurance certificate) with the figures it states."""
        shipment = self._shipment(pk)
        params = ReceivedSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        document = services.record_received(
            shipment=shipment, values=params.values(), user=acting_user(request)
        )
        return Response(ShippingDocumentSerializer(document).data, status=201)

    @extend_schema(request=SendSerializer, responses=DocumentSetSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        """Mark the whole set as sent; refused while it does not agree or a required document
        is missing, unless a manager gives ``override_reason``."""
        shipment = self._shipment(pk)
        params = SendSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        services.send_set(
            shipment=shipment,
            sent_to=data["sent_to"],
            sent_on=data.get("sent_on") or today(),
            override_reason=data["override_reason"],
            user=acting_user(request),
        )
        return Response(DocumentSetSerializer(_set_data(shipment)).data)


class ShippingDocumentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[ShippingDocument]
):
    """Shipping documents, every version (filter: ``shipment``)."""

    serializer_class = ShippingDocumentSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ShippingDocument]:
        try:
            shipment_id = id_param(self.request.query_params, "shipment")
        except BadParameter as error:
            raise serializers.ValidationError({error.name: [error.message]}) from None
        qs = ShippingDocument.objects.defer("pdf").order_by("-pk")
        if shipment_id is not None:
            qs = qs.filter(shipment_id=shipment_id)
        return qs

    @extend_schema(request=SendSerializer, responses=ShippingDocumentSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        """Mark one document as sent (to the forwarder, bank, client...)."""
        document = self.get_object()
        params = SendSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        document = services.mark_sent(
            document=document,
            sent_to=data["sent_to"],
            sent_on=data.get("sent_on") or today(),
            override_reason=data["override_reason"],
            user=acting_user(request),
        )
        return Response(ShippingDocumentSerializer(document).data)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The PDF as issued."
            )
        }
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PdfRenderer])
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The PDF as issued (documents received from another party have none: 404)."""
        document = self.get_object()
        stored = ShippingDocument.objects.filter(pk=document.pk).values_list("pdf", flat=True)[0]
        if not stored:
            raise Http404
        return pdf_response(bytes(stored), f"{document.number}.pdf")
