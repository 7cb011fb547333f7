"""What the market studies documents show, read once here into plain values;
``comptoir.documents.studies`` renders them (PDF, DOCX, the SVG chart)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from comptoir.common import countries
from comptoir.common.dates import today
from comptoir.documents import studies as render
from comptoir.intelligence.models import Reliability
from comptoir.sales import documents as sales_documents
from comptoir.trade import market_selection as ms

from . import selectors
from .models import PART_LABELS, MarketStudy, StrategyNote, SynthesisNote, parts_for


def _company() -> str:
    seller = sales_documents.seller_context()
    return str(seller.get("trade_name") or seller.get("legal_name") or "")


def _name(user: User | None) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def criterion_labels() -> dict[str, str]:
    """The criteria in the reader's language (call inside the right translation)."""
    return {
        ms.MARKET_SIZE: _("Market size"),
        ms.GROWTH: _("Growth"),
        ms.ACCESS: _("Access and duties"),
        ms.DISTANCE: _("Distance and logistics cost"),
        ms.RISK: _("Country risk"),
        ms.COMPETITION: _("Competition"),
        ms.LANGUAGE: _("Language and culture"),
    }


# ----------------------------------------------------------------------------- synthesis note


def note_document(note: SynthesisNote) -> render.NoteDocument:
    with translation.override(note.language):
        sources = [
            render.SourceRef(
                number=i,
                title=clip.item.title,
                source=clip.item.source.name,
                reliability=str(Reliability(clip.item.source.reliability).label),
                link=clip.item.link,
                published=clip.item.published_at.date() if clip.item.published_at else None,
                comment=clip.comment,
            )
            for i, clip in enumerate(selectors.sources_of(note.file), start=1)
            if clip.item is not None
        ]
        return render.NoteDocument(
            language=note.language,
            title=note.title,
            file_title=note.file.title,
            company=_company(),
            author=_name(note.author),
            version=note.version,
            written_on=timezone.localdate(note.updated_at),
            sections=list(note.sections),
            conclusion=note.conclusion,
            sources=sources,
            key_terms=[t[0] for t in note.file.digest.get("key_terms", [])[:8]],
        )


def note_pdf(note: SynthesisNote) -> bytes:
    return render.note_pdf(note_document(note))


def note_docx(note: SynthesisNote) -> bytes:
    return render.note_docx(note_document(note))


# ----------------------------------------------------------------------------- market selection


def chart(study: MarketStudy, language: str) -> str:
    """The SVG chart of the ranking (empty string when grades are missing)."""
    view = selectors.study_view(study)
    if view.selection is None:
        return ""
    with translation.override(language):
        labels = criterion_labels()
        bars = [
            render.ChartBar(
                label=f"{p.rank}. {countries.country_name(p.country, language)}",
                total=p.score_rounded,
                parts=tuple(c.points for c in p.contributions),
            )
            for p in view.selection.ranking
        ]
        return str(
            render.selection_chart(
                bars,
                [labels[n] for n in ms.CRITERIA],
                _("Weighted score per country, by criterion"),
            )
        )


def selection_document(study: MarketStudy, language: str) -> render.SelectionDocument:
    view = selectors.study_view(study)
    with translation.override(language):
        labels = criterion_labels()
        order: list[tuple[int | None, str, Decimal | None]] = (
            [(p.rank, p.country, p.score_rounded) for p in view.selection.ranking]
            if view.selection
            else [(None, c.country, None) for c in view.candidates]
        )
        rows = [
            {
                "rank": rank,
                "country": countries.country_name(code, language),
                "grades": [
                    number_format(g, decimal_pos=1) if g is not None else None
                    for g in view.grades[code].values()
                ],
                "score": number_format(score, decimal_pos=2) if score is not None else None,
                "chosen": code in study.chosen,
            }
            for rank, code, score in order
        ]
        decision = {}
        if study.status == MarketStudy.Status.DECIDED:
            decision = {
                "chosen": ", ".join(countries.country_name(c, language) for c in study.chosen),
                "by": _name(study.decided_by),
                "at": study.decided_at,
                "reason": study.decision_reason,
            }
        return render.SelectionDocument(
            language=language,
            title=study.title,
            scope=study.scope,
            company=_company(),
            printed_on=today(),
            criteria=[
                {"name": n, "label": labels[n], "weight": number_format(view.weights[n])}
                for n in ms.CRITERIA
            ],
            rows=rows,
            chart=chart(study, language),
            status=str(study.get_status_display()),
            decision=decision,
            missing=len(view.missing),
        )


def selection_pdf(study: MarketStudy, language: str) -> bytes:
    return render.selection_pdf(selection_document(study, language))


# ----------------------------------------------------------------------------- SWOT / PESTEL


def subject_of(note: StrategyNote, language: str) -> str:
    parts = []
    if note.country:
        parts.append(countries.country_name(note.country, language))
    if note.product is not None:
        name = note.product.name_fr if language == "fr" else note.product.name_en
        parts.append(f"{note.product.reference} {name or ''}".strip())
    return " · ".join(parts)


def strategy_document(note: StrategyNote) -> render.StrategyDocument:
    with translation.override(note.language):
        return render.StrategyDocument(
            language=note.language,
            kind=note.kind,
            kind_label=str(note.get_kind_display()),
            title=note.title,
            subject=subject_of(note, note.language),
            company=_company(),
            author=_name(note.author),
            written_on=timezone.localdate(note.updated_at),
            parts=[
                {"key": k, "label": str(PART_LABELS[k]), "points": note.parts.get(k, [])}
                for k in parts_for(note.kind)
            ],
            conclusion=note.conclusion,
            files=[f.title for f in note.files.all()],
        )


def strategy_pdf(note: StrategyNote) -> bytes:
    return render.strategy_pdf(strategy_document(note))
