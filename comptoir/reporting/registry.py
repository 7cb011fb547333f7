"""The dashboards that exist: each dashboard module registers its builder here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from comptoir.accounts.roles import Actor

from .dashboard import Dashboard, Label
from .filters import ReportFilters

Builder = Callable[[ReportFilters, Actor], Dashboard]


@dataclass(frozen=True)
class DashboardSpec:
    key: str  # in URLs: /reporting/<key>/
    title: Label
    description: Label
    build: Builder
    #: the ReportFilters fields this dashboard honours (the filter form shows only these)
    filters: tuple[str, ...] = ("period", "compare")
    order: int = 100


_SPECS: dict[str, DashboardSpec] = {}


def register(spec: DashboardSpec) -> None:
    if spec.key in _SPECS and _SPECS[spec.key] != spec:
        raise ValueError(f"dashboard {spec.key!r} registered twice")
    _SPECS[spec.key] = spec


def specs() -> list[DashboardSpec]:
    return sorted(_SPECS.values(), key=lambda s: (s.order, s.key))


def get(key: str) -> DashboardSpec | None:
    return _SPECS.get(key)
