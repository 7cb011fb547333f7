"""Market studies screens: lists and pages in FR and EN, the item page's "Clip into a file"
section (rendered directly until the intelligence item page shows it), the grid, the
decision, the downloads; a GET never writes."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pypdf import PdfReader

from comptoir.common import panels
from comptoir.studies import services
from comptoir.studies.inputs import ClipValues, NoteValues, Section, StrategyValues, StudyValues
from comptoir.studies.models import Clip, MarketStudy
from comptoir.trade.market_selection import CRITERIA
from conftest import make_user

pytestmark = pytest.mark.django_db


def _speaks(user: Any, language: str) -> None:
    user.profile.language = language
    user.profile.save()


def _no_write(client: Any, url: str) -> Any:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert not writes, writes
    return response


def test_pages_in_english_and_french(assistant_client, gulf_file, items, assistant, seller):
    services.clip_item(
        file=gulf_file, values=ClipValues(item=items[0], comment="Top"), user=assistant
    )
    note = services.save_note(
        file=gulf_file,
        values=NoteValues(
            title="Gulf", language="fr", sections=(Section(heading="A", body="B [1]"),)
        ),
        user=assistant,
    )
    study = services.create_study(
        values=StudyValues(title="Export 2027", countries=("AE", "JP")), user=assistant
    )
    swot = services.save_strategy(
        values=StrategyValues(kind="swot", title="Gulf", country="AE", parts={"strengths": ("x",)}),
        user=assistant,
    )
    urls = [
        "/studies/",
        gulf_file.get_absolute_url(),
        f"/studies/files/{gulf_file.pk}/edit/",
        f"/studies/files/{gulf_file.pk}/synthesis/new/",
        note.get_absolute_url(),
        f"/studies/synthesis/{note.pk}/edit/",
        "/studies/selection/",
        "/studies/selection/new/",
        study.get_absolute_url(),
        "/studies/analyses/",
        "/studies/analyses/new/pestel/",
        swot.get_absolute_url(),
    ]
    for url in urls:
        assert _no_write(assistant_client, url).status_code == 200, url
    page = assistant_client.get(gulf_file.get_absolute_url()).content.decode()
    assert "Termes clés et résumé du dossier" in page and "[1]" in page
    page = assistant_client.get(study.get_absolute_url()).content.decode()
    assert "Taille du marché" in page
    _speaks(assistant, "en")
    page = assistant_client.get(gulf_file.get_absolute_url()).content.decode()
    assert "Key terms and summary of the file" in page
    page = assistant_client.get(study.get_absolute_url()).content.decode()
    assert "Market size" in page


def test_downloads(assistant_client, gulf_file, items, assistant, seller):
    services.clip_item(file=gulf_file, values=ClipValues(item=items[1]), user=assistant)
    note = services.save_note(
        file=gulf_file,
        values=NoteValues(
            title="Gulf", language="en", sections=(Section(heading="Demand", body="Grows [1]."),)
        ),
        user=assistant,
    )
    response = assistant_client.get(f"/studies/synthesis/{note.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Grows [1]." in text and "Cookware in Saudi Arabia" in text
    response = assistant_client.get(f"/studies/synthesis/{note.pk}/docx/")
    assert response.content[:2] == b"PK"
    study = services.create_study(
        values=StudyValues(title="Export 2027", countries=("AE", "JP")), user=assistant
    )
    response = assistant_client.get(f"/studies/selection/{study.pk}/pdf/")
    assert response.content[:4] == b"%PDF"


def test_item_section_and_clip(assistant_client, assistant, gulf_file, items):
    request = RequestFactory().get(f"/intelligence/items/{items[0].pk}/")
    request.user = assistant
    sections = [
        s
        for s in panels.sections(panels.INTELLIGENCE_ITEM, items[0], request)
        if s["template"] == "studies/_item_panel.html"
    ]
    assert len(sections) == 1
    with translation.override("en"):
        html = render_to_string(
            sections[0]["template"],
            # as the item page includes it: ``with section=section``
            {
                "section": sections[0],
                "item": items[0],
                "may": {"change": {"study_file": True}},
                "csrf_token": "x",
            },
        )
    assert "Clip into a file" in html and "ustensiles de cuisson" in html
    assert "Cookware demand in the Gulf" in html
    response = assistant_client.post(
        f"/studies/items/{items[0].pk}/clip/",
        {"file": gulf_file.pk, "comment": "For the note", "next": "/intelligence/"},
    )
    assert response.status_code == 302 and response["Location"] == "/intelligence/"
    clip = Clip.objects.get(file=gulf_file, item=items[0])
    assert clip.comment == "For the note"
    # twice: refused with a message, nothing added
    assistant_client.post(f"/studies/items/{items[0].pk}/clip/", {"file": gulf_file.pk})
    assert Clip.objects.filter(file=gulf_file).count() == 1
    # an outside address is not followed
    response = assistant_client.post(
        f"/studies/items/{items[1].pk}/clip/", {"file": gulf_file.pk, "next": "//evil.example"}
    )
    assert response["Location"] == gulf_file.get_absolute_url()


def test_reader_cannot_clip(reader_client, gulf_file, items):
    response = reader_client.post(f"/studies/items/{items[0].pk}/clip/", {"file": gulf_file.pk})
    assert response.status_code == 403
    assert not Clip.objects.exists()


def test_private_file_hidden(client, django_user_model, assistant):
    from comptoir.studies.inputs import FileValues

    private = services.create_file(
        values=FileValues(title="Mine", theme="market", shared=False), user=assistant
    )
    other = make_user(django_user_model, "other", "assistant")
    client.force_login(other)
    assert client.get(private.get_absolute_url()).status_code == 404
    assert "Mine" not in client.get("/studies/").content.decode()


def test_grid_weights_and_decision(client, assistant, manager):
    study = services.create_study(
        values=StudyValues(title="Export 2027", countries=("AE", "MA")), user=assistant
    )
    client.force_login(assistant)
    grid = {f"g_AE_{n}": "4" for n in CRITERIA} | {f"g_MA_{n}": "3" for n in CRITERIA}
    grid["g_MA_market_size"] = "7"
    response = client.post(f"/studies/selection/{study.pk}/grades/", grid)
    assert response.status_code == 400
    grid["g_MA_market_size"] = "3"
    response = client.post(f"/studies/selection/{study.pk}/grades/", grid)
    assert response.status_code == 302
    weights = {f"weight_{n}": "10" for n in CRITERIA}
    response = client.post(f"/studies/selection/{study.pk}/weights/", weights)
    assert response.status_code == 400
    assert "et non 100" in response.content.decode()
    page = client.get(study.get_absolute_url()).content.decode()
    assert "<svg" in page and "Un responsable enregistre la décision." in page
    client.force_login(manager)
    response = client.post(f"/studies/selection/{study.pk}/decide/", {"chosen": ["MA"]})
    assert response.status_code == 400
    assert "Dites pourquoi" in response.content.decode()
    response = client.post(
        f"/studies/selection/{study.pk}/decide/",
        {"chosen": ["MA"], "reason": "Our agent in Casablanca"},
    )
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.status == MarketStudy.Status.DECIDED and study.chosen == ["MA"]


def test_note_form_errors_on_the_field(assistant_client, assistant, gulf_file):
    _speaks(assistant, "en")
    response = assistant_client.post(
        f"/studies/files/{gulf_file.pk}/synthesis/new/",
        {"title": "N", "language": "en", "heading_0": "A", "body_0": "See [4]."},
    )
    assert response.status_code == 200
    assert "is not in the file" in response.content.decode()


def test_strategy_form(assistant_client):
    response = assistant_client.post(
        "/studies/analyses/new/pestel/",
        {
            "title": "Japan",
            "language": "en",
            "country": "JP",
            "legal": "PSE mark\nFood contact law",
        },
    )
    assert response.status_code == 302
    from comptoir.studies.models import StrategyNote

    note = StrategyNote.objects.get()
    assert note.parts["legal"] == ["PSE mark", "Food contact law"]
