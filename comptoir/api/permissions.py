from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.permissions import SAFE_METHODS, BasePermission

from comptoir.accounts.roles import can_edit

if TYPE_CHECKING:
    # DRF imports this class while rest_framework.views loads (DEFAULT_PERMISSION_CLASSES).
    from rest_framework.request import Request
    from rest_framework.views import APIView


class RolePermission(BasePermission):
    """Authenticated users read; assistants and above write; read-only users never write."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or can_edit(request.user)
