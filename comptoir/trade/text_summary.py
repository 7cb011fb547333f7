"""Key terms and a short extractive summary of a text, French or English, computed locally.

Nothing leaves the machine and nothing is learnt: the same text always gives the same result.

- **Sentences**: split on ``.``, ``!``, ``?``, ``…`` and line breaks, except after a known
  abbreviation (``M.``, ``Mme``, ``etc.``, ``e.g.``, ``Inc.``, ``n°``…), an initial (``J.``),
  or inside a number (``3.5``, ``1.200``) — the cases that fool a naive split.
- **Words**: lower-cased, accents kept for display, stop words removed (short lists FR/EN
  below, the function words of each language), reduced to their Snowball stem (M. Porter,
  "Snowball: A language for stemming algorithms", 2001; the French and English stemmers of
  the ``snowballstemmer`` package) so that "exportations", "exportation" and "exporter" meet.
- **Key terms**: candidate phrases are the runs of content words between stop words and
  punctuation (RAKE: S. Rose, D. Engel, N. Cramer, W. Cowley, "Automatic keyword extraction
  from individual documents", 2010), scored by the sum over their words of
  ``degree(word) / frequency(word)`` computed on stems; a phrase is shown in its most
  frequent written form; phrases of more than three words are left out.
- **Summary**: TextRank (R. Mihalcea, P. Tarau, "TextRank: Bringing Order into Texts",
  EMNLP 2004): a graph of sentences, the similarity of two sentences being the number of
  stems they share divided by ``log(|S1|) + log(|S2|)``, ranked by PageRank (damping 0.85,
  at most 40 iterations, stopping once no score moves by 10^-6); the best sentences are given back **in their original
  order**; ties keep the earlier sentence.

Bounds: at most :data:`MAX_CHARS` characters of text are read and :data:`MAX_SENTENCES`
sentences ranked (TextRank compares every pair).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

__all__ = [
    "MAX_CHARS",
    "MAX_SENTENCES",
    "Digest",
    "KeyTerm",
    "digest",
    "guess_language",
    "key_terms",
    "sentences",
    "summary",
]

MAX_CHARS = 100_000
MAX_SENTENCES = 300
MAX_TERM_WORDS = 3
DAMPING = 0.85
ITERATIONS = 40
TOLERANCE = 1e-6

STOPWORDS_EN = frozenset(
    """a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can cannot could did do does doing down
    during each few for from further had has have having he her here hers herself him himself
    his how however i if in into is isn't it it's its itself just let me more most must my
    myself no nor not now of off on once only or other ought our ours ourselves out over own
    per same she should so some such than that the their theirs them themselves then there
    these they this those through thus to too under until up upon us very was we were what
    when where which while who whom why will with within without would yet you your yours
    yourself yourselves new said says say one two three may might many much well still
    year years since while whereas already among amongst across via""".split()
)

STOPWORDS_FR = frozenset(
    """a à afin ai aie aient ainsi alors après as au aucun aucune aujourd'hui auprès aura
    aurait aussi autre autres aux avait avant avec avez avoir avons ayant c ça car ce ceci
    cela celle celles celui cependant certains ces cet cette ceux chaque chez ci comme comment
    d dans de des depuis dès deux doit donc dont du elle elles en encore entre est et étaient
    était été être eu eux fait faire fois font hors il ils j je jusqu jusqu'à l la là le les
    leur leurs lors lui m ma mais me même mêmes mes moi moins mon n ne ni nos notre nous on
    ont or ou où par parce pas peu peut plus plusieurs pour pourrait puis qu quand que quel
    quelle quelles quels qui quoi s sa sans se selon ses si sien sienne son sont sous sur
    t ta tandis te tel telle tels tes toi ton tous tout toute toutes très tu un une unes uns
    vers via voici voilà vos votre vous y an ans année années cours lors dont déjà ceux
    celle-ci celui-ci selon entre également notamment ainsi avoir être sera seront serait
    contre chez fin début""".split()
)

STOPWORDS = {"en": STOPWORDS_EN, "fr": STOPWORDS_FR}

#: words followed by a full stop that do not end a sentence (lower-case, without the dot)
ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle dr pr prof st ste etc cf ex env vol p pp art al fig no nos n°
    mr mrs ms jr sr inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec
    janv févr avr juil déc e.g i.e vs approx dept est min max resp tél tel""".split()
)

#: stop words that may join two content words into one term ("ustensiles de cuisson")
LINKS = frozenset({"de", "d", "du", "des", "en", "a", "of", "for"})

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)
_END = re.compile(r"[.!?…]+[\"'»”)\]]*(?=\s|$)|\n\s*\n|\n(?=\s*[-•*]\s)")
_SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True, slots=True)
class KeyTerm:
    """A key term as written in the text and its RAKE score (higher: more telling)."""

    term: str
    score: float


@dataclass(frozen=True, slots=True)
class Digest:
    """Key terms and summary of one text, in its language."""

    language: str
    key_terms: tuple[KeyTerm, ...]
    summary: tuple[str, ...]
    sentence_count: int


@lru_cache(maxsize=2)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("french" if language == "fr" else "english")


def _fold(word: str) -> str:
    """Lower-case without accents (for stop words and stems, not for display)."""
    text = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_FOLDED_STOPWORDS = {
    language: frozenset(_fold(w) for w in words) for language, words in STOPWORDS.items()
}


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text[:MAX_CHARS]).replace("\u00a0", " ")


def guess_language(text: str) -> str:
    """``"fr"`` or ``"en"``: the language whose stop words are the more frequent (French wins
    a tie only when some French stop word appears)."""
    counts = {"fr": 0, "en": 0}
    for match in _WORD.finditer(_clean(text)[:20_000]):
        word = _fold(match.group())
        for language in counts:
            if word in _FOLDED_STOPWORDS[language]:
                counts[language] += 1
    return "fr" if counts["fr"] > counts["en"] else "en"


def _is_abbreviation(before: str) -> bool:
    """Whether the word just before a full stop is an abbreviation or an initial."""
    match = re.search(r"([\w.°]+)$", before)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # an initial ("J. Martin"), a dotted acronym ("U.S.", "S.A.")
    return bool(re.fullmatch(r"[^\W\d_]", word) or re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word))


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order, whitespace tidied, empty ones dropped.

    A full stop ends a sentence unless it follows an abbreviation or an initial; a dot
    between digits (``3.5 %``, ``1.200 t``) never ends one since it is not followed by a space.
    """
    text = _clean(text)
    result: list[str] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        piece = match.group()
        if piece.startswith(".") and len(piece.rstrip("\"'»”)]")) == 1:
            if _is_abbreviation(text[start : match.start()]):
                continue
        sentence = _SPACES.sub(" ", text[start:end].replace("\n", " ")).strip()
        if sentence.strip(" -•*"):
            result.append(sentence.lstrip("-•* "))
        start = end
    tail = _SPACES.sub(" ", text[start:].replace("\n", " ")).strip()
    if tail.strip(" -•*"):
        result.append(tail.lstrip("-•* "))
    return result


def _tokens(sentence: str, language: str) -> list[tuple[str, str] | None]:
    """The words of a sentence as (written form, stem), ``None`` where a stop word or
    punctuation breaks a phrase."""
    stop = _FOLDED_STOPWORDS[language]
    stemmer = _stemmer(language)
    out: list[tuple[str, str] | None] = []
    position = 0
    for match in _WORD.finditer(sentence):
        between = sentence[position : match.start()]
        if any(ch in between for ch in ',;:()[]"«»“”!?.…/—–') and out and out[-1] is not None:
            out.append(None)
        position = match.end()
        word = match.group().replace("’", "'")
        # French elisions: l'export, d'Arabie -> export, Arabie
        folded = _fold(word)
        if "'" in folded:
            head, _, rest = folded.partition("'")
            if head in {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu"}:
                word = word.split("'", 1)[1]
                folded = rest
        if len(folded) < 2 or folded in stop:
            if out and out[-1] is not None and out[-1][1] and folded in LINKS:
                out.append((word, ""))  # a link word: may join two phrases (adjoining)
            elif out and out[-1] is not None:
                out.append(None)
            continue
        out.append((word, stemmer.stemWord(folded)))
    return out


def _phrases(
    sentence_tokens: Sequence[list[tuple[str, str] | None]],
) -> list[list[tuple[str, str]]]:
    """Runs of content words, and the adjoined phrases "A link B" (``ustensiles de cuisson``,
    ``cost of freight``) that occur at least twice (Rose et al. 2010, "adjoining keywords")."""
    phrases: list[list[tuple[str, str]]] = []
    adjoined: list[list[tuple[str, str]]] = []
    for tokens in sentence_tokens:
        current: list[tuple[str, str]] = []
        previous: list[tuple[str, str]] | None = None
        link: tuple[str, str] | None = None
        for token in [*tokens, None]:
            if token is None or not token[1]:
                if current:
                    phrases.append(current)
                    if previous is not None and link is not None:
                        adjoined.append([*previous, link, *current])
                previous, link = (current, token) if token is not None and current else (None, None)
                current = []
            else:
                current.append(token)
    counts = Counter(tuple(t[1] or t[0].lower() for t in p) for p in adjoined)
    phrases.extend(
        p for p in adjoined if counts[tuple(t[1] or t[0].lower() for t in p)] > 1 and len(p) <= 4
    )
    return phrases


def _key_terms(
    sentence_tokens: Sequence[list[tuple[str, str] | None]], limit: int
) -> tuple[KeyTerm, ...]:
    phrases = [
        p for p in _phrases(sentence_tokens) if len([t for t in p if t[1]]) <= MAX_TERM_WORDS
    ]
    frequency: Counter[str] = Counter()
    degree: Counter[str] = Counter()
    for phrase in phrases:
        words = [stem for _, stem in phrase if stem]
        for stem in words:
            frequency[stem] += 1
            degree[stem] += len(words)
    word_score = {stem: degree[stem] / frequency[stem] for stem in frequency}
    scored: dict[tuple[str, ...], float] = {}
    written: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    seen: dict[tuple[str, ...], int] = {}
    for index, phrase in enumerate(phrases):
        key = tuple(stem for _, stem in phrase if stem)
        # a phrase's score grows with its repetitions (frequency-weighted RAKE)
        scored[key] = scored.get(key, 0.0) + sum(word_score[stem] for stem in key)
        written[key][" ".join(word for word, _ in phrase)] += 1
        seen.setdefault(key, index)
    # lone words must appear at least twice in a long text to count as a key term
    total_words = sum(frequency.values())
    candidates = [
        key for key in scored if len(key) > 1 or frequency[key[0]] > 1 or total_words < 60
    ]
    candidates.sort(key=lambda key: (-scored[key], seen[key]))
    terms: list[KeyTerm] = []
    chosen: list[tuple[str, ...]] = []
    for key in candidates:
        # a word already inside a better term adds nothing ("cuisson" after "ustensiles de
        # cuisson"); a term may still repeat a word of a worse one
        if any(set(key) <= set(other) for other in chosen):
            continue
        chosen.append(key)
        if len(chosen) == limit:
            break
    for key in chosen:
        forms = written[key].most_common()
        best = max(forms, key=lambda f: (f[1], -len(f[0]), f[0] == f[0].lower()))[0]
        if best.isupper() and len(best) > 4:
            best = best.lower()
        terms.append(KeyTerm(best, round(scored[key], 3)))
    return tuple(terms)


def _similarity(a: frozenset[str], b: frozenset[str], la: int, lb: int) -> float:
    if la < 2 or lb < 2:
        return 0.0
    shared = len(a & b)
    if not shared:
        return 0.0
    return shared / (math.log(la) + math.log(lb))


def _textrank(stems: Sequence[list[str]]) -> list[float]:
    n = len(stems)
    sets = [frozenset(s) for s in stems]
    weights: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    out_sum = [0.0] * n
    for i in range(n):
        for j in range(i + 1, n):
            w = _similarity(sets[i], sets[j], len(stems[i]), len(stems[j]))
            if w:
                weights[i].append((j, w))
                weights[j].append((i, w))
                out_sum[i] += w
                out_sum[j] += w
    # each edge's share of its source's weight, computed once
    shares = [[(j, w / out_sum[j]) for j, w in edges] for edges in weights]
    score = [1.0] * n
    for _ in range(ITERATIONS):
        new = [(1 - DAMPING) + DAMPING * sum(score[j] * s for j, s in edges) for edges in shares]
        converged = max(abs(a - b) for a, b in zip(new, score, strict=True)) < TOLERANCE
        score = new
        if converged:
            break
    return score


def key_terms(text: str, language: str | None = None, *, limit: int = 10) -> tuple[KeyTerm, ...]:
    """The ``limit`` best key terms of ``text`` (RAKE on Snowball stems)."""
    return digest(text, language, terms=limit, length=0).key_terms


def summary(text: str, language: str | None = None, *, length: int = 3) -> tuple[str, ...]:
    """The ``length`` most central sentences of ``text`` (TextRank), in their original order."""
    return digest(text, language, terms=0, length=length).summary


def digest(text: str, language: str | None = None, *, terms: int = 10, length: int = 3) -> Digest:
    """Key terms and summary of ``text`` in one pass. ``language``: ``"fr"``, ``"en"``, or
    ``None`` to guess it from the stop words."""
    language = language if language in STOPWORDS else guess_language(text)
    assert language is not None
    parts = sentences(text)[:MAX_SENTENCES]
    sentence_tokens = [_tokens(s, language) for s in parts]
    found = _key_terms(sentence_tokens, terms) if terms > 0 else ()
    chosen: tuple[str, ...] = ()
    if length > 0 and parts:
        if len(parts) <= length:
            chosen = tuple(parts)
        else:
            stems = [[t[1] for t in tokens if t is not None] for tokens in sentence_tokens]
            ranks = _textrank(stems)
            best = sorted(range(len(parts)), key=lambda i: (-round(ranks[i], 9), i))[:length]
            chosen = tuple(parts[i] for i in sorted(best))
    return Digest(language, found, chosen, len(parts))
