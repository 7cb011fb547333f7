"""Market studies through the API (the same services; JSON refusals naming the field) and
the demo's part."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.demo.studies import build
from comptoir.studies.models import MarketStudy, StrategyNote, SynthesisNote, ThematicFile
from comptoir.trade.market_selection import CRITERIA
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages(client: Any) -> None:
    client.cookies["comptoir_language"] = "en"


def test_files_clips_notes_and_downloads(assistant_client, items, seller):
    api = assistant_client
    created = api.post(
        "/api/study-files/",
        {"title": "Gulf cookware", "theme": "market", "countries": ["AE", "SA"]},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    bad = api.post(
        "/api/study-files/", {"title": "", "theme": "market"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "title" in bad.json()
    clip = api.post(
        f"/api/study-files/{pk}/clips/",
        {"item": items[0].pk, "comment": "Key"},
        content_type="application/json",
    )
    assert clip.status_code == 201, clip.json()
    again = api.post(
        f"/api/study-files/{pk}/clips/", {"item": items[0].pk}, content_type="application/json"
    )
    assert again.status_code == 400 and "item" in again.json()
    hand = api.post(
        f"/api/study-files/{pk}/clips/",
        {"title": "Call", "text": "Prices rose by 4 %."},
        content_type="application/json",
    )
    assert hand.status_code == 201
    file = api.get(f"/api/study-files/{pk}/").json()
    assert len(file["clips"]) == 2 and file["digest"]["key_terms"]
    note = api.post(
        "/api/synthesis-notes/",
        {
            "file": pk,
            "title": "Gulf",
            "language": "en",
            "sections": [{"heading": "Demand", "body": "Grows [2]."}],
        },
        content_type="application/json",
    )
    assert note.status_code == 400 and "sections.0.body" in note.json()
    note = api.post(
        "/api/synthesis-notes/",
        {
            "file": pk,
            "title": "Gulf",
            "language": "en",
            "sections": [{"heading": "Demand", "body": "Grows [1]."}],
        },
        content_type="application/json",
    )
    assert note.status_code == 201, note.json()
    npk = note.json()["id"]
    revised = api.put(
        f"/api/synthesis-notes/{npk}/",
        {"file": pk, "title": "Gulf", "language": "fr", "sections": [{"body": "Hausse [1]."}]},
        content_type="application/json",
    )
    assert revised.json()["version"] == 2
    assert api.get(f"/api/synthesis-notes/{npk}/pdf/").content[:4] == b"%PDF"
    assert api.get(f"/api/synthesis-notes/{npk}/docx/").content[:2] == b"PK"


def test_market_study_through_the_api(client, django_user_model, seller):
    assistant = make_user(django_user_model, "a", "assistant")
    manager = make_user(django_user_model, "m", "manager")
    client.force_login(assistant)
    created = client.post(
        "/api/market-studies/",
        {"title": "2027", "countries": ["AE", "MA", "JP"]},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["missing_grades"] > 0
    grades = {
        "AE": {n: "4" for n in CRITERIA},
        "MA": {n: "3" for n in CRITERIA},
        "JP": {n: "2" for n in CRITERIA},
    }
    answer = client.post(
        f"/api/market-studies/{pk}/grades/", {"grades": grades}, content_type="application/json"
    )
    assert answer.status_code == 200
    ranked = {c["country"]: c["rank"] for c in answer.json()["candidates"]}
    assert ranked == {"AE": 1, "MA": 2, "JP": 3}
    weights = client.post(
        f"/api/market-studies/{pk}/weights/",
        {"weights": {n: "10" for n in CRITERIA}},
        content_type="application/json",
    )
    assert weights.status_code == 400 and "weights" in weights.json()
    refused = client.post(
        f"/api/market-studies/{pk}/decide/", {"chosen": ["AE"]}, content_type="application/json"
    )
    assert refused.status_code == 403
    client.force_login(manager)
    no_reason = client.post(
        f"/api/market-studies/{pk}/decide/", {"chosen": ["JP"]}, content_type="application/json"
    )
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    decided = client.post(
        f"/api/market-studies/{pk}/decide/", {"chosen": ["AE"]}, content_type="application/json"
    )
    assert decided.json()["status"] == "decided"
    assert client.get(f"/api/market-studies/{pk}/pdf/").content[:4] == b"%PDF"


def test_strategy_note_through_the_api(assistant_client, seller):
    created = assistant_client.post(
        "/api/strategy-notes/",
        {
            "kind": "pestel",
            "title": "Japan",
            "language": "en",
            "country": "JP",
            "parts": {"legal": ["Food Sanitation Act"]},
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert assistant_client.get(f"/api/strategy-notes/{pk}/pdf/").content[:4] == b"%PDF"
    wrong = assistant_client.post(
        "/api/strategy-notes/",
        {"kind": "swot", "title": "x", "country": "JP", "parts": {"legal": ["a"]}},
        content_type="application/json",
    )
    assert wrong.status_code == 400 and "legal" in wrong.json()


def test_demo(items, django_user_model):
    users = {
        "claire": make_user(django_user_model, "claire", "assistant"),
        "julien": make_user(django_user_model, "julien", "manager"),
    }
    counts = build(users, items)
    assert counts["study_clips"] == 2
    file = ThematicFile.objects.get()
    assert file.title == "Demande d'ustensiles de cuisson dans le Golfe"
    assert SynthesisNote.objects.get().file == file
    study = MarketStudy.objects.get()
    assert study.status == "decided" and study.chosen == ["AE", "SA"]
    assert study.candidates.count() == 5
    assert set(StrategyNote.objects.values_list("kind", "country")) == {
        ("swot", "AE"),
        ("pestel", "JP"),
    }


def test_demo_without_items(django_user_model):
    users = {
        "claire": make_user(django_user_model, "claire", "assistant"),
        "julien": make_user(django_user_model, "julien", "manager"),
    }
    assert build(users, [])["study_clips"] == 0
    assert SynthesisNote.objects.get().sections[0]["body"].endswith("distribution.")
