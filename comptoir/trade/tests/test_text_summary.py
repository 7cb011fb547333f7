"""Key terms and extractive summary (RAKE on Snowball stems, TextRank)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade import text_summary as ts

FR = (
    "Le marché des ustensiles de cuisson aux Émirats arabes unis progresse de 7,5 % par an. "
    "M. Dupont, directeur export, note que les poêles en inox sont très demandées. "
    "Les importateurs de Dubaï cherchent des poêles en inox et des casseroles haut de gamme. "
    "La concurrence chinoise reste forte sur l'entrée de gamme. "
    "Les droits de douane du CCG sont de 5 % pour les ustensiles de cuisson. "
    "Le prix moyen est de 3.5 USD."
)
EN = (
    "Demand for stainless steel cookware in Saudi Arabia keeps growing. "
    "Retailers in Riyadh report that stainless steel cookware sells twice as fast as "
    "aluminium pans. Import duties of 5% apply under the GCC common external tariff. "
    "The U.S. and China remain the main suppliers, e.g. for non-stick pans. "
    "Logistics costs from Europe fell by 12.5% in 2026."
)


def test_sentences_know_abbreviations_initials_and_numbers() -> None:
    parts = ts.sentences(FR)
    assert len(parts) == 6
    assert parts[1].startswith("M. Dupont, directeur export")
    assert parts[-1] == "Le prix moyen est de 3.5 USD."
    english = ts.sentences(EN)
    assert len(english) == 5
    assert english[3] == "The U.S. and China remain the main suppliers, e.g. for non-stick pans."
    assert english[4].endswith("12.5% in 2026.")


def test_sentences_split_on_blank_lines_and_bullets() -> None:
    assert ts.sentences("Title without stop\n\nFirst point here\n- second point") == [
        "Title without stop",
        "First point here",
        "second point",
    ]


def test_language_is_guessed_from_stop_words() -> None:
    assert ts.guess_language(FR) == "fr"
    assert ts.guess_language(EN) == "en"


def test_french_key_terms_join_words_across_de_and_meet_plurals() -> None:
    terms = [t.term for t in ts.key_terms(FR, "fr")]
    assert "ustensiles de cuisson" in terms
    assert "poêles en inox" in terms
    # a word inside a better term is not repeated alone
    assert "cuisson" not in terms


def test_english_key_terms() -> None:
    terms = [t.term for t in ts.key_terms(EN)]
    assert terms[0] == "stainless steel cookware"


def test_summary_keeps_the_original_order_and_the_length() -> None:
    result = ts.summary(FR, "fr", length=3)
    parts = ts.sentences(FR)
    assert len(result) == 3
    positions = [parts.index(s) for s in result]
    assert positions == sorted(positions)
    # the sentences that share most with the others are kept
    assert parts[2] in result


def test_short_text_is_its_own_summary() -> None:
    assert ts.summary("One sentence only.", length=3) == ("One sentence only.",)
    assert ts.digest("", "en") == ts.Digest("en", (), (), 0)


def test_text_is_bounded() -> None:
    huge = "Cookware exports grow in Dubai. " * 50_000
    result = ts.digest(huge, "en")
    assert result.sentence_count == ts.MAX_SENTENCES


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=600))
def test_any_text_gives_a_deterministic_digest(text: str) -> None:
    first = ts.digest(text)
    assert first == ts.digest(text)
    assert len(first.summary) <= 3
    assert len(first.key_terms) <= 10
    parts = ts.sentences(text)
    assert all(s in parts for s in first.summary)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(ts.sentences(FR + " " + EN)), min_size=1, max_size=12))
def test_summary_sentences_come_from_the_text_in_order(chosen: list[str]) -> None:
    text = " ".join(chosen)
    parts = ts.sentences(text)
    result = ts.summary(text, length=2)
    indexes = [parts.index(s) for s in result]
    assert indexes == sorted(indexes)
