"""Prospecting through the API: a list from the CRM, a campaign with an unknown merge field
refused in JSON, preview, sending refused to an assistant (403) and done by a manager,
results, a file of bounces and replies, call outcomes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db


def test_campaign_through_the_api(
    german_retailers: Any,
    assistant_client: Any,
    manager: Any,
    client: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    api = assistant_client
    api.cookies["comptoir_language"] = "en"
    made = api.post(
        "/api/prospecting/lists/", {"name": "DE retail"}, content_type="application/json"
    )
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    added = api.post(
        f"/api/prospecting/lists/{pk}/crm/", {"countries": ["DE"]}, content_type="application/json"
    )
    assert added.json() == {"added": 4}
    body = {
        "name": "Spring",
        "channel": "email",
        "target_list": pk,
        "subject_en": "Cookware for {{ company }}",
        "body_en": "Dear {{ firstname }}",
    }
    refused = api.post("/api/prospecting/campaigns/", body, content_type="application/json")
    assert refused.status_code == 400 and "firstname" in refused.json()["body_en"][0]
    body["body_en"] = "Dear {{ first_name }}"
    created = api.post("/api/prospecting/campaigns/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    campaign = created.json()["id"]
    targets = api.get(f"/api/prospecting/lists/{pk}/targets/").json()
    first = (targets["results"] if isinstance(targets, dict) else targets)[0]["id"]
    preview = api.get(f"/api/prospecting/campaigns/{campaign}/preview/?target={first}")
    assert preview.json()["subject"].startswith("Cookware for ")
    assert api.post(f"/api/prospecting/campaigns/{campaign}/send/").status_code == 403
    client.force_login(manager)
    client.cookies["comptoir_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(f"/api/prospecting/campaigns/{campaign}/send/")
    assert sent.json() == {"queued": 4}
    upload = SimpleUploadedFile(
        "bounces.csv",
        f"address,kind,date\nanna@kuechenwelt.de,reply,{dt.date.today()}\nx@y.de,bad,\n".encode(),
    )
    bad = api.post(f"/api/prospecting/campaigns/{campaign}/events/import/", {"file": upload})
    assert bad.status_code == 400 and bad.json()["errors"][0]["column"] == "kind"
    reply = api.post(
        f"/api/prospecting/campaigns/{campaign}/events/",
        {"address": "anna@kuechenwelt.de", "kind": "reply", "occurred_on": str(dt.date.today())},
        content_type="application/json",
    )
    assert reply.status_code == 201
    results = api.get(f"/api/prospecting/campaigns/{campaign}/results/").json()
    assert (results["sent"], results["replies"], results["leads"]) == (4, 1, 1)
    assert [s["stage"] for s in results["funnel"]][:3] == ["sent", "delivered", "replies"]


def test_call_outcome_through_the_api(crm_list: Any, assistant_client: Any) -> None:
    api = assistant_client
    api.cookies["comptoir_language"] = "en"
    created = api.post(
        "/api/prospecting/campaigns/",
        {"name": "Calls", "channel": "call", "target_list": crm_list.pk, "body_en": "Script"},
        content_type="application/json",
    )
    campaign = created.json()["id"]
    assert api.post(f"/api/prospecting/campaigns/{campaign}/calls/").json() == {"to_call": 4}
    people = api.get(f"/api/prospecting/campaigns/{campaign}/recipients/").json()
    person = (people["results"] if isinstance(people, dict) else people)[0]["id"]
    missing = api.post(
        f"/api/prospecting/campaigns/{campaign}/outcome/",
        {"recipient": person, "outcome": "meeting"},
        content_type="application/json",
    )
    assert missing.status_code == 400 and "follow_up_on" in missing.json()
    done = api.post(
        f"/api/prospecting/campaigns/{campaign}/outcome/",
        {
            "recipient": person,
            "outcome": "meeting",
            "follow_up_on": str(dt.date.today() + dt.timedelta(days=9)),
        },
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["outcome"] == "meeting"
