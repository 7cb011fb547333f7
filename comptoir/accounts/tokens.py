"""API tokens (django-rest-knox): only a SHA-512 digest is stored, the token itself is shown
once when it is made; each has an expiry, and its owner sees and revokes them by prefix."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from knox.models import AuthToken


def issue_token(*, user: AbstractBaseUser) -> tuple[str, AuthToken]:
    """A new token for ``user``: the secret to show once, and its stored record."""
    instance, secret = AuthToken.objects.create(user=user)
    return secret, instance


def tokens_of(*, user: AbstractBaseUser, now: datetime) -> list[AuthToken]:
    """The user's tokens still valid, newest first."""
    return list(AuthToken.objects.filter(user=user, expiry__gt=now).order_by("-created"))


def revoke_token(*, user: AbstractBaseUser, token_key: str) -> int:
    """Delete the user's token(s) with this prefix; another user's tokens are never touched."""
    deleted: int
    deleted, _ = AuthToken.objects.filter(user=user, token_key=token_key).delete()
    return deleted
