"""The audit trail of any business record, read from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models

from comptoir.accounts.guard import model_field

#: Fields whose change says nothing to a user.
_HIDDEN = {"id", "history_id", "history_date", "history_user", "history_type"}


@dataclass
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def history_of(instance: models.Model) -> list[HistoryEntry]:
    """Every recorded version of ``instance``, newest first, with what changed."""
    records = list(instance.history.all().select_related("history_user"))  # type: ignore[attr-defined]
    entries: list[HistoryEntry] = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[Change] = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in _HIDDEN:
                    continue
                verbose = model_field(instance, change.field).verbose_name
                changes.append(Change(str(verbose), change.old, change.new))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(record.history_user or "system"),
                kind=record.get_history_type_display(),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
