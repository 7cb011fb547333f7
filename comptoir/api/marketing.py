"""Communication materials in the API: the product feed of a price list (as the secret link
gives it, for signed-in users and tokens), the materials, and a newsletter's content per
language (subject, HTML, text) for an e-mail campaign. Reads only: materials are made on the
screens, through the same services."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.catalog.models import PriceList
from comptoir.marketing import selectors, services
from comptoir.marketing.models import Material


class FeedItemSerializer(serializers.Serializer[Any]):
    sku = serializers.CharField()
    name_fr = serializers.CharField()
    name_en = serializers.CharField()
    description_fr = serializers.CharField()
    description_en = serializers.CharField()
    category_en = serializers.CharField()
    category_fr = serializers.CharField()
    hs_code = serializers.CharField()
    cn_code = serializers.CharField()
    origin_country = serializers.CharField()
    net_weight_kg = serializers.DecimalField(max_digits=10, decimal_places=3)
    gross_weight_kg = serializers.DecimalField(max_digits=10, decimal_places=3)
    length_cm = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    width_cm = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    height_cm = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    units_per_carton = serializers.IntegerField(allow_null=True)
    price = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField()
    availability = serializers.CharField()
    image_url = serializers.CharField()


class NewsletterLanguageSerializer(serializers.Serializer[Any]):
    subject = serializers.CharField()
    html = serializers.CharField()
    text = serializers.CharField()


class MaterialSerializer(serializers.ModelSerializer[Material]):
    currency = serializers.CharField(source="output_currency", read_only=True)

    class Meta:
        model = Material
        fields = [
            "id",
            "kind",
            "title_fr",
            "title_en",
            "language",
            "market",
            "price_list",
            "currency",
            "incoterm",
            "place",
            "valid_from",
            "valid_until",
            "updated_at",
        ]
        read_only_fields = fields


class ProductFeedView(APIView):
    """The products of a price list with their prices, as the website's feed gives them."""

    @extend_schema(
        responses=inline_serializer(
            "ProductFeed",
            {"count": serializers.IntegerField(), "products": FeedItemSerializer(many=True)},
        )
    )
    def get(self, request: Request, price_list_id: int) -> Response:
        price_list = get_object_or_404(PriceList, pk=price_list_id)
        base = request.build_absolute_uri("/marketing/photos/")
        items = selectors.feed_items(price_list, base)
        return Response(
            {"count": len(items), "products": FeedItemSerializer(items, many=True).data}
        )


class MaterialListView(APIView):
    @extend_schema(responses=MaterialSerializer(many=True))
    def get(self, request: Request) -> Response:
        kind = request.query_params.get("kind", "")
        if kind and kind not in Material.Kind.values:
            return Response({"kind": ["Unknown kind."]}, status=400)
        return Response(MaterialSerializer(selectors.material_list(kind)[:200], many=True).data)


class NewsletterView(APIView):
    """A newsletter's e-mail per language, for a prospecting campaign."""

    @extend_schema(
        responses=inline_serializer(
            "NewsletterContent",
            {"fr": NewsletterLanguageSerializer(), "en": NewsletterLanguageSerializer()},
        )
    )
    def get(self, request: Request, pk: int) -> Response:
        material = get_object_or_404(Material, pk=pk, kind=Material.Kind.NEWSLETTER)
        contents = services.newsletter_content(material=material)
        return Response(
            {
                language: {"subject": c.subject, "html": c.html, "text": c.text}
                for language, c in contents.items()
            }
        )
