"""The EU Combined Nomenclature (CN): its file, its codes and the path that names a code.

The CN is Annex I of Council Regulation (EEC) No 2658/87, replaced each year by a Commission
Implementing Regulation (the 2026 version applies from 1 January 2026). Its 8-digit codes
are the goods codes of EU customs declarations and of the French EMEBI statistical survey;
the first six digits are the Harmonized System subheading (WCO, HS 2022), the last two the
EU subdivision. TARIC adds two more digits (10) for EU measures.

A CN leaf often reads "Other" / "autres": it means something only with the labels above it,
so :meth:`CnTree.path` gives the chain chapter > heading > subheading > code.

The file layout is the one of ``cn2026.csv`` bundled with Comptoir: columns ``level``
(section, chapter, heading, subheading, cn8), ``code``, ``display_code``, ``parent``,
``description_en``, ``description_fr``, ``supplementary_unit``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import TradeInputError
from .texts import Text

CSV_COLUMNS = (
    "level",
    "code",
    "display_code",
    "parent",
    "description_en",
    "description_fr",
    "supplementary_unit",
)
LEVELS = ("section", "chapter", "heading", "subheading", "cn8")
_DIGITS = {"chapter": 2, "heading": 4, "subheading": 6, "cn8": 8}
_ROMAN = re.compile(r"^(X{0,2})(IX|IV|V?I{0,3})$")
_UNIT = re.compile(r"^[A-Z0-9_]{1,20}$")
_NOISE = re.compile(r"[\s.\-]")
#: the most rows a nomenclature file may have (the 2026 CN has 12,701)
MAX_ROWS = 40_000


@dataclass(frozen=True, slots=True)
class CnEntry:
    """One line of the nomenclature. ``parent`` is the code of the level above (a section's
    Roman numeral for a chapter, ``""`` for a section); ``supplementary_unit`` is the unit
    declared besides the net mass (``PST`` pieces, ``L`` litres…), ``""`` when none."""

    level: str
    code: str
    display_code: str
    parent: str
    description_en: str
    description_fr: str
    supplementary_unit: str = ""

    def description(self, language: str) -> str:
        """The label in French for ``fr``, in English otherwise."""
        return self.description_fr if language.startswith("fr") else self.description_en


class CnCsvError(TradeInputError):
    """The nomenclature file has bad rows: ``errors`` lists every ``(row, message)``, the
    header being row 1, so that an import is all or nothing."""

    def __init__(self, errors: Sequence[tuple[int, str]]) -> None:
        self.errors: list[tuple[int, str]] = list(errors)  # the messages are Text
        shown = "; ".join(f"row {row}: {message}" for row, message in self.errors[:5])
        more = f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(f"Invalid Combined Nomenclature file: {shown}{more}", "file")


def validate_cn8(code: str) -> str:
    """The 8-digit CN code as bare digits ("7323 91 00" → "73239100"), or a
    :class:`TradeInputError` on ``cn_code`` saying what is wrong (form only: whether the code
    exists is :meth:`CnTree.get`)."""
    digits = _NOISE.sub("", code)
    if not digits:
        raise TradeInputError("The CN code is empty.", "cn_code")
    if not (digits.isascii() and digits.isdigit()) or len(digits) != 8:
        raise TradeInputError(
            f"A CN code has 8 digits (the HS subheading and 2 EU digits), not {code!r}.",
            "cn_code",
        )
    return digits


def format_cn(code: str) -> str:
    """The display form used in the nomenclature: ``7323``, ``7323 91``, ``7323 91 00``."""
    digits = _NOISE.sub("", code)
    if len(digits) <= 4:
        return digits
    return " ".join([digits[:4]] + [digits[i : i + 2] for i in range(4, len(digits), 2)])


def hs_subheading(cn_code: str) -> str:
    """The HS 2022 subheading (6 digits) of a CN code."""
    return validate_cn8(cn_code)[:6]


def _row_problem(level: str, code: str, parent: str, en: str, fr: str, unit: str) -> str:
    """What is wrong with one row (a :class:`Text`), ``""`` when nothing."""
    if level not in LEVELS:
        return Text(
            "level {level} is not one of {levels}", level=repr(level), levels=", ".join(LEVELS)
        )
    if level == "section":
        if not code or not _ROMAN.match(code):
            return Text("section {code} must be a Roman numeral", code=repr(code))
        if parent:
            return Text("section {code} must have no parent", code=code)
    else:
        digits = _DIGITS[level]
        if not (code.isascii() and code.isdigit()) or len(code) != digits:
            return Text(
                "{level} code {code} must have {digits} digits",
                level=level,
                code=repr(code),
                digits=digits,
            )
        if not parent:
            return Text("{level} {code} has no parent", level=level, code=code)
        if level != "chapter" and not code.startswith(parent):
            return Text(
                "parent {parent} of {code} is not the start of the code",
                parent=repr(parent),
                code=code,
            )
    if not en.strip() or not fr.strip():
        return Text("{code}: a label in English and in French is required", code=code)
    if unit and not _UNIT.match(unit):
        return Text(
            "{code}: supplementary unit {unit} is not a unit code", code=code, unit=repr(unit)
        )
    if unit and level != "cn8":
        return Text("{code}: only an 8-digit code has a supplementary unit", code=code)
    return ""


def parse_cn_csv(source: Iterable[str] | str) -> list[CnEntry]:
    """Read and check a whole nomenclature file (an open text file, lines or the text).

    Every row is checked — level, code form, parent present and above the row, unique
    codes, both labels — and every problem is reported at once in :class:`CnCsvError`.
    """
    lines: Iterable[str] = source.splitlines() if isinstance(source, str) else source
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise CnCsvError([(1, Text("the file is empty"))]) from None
    names = [name.strip().lstrip("\ufeff").lower() for name in header]
    missing = [column for column in CSV_COLUMNS if column not in names]
    if missing:
        raise CnCsvError([(1, Text("missing column(s) {columns}", columns=", ".join(missing)))])
    position = [names.index(column) for column in CSV_COLUMNS]
    width = max(position) + 1
    entries: list[CnEntry] = []
    rows: dict[str, int] = {}
    levels: dict[str, str] = {}
    errors: list[tuple[int, str]] = []
    for record in reader:
        row = reader.line_num
        if row > MAX_ROWS + 1:
            raise CnCsvError(
                [(row, Text("more than {rows} rows: not a nomenclature file", rows=MAX_ROWS))]
            )
        if not any(cell.strip() for cell in record):
            continue
        if len(record) < width:
            errors.append(
                (
                    row,
                    Text(
                        "{count} column(s), expected at least {width}",
                        count=len(record),
                        width=width,
                    ),
                )
            )
            continue
        level, code, display, parent, en, fr, unit = (record[i].strip() for i in position)
        problem = _row_problem(level, code, parent, en, fr, unit)
        if not problem and code in rows:
            problem = Text("code {code} already on row {row}", code=code, row=rows[code])
        if problem:
            errors.append((row, problem))
            continue
        rows[code] = row
        levels[code] = level
        entries.append(
            CnEntry(
                level,
                code,
                display or format_cn(code),
                parent,
                " ".join(en.split()),
                " ".join(fr.split()),
                unit,
            )
        )
    for entry in entries:
        if entry.parent and entry.parent not in rows:
            errors.append(
                (
                    rows[entry.code],
                    Text(
                        "parent {parent} of {code} is missing", parent=entry.parent, code=entry.code
                    ),
                )
            )
        elif entry.parent and LEVELS.index(levels[entry.parent]) >= LEVELS.index(entry.level):
            errors.append(
                (
                    rows[entry.code],
                    Text(
                        "parent {parent} is not above {code}", parent=entry.parent, code=entry.code
                    ),
                )
            )
    if not errors and not any(e.level == "cn8" for e in entries):
        errors.append((1, Text("no 8-digit code in the file")))
    if errors:
        raise CnCsvError(sorted(errors))
    return entries


class CnTree:
    """The nomenclature in memory: look a code up and name it with its parents."""

    def __init__(self, entries: Iterable[CnEntry]) -> None:
        self._by_code = {entry.code: entry for entry in entries}

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> CnEntry | None:
        return self._by_code.get(_NOISE.sub("", code))

    def path(self, code: str) -> list[CnEntry]:
        """The entries from the chapter down to ``code`` (sections left out), ``[]`` when the
        code is unknown."""
        chain: list[CnEntry] = []
        entry = self.get(code)
        while entry is not None and entry.level != "section" and len(chain) < len(LEVELS):
            chain.append(entry)
            entry = self._by_code.get(entry.parent)
        return list(reversed(chain))

    def label_path(self, code: str, language: str, separator: str = " > ") -> str:
        """ "61 Vêtements… > 6109 T-shirts… > 6109 10 00 de coton": the code named whole."""
        return separator.join(
            f"{entry.display_code} {entry.description(language)}" for entry in self.path(code)
        )

    def cn8_codes(self) -> list[str]:
        return sorted(code for code, entry in self._by_code.items() if entry.level == "cn8")


#: Leaf labels that mean nothing without the labels above them ("Other", "autres").
_VAGUE = frozenset({"other", "others", "autre", "autres", "other:", "autres:"})
#: Longest label of the level above kept in the short form (cut at a word, then "…").
SHORT_PARENT_CHARS = 90


def _is_vague(label: str) -> bool:
    return label.strip().rstrip(".:").strip().lower() in _VAGUE


def _cut(label: str, limit: int) -> str:
    if len(label) <= limit:
        return label
    cut = label[:limit].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return cut + "…"


def short_label(path: Sequence[CnEntry], language: str) -> str:
    """The label printed beside a code on a document, in ``language``.

    The leaf's own label when it says what the goods are ("Of cast iron, enamelled"); when
    the leaf is only "Other" / "autres" (and its subheading too), the first label above it
    that says something, then the leaf: "Polishes and creams, for footwear… — other". The
    chain comes from :meth:`CnTree.path` (chapter first, the code last); ``""`` when empty.
    """
    if not path:
        return ""
    leaf = path[-1].description(language)
    if not _is_vague(leaf):
        return leaf
    for entry in reversed(path[:-1]):
        label = entry.description(language)
        if not _is_vague(label):
            return f"{_cut(label, SHORT_PARENT_CHARS)} — {leaf[:1].lower()}{leaf[1:]}"
    return leaf


#: The supplementary units as the CN prints them (Annex I, Part One, Section I, B; the file
#: carries the code on the left). ``p/st`` is a number of pieces, ``pa`` of pairs, ``ce/el``
#: of cells, ``c/k`` carats, ``ct/l`` carrying capacity in tonnes, ``gi F/S`` gram of fissile
#: isotopes, ``kg 90 % sdt`` kilograms of 90 % dry matter.
UNIT_NOTATION = {
    "PST": "p/st",
    "100_PST": "100 p/st",
    "1000_PST": "1 000 p/st",
    "PA": "pa",
    "M": "m",
    "M2": "m²",
    "M3": "m³",
    "1000_M3": "1 000 m³",
    "L": "l",
    "L_ALC_100PCT": "l alc. 100 %",
    "G": "g",
    "KG_90PCT_SDT": "kg 90 % sdt",
    "KG_N": "kg N",
    "KG_P2O5": "kg P2O5",
    "KG_K2O": "kg K2O",
    "KG_NAOH": "kg NaOH",
    "KG_KOH": "kg KOH",
    "KG_H2O2": "kg H2O2",
    "KG_U": "kg U",
    "KG_MET_AM": "kg met.am.",
    "KG_NET_EDA": "kg net eda",
    "GI_FS": "gi F/S",
    "CEEL": "ce/el",
    "CK": "c/k",
    "CTL": "ct/l",
    "TJ": "TJ",
    "1000_KWH": "1 000 kWh",
}


def unit_notation(unit: str) -> str:
    """A supplementary unit as printed in the CN ("PST" → "p/st"); an unknown code as is."""
    return UNIT_NOTATION.get(unit, unit.replace("_", " ").lower())
