from django.http import HttpRequest

from comptoir.accounts.roles import can_edit, can_manage, is_administrator, role_of

from .navigation import areas_for


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
    }
