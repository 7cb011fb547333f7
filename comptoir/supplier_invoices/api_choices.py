"""Choices the API offers (named once, for the OpenAPI schema's enums)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Basis

#: How a cost is shared when typed in (line by line is for the duty of a declaration).
SHARED_BASES = [c for c in Basis.choices if c[0] != Basis.DIRECT]
DECISIONS = [("approve", _("approve")), ("dispute", _("dispute")), ("cancel", _("cancel"))]
