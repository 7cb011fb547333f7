"""Reads of the market studies: files a user may see, their clips and sources, the market
selection's ranking and chart data, SWOT/PESTEL notes. Screens, the API and the documents
call these functions, so a figure is the same everywhere.

Intelligence items are read in ONE place, :func:`intelligence_items`, so that the reads can
move to ``intelligence.selectors`` without touching the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, Q, QuerySet

from comptoir.accounts.roles import Actor
from comptoir.common import countries
from comptoir.intelligence.models import Item
from comptoir.trade import market_selection as ms
from comptoir.trade import text_summary

from .models import Candidate, Clip, MarketStudy, StrategyNote, SynthesisNote, ThematicFile

MAX_SEARCH = 100


def intelligence_items() -> QuerySet[Item]:
    """Every intelligence item, with its source (the one read of the intelligence area)."""
    return Item.objects.select_related("source")


def item_or_none(pk: Any) -> Item | None:
    try:
        return intelligence_items().get(pk=int(pk))
    except (Item.DoesNotExist, TypeError, ValueError):
        return None


def item_text(item: Item) -> str:
    """What is summarised of an item: its text, else its summary without tags, else title."""
    from django.utils.html import strip_tags

    return item.text or strip_tags(item.summary_html or "") or item.title


def item_digest(item: Item) -> text_summary.Digest:
    """Key terms and summary of one item, computed now (bounded, a few milliseconds)."""
    language = (item.language or "")[:2].lower() or None
    return text_summary.digest(item_text(item), language)


def digest_dict(result: text_summary.Digest) -> dict[str, Any]:
    return {
        "language": result.language,
        "key_terms": [[t.term, t.score] for t in result.key_terms],
        "summary": list(result.summary),
        "sentences": result.sentence_count,
    }


# ----------------------------------------------------------------------------- files


def _user_id(user: Actor) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


def visible_files(user: Actor) -> QuerySet[ThematicFile]:
    """The files shared with the team and the user's private ones (the system sees all)."""
    files = ThematicFile.objects.select_related("owner")
    if user is None:
        return files
    return files.filter(Q(shared=True) | Q(owner_id=_user_id(user)))


def file_list(user: Actor, params: Mapping[str, str]) -> QuerySet[ThematicFile]:
    files = visible_files(user).annotate(clip_count=Count("clips", distinct=True))
    q = (params.get("q") or "").strip()[:MAX_SEARCH]
    if q:
        files = files.filter(Q(title__icontains=q) | Q(description__icontains=q))
    theme = params.get("theme") or ""
    if theme:
        files = files.filter(theme=theme)
    country = (params.get("country") or "").upper()[:2]
    if country:
        files = files.filter(countries__icontains=f'"{country}"')
    return files


def file_for_page(pk: int, user: Actor) -> ThematicFile:
    """The file, if the user may see it (raises ``ThematicFile.DoesNotExist`` otherwise)."""
    return visible_files(user).prefetch_related("products").get(pk=pk)


def clips_of(file: ThematicFile) -> QuerySet[Clip]:
    """The file's clips, newest first, with their item, source and reliability."""
    return file.clips.select_related("item__source", "clipped_by").order_by("-clipped_at", "-id")


def sources_of(file: ThematicFile) -> list[Clip]:
    """The clipped items in the order they were clipped: source [1] is the first clipped."""
    return list(
        file.clips.filter(item__isnull=False)
        .select_related("item__source")
        .order_by("clipped_at", "id")
    )


def files_with_item(item: Item, user: Actor) -> QuerySet[ThematicFile]:
    return visible_files(user).filter(clips__item=item).distinct()


def clip_text(clip: Clip) -> str:
    if clip.item_id and clip.item is not None:
        return f"{clip.item.title}.\n\n{item_text(clip.item)}"
    return f"{clip.title}.\n\n{clip.text}" if clip.title else clip.text


def notes_of(file: ThematicFile) -> QuerySet[SynthesisNote]:
    return file.notes.select_related("author")


def note_for_page(pk: int, user: Actor) -> SynthesisNote:
    note = SynthesisNote.objects.select_related("file", "author").get(pk=pk)
    file_for_page(note.file_id, user)  # a note of a private file is private too
    return note


# ----------------------------------------------------------------------------- market selection


def study_list(params: Mapping[str, str]) -> QuerySet[MarketStudy]:
    studies = MarketStudy.objects.select_related("owner", "decided_by").annotate(
        candidate_count=Count("candidates")
    )
    q = (params.get("q") or "").strip()[:MAX_SEARCH]
    if q:
        studies = studies.filter(Q(title__icontains=q) | Q(scope__icontains=q))
    status = params.get("status") or ""
    if status:
        studies = studies.filter(status=status)
    return studies


def candidates_of(study: MarketStudy) -> list[Candidate]:
    return list(study.candidates.order_by("position", "id"))


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def weights_of(study: MarketStudy) -> dict[str, Decimal]:
    weights = {n: _decimal(study.weights.get(n)) for n in ms.CRITERIA}
    return {n: (w if w is not None else ms.DEFAULT_WEIGHTS[n]) for n, w in weights.items()}


def grades_of(candidate: Candidate) -> dict[str, Decimal | None]:
    return {n: _decimal(candidate.grades.get(n)) for n in ms.CRITERIA}


@dataclass(frozen=True)
class StudyView:
    """What the study page, the PDF and the API show: the grid, the missing grades, the
    ranking once every cell is graded."""

    weights: dict[str, Decimal]
    candidates: list[Candidate]
    grades: dict[str, dict[str, Decimal | None]]
    missing: list[tuple[str, str]]
    selection: ms.Selection | None


def study_view(study: MarketStudy) -> StudyView:
    candidates = candidates_of(study)
    weights = weights_of(study)
    grades = {c.country: grades_of(c) for c in candidates}
    missing = [(c, n) for c, row in grades.items() for n, g in row.items() if g is None]
    selection = None
    if not missing and len(candidates) >= ms.MIN_CANDIDATES:
        selection = ms.rank(
            weights,
            [
                ms.Candidate(c, {n: g for n, g in row.items() if g is not None})
                for c, row in grades.items()
            ],
        )
    return StudyView(weights, candidates, grades, missing, selection)


def country_label(code: str, language: str) -> str:
    return countries.country_name(code, language) or code


# ----------------------------------------------------------------------------- SWOT / PESTEL


def strategy_list(params: Mapping[str, str]) -> QuerySet[StrategyNote]:
    notes = StrategyNote.objects.select_related("product", "author")
    kind = params.get("kind") or ""
    if kind:
        notes = notes.filter(kind=kind)
    country = (params.get("country") or "").upper()[:2]
    if country:
        notes = notes.filter(country=country)
    q = (params.get("q") or "").strip()[:MAX_SEARCH]
    if q:
        notes = notes.filter(title__icontains=q)
    return notes


def strategy_for_page(pk: int) -> StrategyNote:
    return StrategyNote.objects.select_related("product", "author").get(pk=pk)


def notes_about_country(code: str) -> QuerySet[StrategyNote]:
    return StrategyNote.objects.filter(country=code.upper())


def studies_with_country(code: str) -> QuerySet[MarketStudy]:
    return MarketStudy.objects.filter(candidates__country=code.upper()).distinct()
