"""The events section of the home page (registered in ``apps.EventsConfig.ready``): the
checklist items past their day for this user, and the fairs coming up."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.common.dates import today

from . import selectors


def home(record: None, request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"late": [], "upcoming": []}
    day = today()
    return {
        "late": selectors.late_items(user, day),
        "upcoming": list(selectors.upcoming(day)),
        "today": day,
    }
