from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from comptoir.catalog import selectors as catalog_selectors
from comptoir.catalog.models import Product
from comptoir.parties import selectors as party_selectors
from comptoir.parties.models import Company, Contact

from .serializers import CompanySerializer, ContactSerializer, ProductSerializer


class CompanyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Company],
):
    """Companies (clients, prospects, suppliers, carriers...). Filters: q, role, country, zone, active."""

    serializer_class = CompanySerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Company]:
        params = self.request.query_params.dict()
        params.setdefault("active", "all")
        return party_selectors.company_list(params)


class ContactViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Contact],
):
    """Contacts (people) at companies. Filters: q, country, mailable=1 (opt-outs excluded)."""

    serializer_class = ContactSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Contact]:
        return party_selectors.contact_list(self.request.query_params.dict())


class ProductViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Product],
):
    """Products with HS code, origin, weights and packaging. Filters: q, chapter, origin, dangerous."""

    serializer_class = ProductSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Product]:
        params = self.request.query_params.dict()
        params.setdefault("active", "all")
        return catalog_selectors.product_list(params)
