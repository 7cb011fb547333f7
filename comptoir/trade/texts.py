"""Texts the trade core shows a user, as message identifiers with parameters.

The core stays free of Django, yet every sentence it writes (a calculator's steps,
an Incoterms® rule summary, a claim's notice) must reach the user in French or
English. So the core never writes a finished sentence: it returns a :class:`Text`,
the English sentence with ``{placeholders}`` (the message identifier of the gettext
catalogue) and the values to put in them. ``Text`` *is* a ``str`` (the English
sentence, figures as plain decimal strings and dates in ISO form, exactly as the
JSON contract always had them), so the CLI, the API's ``steps`` and every test
comparing strings see no difference. The Django side renders the same ``Text`` in
the user's language with :func:`render`, giving its own ``gettext`` and formatting
of numbers and dates.

Marking: ``Text("literal {name}", name=value)`` is both the constructor and the
extraction keyword (``makemessages --keyword=Text``), so a sentence is written once,
in one place. The literal must be a plain string (no f-string) for extraction.
Parameters are strings (codes, names: not translated), whole numbers, ``Decimal``
(shown with exactly the decimals they carry), dates, other ``Text`` (translated in
turn) or a :func:`joined` list of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any, Final, TypeAlias

from comptoir.trade.money import decimal_str, format_amount, round_money

__all__ = [
    "WEEKDAYS",
    "Figure",
    "Joined",
    "Text",
    "TextParam",
    "in_currency",
    "english_value",
    "figure",
    "joined",
    "number",
    "percent",
    "render",
]

TextParam: TypeAlias = "str | int | Decimal | date | Text"

#: A function giving the translation of a message identifier (``gettext``).
Translate: TypeAlias = Callable[[str], str]
#: A function writing a number or a date for the reader (never a ``Text``).
Format: TypeAlias = Callable[["int | Decimal | date"], str]


class Text(str):
    """An English sentence that remembers its message identifier and parameters.

    ``str(text)`` is the English sentence; :func:`render` gives it in another language.
    Immutable, like the ``str`` it is.
    """

    msgid: str
    params: Mapping[str, TextParam]

    def __new__(cls, msgid: str, /, **params: TextParam) -> Text:
        self = super().__new__(cls, _fill(msgid, params, _identity, english_value))
        object.__setattr__(self, "msgid", msgid)
        object.__setattr__(self, "params", MappingProxyType(dict(params)))
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.msgid, dict(self.params)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.msgid!r}, {dict(self.params)!r})"


def _rebuild(cls: type[Text], msgid: str, params: dict[str, TextParam]) -> Text:
    if cls is Joined:
        return joined(str(params["separator"]), _items(params))
    return cls(msgid, **params)


class Joined(Text):
    """Texts written one after the other with a separator (``" + "``, ``"; "``)."""


def _items(params: Mapping[str, TextParam]) -> list[TextParam]:
    return [params[f"item{i}"] for i in range(len(params) - 1)]


def joined(separator: str, items: Iterable[TextParam]) -> Joined:
    """The ``items`` (texts or values) joined with ``separator``, each rendered in turn."""
    params: dict[str, TextParam] = {f"item{i}": item for i, item in enumerate(items)}
    params["separator"] = separator
    msgid = (
        separator.replace("{", "{{")
        .replace("}", "}}")
        .join("{" + key + "}" for key in params if key != "separator")
    )
    return Joined(msgid, **params)


def _identity(msgid: str) -> str:
    return msgid


def english_value(value: int | Decimal | date) -> str:
    """A number or date as the JSON contract writes it: ``1234.50``, ``2026-03-02``."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Figure):
        return f"{value:,.2f}"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _fill(msgid: str, params: Mapping[str, TextParam], translate: Translate, write: Format) -> str:
    values = {key: _write(value, translate, write) for key, value in params.items()}
    return translate(msgid).format(**values)


def _write(value: TextParam, translate: Translate, write: Format) -> str:
    if isinstance(value, Text):
        return render(value, translate, write)
    if isinstance(value, str):
        return value
    return write(value)


def render(text: Text, translate: Translate = _identity, write: Format = english_value) -> str:
    """``text`` in the reader's language: its message translated, its values written for it.

    A translation missing from the catalogue falls back to the English sentence.
    """
    if isinstance(text, Joined):
        parts = (_write(item, translate, write) for item in _items(text.params))
        separator = str(text.params["separator"])
        if separator in _SPACED_PUNCTUATION:
            separator = translate(separator)
        return separator.join(parts)
    return _fill(text.msgid, text.params, translate, write)


def percent(value: Decimal | int) -> Text:
    """A percentage as a phrase part (``110 %``), so no message has a bare ``% of``."""
    return Text("{value} %", value=value)


class Figure(Decimal):
    """An amount for a sentence: two decimals, thousands grouped in English (``12,345.60``)."""


def figure(value: Decimal) -> Figure:
    """``value`` rounded half-up to 2 decimals, written ``12,345.60`` in English."""
    return Figure(value.quantize(Decimal("0.01"), ROUND_HALF_UP))


def number(value: Decimal | int, places: int | None = None) -> Decimal:
    """``value`` carrying the decimals to show (``places`` rounded half-up, zeros stripped)."""
    return Decimal(decimal_str(Decimal(value), places))


def in_currency(value: Decimal, currency: str, *, rounded: bool = False) -> Decimal:
    """An amount with the minor-unit decimals of ``currency`` (``1000`` EUR → ``1000.00``)."""
    return Decimal(format_amount(round_money(value, currency) if rounded else value, currency))


#: Separators a language spaces differently (French writes " ; "), so they are messages too.
_SPACED_PUNCTUATION: Final = frozenset({Text("; ").msgid})


#: Names of the days of the week, Monday first (``date.weekday()``).
WEEKDAYS: Final = (
    Text("Monday"),
    Text("Tuesday"),
    Text("Wednesday"),
    Text("Thursday"),
    Text("Friday"),
    Text("Saturday"),
    Text("Sunday"),
)
