from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Actor, allowed, can_edit, can_manage, is_administrator, role_of

from .navigation import areas_for


class _Permissions:
    """``{% if may.delete.price_list %}`` in a template: the role matrix for this user, so a
    screen offers only the buttons the services will accept."""

    def __init__(self, user: Actor, action: str | None = None) -> None:
        self.user, self.action = user, action

    def __getitem__(self, key: str) -> Any:
        if self.action is None:
            return _Permissions(self.user, key)
        return allowed(self.user, self.action, key)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_areas": []}
    return {
        "nav_areas": areas_for(request.path),
        "user_role": role_of(user),
        "user_can_edit": can_edit(user),
        "user_can_manage": can_manage(user),
        "user_is_admin": is_administrator(user),
        "may": _Permissions(user),
    }
