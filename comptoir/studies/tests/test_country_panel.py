"""The market studies section of the country page: the SWOT/PESTEL notes about the country,
the market selections where it is a candidate with its rank, score and the decision, the
thematic files tagged with it that the reader may see."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.studies import services
from comptoir.studies.inputs import DecisionValues, FileValues, StrategyValues

from .test_services import _grade, _study

pytestmark = pytest.mark.django_db


def test_country_page_shows_the_studies_of_the_country(
    client: Any, assistant: Any, manager: Any, gulf_file: Any
) -> None:
    study = _study(assistant)
    _grade(study, assistant)
    services.decide(
        study=study,
        values=DecisionValues(chosen=("AE", "SA"), reason="Same GCC tariff, one agent for both"),
        user=manager,
    )
    open_one = _study(assistant, ("AE", "QA"))
    open_one.title = "Hotels 2028"
    open_one.save()
    services.save_strategy(
        values=StrategyValues(
            kind="swot",
            title="Cookware in the Emirates",
            language="en",
            country="AE",
            parts={"strengths": ("French design valued",)},
        ),
        user=assistant,
    )
    services.save_strategy(
        values=StrategyValues(
            kind="pestel", title="Japon", country="JP", parts={"legal": ("PSC",)}
        ),
        user=assistant,
    )
    services.create_file(
        values=FileValues(
            title="My private Gulf notes", theme="market", countries=("AE",), shared=False
        ),
        user=manager,
    )
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "en"
    html = client.get("/parties/countries/AE/").content.decode()
    section = html[html.index('id="country-studies"') :]
    assert "Cookware export 2027" in section and "Cookware in the Emirates" in section
    assert "Japon" not in section  # a note about another country
    assert gulf_file.title in section
    assert "My private Gulf notes" not in section  # another user's private file
    # AE is ranked (2nd of 5 on these grades: SA first) and chosen
    selections = section[section.index('id="country-selections"') :]
    row = selections[selections.index("Cookware export 2027") :]
    assert "/ 5" in row[:600] and "Chosen" in row[:900]
    assert "not all graded" in selections and "Being scored" in selections
    # Morocco was a candidate, not chosen
    ma = client.get("/parties/countries/MA/").content.decode()
    assert "Not chosen" in ma[ma.index('id="country-studies"') :]
    # French
    client.cookies["comptoir_language"] = "fr"
    fr = client.get("/parties/countries/AE/").content.decode()
    assert "Études de marché" in fr[fr.index('id="country-studies"') :][:400]
