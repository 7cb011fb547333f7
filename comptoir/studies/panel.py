"""The market studies section of the country page (registered in ``apps.ready``): the SWOT
and PESTEL notes about the country, the market selections where it is a candidate (its rank
and score once every grade is given, the decision) and the thematic files tagged with it
that the reader may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import selectors
from .models import MarketStudy

#: Rows each list of the section shows.
ROWS = 10


def country_studies(code: str, request: HttpRequest) -> dict[str, Any]:
    code = code.upper()
    notes = list(selectors.notes_about_country(code).select_related("product")[:ROWS])
    selections = []
    for study in selectors.studies_with_country(code).order_by("-created_at", "-id")[:ROWS]:
        view = selectors.study_view(study)
        placed = None
        if view.selection is not None:
            placed = next((p for p in view.selection.ranking if p.country == code), None)
        selections.append(
            {
                "study": study,
                "candidates": len(view.candidates),
                "rank": placed.rank if placed else None,
                "score": placed.score_rounded if placed else None,
                "decided": study.status == MarketStudy.Status.DECIDED,
                "chosen": code in (study.chosen or []),
            }
        )
    files = list(selectors.file_list(request.user, {"country": code}).order_by("title")[:ROWS])
    return {"country": code, "notes": notes, "selections": selections, "files": files}
