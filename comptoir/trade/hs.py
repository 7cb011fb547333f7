"""Harmonized System (HS) nomenclature: entries, code checks and a bilingual search.

Source of the nomenclature: the World Customs Organization's *Harmonized Commodity
Description and Coding System*, 2022 edition (HS 2022), as published by UN Comtrade in
the CSV layout ``section,hscode,description,parent,level`` (level 2 = chapter, 4 =
heading, 6 = subheading). The descriptions in that file are English only; they are
Comtrade's self-contained rewordings of the WCO texts ("Footwear; n.e.c. in heading no.
6403, covering the ankle, ..."), so a subheading's text is usually readable on its own.

This module is pure Python (no Django, no file or network access): the caller opens the
file and hands its lines to :func:`parse_hs_csv`, then builds one :class:`HsIndex` and
keeps it as long as the nomenclature does not change.

How the search ranks subheadings (see ``docs/hs-search.md`` for the measured figures):

* A French or English query is folded (lower case, accents removed), cut into words and
  turned into *concepts*: each concept is one idea of the query ("leather", "handbag")
  with its possible English wordings in the nomenclature. French words and phrases
  ("sac à main", "pièces détachées") and everyday English ("laptop", "sneakers") go
  through the trade vocabulary of :mod:`comptoir.trade.hs_lexicon`.
* Every 6-digit subheading is a document made of its own text, its heading's text and
  its chapter's text, with decreasing weights. This mirrors General Interpretative
  Rule 1 (classification is determined by the terms of the headings) and Rule 6 (the
  subheadings are compared only within their heading): the words of a heading count for
  every subheading under it, a subheading's own words count most.
* Words in a negative clause ("other than white", "not knitted or crocheted",
  "excluding those of heading 8402") count very little, so "knitted" does not pull
  chapter 62 (garments *not* knitted).
* A subheading whose text says nothing of its own ("Other") takes its heading's text,
  and comes after a specific sibling that matches as well.
* The score of a concept is a BM25F weight (Robertson and Zaragoza, 2009) of its best
  wording; a subheading's score is the weighted sum over the concepts, scaled by the
  share of concepts it matches. The head noun of the query (the product kind: first in
  French, last before any complement in English) weighs more than its modifiers. Short,
  specific texts that match all concepts come first, in the spirit of General
  Interpretative Rule 3 (a): the most specific description is preferred to a more
  general one.
* Subheadings of parts come after the goods themselves unless the query asks for parts
  (Section XVI Note 2 classifies parts with their machines, under their own "parts"
  subheadings). A negated query word ("sans oeufs", "without connectors") lowers the
  subheadings that have it and counts as matched where the text excludes it.
* Unknown words at one typing error from a known word are corrected ("chausures"); with
  ``prefix=True`` the last word may be unfinished (suggestions as you type).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from comptoir.trade import hs_lexicon, hs_rules
from comptoir.trade.errors import TradeInputError

__all__ = [
    "HsCsvError",
    "HsEntry",
    "HsHit",
    "HsIndex",
    "Language",
    "align_labels",
    "fold",
    "format_code",
    "is_valid_code",
    "parse_hs_csv",
    "stem_en",
    "stem_fr",
    "subheading_of",
    "tokenize",
    "validate_code",
]

Language = Literal["fr", "en"]

CSV_COLUMNS: tuple[str, ...] = ("section", "hscode", "description", "parent", "level")
"""Columns of the UN Comtrade HS file, in any order; other columns are ignored."""

PATH_SEPARATOR = " > "


# --------------------------------------------------------------------------------------
# Entries and hits
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HsEntry:
    """One line of the HS nomenclature: a chapter (2 digits), heading (4) or subheading (6).

    ``parent`` is the code of the chapter or heading above it, ``""`` for a chapter.
    ``section`` is the Roman numeral of the HS section (I to XXI) as given in the file.
    """

    code: str
    description: str
    parent: str
    level: int
    section: str


@dataclass(frozen=True, slots=True)
class HsHit:
    """One search result: a 6-digit subheading, best first.

    ``path`` names the chapter and the heading above the subheading, e.g.
    ``"84 Machinery and mechanical appliances... > 8471 Automatic data processing
    machines..."``; ``score`` is the relevance (higher is better, only comparable
    between hits of the same query).
    """

    code: str
    description: str
    path: str
    score: float

    def as_dict(self) -> dict[str, str | float]:
        """The hit as a JSON-ready mapping ``{"code", "description", "path", "score"}``."""
        return {
            "code": self.code,
            "description": self.description,
            "path": self.path,
            "score": self.score,
        }


# --------------------------------------------------------------------------------------
# HS codes
# --------------------------------------------------------------------------------------

_CODE_NOISE = re.compile(r"[\s.\-]")


def validate_code(code: str) -> str:
    """Return the HS code as bare digits, or raise ``ValueError`` with the reason.

    An HS code is 6 digits (the international subheading, HS 2022); a national tariff
    may add 2 or 4 digits (8: EU Combined Nomenclature, 10: TARIC or US HTS), so 6, 8 or
    10 digits are accepted. Dots, spaces and dashes are ignored ("8471.30",
    "8471 30 00"). Chapter 00 does not exist and chapter 77 is reserved by the WCO.
    This checks the form only: :meth:`HsIndex.lookup` checks against a nomenclature.
    The error is a :class:`~comptoir.trade.errors.TradeInputError` (a ``ValueError``)
    about the field ``hs_code``.
    """
    digits = _CODE_NOISE.sub("", code)
    if not digits:
        raise TradeInputError("HS code is empty.", "hs_code")
    if not (digits.isascii() and digits.isdigit()):
        raise TradeInputError(f"HS code {code!r} must contain digits only.", "hs_code")
    if len(digits) not in (6, 8, 10):
        raise TradeInputError(
            f"HS code {code!r} has {len(digits)} digits: expected 6 (HS subheading), "
            "or 8 or 10 with a national extension.",
            "hs_code",
        )
    if digits[:2] in ("00", "77"):
        raise TradeInputError(f"HS code {code!r}: chapter {digits[:2]} does not exist.", "hs_code")
    return digits


def is_valid_code(code: str) -> bool:
    """True when :func:`validate_code` accepts ``code``."""
    try:
        validate_code(code)
    except ValueError:
        return False
    return True


def subheading_of(code: str) -> str:
    """The 6-digit HS subheading of a 6, 8 or 10-digit code (validated)."""
    return validate_code(code)[:6]


def format_code(code: str) -> str:
    """Display form of a code: ``8471``, ``8471.30``, ``8471.30.00``, ``8471.30.00.10``."""
    digits = _CODE_NOISE.sub("", code)
    if len(digits) <= 4:
        return digits
    groups = [digits[:4]] + [digits[i : i + 2] for i in range(4, len(digits), 2)]
    return ".".join(groups)


# --------------------------------------------------------------------------------------
# CSV parsing
# --------------------------------------------------------------------------------------


class HsCsvError(TradeInputError):
    """The HS file has bad rows. ``errors`` lists every ``(row number, message)``.

    Row numbers are line numbers in the file, the header being row 1. A
    :class:`~comptoir.trade.errors.TradeInputError`, hence a ``ValueError``.
    """

    def __init__(self, errors: Sequence[tuple[int, str]]) -> None:
        self.errors: list[tuple[int, str]] = list(errors)
        shown = "; ".join(f"row {row}: {message}" for row, message in self.errors[:5])
        more = f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(f"Invalid HS nomenclature file: {shown}{more}")


def parse_hs_csv(source: Iterable[str] | str) -> list[HsEntry]:
    """Read an HS nomenclature in the UN Comtrade CSV layout.

    ``source`` is an open text file, any iterable of lines, or the whole CSV text as one
    string. The columns ``section,hscode,description,parent,level`` must be present (any
    order, a UTF-8 byte-order mark is tolerated). Comtrade's aggregate row
    ``TOTAL`` ("Total of all HS2022 commodities") is skipped, and ``TOTAL`` as the parent
    of a chapter means "no parent".

    Every row is checked: the code has 2, 4 or 6 digits matching ``level``, the parent is
    the code's first 2 (heading) or 4 (subheading) digits and exists in the file, codes
    are unique, description and section are not empty. Any bad row raises
    :class:`HsCsvError` (a ``ValueError``) listing all of them with their row numbers, so
    an import is all or nothing.
    """
    lines: Iterable[str] = source.splitlines() if isinstance(source, str) else source
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise HsCsvError([(1, "the file is empty")]) from None
    names = [name.strip().lstrip("\ufeff").lower() for name in header]
    missing = [column for column in CSV_COLUMNS if column not in names]
    if missing:
        raise HsCsvError(
            [(1, f"missing column(s) {', '.join(missing)}; expected {','.join(CSV_COLUMNS)}")]
        )
    position = {column: names.index(column) for column in CSV_COLUMNS}
    width = max(position.values()) + 1

    entries: list[HsEntry] = []
    rows: dict[str, int] = {}
    errors: list[tuple[int, str]] = []
    for record in reader:
        row = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) < width:
            errors.append((row, f"{len(record)} column(s), expected at least {width}"))
            continue
        section, code, description, parent, level_text = (
            record[position[column]].strip() for column in CSV_COLUMNS
        )
        if code.upper() == "TOTAL":
            continue
        problem = _row_problem(section, code, description, parent, level_text)
        if problem:
            errors.append((row, problem))
            continue
        if code in rows:
            errors.append((row, f"code {code} already on row {rows[code]}"))
            continue
        rows[code] = row
        parent_code = "" if len(code) == 2 else parent
        entries.append(
            HsEntry(code, " ".join(description.split()), parent_code, len(code), section)
        )
    for entry in entries:
        if entry.parent and entry.parent not in rows:
            errors.append(
                (rows[entry.code], f"parent {entry.parent} of {entry.code} is not in the file")
            )
    if not errors and not entries:
        errors.append((1, "no HS entry in the file"))
    if errors:
        raise HsCsvError(sorted(errors))
    return entries


def _row_problem(section: str, code: str, description: str, parent: str, level: str) -> str:
    """Why a CSV row is not a valid HS entry, or ``""``."""
    if not (code.isascii() and code.isdigit()) or len(code) not in (2, 4, 6):
        return f"hscode {code!r} must be 2, 4 or 6 digits"
    if level != str(len(code)):
        return f"level {level!r} does not match hscode {code} (expected {len(code)})"
    if len(code) == 2:
        if parent.upper() not in ("", "TOTAL"):
            return f"chapter {code} must have no parent (or TOTAL), not {parent!r}"
    elif parent != code[: len(code) - 2]:
        return f"parent {parent!r} of {code} should be {code[: len(code) - 2]}"
    if not description:
        return f"description of {code} is empty"
    if not section:
        return f"section of {code} is empty"
    return ""


# --------------------------------------------------------------------------------------
# Text: folding, tokens, stemming
# --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """Lower case without accents or ligatures: ``"Pièces détachées"`` -> ``"pieces detachees"``."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    lowered = lowered.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokenize(text: str) -> list[str]:
    """Folded words of ``text``; hyphens and apostrophes separate words, figures are dropped.

    Words with a digit ("10kg", "125cc", "a4") carry quantities that a text search cannot
    compare with the nomenclature's thresholds, so they are left out.
    """
    return [
        word
        for word in _TOKEN.findall(join_vitamins(fold(text)))
        if word.isalpha() or _VITAMIN.fullmatch(word)
    ]


_VITAMIN_NAME = re.compile(r"\bvitamin(?:e|es|s)? ([a-ek])(\d{0,2})\b")
_VITAMIN = re.compile(r"vitamin[a-ek]\d{0,2}")


def join_vitamins(folded: str) -> str:
    """ "vitamin c" -> "vitamin vitaminc": the letter (and number) of a vitamin is what tells
    2936 27 (vitamin C) from 2936 21 (vitamins A); alone it would be dropped as too short
    (fifth round). The joined word is kept whole by the stemmer."""
    return _LETTER_WORD.sub(r"\1\2", _VITAMIN_NAME.sub(r"vitamin vitamin\1\2", folded))


# "t-shirt", "x-ray", "u-bolt": a letter hyphened to a word makes one word with it; alone
# the letter is dropped as too short and a "T-shirt" would be read "shirt" (sixth round).
_LETTER_WORD = re.compile(r"\b([a-z])-([a-z]{2,})")


_US_TO_UK = re.compile(r"iz(e|ed|es|ing|ation|ations|er|ers)$")


@lru_cache(maxsize=65536)
def stem_en(word: str) -> str:
    """Light English stemmer for folded words (our own, in the spirit of the S-stemmer).

    Removes plural endings, ``-ing`` and ``-ed`` and a final ``e``, maps a few irregular
    forms and US spellings to British ones (the HS uses British English: "fibre",
    "aluminium", "jewellery"). It keeps "container" apart from "containing" and
    "printer" apart from "printed" on purpose: it never removes ``-er``.
    """
    if word in hs_lexicon.EN_UNSTEMMED or _VITAMIN.fullmatch(word):
        return word
    word = hs_lexicon.EN_IRREGULAR.get(word, word)
    word = _US_TO_UK.sub(r"is\1", word)
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        word = word[:-2]
    elif word.endswith("oes") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word in hs_lexicon.EN_UNSTEMMED:  # "dressings"
        return word
    if word.endswith("ing") and len(word) > 5 and _has_vowel(word[:-3]):
        word = _undouble(word[:-3])
    elif word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif (
        word.endswith("ed") and not word.endswith("eed") and len(word) > 4 and _has_vowel(word[:-2])
    ):
        word = _undouble(word[:-2])
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def stem_fr(word: str) -> str:
    """Light French stemmer for folded words (our own, after J. Savoy's light stemmers).

    Brings plural and feminine forms together: "chevaux" and "cheval", "détachées" and
    "détaché", "sportive" and "sportif", "précieuse" and "précieux".
    """
    if len(word) <= 3:
        return word
    if word.endswith("eaux") or word.endswith(("eux", "oux", "yaux")):
        word = word[:-1]
    elif word.endswith("aux") and len(word) > 4:
        word = word[:-3] + "al"
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("euse"):
        word = word[:-2]
    elif word.endswith("ive"):
        word = word[:-3] + "if"
    elif word.endswith(("elle", "enne", "onne", "ette")):
        word = word[:-2]
    while word.endswith("e") and len(word) > 4:  # "aile" (wing) stays apart from "ail"
        word = word[:-1]
    return word


def _has_vowel(text: str) -> bool:
    return any(char in "aeiouy" for char in text)


def _undouble(word: str) -> str:
    if len(word) > 2 and word[-1] == word[-2] and word[-1] in "bdfgmnprt":
        return word[:-1]
    return word


# --------------------------------------------------------------------------------------
# Vocabulary: the French -> English trade lexicon and everyday English -> HS wording
# --------------------------------------------------------------------------------------

Phrases = dict[tuple[str, ...], tuple[tuple[str, ...], ...]]
Stemmer = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The compiled vocabulary of :mod:`comptoir.trade.hs_lexicon`.

    ``fr`` and ``en`` map a phrase (a tuple of stems of content words) to its English
    wordings (each a tuple of English stems). ``fr_words`` and ``en_words`` map the
    folded surface words of the keys to their stems, for typo correction and prefixes.
    """

    fr: Phrases
    en: Phrases
    fr_words: dict[str, str]
    en_words: dict[str, str]
    longest: int


def _content(tokens: Iterable[str], stop: frozenset[str]) -> list[str]:
    return [token for token in tokens if token not in stop]


def _wordings(text: str) -> tuple[tuple[str, ...], ...]:
    """``"handbag; bag hand"`` -> ``(("handbag",), ("bag", "hand"))`` in English stems."""
    result: list[tuple[str, ...]] = []
    for wording in text.split(";"):
        stems = tuple(stem_en(t) for t in _content(tokenize(wording), hs_lexicon.EN_STOP))
        if stems and stems not in result:
            result.append(stems)
    return tuple(result)


def _compile(table: str, stemmer: Stemmer, stop: frozenset[str]) -> tuple[Phrases, dict[str, str]]:
    phrases: Phrases = {}
    words: dict[str, str] = {}
    for number, raw in enumerate(table.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" not in line:
            raise ValueError(f"hs_lexicon line {number}: no '=' in {raw!r}")
        left, right = line.split("=", 1)
        wordings = _wordings(right)
        if not wordings:
            raise ValueError(f"hs_lexicon line {number}: no English wording in {raw!r}")
        for term in left.split(","):
            tokens = _content(tokenize(term), stop)
            if not tokens:
                continue
            key = tuple(stemmer(token) for token in tokens)
            merged = list(phrases.get(key, ()))
            merged.extend(w for w in wordings if w not in merged)
            phrases[key] = tuple(merged)
            if len(tokens) == 1:
                words[tokens[0]] = key[0]
    return phrases, words


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    fr, fr_words = _compile(hs_lexicon.FR_EN, stem_fr, _FR_PHRASE_STOP)
    en, en_words = _compile(hs_lexicon.EN_EN, stem_en, _EN_PHRASE_STOP)
    longest = max(len(key) for key in (*fr, *en))
    return _Lexicon(fr, en, fr_words, en_words, longest)


_NEGATORS = frozenset({"sans", "without", "non", "not", "no", "hors", "except", "excluding"})
_FR_PHRASE_STOP = hs_lexicon.FR_STOP - _NEGATORS
_EN_PHRASE_STOP = hs_lexicon.EN_STOP - _NEGATORS
_ANY_STOP = hs_lexicon.FR_STOP | hs_lexicon.EN_STOP


# --------------------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------------------

# Field weights of a subheading document: its own text, its heading's, its chapter's.
OWN_WEIGHT = 1.0
HEADING_WEIGHT = 0.5
CHAPTER_WEIGHT = 0.25
# Weight of a word in a negative clause ("other than ...", "not ...", "excluding ...").
NEGATED_WEIGHT = 0.1
# BM25 parameters (Robertson and Zaragoza, 2009, usual values).
BM25_K1 = 1.2
BM25_B = 0.3
# A subheading matching k of n concepts has its score multiplied by (k / n) ** COVERAGE; a
# concept whose best wording it matches in part counts for that part (fourth round).
COVERAGE = 1.0
# A concept preceded by "sans", "without", "non": subheadings that have it lose this share;
# subheadings that exclude it ("not fitted with connectors") gain as if it matched.
NEGATIVE_PENALTY = 0.5
# Weight of the query's head noun (the product kind) against its modifiers.
HEAD_WEIGHT = 1.5
# Subheadings with no text of their own ("Other") keep this share: a specific sibling comes
# first when the query does not tell them apart (General Interpretative Rule 3 (a)). Not
# applied to "n.e.c." texts: many everyday goods are classified there.
RESIDUAL_FACTOR = 0.9
# A subheading whose own text excludes a word the query says ("excluding wrist-watches",
# "not knitted", "other than white") keeps this share (fifth round).
EXCLUDED_FACTOR = 0.6
# A subheading whose own words a sibling excludes ("Non-alcoholic beer" beside "other than
# non-alcoholic beer", "white" cement beside "other than white") keeps this share when the
# query does not say them: the excluding sibling is the usual goods (seventh round).
# English queries only (the French ones read the nomenclature through the lexicon's
# wordings, which do not always say the words a sibling excludes).
SIBLING_EXCLUDED_FACTOR = 0.8
# Not told apart by this rule but by the material rules: "man-made fibres" ("man" is also
# the stem of "men's"), "synthetic fibres".
_MAN_MADE = frozenset(stem_en(w) for w in ("man", "fibres", "fibre"))
# Stems of a source of power: between siblings "with an electric motor" / "other than
# with an electric motor" (or "electrically operated" / "other than electrically
# operated"), goods said without it are the powered ones (fifth round).
_POWER_STEMS = frozenset(stem_en(w) for w in ("electric", "electrically", "motor"))
# A negating prefix is not a word the query leaves unsaid ("non-agglomerated" iron ore).
_PREFIX_STEMS = frozenset({"non"})
# A subheading whose label uses the query's head noun to qualify another noun ("Sewing
# machine needles" for "sewing machines") keeps this share (sixth round).
LABEL_HEAD_FACTOR = 0.8
# English words of a state or quality that a price list writes after the goods.
_STATE_WORDS = frozenset(
    """whole raw crude new used fresh chilled frozen dried dry refined unrefined ground
    crushed roasted unroasted cooked uncooked smoked salted boneless shelled peeled
    organic natural sliced powdered liquid bulk""".split()
)
# When the query does not ask for parts, subheadings of parts keep this share of their score.
PARTS_FACTOR = 0.8

# A subheading keeps this share of its score for each word of its own text (not its
# heading's) that the query does not say, up to three: between siblings that match the
# query equally, the one that names something else comes after.
UNMATCHED_FACTOR = 0.95

# A subheading whose own text names a special state or use of the goods that the query
# does not say ("frozen" juice, "sparkling" wine, eggs "for incubation", "retreaded" tyres)
# keeps this share: goods are described by what they are, the special case is said.
MARKED_FACTOR = 0.75
_MARKED = frozenset(stem_en(word) for word in hs_lexicon.MARKED_STATES.split())
# Words saying that the goods stand in for other goods: said or not by the query.
_NOT_THE_THING = frozenset(stem_en(w) for w in ("substitutes", "imitation"))
# A subheading whose own distinguishing words are all unsaid by the query (it matched only
# through its heading's words) keeps this share: "stethoscope" is a medical instrument
# n.e.c. (9018 90), not a scintigraphic apparatus (9018 14) (GIR 6 and 3 (a)). A sibling
# told apart only by its material ("of cotton") is not concerned: t-shirts of cotton
# still come before those of other textile materials, which are not concerned either.
NOTHING_OWN_FACTOR = 0.9
_MATERIALS = frozenset(stem_en(word) for word in hs_lexicon.MATERIAL_WORDS.split())
_MATERIAL_WORDS = _MATERIALS | {stem_en(w) for w in ("textile", "materials", "base", "metal")}

# Weight of the words naming what the goods are used to make ("for the preparation of
# bakers' wares", "for making paper"): the goods are not those.
PURPOSE_WEIGHT = 0.4

# Weight of the CN8 labels (``extra``) in the text of their subheading.
EXTRA_WEIGHT = 0.5

# Typo correction only for stems this long: shorter words are too often real other words.
TYPO_MIN_LENGTH = 5
#: an English word this long that the nomenclature does not know may be two of its words
COMPOUND_MIN_LENGTH = 7
#: a French word is read as the English word its CN labels pair it with (Dice coefficient
#: over the labels that contain each) when the pairing is at least this strong and seen
#: in at least ALIGN_MIN_COUNT labels
ALIGN_MIN_DICE = 0.5
ALIGN_MIN_COUNT = 2

# Words that open a complement in a query: the head noun comes before them.
_COMPLEMENT_WORDS = frozenset(
    {"with", "for", "of", "in", "from", "without", "made", "covering", "packaged", "on"}
)
# Concepts too general to be the head of a query.
_GENERIC_STEMS = frozenset({"part", "accessory", "set"})
# Words about presentation rather than the goods: never the head of a query.
_PRESENTATION_STEMS = frozenset({"pack", "packag", "retail", "sale", "bulk", "spray", "aerosol"})
# Containers that end an English compound noun: after goods they say how the goods are
# packed ("black tea bags", "honey jars", "mineral water bottles": the tea, the honey, the
# water are classified), after a material they are the goods ("plastic bags", "glass
# bottles", "cardboard boxes"). Raw words, before stemming.
_CONTAINER_WORDS = frozenset(
    """
    bag bags sachet sachets pouch pouches bottle bottles jar jars can cans tin tins box
    boxes carton cartons pack packs packet packets tub tubs capsule capsules pod pods
    """.split()
)
# Shapes the goods are cut or moulded into, which end an English compound noun the same
# way: after goods they say the form of the goods ("cinnamon sticks", "chocolate bars",
# "sugar cubes", "chicken pieces": the cinnamon, the chocolate are classified), after a
# material they are the goods ("steel bars", "wooden sticks", fifth round). Raw words.
_FORM_WORDS = frozenset(
    """
    stick sticks bar bars cube cubes slice slices piece pieces flake flakes chunk chunks
    """.split()
)

# "Mixes and doughs for the preparation of bakers' wares", "machinery for making paper":
# the goods named after these words are what the subheading's goods are used to make.
# Likewise "transmission apparatus incorporating reception apparatus": a component.
_PURPOSE_START = re.compile(
    r"for (?:the )?(?:industrial )?(?:preparation|manufacture|making|production|processing)\b"
    r"|incorporating\b"
)
_NEGATION_START = re.compile(r"\b(?:other than|not|excluding|except|without|nor)\b")
_NEGATION_WORDS = frozenset({"other", "not", "excluding", "except", "without", "nor"})


@dataclass(frozen=True, slots=True)
class _Concept:
    """One idea of the query: its source words and its English wordings (stems)."""

    source: str
    wordings: tuple[tuple[str, ...], ...]
    negative: bool = False
    weight: float = 1.0


def _is_container(source: str) -> bool:
    """Whether the query words of a concept end with a container ("tea bags", "jars") or
    a form ("cinnamon sticks")."""
    words = source.split()
    return bool(words) and words[-1] in _CONTAINER_WORDS | _FORM_WORDS


class HsIndex:
    """A searchable HS nomenclature, built once from :func:`parse_hs_csv` entries.

    Building takes about half a second for the ~6,900 HS 2022 entries; a search about a
    millisecond (the first query with a typo also builds the typo table, about 0.1 s).
    The index is read-only once built and may be shared between threads: keep one per
    process and build a new one after a new nomenclature is imported.
    """

    def __init__(
        self,
        entries: Iterable[HsEntry],
        extra: Mapping[str, Sequence[str]] | None = None,
        french_labels: Sequence[tuple[str, str]] = (),
    ) -> None:
        # ``extra``: more English text per 6-digit subheading (the labels of its CN8 codes),
        # counted in its own text with the weight EXTRA_WEIGHT. ``french_labels``: the same
        # labels in French and English, (french, english) pairs, from which a French word
        # the lexicon does not know is read (:func:`align_labels`, built when first needed).
        self._extra: Mapping[str, Sequence[str]] = extra or {}
        self._french_labels = french_labels
        self._aligned_words: dict[str, tuple[str, ...]] | None = None
        self._entries: dict[str, HsEntry] = {}
        for entry in entries:
            self._entries[entry.code] = entry
        self._docs: list[HsEntry] = sorted(
            (e for e in self._entries.values() if e.level == 6), key=lambda e: e.code
        )
        self._children: dict[str, list[HsEntry]] = {}
        for entry in sorted(self._entries.values(), key=lambda e: e.code):
            if entry.parent:
                self._children.setdefault(entry.parent, []).append(entry)
        self._build()

    # ---- nomenclature look-ups ------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._entries

    @property
    def entries(self) -> list[HsEntry]:
        """All entries (chapters, headings, subheadings) in code order."""
        return sorted(self._entries.values(), key=lambda e: e.code)

    def get(self, code: str) -> HsEntry | None:
        """The entry with exactly this 2, 4 or 6-digit code (dots and spaces ignored)."""
        return self._entries.get(_CODE_NOISE.sub("", code))

    def lookup(self, code: str) -> HsEntry | None:
        """The 6-digit subheading of a product's HS code (6, 8 or 10 digits), or ``None``.

        Raises ``ValueError`` when the code is malformed (see :func:`validate_code`);
        returns ``None`` when it is well formed but its subheading is not in this
        nomenclature.
        """
        return self._entries.get(subheading_of(code))

    def children(self, code: str) -> list[HsEntry]:
        """Headings of a chapter, or subheadings of a heading, in code order."""
        return list(self._children.get(code, ()))

    def path(self, code: str) -> str:
        """Chapter and heading above a code, e.g. ``"64 Footwear; ... > 6403 Footwear; ..."``."""
        parts: list[str] = []
        entry = self._entries.get(code)
        while entry is not None and entry.parent:
            entry = self._entries.get(entry.parent)
            if entry is not None:
                parts.append(f"{entry.code} {entry.description}")
        return PATH_SEPARATOR.join(reversed(parts))

    def hit(self, code: str, score: float = 0.0) -> HsHit:
        """An :class:`HsHit` for a code of this nomenclature (``KeyError`` if absent)."""
        entry = self._entries[code]
        return HsHit(entry.code, entry.description, self.path(entry.code), score)

    # ---- building -------------------------------------------------------------------

    def _build(self) -> None:
        fields_of: dict[str, dict[str, float]] = {}
        document_frequency: dict[str, int] = {}
        self._surface: dict[str, str] = {}
        bigrams: set[tuple[str, str]] = set()
        excluded_of: dict[str, set[str]] = {}
        prefixed_of: dict[str, set[str]] = {}
        for entry in self._entries.values():
            excluded_of[entry.code] = set()
            prefixed_of[entry.code] = set()
            weights = self._weighted_stems(
                entry.description, excluded_of[entry.code], prefixed_of[entry.code]
            )
            fields_of[entry.code] = weights
            bigrams.update(_bigrams(entry.description))
            stems = set(weights)
            for text in self._extra.get(entry.code, ()) if entry.level == 6 else ():
                stems.update(self._weighted_stems(text))  # words only the CN labels have
                bigrams.update(_bigrams(text))
            for stem in stems:
                document_frequency[stem] = document_frequency.get(stem, 0) + 1
        self._bigrams = frozenset(bigrams)
        total = len(self._entries) or 1
        self._idf: dict[str, float] = {
            stem: math.log(1.0 + (total - df + 0.5) / (df + 0.5))
            for stem, df in document_frequency.items()
        }

        # Words of the heading and chapter, weighted, shared by the subheadings below them.
        inherited: dict[str, dict[str, float]] = {}
        for entry in self._entries.values():
            if entry.level != 4:
                continue
            words = {stem: HEADING_WEIGHT * tf for stem, tf in fields_of[entry.code].items()}
            for stem, tf in fields_of.get(entry.parent, {}).items():
                words[stem] = words.get(stem, 0.0) + CHAPTER_WEIGHT * tf
            inherited[entry.code] = words

        documents: list[dict[str, float]] = []
        own_lengths: list[int] = []
        self._own: list[frozenset[str]] = []
        self._own_specific: list[frozenset[str]] = []
        self._own_negated: list[frozenset[str]] = []
        self._residual: list[bool] = []
        self._excluded: list[frozenset[str]] = []
        self._own_text: list[frozenset[str]] = []
        self._label_modifiers: list[frozenset[str]] = []
        for entry in self._docs:
            self._excluded.append(frozenset(excluded_of.get(entry.code, ())))
            own = dict(fields_of[entry.code] or fields_of.get(entry.parent, {}))  # "Other"
            residual = not fields_of[entry.code]
            for text in self._extra.get(entry.code, ()):
                for stem, tf in self._weighted_stems(text).items():
                    own[stem] = own.get(stem, 0.0) + EXTRA_WEIGHT * tf
            combined = dict(inherited.get(entry.parent, {}))
            for stem, tf in own.items():
                combined[stem] = combined.get(stem, 0.0) + OWN_WEIGHT * tf
            documents.append(combined)
            own_lengths.append(max(len(own), 1))
            self._own.append(frozenset(s for s, tf in own.items() if tf >= EXTRA_WEIGHT))
            self._own_specific.append(
                frozenset(s for s, tf in fields_of[entry.code].items() if tf >= 1.0)
                - frozenset(inherited.get(entry.parent, {}))
                - _PREFIX_STEMS
                - prefixed_of.get(entry.code, set())
            )
            self._own_negated.append(frozenset(s for s, tf in own.items() if tf < EXTRA_WEIGHT))
            self._residual.append(residual)
            self._own_text.append(
                frozenset(s for s, tf in fields_of[entry.code].items() if tf >= 1.0)
            )
            self._label_modifiers.append(label_modifiers(entry.description))
        # "Vacuum cleaners, other than with a self-contained electric motor" beside "Vacuum
        # cleaners, with self-contained electric motor": the subheading that excludes its
        # sibling's source of power is the residual one when the query does not say it.
        self._power_other: list[frozenset[str]] = []
        self._power_mirror: list[frozenset[str]] = [frozenset()] * len(self._docs)
        self._excluded_by_sibling: list[frozenset[str]] = [frozenset()] * len(self._docs)
        # a subheading's own words less its heading's (the chapter's may say them: "Soya
        # beans; seed" under "Oil seeds")
        own_vs_heading = [
            self._own_text[number] - frozenset(fields_of.get(entry.parent, {}))
            for number, entry in enumerate(self._docs)
        ]
        siblings: dict[str, list[int]] = {}
        for number, entry in enumerate(self._docs):
            siblings.setdefault(entry.parent, []).append(number)
        for number, entry in enumerate(self._docs):
            mirrored: frozenset[str] = frozenset()
            for other in siblings.get(entry.parent, ()):
                unsaid = self._excluded[number] - self._excluded[other]
                said = {stem for stem, tf in fields_of[self._docs[other].code].items() if tf >= 1}
                if other != number and unsaid & _POWER_STEMS and unsaid <= said:
                    mirrored = mirrored | unsaid
                    self._power_mirror[other] = self._power_mirror[other] | unsaid
                elif other != number:
                    # "Non-alcoholic beer" beside "other than non-alcoholic beer": the
                    # sibling whose own words another excludes is the special case
                    # (seventh round). Materials are left to the material rules.
                    for own_words in (self._own_specific[other], own_vs_heading[other]):
                        if own_words - _MATERIAL_WORDS - _MAN_MADE and own_words <= unsaid:
                            self._excluded_by_sibling[other] = own_words
                            break
            self._power_other.append(mirrored)
        average = sum(own_lengths) / len(own_lengths) if own_lengths else 1.0

        postings: dict[str, list[tuple[int, float]]] = {}
        k1_plus_1 = BM25_K1 + 1.0
        for number, combined in enumerate(documents):
            norm = BM25_K1 * (1.0 - BM25_B + BM25_B * own_lengths[number] / average)
            for stem, tf in combined.items():
                posting = (number, tf * k1_plus_1 / (tf + norm))
                if stem in postings:
                    postings[stem].append(posting)
                else:
                    postings[stem] = [posting]
        self._postings = postings
        self._vocabulary = frozenset(postings)

        lexicon = _lexicon()
        self._words_en: dict[str, str] = dict(lexicon.en_words)
        for surface, stem in self._surface.items():
            self._words_en.setdefault(surface, stem)
        self._sorted_surfaces = sorted({*self._words_en, *lexicon.fr_words})
        self._typo_maps: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None

    def _typos(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Known French and English stems by their one-letter deletions (built when needed)."""
        if self._typo_maps is None:
            lexicon = _lexicon()
            english = self._vocabulary | {key[0] for key in lexicon.en if len(key) == 1}
            french = {key[0] for key in lexicon.fr if len(key) == 1}
            maps: list[dict[str, set[str]]] = []
            for stems in (french, english):
                typos: dict[str, set[str]] = {}
                for stem in stems:
                    if len(stem) >= TYPO_MIN_LENGTH:
                        for variant in _deletions(stem):
                            typos.setdefault(variant, set()).add(stem)
                maps.append(typos)
            self._typo_maps = (maps[0], maps[1])
        return self._typo_maps

    def _weighted_stems(
        self,
        description: str,
        excluded: set[str] | None = None,
        prefixed_out: set[str] | None = None,
    ) -> dict[str, float]:
        """Stems of a description with their counts; words in negative clauses count little.

        ``excluded`` receives the stems the description only names to exclude them
        ("excluding wrist-watches", "not knitted", "other than white"), not those of an
        optional clause ("whether or not containing added sugar").
        """
        weights: dict[str, float] = {}
        positive: set[str] = set()
        excluding: set[str] = set()
        prefixed: set[str] = set()
        text = join_vitamins(fold(description))
        depth = 0
        negated_until_depth: int | None = None
        negated_list = False
        optional = False
        purpose_until_depth: int | None = None
        negate_next = False
        for match in re.finditer(r"[a-z0-9]+|[;,()]", text):
            piece = match.group()
            if piece == "non":
                # "non-agglomerated", "non-alloy", "non-electric": the prefix negates the
                # one word it is joined to, not the clause ("non-alloy steel" is steel).
                # "non" itself stays a word of the text (the lexicon says "non refillable").
                negated_word, negate_next = False, True
            else:
                negated_word, negate_next = negate_next and piece.isalpha(), False
            if piece in ";,()":
                if piece == "(":
                    depth += 1
                elif piece == ")":
                    depth = max(depth - 1, 0)
                # "excluding medical, surgical or dental furniture", "whether or not containing
                # storage units, input units, output units": a list after "excluding",
                # "except" or "whether or not" goes on past its commas; "other than" stops.
                ends = ";(" if negated_list else ";,("
                if negated_until_depth is not None and (
                    depth < negated_until_depth or (piece in ends and depth == negated_until_depth)
                ):
                    negated_until_depth = None
                if purpose_until_depth is not None and (
                    depth < purpose_until_depth or (piece in ";(" and depth == purpose_until_depth)
                ):
                    purpose_until_depth = None
                continue
            if (
                piece == "including"
                and negated_until_depth == depth
                and not text.endswith("not ", 0, match.start())
            ):
                # "(excluding medicaments, including sunscreen or sun tan preparations)":
                # what follows "including" is in the text, not excluded (eighth round)
                negated_until_depth = None
            if piece in _NEGATION_WORDS and _NEGATION_START.match(text, match.start()):
                negated_until_depth = depth
                optional = text.endswith("whether or ", 0, match.start())
                negated_list = piece in ("excluding", "except") or optional
            if piece in ("for", "incorporating") and _PURPOSE_START.match(text, match.start()):
                purpose_until_depth = depth
            if piece in hs_lexicon.EN_STOP or not (piece.isalpha() or _VITAMIN.fullmatch(piece)):
                continue
            stem = stem_en(piece)
            self._surface.setdefault(piece, stem)
            weight = NEGATED_WEIGHT if negated_until_depth is not None else 1.0
            if negated_word:
                # the word keeps its weight (the lexicon quotes "non-alcoholic beverages")
                # but is not one the text asks for: excluded, not specific
                if negated_until_depth is None:
                    excluding.add(stem)
                    prefixed.add(stem)
            elif negated_until_depth is None:
                positive.add(stem)
            elif not optional and depth == negated_until_depth:
                excluding.add(stem)  # not "other than with a bow (e.g. guitars)"
            if purpose_until_depth is not None:
                weight *= PURPOSE_WEIGHT
            weights[stem] = weights.get(stem, 0.0) + weight
        if excluded is not None:
            excluded.update(excluding - positive)
        if prefixed_out is not None:
            prefixed_out.update(prefixed - positive)
        return weights

    # ---- query analysis ---------------------------------------------------------------

    def detect_language(self, query: str, default: Language = "en") -> Language:
        """Guess whether a query is French or English.

        Accents, French articles and prepositions ("de", "à", "pour") and words of the
        French lexicon vote French; English function words, the nomenclature's words and
        the English lexicon vote English; a two-word phrase of either lexicon counts double. A tie is ``default`` (the user's language when the
        caller knows it; English, the nomenclature's language, otherwise).
        """
        lexicon = _lexicon()
        french = 1.0 if fold(query) != query.lower() else 0.0
        english = 0.0
        for token in tokenize(query):
            in_fr_stop = token in hs_lexicon.FR_STOP
            in_en_stop = token in hs_lexicon.EN_STOP
            if in_fr_stop != in_en_stop:
                french += in_fr_stop
                english += in_en_stop
                continue
            in_fr = (stem_fr(token),) in lexicon.fr
            in_en = token in self._words_en
            if in_fr != in_en:
                french += in_fr
                english += in_en
        # A phrase of the lexicon ("gel douche", "pièces détachées") says its language
        # better than its words one by one.
        tokens = [t for t in tokenize(query) if t not in hs_lexicon.FR_STOP]
        for first, second in zip(tokens, tokens[1:], strict=False):
            french += 2.0 * ((stem_fr(first), stem_fr(second)) in lexicon.fr)
        tokens = [t for t in tokenize(query) if t not in hs_lexicon.EN_STOP]
        for first, second in zip(tokens, tokens[1:], strict=False):
            english += 2.0 * ((stem_en(first), stem_en(second)) in lexicon.en)
        if french == english:
            return default
        return "fr" if french > english else "en"

    def analyse(
        self, query: str, lang: Language | None = None, *, prefix: bool = False
    ) -> list[tuple[str, list[str]]]:
        """How a query is understood: ``[(query words, [English wordings]), ...]``.

        Negated concepts ("sans oeufs") are shown with a leading ``-``. For display and
        debugging; :meth:`search` uses the same analysis.
        """
        return [
            (("-" if c.negative else "") + c.source, [" ".join(w) for w in c.wordings])
            for c in self._concepts(query, lang, prefix)
        ]

    def _concepts(self, query: str, lang: Language | None, prefix: bool) -> list[_Concept]:
        language = lang or self.detect_language(query)
        tokens = tokenize(query)
        if prefix and query.rstrip() != query:
            prefix = False  # the last word is finished: the user typed a space
        stop = hs_lexicon.FR_STOP if language == "fr" else hs_lexicon.EN_STOP
        content: list[str] = []
        positions: list[int] = []  # where each content word is in ``tokens``
        segments: list[int] = []  # complements ("with rubber soles") start a new segment
        segment = 0
        for position, token in enumerate(tokens):
            if token in _COMPLEMENT_WORDS and content:
                segment += 1
            if token not in stop or token in _NEGATORS:
                content.append(token)
                positions.append(position)
                segments.append(segment)
        concepts: list[_Concept] = []
        places: list[int] = []
        negative = False
        i = 0
        while i < len(content):
            start = i
            found = self._match(content, i, language)
            if language == "en" and (found is None or found[0] == 1):
                found = self._nomenclature_phrase(content, i) or found
            if (
                language == "en"
                and found is not None
                and found[0] > 1
                and "in" in tokens[positions[i] : positions[i + found[0] - 1]]
                and content[i + found[0] - 1] in _CONTAINER_WORDS
            ):
                # "wine in bottles" is wine, not the "wine bottles" phrase; "olives in
                # brine", "eggs in shell" are the lexicon's phrases (eighth round)
                found = None
            if found is not None:
                size, wordings = found
                source = " ".join(tokens[positions[i] : positions[i + size - 1] + 1])
                concepts.append(_Concept(source, wordings, negative))
                places.append(segments[start])
                negative = False
                i += size
                continue
            token = content[i]
            i += 1
            if token in _NEGATORS:
                negative = True
                continue
            if token in _ANY_STOP:
                continue
            wordings = self._single(token, language, prefix and i == len(content))
            if wordings:
                concepts.append(_Concept(token, wordings, negative))
                places.append(segments[start])
                negative = False
        concepts, places = _without_redundant(concepts, places)
        return self._with_head(concepts, places, language)

    def _contents_chapter(self, concept: _Concept) -> bool:
        """Whether a concept reads best as goods put in containers (chapters 01 to 38:
        foodstuffs, minerals, chemicals, cosmetics), not as an article ("laptop", "shoe")."""
        best: dict[int, float] = {}
        for wording in concept.wordings:
            for stem in wording:
                idf = self._idf.get(stem, 0.0)
                for number, weight in self._postings.get(stem, ()):
                    best[number] = best.get(number, 0.0) + idf * weight
        if not best:
            return True
        top = max(best, key=lambda number: best[number])
        return self._docs[top].code[:2] <= "38"

    def _with_head(
        self, concepts: list[_Concept], places: list[int], language: Language
    ) -> list[_Concept]:
        """Give the head noun of the query more weight.

        French puts the head noun first ("*sac* à main en cuir", "*pièces* détachées pour
        pompe"), English puts it last before any complement ("hard shell plastic
        *suitcase*", "running *shoes* with rubber soles"). Generic heads ("parts",
        "accessories", "set") pass the role to the next concept, as the HS classifies
        parts with the goods they belong to (Section XVI Note 2).
        """
        candidates = [
            n
            for n, c in enumerate(concepts)
            if not c.negative
            and not any(set(w) & (_GENERIC_STEMS | _PRESENTATION_STEMS) for w in c.wordings)
        ]
        if not candidates:
            return concepts
        if language == "fr":
            head = candidates[0]
        else:
            first = min(places[n] for n in candidates)
            group = [n for n in candidates if places[n] == first]
            while len(group) > 1 and concepts[group[-1]].source in _STATE_WORDS:
                # "black pepper whole", "palm oil crude", "car tyres new": a state said
                # after the goods (the style of price lists) is not the head (sixth round)
                group = group[:-1]
            head = group[-1]
            if len(group) > 1 and _is_container(concepts[head].source):
                before = {stem_en(w) for n in group[:-1] for w in concepts[n].source.split()}
                # "shoe boxes", "laptop bags": after an article, a container is the goods
                # (fifth round); a form ("cinnamon sticks") is always the goods' shape
                form = concepts[head].source.split()[-1] in _FORM_WORDS
                if not before & _MATERIAL_WORDS and (
                    form or self._contents_chapter(concepts[group[-2]])
                ):
                    head = group[-2]
        result = list(concepts)
        result[head] = _Concept(concepts[head].source, concepts[head].wordings, False, HEAD_WEIGHT)
        return result

    def _match(
        self, content: Sequence[str], start: int, language: Language
    ) -> tuple[int, tuple[tuple[str, ...], ...]] | None:
        """The lexicon phrase that starts at ``content[start]``: ``(words used, wordings)``.

        The query language's table is tried first. In an English query, a word of the
        nomenclature keeps its own meaning rather than a French one ("baskets").
        """
        lexicon = _lexicon()
        if language == "fr":
            return self._phrase(content, start, lexicon.fr, stem_fr) or self._phrase(
                content, start, lexicon.en, stem_en
            )
        found = self._phrase(content, start, lexicon.en, stem_en)
        if found is None and stem_en(content[start]) not in self._vocabulary:
            found = self._phrase(content, start, lexicon.fr, stem_fr)
        return found

    def _nomenclature_phrase(
        self, content: Sequence[str], start: int
    ) -> tuple[int, tuple[tuple[str, ...], ...]] | None:
        """Two query words that the nomenclature itself says side by side ("sweet
        potatoes", "safety pins", "wall clocks") are one concept, read in the
        nomenclature's words rather than word by word through the lexicon ("sweet" is
        not sugar confectionery there)."""
        if start + 1 >= len(content):
            return None
        first, second = content[start], content[start + 1]
        if first in _NEGATORS or second in _NEGATORS:
            return None
        pair = (stem_en(first), stem_en(second))
        if pair not in self._bigrams or pair[0] == pair[1]:
            return None
        after = self._match(content, start + 1, "en")
        if after is not None and after[0] > 1:
            return None  # "roasted coffee beans": the lexicon's "coffee beans" comes first
        wordings: list[tuple[str, ...]] = [pair]
        # The lexicon's reading of the first word stays possible ("peanut": ground-nuts).
        mine = self._match(content, start, "en")
        for wording in mine[1] if mine is not None else ():
            joined = (*wording, pair[1])
            if joined not in wordings:
                wordings.append(joined)
        return 2, tuple(wordings)

    def _phrase(
        self, content: Sequence[str], start: int, table: Phrases, stemmer: Stemmer
    ) -> tuple[int, tuple[tuple[str, ...], ...]] | None:
        longest = min(_lexicon().longest, len(content) - start)
        stems = [stemmer(t) for t in content[start : start + longest]]
        for size in range(longest, 0, -1):
            wordings = table.get(tuple(stems[:size]))
            if wordings:
                known = self._known(wordings)
                if known:
                    return size, known
        return None

    def _known(self, wordings: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
        """Wordings reduced to the stems this nomenclature contains."""
        result: list[tuple[str, ...]] = []
        for wording in wordings:
            kept = tuple(stem for stem in wording if stem in self._vocabulary)
            if kept and kept not in result:
                result.append(kept)
        return tuple(result)

    def _single(self, token: str, language: Language, prefix: bool) -> tuple[tuple[str, ...], ...]:
        """Wordings of a word that no phrase of the lexicon covers."""
        lexicon = _lexicon()
        stem = stem_en(token)
        wordings: list[tuple[str, ...]] = []
        if stem in self._vocabulary:
            wordings.append((stem,))
        if prefix and len(token) >= 2:
            for surface in self._completions(token):
                for wording in self._surface_wordings(surface, language):
                    if wording not in wordings:
                        wordings.append(wording)
        if not wordings and language == "fr":
            wordings.extend(self._known((w,) for w in self._aligned().get(stem_fr(token), ())))
        if not wordings and language == "en":
            compound = self._compound(token)
            if compound:
                wordings.append(compound)
        if (
            wordings
            or len(token) < 5
            or _VITAMIN.fullmatch(token)
            or (language == "en" and token in _CONTAINER_WORDS | _FORM_WORDS)
        ):
            # a known shape or container is no typo: "mango chunks" is not "chuck"
            return tuple(wordings)  # "vitamin d" is not a typo for "vitamin a"
        # A typo? Known stems at one edit (deletion, insertion, substitution, transposition)
        # from the word's stem, in the query's language first.
        fr_typos, en_typos = self._typos()
        searches = [("fr", stem_fr(token), fr_typos), ("en", stem, en_typos)]
        if language == "en":
            searches.reverse()
        for side, own_stem, typos in searches:
            if len(own_stem) < TYPO_MIN_LENGTH:
                continue
            candidates: set[str] = set(typos.get(own_stem, ()))
            for variant in _deletions(own_stem):
                candidates |= typos.get(variant, set())
            # A typo rarely changes a word's first letter: "lunch" is not "punch" (fifth
            # round; spelling checkers make the same assumption).
            ranked = sorted(
                (c for c in candidates if c[:1] == own_stem[:1] and _one_edit(own_stem, c)),
                key=lambda c: (-len(self._postings.get(c, ())), c),
            )
            for candidate in ranked[:1]:
                if side == "fr":
                    wordings.extend(self._known(lexicon.fr.get((candidate,), ())))
                else:
                    wordings.extend(self._known(lexicon.en.get((candidate,), ((candidate,),))))
            if wordings:
                break
        return tuple(wordings)

    def _aligned(self) -> dict[str, tuple[str, ...]]:
        if self._aligned_words is None:
            self._aligned_words = align_labels(self._french_labels)
        return self._aligned_words

    def _compound(self, token: str) -> tuple[str, ...]:
        """An English compound written as one word whose two halves are words of the
        nomenclature: "crankshaft" is "crank shaft", "wristwatch" "wrist watch"."""
        if len(token) < COMPOUND_MIN_LENGTH:
            return ()
        best: tuple[str, ...] = ()
        best_balance = 0
        for cut in range(3, len(token) - 2):
            first, second = token[:cut], token[cut:]
            if first in hs_lexicon.EN_STOP or second in hs_lexicon.EN_STOP:
                continue
            first_stem = self._surface.get(first)
            second_stem = self._surface.get(second) or stem_en(second)
            if first_stem is None or first_stem not in self._vocabulary:
                continue
            if second_stem not in self._vocabulary:
                continue
            balance = min(len(first), len(second))
            if balance > best_balance:
                best, best_balance = (first_stem, second_stem), balance
        return best

    def _surface_wordings(self, surface: str, language: Language) -> list[tuple[str, ...]]:
        lexicon = _lexicon()
        tables: list[tuple[Phrases, str | None]] = [
            (lexicon.fr, lexicon.fr_words.get(surface)),
            (lexicon.en, lexicon.en_words.get(surface)),
        ]
        if language == "en":
            tables.reverse()
        result: list[tuple[str, ...]] = []
        for table, stem in tables:
            if stem is not None:
                result.extend(self._known(table.get((stem,), ())))
        english = self._words_en.get(surface)
        if english and english in self._vocabulary and (english,) not in result:
            result.append((english,))
        return result[:6]

    def _completions(self, start: str, limit: int = 8) -> list[str]:
        found: list[str] = []
        at = bisect_left(self._sorted_surfaces, start)
        while at < len(self._sorted_surfaces) and len(found) < 200:
            surface = self._sorted_surfaces[at]
            if not surface.startswith(start):
                break
            found.append(surface)
            at += 1
        found.sort(key=lambda s: (len(s), s))
        return found[:limit]

    # ---- search -----------------------------------------------------------------------

    def search(
        self,
        query: str,
        top: int = 10,
        *,
        lang: Language | None = None,
        prefix: bool = False,
    ) -> list[HsHit]:
        """The ``top`` 6-digit subheadings that best match ``query``, best first.

        ``query`` is free text in French or English ("sac à main en cuir", "running shoes
        with rubber soles"), or the start of a code ("8471", "6403.91") which lists the
        subheadings under it. ``lang`` forces the query language ("fr" or "en"); by
        default it is detected. With ``prefix=True`` (suggestions as you type) the last
        word may be unfinished ("chauss") unless the query ends with a space.
        An empty or meaningless query returns ``[]``.
        """
        if top <= 0:
            return []
        code = _CODE_NOISE.sub("", query)
        if code.isascii() and code.isdigit() and len(code) >= 2:
            return [self.hit(e.code, 1.0) for e in self._docs if e.code.startswith(code[:6])][:top]
        scores = self.scores(query, lang=lang, prefix=prefix)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [self.hit(code, round(score, 4)) for code, score in ranked[:top]]

    def _head_stem(self, concepts: list[_Concept], language: Language) -> str | None:
        """The stem of the last English word of the query's head concept (English only)."""
        positive = [c for c in concepts if not c.negative]
        if language != "en" or not positive:
            return None
        head = max(positive, key=lambda c: c.weight)
        words = [t for t in tokenize(head.source) if t.isalpha()]
        return stem_en(words[-1]) if words else None

    def unknown_share(self, query: str, *, lang: Language | None = None) -> float:
        """The share of the query's words that neither the lexicon nor the nomenclature's
        English knows (read through the CN labels, a typo correction or not at all)."""
        language = lang or self.detect_language(query)
        stop = hs_lexicon.FR_STOP if language == "fr" else hs_lexicon.EN_STOP
        tokens = [t for t in tokenize(query) if t not in stop and t not in _NEGATORS]
        if not tokens:
            return 0.0
        lexicon = _lexicon()
        in_phrases = {
            word
            for concept in self._concepts(query, language, False)
            if " " in concept.source
            for word in concept.source.split()
        }
        unknown = [
            t
            for t in tokens
            if t not in in_phrases
            and stem_en(t) not in self._vocabulary
            and (stem_fr(t),) not in lexicon.fr
            and (stem_en(t),) not in lexicon.en
        ]
        return len(unknown) / len(tokens)

    def query_stems(
        self, query: str, *, lang: Language | None = None, prefix: bool = False
    ) -> frozenset[str]:
        """The English stems the query is understood as (its concepts' wordings)."""
        return frozenset(
            stem
            for c in self._concepts(query, lang, prefix)
            if not c.negative
            for w in c.wordings
            for stem in w
        )

    def scores(
        self,
        query: str,
        *,
        lang: Language | None = None,
        prefix: bool = False,
        rules: bool = True,
    ) -> dict[str, float]:
        """The relevance of every 6-digit subheading that matches ``query`` (code: score).

        The ranking of :meth:`search` before it is cut; the scores are comparable between
        subheadings of the same query only. ``rules=False`` leaves out the ranking rules
        of :mod:`comptoir.trade.hs_rules` (for a caller that adds other scores first).
        """
        concepts = self._concepts(query, lang, prefix)
        positive = [c for c in concepts if not c.negative]
        if not positive:
            return {}
        scores: dict[int, float] = {}
        matched: dict[int, float] = {}
        for concept in positive:
            best: dict[int, float] = {}
            share: dict[int, float] = {}
            for wording in concept.wordings:
                sums: dict[int, float] = {}
                found: dict[int, int] = {}
                for stem in wording:
                    idf = self._idf.get(stem, 0.0)
                    for number, weight in self._postings.get(stem, ()):
                        sums[number] = sums.get(number, 0.0) + idf * weight
                        found[number] = found.get(number, 0) + 1
                size = len(wording)
                for number, total in sums.items():
                    value = total / size
                    if value > best.get(number, 0.0):
                        best[number] = value
                        share[number] = found[number] / size
            for number, value in best.items():
                scores[number] = scores.get(number, 0.0) + value * concept.weight
                # A concept counts as matched for the share of its wording found: "strap"
                # alone is half of "watch strap".
                matched[number] = matched.get(number, 0.0) + concept.weight * share[number]
        total_weight = sum(c.weight for c in positive)
        for concept in concepts:
            if concept.negative:
                stems = {stem for wording in concept.wordings for stem in wording}
                bonus = max(self._idf.get(stem, 0.0) for stem in stems) if stems else 0.0
                for number in scores:
                    if stems & self._own[number]:
                        scores[number] *= 1.0 - NEGATIVE_PENALTY
                    elif stems & self._own_negated[number]:
                        scores[number] += bonus
                        matched[number] += concept.weight
                total_weight += concept.weight
        for number in scores:
            scores[number] *= (matched[number] / total_weight) ** COVERAGE
        query_stems = {stem for c in positive for w in c.wordings for stem in w}
        # The English words the user typed (not the lexicon's wordings, which may quote a
        # subheading's own negative clause: "cycles, not motorised").
        negated_typed = {stem_en(t) for c in concepts if c.negative for t in tokenize(c.source)}
        typed_stems = (
            {stem_en(token) for token in tokenize(query)} - negated_typed
            if (lang or self.detect_language(query)) == "en"
            else set()
        )
        query_head = self._head_stem(concepts, lang or self.detect_language(query))
        for number in scores:
            if query_head in self._label_modifiers[number]:
                # "Sewing machine needles" for "sewing machines", "Bearing housings" for
                # "ball bearings": the label's goods are another noun (sixth round)
                scores[number] *= LABEL_HEAD_FACTOR
            if self._residual[number]:
                scores[number] *= RESIDUAL_FACTOR
            elif UNMATCHED_FACTOR < 1.0:
                if self._power_other[number] and not self._power_other[number] & query_stems:
                    scores[number] *= RESIDUAL_FACTOR
                # Words of its own text that the query does not say: "toasters" is not a
                # "kettle", the residual "n.e.c." subheading of the same heading is.
                unmatched = self._own_specific[number] - query_stems - self._power_mirror[number]
                scores[number] *= UNMATCHED_FACTOR ** min(len(unmatched), 3)
                if unmatched == self._own_specific[number] and unmatched - _MATERIAL_WORDS:
                    scores[number] *= NOTHING_OWN_FACTOR
                if unmatched & _MARKED:
                    scores[number] *= MARKED_FACTOR
                special = self._excluded_by_sibling[number]
                if special and typed_stems and not special & (query_stems | typed_stems):
                    # a sibling reads "other than <this one's words>": unless the query
                    # says them, this one is the special case and the other the usual
                    # goods ("energy drinks" are not "non-alcoholic beer"; seventh round)
                    scores[number] *= SIBLING_EXCLUDED_FACTOR
            if (self._own_text[number] & _NOT_THE_THING) - query_stems:
                # "roasted coffee substitutes" are not the "roasted coffee" asked for,
                # "imitation jewellery" not "jewellery" (fifth round)
                scores[number] *= MARKED_FACTOR
            if self._excluded[number] & typed_stems:
                # "Pocket watches (excluding wrist-watches)" is not what "wrist watches"
                # asks for: the subheading excludes a word the query says (GIR 1).
                scores[number] *= EXCLUDED_FACTOR
            if hs_rules.material_mismatch(self._own_specific[number], query_stems, _MATERIALS):
                scores[number] *= hs_rules.MATERIAL_FACTOR
            elif hs_rules.material_unsaid(self._own_specific[number], query_stems, _MATERIALS):
                scores[number] *= hs_rules.UNSAID_MATERIAL_FACTOR
        asks_parts = any(set(w) & _GENERIC_STEMS for c in positive for w in c.wordings)
        if not asks_parts:
            for number in scores:
                if "part" in self._own[number]:
                    scores[number] *= PARTS_FACTOR
        result = {self._docs[number].code: score for number, score in scores.items()}
        return hs_rules.apply(result, query_stems) if rules else result


def label_modifiers(description: str) -> frozenset[str]:
    """English stems that a label's first phrase uses to qualify another noun.

    The first phrase of a label (up to ";", "," or "(") names its goods; its head nouns
    are the last word of each of its conjuncts ("Cases and containers", "Sewing machine
    *needles*"); the words before them qualify them ("sewing", "machine").
    """
    first = re.split(r"[;,(]", fold(description), maxsplit=1)[0]
    heads: set[str] = set()
    modifiers: set[str] = set()
    for conjunct in re.split(r"\b(?:and|or)\b", first):
        words = [t for t in _TOKEN.findall(conjunct) if t.isalpha() and t not in hs_lexicon.EN_STOP]
        if words:
            heads.add(stem_en(words[-1]))
            modifiers.update(stem_en(word) for word in words[:-1])
    return frozenset(modifiers - heads)


def _without_redundant(
    concepts: list[_Concept], places: list[int]
) -> tuple[list[_Concept], list[int]]:
    """Drop a concept that a more specific one already says ("laptop computer": "computer").

    A concept is redundant when each of its wordings is contained in a wording of another
    concept of the same polarity, or when it repeats an earlier one; keeping it would count
    the same words twice. The concept that says it keeps only its wordings that do
    ("insulated electric cables": "insulated electric conductors", not "wire"; sixth round).
    """
    kept_concepts: list[_Concept] = []
    kept_places: list[int] = []
    narrowed: dict[int, set[tuple[str, ...]]] = {}
    for n, concept in enumerate(concepts):
        if any(
            c.wordings == concept.wordings and c.negative == concept.negative for c in kept_concepts
        ):
            continue  # said twice ("cuir ... semelle cuir")
        sayers = [
            m
            for m, other in enumerate(concepts)
            if m != n
            and other.negative == concept.negative
            and other.wordings != concept.wordings
            and all(
                any(set(mine) < set(theirs) for theirs in other.wordings)
                for mine in concept.wordings
            )
        ]
        if not sayers:
            kept_concepts.append(concept)
            kept_places.append(places[n])
            continue
        for m in sayers:
            saying = {
                theirs
                for theirs in concepts[m].wordings
                if any(set(mine) < set(theirs) for mine in concept.wordings)
            }
            narrowed[m] = narrowed[m] & saying if m in narrowed else saying
    if narrowed:
        for k, concept in enumerate(kept_concepts):
            m = concepts.index(concept)
            keep = tuple(w for w in concept.wordings if w in narrowed.get(m, concept.wordings))
            if keep and keep != concept.wordings:
                kept_concepts[k] = _Concept(concept.source, keep, concept.negative, concept.weight)
    return kept_concepts, kept_places


def _bigrams(text: str) -> Iterator[tuple[str, str]]:
    """Pairs of English stems that a text says side by side, within a clause."""
    for clause in re.split(r"[;,()]", fold(text)):
        previous: str | None = None
        for token in _TOKEN.findall(clause):
            if token in hs_lexicon.EN_STOP or not token.isalpha():
                previous = None
                continue
            stem = stem_en(token)
            if previous is not None:
                yield previous, stem
            previous = stem
    return


def align_labels(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """A French -> English word list learnt from parallel labels (the CN's French and
    English texts of the same codes): each French stem is paired with the English stem
    that occurs in the same labels most consistently (Dice coefficient, 2 x together /
    (French count + English count)), when that is at least ``ALIGN_MIN_DICE`` over at
    least ``ALIGN_MIN_COUNT`` labels. "muscade" is read "nutmeg", "béton" "concrete",
    "plâtre" "plaster": the nomenclature's own translation of the words the lexicon
    does not have.
    """
    french_count: dict[str, int] = {}
    english_count: dict[str, int] = {}
    together: dict[str, dict[str, int]] = {}
    for french_text, english_text in pairs:
        french = {
            stem_fr(t) for t in tokenize(french_text) if len(t) > 2 and t not in hs_lexicon.FR_STOP
        }
        english = {
            stem_en(t) for t in tokenize(english_text) if len(t) > 2 and t not in hs_lexicon.EN_STOP
        }
        if not french or not english:
            continue
        for stem in english:
            english_count[stem] = english_count.get(stem, 0) + 1
        for stem in french:
            french_count[stem] = french_count.get(stem, 0) + 1
            row = together.setdefault(stem, {})
            for other in english:
                row[other] = row.get(other, 0) + 1
    result: dict[str, tuple[str, ...]] = {}
    for stem, row in together.items():
        best_dice = 0.0
        best: list[str] = []
        for other, count in row.items():
            if count < ALIGN_MIN_COUNT:
                continue
            dice = 2.0 * count / (french_count[stem] + english_count[other])
            if dice > best_dice + 1e-9:
                best_dice, best = dice, [other]
            elif abs(dice - best_dice) <= 1e-9:
                best.append(other)
        if best_dice >= ALIGN_MIN_DICE and len(best) <= 2:
            result[stem] = tuple(sorted(best))
    return result


def _deletions(word: str) -> Iterator[str]:
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
