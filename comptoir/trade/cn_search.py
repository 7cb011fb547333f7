"""Classification help: French or English words to Combined Nomenclature (CN8) codes.

Built on :class:`comptoir.trade.hs.HsIndex` (the HS 2022 subheadings, English, with the
trade lexicon) and, when the Combined Nomenclature is loaded, on its English **and French**
labels (:mod:`comptoir.trade.nomenclature`):

* the English labels of the CN8 codes under a subheading are added to its English text
  (``HsIndex(extra=...)``), so "LCD" or "of silk" find the right subheading;
* a second, French index reads the French labels (the subheading's own label and its CN8
  codes' labels, then its heading's and chapter's labels with lower weights, as the HS
  index does): a French query is scored in both and the two scores are added, each scaled
  to its best hit;
* each subheading found is then answered with its best CN8 code: the one whose label
  shares most words with the query in its language, else the residual "Other" code (the
  catch-all of the subheading), with the label and the path chapter > heading >
  subheading > code in the user's language.

Without a Combined Nomenclature the search answers with the 6-digit subheadings and their
English HS texts, as before. Pure Python: no Django, no file or network access.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from comptoir.trade import hs_lexicon, hs_rules
from comptoir.trade.hs import HsEntry, HsIndex, Language, fold, stem_en, stem_fr, tokenize
from comptoir.trade.nomenclature import CnEntry

__all__ = ["CnHit", "ClassificationIndex", "PathStep"]

# Weight of the French index against the English one in a French query (each scaled to 1).
FRENCH_WEIGHT = 0.25
#: added to FRENCH_WEIGHT in proportion to the share of the query's words that the English
#: side does not know (neither the lexicon nor the nomenclature's English): the French
#: labels then say more of the query (fourth round: 0.5 measured against 0 and 1)
FRENCH_GUESS_WEIGHT = 0.5
# Field weights of the French documents: own labels, heading label, chapter label.
FR_OWN_WEIGHT = 1.0
FR_CN8_WEIGHT = 0.5
FR_HEADING_WEIGHT = 0.5
FR_CHAPTER_WEIGHT = 0.25
BM25_K1 = 1.2
BM25_B = 0.3
# Weight of the first content word of a French query (the head noun: "*robe* en soie").
FR_HEAD_WEIGHT = 1.5
# A subheading is kept in the French candidates only with this share of the best score.
_RESIDUAL_LABELS = frozenset({"other", "autres", "autre", "others"})


@dataclass(frozen=True, slots=True)
class PathStep:
    """One level of a code's path: ``display_code`` ("6204", "6204 49 10") and ``label``."""

    code: str
    display_code: str
    label: str


@dataclass(frozen=True, slots=True)
class CnHit:
    """One proposal: a CN8 code (or a 6-digit HS subheading when no CN is loaded).

    ``label`` is the code's own label and ``path`` the chain from the chapter down to the
    code, both in the language asked; ``hs6`` is the HS subheading; ``score`` is only
    comparable between hits of the same query.
    """

    code: str
    display_code: str
    hs6: str
    label: str
    path: tuple[PathStep, ...]
    score: float

    @property
    def is_cn8(self) -> bool:
        return len(self.code) == 8

    def path_text(self, separator: str = " > ") -> str:
        """ "62 Vêtements… > 6204 Costumes tailleurs… > 6204 49 10 de soie…" """
        return separator.join(f"{step.display_code} {step.label}" for step in self.path)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: code, display_code, hs6, label, path (text), levels, score."""
        return {
            "code": self.code,
            "display_code": self.display_code,
            "hs6": self.hs6,
            "label": self.label,
            "path": self.path_text(),
            "levels": [
                {"code": s.code, "display_code": s.display_code, "label": s.label}
                for s in self.path
            ],
            "score": round(self.score, 4),
        }


class _FrenchIndex:
    """BM25F over the French labels, one document per 6-digit subheading."""

    def __init__(self, documents: Mapping[str, Sequence[tuple[str, float]]]) -> None:
        fields: dict[str, dict[str, float]] = {}
        frequency: dict[str, int] = {}
        lengths: dict[str, float] = {}
        for code, texts in documents.items():
            counts: dict[str, float] = {}
            own = 0.0
            for text, weight in texts:
                for stem in _french_stems(text):
                    counts[stem] = counts.get(stem, 0.0) + weight
                    if weight >= FR_OWN_WEIGHT:
                        own += 1.0
            fields[code] = counts
            lengths[code] = max(own, 1.0)
            for stem in counts:
                frequency[stem] = frequency.get(stem, 0) + 1
        total = len(fields) or 1
        idf = {
            stem: math.log(1.0 + (total - df + 0.5) / (df + 0.5)) for stem, df in frequency.items()
        }
        average = sum(lengths.values()) / len(lengths) if lengths else 1.0
        self._postings: dict[str, list[tuple[str, float]]] = {}
        for code, counts in fields.items():
            norm = BM25_K1 * (1.0 - BM25_B + BM25_B * lengths[code] / average)
            for stem, tf in counts.items():
                weight = idf[stem] * tf * (BM25_K1 + 1.0) / (tf + norm)
                self._postings.setdefault(stem, []).append((code, weight))

    def scores(self, query: str) -> dict[str, float]:
        stems = _french_stems(query)
        if not stems:
            return {}
        weights = [FR_HEAD_WEIGHT] + [1.0] * (len(stems) - 1)
        scores: dict[str, float] = {}
        matched: dict[str, float] = {}
        for stem, weight in zip(stems, weights, strict=True):
            for code, value in self._postings.get(stem, ()):
                scores[code] = scores.get(code, 0.0) + value * weight
                matched[code] = matched.get(code, 0.0) + weight
        total = sum(weights)
        return {code: score * matched[code] / total for code, score in scores.items()}


def _french_stems(text: str) -> list[str]:
    """French content stems of a text, each once, in order."""
    seen: list[str] = []
    for token in tokenize(text):
        if token in hs_lexicon.FR_STOP or len(token) < 2:
            continue
        stem = stem_fr(token)
        if stem not in seen:
            seen.append(stem)
    return seen


class ClassificationIndex:
    """The search behind the classification help, built once per nomenclature.

    ``hs_entries`` are the HS 2022 entries (:func:`comptoir.trade.hs.parse_hs_csv`);
    ``cn_entries`` the Combined Nomenclature (:func:`comptoir.trade.nomenclature.
    parse_cn_csv`), possibly empty. Read-only once built: share one per process.
    """

    def __init__(self, hs_entries: Iterable[HsEntry], cn_entries: Iterable[CnEntry] = ()) -> None:
        self._cn: dict[str, CnEntry] = {e.code: e for e in cn_entries if e.level != "section"}
        self._cn8_of: dict[str, list[CnEntry]] = {}
        for entry in sorted(self._cn.values(), key=lambda e: e.code):
            if entry.level == "cn8":
                self._cn8_of.setdefault(entry.code[:6], []).append(entry)
        self._context_cache: dict[str, frozenset[str]] = {}
        self._label_words: dict[str, frozenset[str]] = {
            entry.code: frozenset(
                {stem_fr(t) for t in tokenize(entry.description_fr)}
                | {stem_en(t) for t in tokenize(entry.description_en)}
            )
            for codes in self._cn8_of.values()
            for entry in codes
        }
        extra = {
            hs6: [e.description_en for e in codes if fold(e.description_en) not in _RESIDUAL_LABELS]
            for hs6, codes in self._cn8_of.items()
        }
        french_labels = [
            (e.description_fr, e.description_en)
            for e in self._cn.values()
            if e.description_fr and e.description_en
        ]
        self.hs = HsIndex(hs_entries, extra=extra, french_labels=french_labels)
        self._french: _FrenchIndex | None = None
        if self._cn8_of:
            documents: dict[str, list[tuple[str, float]]] = {}
            for hs6, codes in self._cn8_of.items():
                texts: list[tuple[str, float]] = []
                own = self._cn.get(hs6)
                if own is not None:
                    texts.append((own.description_fr, FR_OWN_WEIGHT))
                for code in codes:
                    weight = FR_OWN_WEIGHT if own is None and len(codes) == 1 else FR_CN8_WEIGHT
                    texts.append((code.description_fr, weight))
                heading = self._cn.get(hs6[:4])
                if heading is not None:
                    texts.append((heading.description_fr, FR_HEADING_WEIGHT))
                chapter = self._cn.get(hs6[:2])
                if chapter is not None:
                    texts.append((chapter.description_fr, FR_CHAPTER_WEIGHT))
                documents[hs6] = texts
            self._french = _FrenchIndex(documents)

    @property
    def has_cn(self) -> bool:
        """True when a Combined Nomenclature is loaded (hits are CN8 codes)."""
        return bool(self._cn8_of)

    def __len__(self) -> int:
        return len(self.hs) + len(self._cn)

    def detect_language(self, query: str) -> Language:
        return self.hs.detect_language(query)

    def subheading_scores(
        self, query: str, *, prefix: bool = False, user_language: str = "en"
    ) -> dict[str, float]:
        """Relevance of the 6-digit subheadings for ``query`` (French or English; when its
        words do not tell, the user's language decides: "tire-bouchon" is French for a
        French user)."""
        language = self.hs.detect_language(
            query, default="fr" if user_language.startswith("fr") else "en"
        )
        english = self.hs.scores(query, lang=language, prefix=prefix, rules=False)
        stems = self.hs.query_stems(query, lang=language, prefix=prefix)
        stems |= {stem_en(token) for token in tokenize(query)}
        if language != "fr" or self._french is None:
            return hs_rules.apply(english, stems)
        french = self._french.scores(query)
        if not french:
            return hs_rules.apply(english, stems)
        top_en = max(english.values(), default=0.0) or 1.0
        top_fr = max(french.values()) or 1.0
        combined = {code: score / top_en for code, score in english.items()}
        # The French labels count more when the English side had to guess more words.
        weight = FRENCH_WEIGHT + FRENCH_GUESS_WEIGHT * self.hs.unknown_share(query, lang="fr")
        for code, score in french.items():
            if code in self.hs:
                combined[code] = combined.get(code, 0.0) + weight * score / top_fr
        return hs_rules.apply(combined, stems)

    def search(
        self, query: str, top: int = 10, *, language: str = "en", prefix: bool = False
    ) -> list[CnHit]:
        """The ``top`` best proposals for ``query``, labelled in ``language`` ("fr"/"en").

        ``query`` is a description in French or English (detected) or the start of a code
        ("6204", "6204 49"), which lists the codes under it. With ``prefix=True`` the last
        word may be unfinished (suggestions as you type). One proposal per subheading.
        """
        if top <= 0 or not query.strip():
            return []
        digits = "".join(ch for ch in query if not ch.isspace() and ch not in ".-")
        if digits.isascii() and digits.isdigit() and len(digits) >= 2:
            return self._by_code(digits, top, language)
        scores = self.subheading_scores(query, prefix=prefix, user_language=language)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
        words = self._query_words(query)
        return [self._hit(hs6, score, language, words) for hs6, score in ranked]

    # ---- proposals --------------------------------------------------------------------

    def _by_code(self, digits: str, top: int, language: str) -> list[CnHit]:
        hits: list[CnHit] = []
        if self._cn8_of:
            for hs6 in sorted(self._cn8_of):
                if hs6.startswith(digits[:6]) or digits.startswith(hs6):
                    for entry in self._cn8_of[hs6]:
                        if entry.code.startswith(digits[:8]):
                            hits.append(self._cn8_hit(entry, 1.0, language))
                if len(hits) >= top:
                    break
            return hits[:top]
        return [self._hs_hit(hit.code, 1.0) for hit in self.hs.search(digits, top=top)]

    def _query_words(self, query: str) -> frozenset[str]:
        words: set[str] = set()
        for token in tokenize(query):
            if token in hs_lexicon.FR_STOP or token in hs_lexicon.EN_STOP:
                continue
            words.add(stem_fr(token))
            words.add(stem_en(token))
        for concept in self.hs.analyse(query):
            for wording in concept[1]:
                words.update(wording.split())
        return frozenset(words)

    def _hit(self, hs6: str, score: float, language: str, words: frozenset[str]) -> CnHit:
        codes = self._cn8_of.get(hs6)
        if not codes:
            return self._hs_hit(hs6, score)
        best = codes[-1]
        best_key = (-1, 0)
        # Only the words that the subheading and its heading do not already say tell its
        # CN8 codes apart ("LCD", "silk", "Bordeaux"; not "television").
        telling = words - self._context_words(hs6)
        for entry in codes:
            overlap = len(telling & self._label_words[entry.code])
            residual = fold(entry.description_en) in _RESIDUAL_LABELS
            key = (overlap, 1 if residual else 0)
            if key > best_key:
                best, best_key = entry, key
        return self._cn8_hit(best, score, language)

    def _context_words(self, hs6: str) -> frozenset[str]:
        cached = self._context_cache.get(hs6)
        if cached is not None:
            return cached
        words: set[str] = set()
        for code in (hs6, hs6[:4]):
            hs_entry = self.hs.get(code)
            if hs_entry is not None:
                words.update(stem_en(t) for t in tokenize(hs_entry.description))
            cn_entry = self._cn.get(code)
            if cn_entry is not None:
                words.update(stem_fr(t) for t in tokenize(cn_entry.description_fr))
                words.update(stem_en(t) for t in tokenize(cn_entry.description_en))
        result = frozenset(words)
        self._context_cache[hs6] = result
        return result

    def _cn8_hit(self, entry: CnEntry, score: float, language: str) -> CnHit:
        chain: list[PathStep] = []
        current: CnEntry | None = entry
        while current is not None and current.level != "section":
            chain.append(
                PathStep(current.code, current.display_code, current.description(language))
            )
            current = self._cn.get(current.parent)
        chain.reverse()
        return CnHit(
            entry.code,
            entry.display_code,
            entry.code[:6],
            entry.description(language),
            tuple(chain),
            score,
        )

    def _hs_hit(self, hs6: str, score: float) -> CnHit:
        chain: list[PathStep] = []
        entry = self.hs.get(hs6)
        while entry is not None:
            display = entry.code if len(entry.code) <= 4 else f"{entry.code[:4]} {entry.code[4:]}"
            chain.append(PathStep(entry.code, display, entry.description))
            entry = self.hs.get(entry.parent) if entry.parent else None
        chain.reverse()
        own = self.hs.get(hs6)
        return CnHit(
            hs6,
            f"{hs6[:4]} {hs6[4:]}",
            hs6,
            own.description if own else "",
            tuple(chain),
            score,
        )
