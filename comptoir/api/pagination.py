"""Pages of API lists: the page number is a whole number from 1, or the request is refused."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request


class StrictPageNumberPagination(PageNumberPagination):
    """DRF reads an empty or missing ``page`` as page 1; an empty one is a client's mistake,
    so it answers 400 naming the parameter, as a page that is not a number does."""

    def get_page_number(self, request: Request, paginator: Paginator[Any]) -> Any:
        params = request.query_params
        if self.page_query_param not in params:
            return 1
        raw = params.get(self.page_query_param, "").strip()
        if raw in self.last_page_strings:
            return paginator.num_pages
        if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
            raise ValidationError(
                {self.page_query_param: [_("A page number is a whole number from 1.")]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
