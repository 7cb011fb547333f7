"""Reads of the reporting area's own records: saved pivot views and sales objectives."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from comptoir.accounts.roles import Actor

from .models import MonthlyReport, PivotView, SalesObjective


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


#: Most objectives the sales dashboard compares in one period (the list shows them all).
MAX_OBJECTIVES = 60


def sales_objectives(year: int | None = None) -> QuerySet[SalesObjective]:
    qs = SalesObjective.objects.select_related("person", "agent", "zone")
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("year", "quarter", "month", "country", "pk")


def objective_years() -> list[int]:
    return sorted(set(SalesObjective.objects.values_list("year", flat=True)))


def sales_objective_or_none(pk: int) -> SalesObjective | None:
    return sales_objectives().filter(pk=pk).first()


def monthly_reports() -> QuerySet[MonthlyReport]:
    """Every monthly report, the latest month first (without the PDFs)."""
    return (
        MonthlyReport.objects.defer("pdf", "draft_pdf")
        .select_related("sent_by")
        .order_by("-year", "-month")
    )


def monthly_report_or_none(pk: int) -> MonthlyReport | None:
    return (
        MonthlyReport.objects.defer("pdf", "draft_pdf")
        .select_related("sent_by")
        .filter(pk=pk)
        .first()
    )


def monthly_report_pdf(pk: int) -> bytes | None:
    """The PDF as sent (None for a draft)."""
    stored = MonthlyReport.objects.filter(pk=pk).values_list("pdf", flat=True).first()
    return bytes(stored) if stored else None


def monthly_report_draft_pdf(pk: int) -> bytes | None:
    """The last draft PDF made by the job queue (None when none was made)."""
    stored = MonthlyReport.objects.filter(pk=pk).values_list("draft_pdf", flat=True).first()
    return bytes(stored) if stored else None
