"""Matching intelligence items against alerts: keywords and phrases in French and English.

An alert is a list of *terms*, one per line, and optional *excluded* terms:

- ``casserole`` : the word, in any form: case, accents and plurals do not matter
  ("Casseroles", "CASSEROLE", "casserolé" all match);
- ``droits antidumping`` : every word somewhere in the text (in any order);
- ``"droits de douane"`` : a phrase in quotes, the words one after the other;
- a word written with a hyphen or an apostrophe (``anti-dumping``, ``l'acier``) is a
  short phrase of its parts.

The text and the terms go through the same steps: case folded (:meth:`str.casefold`),
accents folded (Unicode NFKD, combining marks removed; "œ" and "æ" spelled out),
cut into words (letters and digits), and each word reduced to its stems with the Snowball
stemmers of French *and* English (M. Porter, "Snowball: a language for stemming
algorithms", 2001; the ``snowballstemmer`` package). A word of the text matches a word of a
term when they share a stem, so "réglementation" matches "reglementations" (French stem
``reglement``) and "duties" matches "duty" (English stem ``duti``), whatever the language
the item is in. A phrase matches when its words' stems follow each other in the text.

An alert matches a text when one of its terms matches and none of its excluded terms does.

Speed: :func:`compile_alerts` builds an index once (the stem of each term's longest word ->
the terms with it), so a text only checks the terms one of its stems can complete;
:class:`Matcher.match` reads each text once. Stems are cached per word.

Pure Python, no Django: the intelligence area stores the matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from comptoir.trade.texts import Text

__all__ = [
    "AlertRule",
    "Matcher",
    "MAX_TERMS",
    "Term",
    "TermError",
    "compile_alerts",
    "fold",
    "matches",
    "parse_terms",
    "stems",
    "words",
]

#: Most terms (lines) an alert may have, and the longest term (characters).
MAX_TERMS = 100
MAX_TERM_CHARS = 200

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: the combining marks NFKD leaves after a letter (accents, cedilla, diaeresis...)
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPELLED = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
_FRENCH = snowballstemmer.stemmer("french")
_ENGLISH = snowballstemmer.stemmer("english")


class TermError(ValueError):
    """A term that cannot be matched (empty, unbalanced quotes, too long); ``line`` is 1-based."""

    def __init__(self, message: Text, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def fold(text: str) -> str:
    """Case and accents folded: "Réglementation ŒUVRE" -> "reglementation oeuvre"."""
    folded = text.casefold().translate(_SPELLED)
    if folded.isascii():
        return folded
    return _MARKS.sub("", unicodedata.normalize("NFKD", folded))


def words(text: str) -> list[str]:
    """The folded words of a text, in order (letters and digits; punctuation cuts)."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stems(word: str) -> frozenset[str]:
    """The French and English stems of a folded word (one or two strings)."""
    if word.isdigit() or len(word) < 3:
        return frozenset((word,))
    return frozenset((_FRENCH.stemWord(word), _ENGLISH.stemWord(word)))


_stems_of = stems

#: A sequence of word positions, each the stems that word may have.
Part = tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Term:
    """One line of an alert: every part must occur, each part's words one after the other."""

    text: str
    parts: tuple[Part, ...]

    @property
    def single(self) -> bool:
        """One word: found as soon as one of its stems is in the text (no position to check)."""
        return len(self.parts) == 1 and len(self.parts[0]) == 1


def _part(text: str) -> Part:
    return tuple(stems(w) for w in words(text))


def parse_term(line: str, number: int = 1) -> Term | None:
    """A line of an alert as a :class:`Term`; None for a blank line.

    Raises :class:`TermError` for unbalanced quotes, a term with no word, a line too long."""
    raw = line.strip()
    if not raw:
        return None
    if len(raw) > MAX_TERM_CHARS:
        raise TermError(
            Text("Line {line}: a term has at most 200 characters.", line=number), number
        )
    if raw.count('"') % 2:
        raise TermError(Text("Line {line}: a quote is not closed.", line=number), number)
    parts: list[Part] = []
    # quoted pieces are phrases; the rest is cut at spaces, a hyphenated word a short phrase
    for index, piece in enumerate(raw.split('"')):
        if index % 2:
            part = _part(piece)
            if part:
                parts.append(part)
        else:
            for chunk in piece.split():
                part = _part(chunk)
                if part:
                    parts.append(part)
    if not parts:
        raise TermError(
            Text("Line {line}: a term needs at least one word (letters or digits).", line=number),
            number,
        )
    return Term(raw, tuple(parts))


def parse_terms(text: str) -> tuple[Term, ...]:
    """The terms of a block of lines (one term a line; blank lines skipped)."""
    lines = text.splitlines()
    terms = [t for n, line in enumerate(lines, 1) if (t := parse_term(line, n)) is not None]
    if len(terms) > MAX_TERMS:
        raise TermError(Text("At most {n} terms.", n=MAX_TERMS), MAX_TERMS + 1)
    return tuple(terms)


class _Text:
    """A text read once: the stems at each position, the stems present, and (when a phrase
    asks) where each stem is."""

    __slots__ = ("at", "seen", "_where", "_pairs")

    def __init__(self, text: str) -> None:
        cached = _stems_of
        self.at: list[frozenset[str]] = [cached(w) for w in words(text)]
        self.seen: set[str] = set().union(*self.at)
        self._where: dict[str, list[int]] | None = None
        self._pairs: set[tuple[str, str]] | None = None

    @property
    def where(self) -> dict[str, list[int]]:
        if self._where is None:
            where: dict[str, list[int]] = {}
            for position, word_stems in enumerate(self.at):
                for stem in word_stems:
                    where.setdefault(stem, []).append(position)
            self._where = where
        return self._where

    @property
    def pairs(self) -> set[tuple[str, str]]:
        """The stems of each two words that follow each other (made once, when asked)."""
        if self._pairs is None:
            at = self.at
            self._pairs = {(a, b) for i in range(len(at) - 1) for a in at[i] for b in at[i + 1]}
        return self._pairs

    def has_part(self, part: Part) -> bool:
        if len(part) == 1:
            return not self.seen.isdisjoint(part[0])
        starts: set[int] = set()
        for stem in part[0]:
            starts.update(self.where.get(stem, ()))
        at, length = self.at, len(self.at)
        for start in starts:
            if start + len(part) <= length and all(
                not at[start + j].isdisjoint(part[j]) for j in range(1, len(part))
            ):
                return True
        return False

    def has(self, term: Term) -> bool:
        return all(self.has_part(part) for part in term.parts)


@dataclass(frozen=True)
class AlertRule:
    """An alert as the matcher sees it: its key (the alert's id), its terms, the terms of its
    scope (the names of a competitor or of products: one of them must occur too) and its
    excluded terms. An alert with neither terms nor scope matches nothing."""

    key: Hashable
    terms: tuple[Term, ...]
    excluded: tuple[Term, ...] = ()
    scope: tuple[Term, ...] = ()

    @property
    def first(self) -> tuple[Term, ...]:
        """The terms the index starts from: the terms, or the scope's when there are none."""
        return self.terms or self.scope

    def holds(self, read: _Text) -> bool:
        return (
            bool(self.first)
            and (not self.terms or any(read.has(t) for t in self.terms))
            and (not self.scope or any(read.has(t) for t in self.scope))
            and not any(read.has(t) for t in self.excluded)
        )


def matches(rule: AlertRule, text: str) -> bool:
    """Whether one alert matches one text (the plain rule; :class:`Matcher` does many)."""
    return rule.holds(_Text(text))


def _key_word(term: Term) -> frozenset[str]:
    """The word a term is indexed under: every word of a term must be in a text it matches,
    so any would do; the longest stem is taken, the rarest in practice ("antidumping" rather
    than "duty", "Creuset" rather than "le"), so fewer texts need the full check."""
    return max(
        (word for part in term.parts for word in part),
        key=lambda stems_: min(len(s) for s in stems_),
    )


def _key_pair(term: Term) -> set[tuple[str, str]] | None:
    """A phrase's index: the stems of its first two words, which must follow each other in
    the text (far rarer than either word alone: "droits de", "market demand")."""
    for part in term.parts:
        if len(part) >= 2:
            return {(a, b) for a in part[0] for b in part[1]}
    return None


class Matcher:
    """Many alerts compiled once; :meth:`match` gives the keys of the alerts a text matches."""

    def __init__(self, rules: Iterable[AlertRule]) -> None:
        self.rules: dict[Hashable, AlertRule] = {}
        #: stem of a term's first word -> (alert key, term, whether the stem alone is enough)
        self.index: dict[str, list[tuple[Hashable, Term, bool]]] = {}
        #: the first two words of a phrase -> (alert key, term)
        self.phrases: dict[tuple[str, str], list[tuple[Hashable, Term]]] = {}
        #: the alerts that one found term settles (no other condition: scope, exclusions)
        self.plain: set[Hashable] = set()
        for rule in rules:
            self.rules[rule.key] = rule
            if not rule.scope and not rule.excluded and rule.terms:
                self.plain.add(rule.key)
            for term in rule.first:
                pairs = _key_pair(term)
                if pairs is not None:
                    for pair in pairs:
                        self.phrases.setdefault(pair, []).append((rule.key, term))
                    continue
                for stem in _key_word(term):
                    self.index.setdefault(stem, []).append((rule.key, term, term.single))

    def match(self, text: str) -> set[Hashable]:
        read = _Text(text)
        found: set[Hashable] = set()
        index = self.index
        for stem in read.seen:
            for key, term, single in index.get(stem, ()):
                if key not in found and (single or read.has(term)):
                    found.add(key)
        phrases = self.phrases
        if phrases:
            for pair in read.pairs:
                for key, term in phrases.get(pair, ()):
                    if key not in found and read.has(term):
                        found.add(key)
        plain = self.plain
        return {key for key in found if key in plain or self.rules[key].holds(read)}


def compile_alerts(rules: Sequence[AlertRule] | Iterable[AlertRule]) -> Matcher:
    """The alerts compiled once, to match many texts."""
    return Matcher(rules)
