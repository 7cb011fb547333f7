"""The role matrix as the tables of docs/roles.md, generated from accounts.roles so the
documentation cannot drift from the rule (a test compares them).

Regenerate with ``python -m comptoir.accounts.roles_doc`` (rewrites the block between the
markers of docs/roles.md).
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.db.models import Model
from django.utils import translation

from .guard import model_field
from .roles import MATRIX, MODEL_RECORDS, PROTECTED_FIELDS, Action, Record

DOC = Path(__file__).resolve().parents[2] / "docs" / "roles.md"
START, END = "<!-- role-matrix:start -->", "<!-- role-matrix:end -->"


def _model_of(record: Record) -> type[Model]:
    label = next(label for label, r in MODEL_RECORDS.items() if r is record)
    return apps.get_model(label)


def _capital(label: object) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]


def matrix_markdown() -> str:
    """Who may do what, in English (the documentation's language)."""
    with translation.override("en"):
        actions = list(Action)
        lines = [
            "| Records | " + " | ".join(str(a.label) for a in actions) + " |",
            "|---" * (len(actions) + 1) + "|",
        ]
        for record in Record:
            cells = [str(MATRIX[record][a].label) if a in MATRIX[record] else "—" for a in actions]
            lines.append(f"| {_capital(record.label)} | " + " | ".join(cells) + " |")
        lines += [
            "",
            "Fields that need more than changing the record:",
            "",
            "| Records | Field | Who may set it | When |",
            "|---|---|---|---|",
        ]
        for record, rules in PROTECTED_FIELDS.items():
            model = _model_of(record)
            for name, rule in rules.items():
                field = str(model_field(model, name).verbose_name)
                when = rule.when or (
                    "a value other than the default, or a change" if rule.on_create else "a change"
                )
                lines.append(
                    f"| {_capital(record.label)} | {field} | "
                    f"{rule.minimum.label} and above | {when} |"
                )
    return "\n".join(lines) + "\n"


def documented_block(text: str) -> str:
    return text.split(START, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def write() -> None:
    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    DOC.write_text(f"{head}{START}\n{matrix_markdown()}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    django.setup()
    write()
