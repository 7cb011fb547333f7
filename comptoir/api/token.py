"""``POST /api/token/``: a user name and password in, a new API token out, shown once.

The login goes through Django's ``authenticate`` with the plain Django request, so
django-axes counts the failures and locks the user name from this address as on the login
page; a locked-out caller gets 429 with ``Retry-After``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from knox.auth import TokenAuthentication
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.accounts.lockout import LOCKED_STATUS, cool_off_minutes, lockout_message
from comptoir.accounts.tokens import issue_token


class TokenRequestSerializer(serializers.Serializer[dict[str, str]]):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, write_only=True)


class TokenSerializer(serializers.Serializer[dict[str, Any]]):
    token = serializers.CharField(help_text="The token. It is shown only this once.")
    prefix = serializers.CharField(help_text="Its first characters, shown on your preferences.")
    expiry = serializers.DateTimeField(help_text="When it stops working.")


class ObtainTokenView(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    # A form-encoded body too, so `curl -d username=... -d password=...` works; two plain
    # strings, read by the serializer's fields, cannot be misread.
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        operation_id="api_token_create",
        request=TokenRequestSerializer,
        responses={200: TokenSerializer},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        credentials = TokenRequestSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        django_request = request._request  # axes flags the lockout on Django's request
        user = authenticate(
            django_request,
            username=credentials.validated_data["username"],
            password=credentials.validated_data["password"],
        )
        if getattr(django_request, "axes_locked_out", False):
            return Response(
                {"detail": lockout_message()},
                status=LOCKED_STATUS,
                headers={"Retry-After": str(cool_off_minutes() * 60)},
            )
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to log in with this user name and password.")]}
            )
        secret, instance = issue_token(user=user)
        return Response(
            TokenSerializer(
                {"token": secret, "prefix": instance.token_key, "expiry": instance.expiry}
            ).data
        )


class RevokeTokenView(APIView):
    """``POST /api/token/revoke/``: the token in the ``Authorization`` header stops working."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="api_token_revoke", request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        request.auth.delete()
        return Response(status=204)
