"""Reads of the reporting area's own records."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from comptoir.accounts.roles import Actor

from .models import PivotView


def pivot_views(user: Actor) -> QuerySet[PivotView]:
    """The user's own saved views and those shared with everyone."""
    if user is None or not user.is_authenticated:
        return PivotView.objects.filter(shared=True).select_related("owner")
    return PivotView.objects.filter(Q(owner_id=user.pk) | Q(shared=True)).select_related("owner")


def pivot_view(user: Actor, pk: int) -> PivotView:
    """A view the user may see (their own or a shared one), else 404."""
    found = pivot_views(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
