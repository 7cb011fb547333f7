"""Market studies services: files and clips (digest computed again when clips change),
synthesis notes (versions, citations checked), market selection (proposals, weights,
ranking, decision), SWOT/PESTEL."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from comptoir.origin.models import Agreement
from comptoir.parties.models import CountrySheet
from comptoir.studies import documents, selectors, services
from comptoir.studies.inputs import (
    ClipValues,
    DecisionValues,
    FileValues,
    HandNoteValues,
    NoteValues,
    Section,
    StrategyValues,
    StudyValues,
)
from comptoir.studies.models import MarketStudy
from conftest import make_user

pytestmark = pytest.mark.django_db
D = Decimal


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_clip_computes_the_digest_and_again_when_clips_change(gulf_file, items, assistant):
    clip = services.clip_item(
        file=gulf_file, values=ClipValues(item=items[0], comment="Key for 2027"), user=assistant
    )
    gulf_file.refresh_from_db()
    terms = [t[0] for t in gulf_file.digest["key_terms"]]
    assert "ustensiles de cuisson" in terms
    assert clip.digest["key_terms"]
    first_key = gulf_file.digest_key
    services.clip_item(file=gulf_file, values=ClipValues(item=items[1]), user=assistant)
    gulf_file.refresh_from_db()
    assert gulf_file.digest_key != first_key
    assert len(gulf_file.digest["summary"]) <= 5
    # unchanged clips: nothing computed
    assert services.refresh_digest(gulf_file) is False
    # newest first on the page; sources numbered in clipping order
    assert [c.item for c in selectors.clips_of(gulf_file)] == [items[1], items[0]]
    assert [c.item for c in selectors.sources_of(gulf_file)] == [items[0], items[1]]


def test_an_item_is_clipped_once_per_file(gulf_file, items, assistant):
    services.clip_item(file=gulf_file, values=ClipValues(item=items[0]), user=assistant)
    with pytest.raises(ValidationError) as exc:
        services.clip_item(file=gulf_file, values=ClipValues(item=items[0]), user=assistant)
    assert "item" in exc.value.error_dict


def test_hand_note_needs_title_and_text(gulf_file, assistant):
    with pytest.raises(ValidationError) as exc:
        services.add_hand_note(
            file=gulf_file, values=HandNoteValues(title="", text=""), user=assistant
        )
    assert set(exc.value.error_dict) == {"title", "text"}
    clip = services.add_hand_note(
        file=gulf_file,
        values=HandNoteValues(title="Call with our agent", text="Prices in Dubai rose by 4 %."),
        user=assistant,
    )
    assert clip.item is None
    gulf_file.refresh_from_db()
    assert gulf_file.digest["summary"]


def test_private_file_is_its_owners(django_user_model, assistant):
    other = make_user(django_user_model, "other", "assistant")
    private = services.create_file(
        values=FileValues(title="Competitor X", theme="competitor", shared=False), user=assistant
    )
    assert private in selectors.visible_files(assistant)
    assert private not in selectors.visible_files(other)
    with pytest.raises(PermissionDenied):
        services.update_file(
            file=private, values=FileValues(title="Mine", theme="competitor"), user=other
        )


def test_file_countries_checked(assistant):
    with pytest.raises(ValidationError) as exc:
        services.create_file(
            values=FileValues(title="X", theme="market", countries=("AE", "ZZ")), user=assistant
        )
    assert "countries" in exc.value.error_dict


def _note(file: Any, user: Any, body: str = "Demand grows [1], duties are 5 % [2].") -> Any:
    return services.save_note(
        file=file,
        values=NoteValues(
            title="Gulf cookware: where to start",
            language="en",
            sections=(Section(heading="Demand", body=body),),
            conclusion="Start with the UAE [1].",
        ),
        user=user,
    )


def test_note_versions_citations_pdf_and_docx(gulf_file, items, assistant, seller):
    for item in items:
        services.clip_item(file=gulf_file, values=ClipValues(item=item), user=assistant)
    with pytest.raises(ValidationError) as exc:
        _note(gulf_file, assistant, body="See [3].")
    assert "sections.0.body" in exc.value.error_dict
    note = _note(gulf_file, assistant)
    assert note.version == 1
    note = services.save_note(
        file=gulf_file,
        values=NoteValues(
            title=note.title,
            language="fr",
            sections=(Section(heading="Demande", body="La demande progresse [1]."),),
        ),
        user=assistant,
        note=note,
    )
    assert note.version == 2
    assert note.history.count() == 2
    text = pdf_text(documents.note_pdf(note))
    assert "Demande" in text and "Sources" in text and "[2] Cookware in Saudi Arabia" in text
    assert "fiabilité" in text  # the note's language, French
    import docx

    word = docx.Document(io.BytesIO(documents.note_docx(note)))
    paragraphs = [p.text for p in word.paragraphs]
    assert "La demande progresse [1]." in paragraphs
    assert any(p.startswith("[1] Ustensiles de cuisson aux Émirats") for p in paragraphs)
    # a cited source cannot be taken out of the file
    first = selectors.sources_of(gulf_file)[0]
    with pytest.raises(ValidationError):
        services.remove_clip(clip=first, user=assistant)
    services.remove_clip(clip=selectors.sources_of(gulf_file)[1], user=assistant)


def _study(user: Any, countries: tuple[str, ...] = ("AE", "SA", "JP", "CA", "MA")) -> Any:
    return services.create_study(
        values=StudyValues(title="Cookware export 2027", countries=countries), user=user
    )


GRADES = {
    "AE": (4, 4, 4, 3, 4, 3, 4),
    "SA": (4, 5, 4, 3, 3, 3, 3),
    "JP": (5, 2, 4, 1, 5, 2, 2),
    "CA": (4, 2, 4, 2, 5, 3, 4),
    "MA": (2, 4, 4, 5, 3, 3, 5),
}


def _grade(study: Any, user: Any) -> None:
    from comptoir.trade.market_selection import CRITERIA

    services.set_grades(
        study=study,
        grades={
            c: {n: D(g) for n, g in zip(CRITERIA, row, strict=True)} for c, row in GRADES.items()
        },
        user=user,
    )


def test_study_proposes_grades_from_data(assistant):
    CountrySheet.objects.create(country="JP", risk_level="low")
    Agreement.objects.create(code="eu-jp", name="EU-Japan EPA", partners=["JP"])
    study = _study(assistant)
    grades = {c.country: c for c in study.candidates.all()}
    assert grades["JP"].grades["risk"] == "5"
    assert "country sheet" in grades["JP"].grade_sources["risk"]
    assert grades["JP"].grades["access"] == "4"
    assert grades["AE"].grades["access"] == "2"
    assert grades["MA"].grades["language"] == "5"  # French spoken in Morocco
    assert grades["CA"].grades["language"] == "5"
    assert grades["JP"].grades["language"] == "2"
    assert "market_size" not in grades["AE"].grades
    view = selectors.study_view(study)
    assert view.selection is None and view.missing


def test_study_ranking_weights_and_decision(assistant, manager):
    study = _study(assistant)
    _grade(study, assistant)
    view = selectors.study_view(study)
    assert view.selection is not None
    assert view.selection.first == ("AE",)
    assert [p.country for p in view.selection.ranking][:2] == ["AE", "SA"]
    with pytest.raises(ValidationError) as exc:
        services.set_weights(
            study=study, weights={**view.weights, "language": D(20)}, user=assistant
        )
    assert "weights" in exc.value.error_dict
    # deciding is a manager's
    with pytest.raises(PermissionDenied):
        services.decide(study=study, values=DecisionValues(chosen=("AE",)), user=assistant)
    # not the first: a reason is required
    with pytest.raises(ValidationError) as exc:
        services.decide(study=study, values=DecisionValues(chosen=("MA",)), user=manager)
    assert "reason" in exc.value.error_dict
    services.decide(
        study=study,
        values=DecisionValues(chosen=("AE", "SA"), reason="Same GCC tariff, one agent for both"),
        user=manager,
    )
    study.refresh_from_db()
    assert study.status == MarketStudy.Status.DECIDED
    assert study.chosen == ["AE", "SA"] and study.decided_by == manager
    with pytest.raises(ValidationError):
        _grade(study, assistant)


def test_study_pdf_and_chart(assistant, seller):
    study = _study(assistant)
    svg = documents.chart(study, "en")
    assert svg == ""
    _grade(study, assistant)
    svg = documents.chart(study, "en")
    assert svg.startswith("<svg") and "United Arab Emirates" in svg and "Country risk" in svg
    assert svg.count("<rect") >= 5 * 7
    text = pdf_text(documents.selection_pdf(study, "fr"))
    assert "Sélection des marchés" in text and "Émirats arabes unis" in text


def test_study_counts_bounded(assistant):
    with pytest.raises(ValidationError) as exc:
        _study(assistant, ("AE",))
    assert "countries" in exc.value.error_dict
    with pytest.raises(ValidationError):
        _study(assistant, ("AE", "AE"))


def test_swot_and_pestel(assistant, gulf_file, seller):
    with pytest.raises(ValidationError) as exc:
        services.save_strategy(
            values=StrategyValues(kind="swot", title="Gulf", parts={}), user=assistant
        )
    assert "country" in exc.value.error_dict
    swot = services.save_strategy(
        values=StrategyValues(
            kind="swot",
            title="Cookware in the Gulf",
            language="en",
            country="AE",
            files=(gulf_file,),
            parts={
                "strengths": ("French design valued",),
                "threats": ("Chinese entry-level competition", ""),
            },
        ),
        user=assistant,
    )
    assert swot.parts["threats"] == ["Chinese entry-level competition"]
    assert list(gulf_file.strategy_notes.all()) == [swot]
    text = pdf_text(documents.strategy_pdf(swot))
    assert "Strengths" in text and "French design valued" in text and "Weaknesses" in text
    pestel = services.save_strategy(
        values=StrategyValues(
            kind="pestel",
            title="Japon",
            language="fr",
            country="JP",
            parts={"legal": ("Loi sur la sécurité des produits (PSC)",)},
        ),
        user=assistant,
    )
    text = pdf_text(documents.strategy_pdf(pestel))
    assert "Juridique" in text or "Légal" in text
    with pytest.raises(ValidationError):
        services.save_strategy(
            values=StrategyValues(
                kind="pestel", title="x", country="JP", parts={"strengths": ("a",)}
            ),
            user=assistant,
        )
