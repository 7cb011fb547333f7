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

Speed: :func:`matches` is the plain rule, one alert and one text (the reference the tests
compare with). :func:`compile_alerts` compiles many alerts once into a :class:`Matcher` that
reads each text once and finds the alerts with set operations rather than alert by alert
(how, in its docstring); it remembers the pieces of text it has read, so a word already seen
is neither folded nor stemmed again. Issue 16's benchmark (10,000 items of about 120 words
against 500 alerts, ``benchmarks/intelligence.py``) went from about 570 to about 130 µs of
CPU per item on a busy shared machine.

Pure Python, no Django: the intelligence area stores the matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice, product
from typing import Any

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
    folded = text.casefold()
    if folded.isascii():  # most English words: nothing more to do
        return folded
    folded = folded.translate(_SPELLED)
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


def _key_word(part_words: Iterable[tuple[int, frozenset[str]]]) -> int:
    """The word a term is indexed under: every word of a term must be in a text it matches,
    so any would do; the longest stem is taken, the rarest in practice ("antidumping" rather
    than "duty", "Creuset" rather than "le"), so fewer texts need the full check."""
    return max(part_words, key=lambda pair: min(len(s) for s in pair[1]))[0]


#: how many pieces of text (or pairs of kinds of words) a matcher remembers; past that it
#: forgets them all and starts again, so its memory stays bounded whatever it reads
_REMEMBERED = 200_000
_NOTHING: frozenset[Hashable] = frozenset()


class _Remembered(dict):  # type: ignore[type-arg]
    """A dictionary that computes what is missing (``make``), bounded to ``_REMEMBERED``
    entries; ``misses`` counts the computations."""

    __slots__ = ("make", "misses")

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make
        self.misses = 0

    def __missing__(self, key: Any) -> Any:
        self.misses += 1
        if len(self) >= _REMEMBERED:
            self.clear()
        self[key] = value = self.make(key)
        return value


#: conjunctions of this many words at most (``duty Dubai``) are found by set operations;
#: a term of more words is checked on its own
_SLOTS = 4


class Matcher:
    """Many alerts compiled once; :meth:`match` gives the keys of the alerts a text matches.

    It gives what :func:`matches` gives for each alert (the tests check it on generated
    texts), with less work per text:

    - every distinct word of the terms gets a number; a word of a text *can be* the term
      words it shares a stem with, and the set of those numbers is its *kind* (one number
      per distinct set; kind 0: no term word, most words of a real text);
    - the pieces of a text between spaces are remembered with the kinds of their words (the
      same steps as :func:`words`: folding never moves a letter across a space), so a piece
      seen before costs one dictionary look-up and no stemming;
    - each distinct term is compiled once and sorted by shape. A one-word term is listed
      under each kind having its word; a two-word phrase under each pair of kinds having
      its words (computed once per pair met, remembered); a term of two to four separate
      words gives each of its words a slot, and each kind lists the terms whose word it has
      in each slot: the terms a text has are then set unions and intersections over the
      kinds and pairs of kinds it has, with no loop over the terms. Any other term (a
      phrase and more words, a phrase of three words or more) is indexed under its longest
      word and checked on its own (all its words there, then its phrases in order);
    - an alert with no scope and no excluded term is settled by its term; the others are
      checked in full with the terms' answers for the text."""

    def __init__(self, rules: Iterable[AlertRule]) -> None:
        #: the alerts by key (a later alert with the same key replaces an earlier one)
        self.rules: dict[Hashable, AlertRule] = {}
        for rule in rules:
            self.rules[rule.key] = rule
        numbers: dict[frozenset[str], int] = {}
        stem_numbers: dict[str, set[int]] = {}
        term_numbers: dict[tuple[Part, ...], int] = {}
        #: per term: the word numbers it needs and its phrases (two words or more)
        self._needs: list[frozenset[int]] = []
        self._phrases: list[tuple[tuple[int, ...], ...]] = []
        #: per term, its shape and what it is looked for by: "word" (its word number),
        #: "pair" (its two word numbers), "words" (its word numbers, 2 to _SLOTS), "other"
        self._shape: list[str] = []
        self._word: list[int] = []
        self._pair: dict[tuple[int, int], list[int]] = {}
        self._slotted: list[tuple[int, tuple[int, ...]]] = []
        keyed: dict[int, list[int]] = {}

        def term_number(term: Term) -> int:
            known = term_numbers.get(term.parts)
            if known is not None:
                return known
            numbered = []
            for part in term.parts:
                ids = []
                for stems_ in part:
                    number = numbers.setdefault(stems_, len(numbers))
                    for stem in stems_:
                        stem_numbers.setdefault(stem, set()).add(number)
                    ids.append(number)
                numbered.append(tuple(ids))
            tid = term_numbers[term.parts] = len(self._needs)
            needs = frozenset(i for ids in numbered for i in ids)
            self._needs.append(needs)
            self._phrases.append(tuple(ids for ids in numbered if len(ids) > 1))
            self._word.append(-1)
            if all(len(ids) == 1 for ids in numbered) and len(needs) <= _SLOTS:
                if len(needs) == 1:
                    self._shape.append("word")
                    self._word[tid] = next(iter(needs))
                else:
                    self._shape.append("words")
                    self._slotted.append((tid, tuple(sorted(needs))))
            elif len(numbered) == 1 and len(numbered[0]) == 2:
                self._shape.append("pair")
                self._pair.setdefault((numbered[0][0], numbered[0][1]), []).append(tid)
            else:
                self._shape.append("other")
                key = _key_word(
                    (number, stems_)
                    for part, ids in zip(term.parts, numbered, strict=True)
                    for stems_, number in zip(part, ids, strict=True)
                )
                keyed.setdefault(key, []).append(tid)
            return tid

        #: per alert: its terms, scope and excluded terms as term numbers
        self._compiled: dict[Hashable, tuple[tuple[int, ...], ...]] = {}
        #: term number -> the alerts it starts (their terms, or their scope when none)
        starts: dict[int, set[Hashable]] = {}
        #: the alerts that one found term settles (no other condition: scope, exclusions)
        self.plain: set[Hashable] = set()
        for key, rule in self.rules.items():
            terms = tuple(term_number(t) for t in rule.terms)
            scope = tuple(term_number(t) for t in rule.scope)
            excluded = tuple(term_number(t) for t in rule.excluded)
            self._compiled[key] = (terms, scope, excluded)
            if not rule.scope and not rule.excluded and rule.terms:
                self.plain.add(key)
            for tid in terms or scope:
                starts.setdefault(tid, set()).add(key)
        #: per term: the alerts it starts (empty for an excluded term, say)
        self._starts: list[frozenset[Hashable]] = [
            frozenset(starts.get(tid, ())) for tid in range(len(self._needs))
        ]
        #: word number -> the alerts a one-word term with that word starts
        self._by_word: dict[int, frozenset[Hashable]] = {}
        for tid, shape in enumerate(self._shape):
            if shape == "word" and self._starts[tid]:
                word = self._word[tid]
                self._by_word[word] = self._by_word.get(word, frozenset()) | self._starts[tid]
        #: word number -> the one-word terms (any role) with that word
        self._word_terms: dict[int, list[int]] = {}
        for tid, shape in enumerate(self._shape):
            if shape == "word":
                self._word_terms.setdefault(self._word[tid], []).append(tid)
        #: the alerts checked in full (scope or excluded terms): their terms, scope and
        #: excluded terms as sets, and whether one of them has the shape "other" (then
        #: checked term by term, the others with set operations)
        self._full: dict[Hashable, tuple[frozenset[int], frozenset[int], frozenset[int], bool]]
        self._full = {
            key: (
                frozenset(terms),
                frozenset(scope),
                frozenset(excluded),
                any(self._shape[t] == "other" for t in (*terms, *scope, *excluded)),
            )
            for key, (terms, scope, excluded) in self._compiled.items()
            if key not in self.plain
        }
        #: the slots of the terms of separate words: slot j holds the term's j-th word (its
        #: last word again when it has fewer than j + 1)
        self._slots = max((len(words) for _, words in self._slotted), default=0)
        self._keyed: dict[int, tuple[int, ...]] = {
            number: tuple(t for t in tids if self._starts[t])
            for number, tids in keyed.items()
            if any(self._starts[t] for t in tids)
        }
        self._stem_numbers = {s: frozenset(ids) for s, ids in stem_numbers.items()}
        #: the kinds of words: their term word numbers, the alerts their one word starts,
        #: and per slot the terms of separate words having one of them there
        self._kinds: dict[frozenset[int], int] = {}
        self._members: list[frozenset[int]] = []
        self._kind_starts: list[frozenset[Hashable]] = []
        self._kind_words: list[frozenset[int]] = []
        self._kind_slots: list[list[frozenset[int]]] = [[] for _ in range(self._slots)]
        self._kind_of(frozenset())
        self._pieces = _Remembered(self._read_piece)
        self._kind_pairs = _Remembered(self._read_kind_pair)

    @property
    def pieces_read(self) -> int:
        """How many distinct pieces of text were folded, cut and stemmed (all the others
        were remembered): the work that depends on the vocabulary, not on the texts' count."""
        return self._pieces.misses

    def _kind_of(self, numbers: frozenset[int]) -> int:
        kind = self._kinds.get(numbers)
        if kind is None:
            kind = self._kinds[numbers] = len(self._members)
            self._members.append(numbers)
            by_word = self._by_word
            self._kind_starts.append(
                frozenset().union(*(by_word[n] for n in numbers if n in by_word))
            )
            word_terms = self._word_terms
            self._kind_words.append(
                frozenset(t for n in numbers if n in word_terms for t in word_terms[n])
            )
            for slot, listed in enumerate(self._kind_slots):
                listed.append(
                    frozenset(
                        tid
                        for tid, words in self._slotted
                        if words[min(slot, len(words) - 1)] in numbers
                    )
                )
        return kind

    def _read_piece(self, piece: str) -> tuple[int, ...]:
        """The kinds of the words of a piece of text without spaces."""
        stem_numbers = self._stem_numbers
        found = []
        for word in _WORD.findall(fold(piece)):
            numbers: frozenset[int] = frozenset()
            for stem in stems(word):
                more = stem_numbers.get(stem)
                if more:
                    numbers = numbers | more
            found.append(self._kind_of(numbers))
        return tuple(found)

    def _read_kind_pair(self, kinds: tuple[int, int]) -> frozenset[int]:
        """The two-word phrases (term numbers) a word of one kind followed by a word of the
        other has."""
        pair, members = self._pair, self._members
        return frozenset(
            tid
            for words in product(members[kinds[0]], members[kinds[1]])
            for tid in pair.get(words, ())
        )

    def match(self, text: str) -> set[Hashable]:
        at = list(chain.from_iterable(map(self._pieces.__getitem__, text.split())))
        kinds = set(at)
        kinds.discard(0)
        if not kinds:
            return set()
        starts = self._starts
        candidates: set[Hashable] = set().union(*map(self._kind_starts.__getitem__, kinds))
        pairs: set[int] = set()
        if self._pair and len(at) > 1:
            pairs.update(
                *map(self._kind_pairs.__getitem__, zip(at, islice(at, 1, None), strict=False))
            )
            candidates.update(*map(starts.__getitem__, pairs))
        together: set[int] = set()
        if self._slots:
            slots = self._kind_slots
            together = set().union(*map(slots[0].__getitem__, kinds))
            for slot in range(1, self._slots):
                if not together:
                    break
                together &= set().union(*map(slots[slot].__getitem__, kinds))
            candidates.update(*map(starts.__getitem__, together))
        read: _Read | None = None
        checked: set[int] = set()
        if self._keyed:
            read = _Read(self, at, kinds, pairs, together)
            keyed = self._keyed
            for number in read.present.intersection(keyed):
                for tid in keyed[number]:
                    if read.has(tid):
                        checked.add(tid)
                        candidates.update(starts[tid])
        plain = self.plain
        if plain.issuperset(candidates):
            return candidates
        # the terms the text has, but those of shape "other" not checked yet
        held = set().union(*map(self._kind_words.__getitem__, kinds))
        held |= pairs
        held |= together
        held |= checked
        full = self._full
        found: set[Hashable] = set()
        for key in candidates:
            if key in plain:
                found.add(key)
                continue
            terms, scope, excluded, one_by_one = full[key]
            if one_by_one:
                if read is None:
                    read = _Read(self, at, kinds, pairs, together)
                has = read.has
                if (
                    (not terms or any(has(t) for t in terms))
                    and (not scope or any(has(t) for t in scope))
                    and not any(has(t) for t in excluded)
                ):
                    found.add(key)
            elif (
                (not terms or not held.isdisjoint(terms))
                and (not scope or not held.isdisjoint(scope))
                and held.isdisjoint(excluded)
            ):
                found.add(key)
        return found


class _Read:
    """One text as a matcher reads it when a term must be checked on its own: the term
    words present (made when asked), the two-word phrases and the terms of separate words
    it has, the other terms' answers."""

    __slots__ = ("matcher", "at", "kinds", "pairs", "together", "_present", "held")

    def __init__(
        self, matcher: Matcher, at: list[int], kinds: set[int], pairs: set[int], together: set[int]
    ) -> None:
        self.matcher = matcher
        self.at = at
        self.kinds = kinds
        self.pairs = pairs
        self.together = together
        self._present: set[int] | None = None
        self.held: dict[int, bool] = {}

    @property
    def present(self) -> set[int]:
        if self._present is None:
            self._present = set().union(*map(self.matcher._members.__getitem__, self.kinds))
        return self._present

    def has(self, tid: int) -> bool:
        """Whether the text has a term."""
        shape = self.matcher._shape[tid]
        if shape == "word":
            return self.matcher._word[tid] in self.present
        if shape == "pair":
            return tid in self.pairs
        if shape == "words":
            return tid in self.together
        found = self.held.get(tid)
        if found is None:
            matcher = self.matcher
            found = self.held[tid] = matcher._needs[tid] <= self.present and all(
                self._has_phrase(phrase) for phrase in matcher._phrases[tid]
            )
        return found

    def _has_phrase(self, phrase: tuple[int, ...]) -> bool:
        """Whether the words follow each other somewhere in the text."""
        members, at, size = self.matcher._members, self.at, len(phrase)
        first = phrase[0]
        return any(
            first in members[at[start]]
            and all(phrase[j] in members[at[start + j]] for j in range(1, size))
            for start in range(len(at) - size + 1)
        )


def compile_alerts(rules: Sequence[AlertRule] | Iterable[AlertRule]) -> Matcher:
    """The alerts compiled once, to match many texts."""
    return Matcher(rules)
