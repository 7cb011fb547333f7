"""The API accepts what its schema says (JSON) and answers every error in JSON."""

from __future__ import annotations

import logging

import pytest
from django.http import QueryDict
from django.test import Client

from comptoir.accounts.tokens import issue_token
from comptoir.api.serializers import CompanySerializer
from comptoir.parties.models import Company, Contact
from comptoir.parties.tests.factories import company

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(assistant):  # type: ignore[no-untyped-def]
    secret, _ = issue_token(user=assistant)
    # Server errors come back as responses here, as a client would see them.
    return Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {secret}")


def _is_json(response) -> bool:  # type: ignore[no-untyped-def]
    return response["Content-Type"].startswith("application/json")


def test_a_form_encoded_body_is_refused_not_stored_as_a_list(api):
    firm = company(city="Munich")
    response = api.patch(
        f"/api/companies/{firm.pk}/", "city=Lyon", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415 and _is_json(response)
    assert "detail" in response.json()
    firm.refresh_from_db()
    assert firm.city == "Munich"


def test_a_multipart_body_is_refused_not_a_server_error(api):
    firm = company()
    response = api.post(
        "/api/contacts/",
        {"company": firm.pk, "last_name": "Vogel", "consent_date": "2024-01-01"},
    )
    assert response.status_code == 415 and _is_json(response)
    assert not Contact.objects.exists()


def test_form_values_reach_the_form_as_single_values(assistant, rf):
    """The root of "['Lyon']": a QueryDict read with dict() gives lists to the form."""
    firm = company(city="Munich")
    request = rf.patch("/")
    request.user = assistant
    serializer = CompanySerializer(
        firm,
        data=QueryDict("city=Lyon&roles=client&roles=supplier"),
        partial=True,
        context={"request": request},
    )
    assert serializer.is_valid(), serializer.errors
    serializer.save()
    firm.refresh_from_db()
    assert firm.city == "Lyon"
    assert sorted(firm.role_list) == ["client", "supplier"]


def test_the_schema_advertises_json_bodies_only(api):
    schema = api.get("/api/schema/?format=json").json()
    media_types = {
        media
        for item in schema["paths"].values()
        for operation in item.values()
        for media in operation.get("requestBody", {}).get("content", {})
    }
    # /api/token/ also takes the form body of `curl -d`: two plain strings; a file upload
    # (a forwarder's status report) is multipart and takes nothing else.
    assert media_types == {
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }
    uploads = {
        "/api/shipments/status-report/",
        "/api/prospecting/lists/{id}/import/",  # a list of targets, CSV or XLSX
        "/api/prospecting/campaigns/{id}/events/import/",  # bounces and replies
    }
    token_body = schema["paths"]["/api/token/"]["post"]["requestBody"]["content"]
    for path in uploads:
        assert set(schema["paths"][path]["post"]["requestBody"]["content"]) == {
            "multipart/form-data"
        }
    # the proof of exit: its fields as JSON, or with the exit notice's file
    json_or_file = {"/api/export-declarations/{id}/exit/"}
    for path in json_or_file:
        assert set(schema["paths"][path]["post"]["requestBody"]["content"]) == {
            "application/json",
            "multipart/form-data",
        }
    others = [
        operation
        for path, item in schema["paths"].items()
        if path != "/api/token/" and path not in uploads | json_or_file
        for operation in item.values()
        if "requestBody" in operation
    ]
    assert others and all(set(o["requestBody"]["content"]) == {"application/json"} for o in others)
    assert set(token_body) == {"application/json", "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("page", ["", "abc", "0", "-1"])
def test_a_page_that_is_not_a_whole_number_from_1_is_refused(api, page):
    company()
    response = api.get(f"/api/companies/?page={page}")
    assert response.status_code == 400 and _is_json(response)
    assert "page" in response.json()


def test_a_real_page_is_served(api):
    company()
    assert api.get("/api/companies/?page=1").json()["count"] == 1


def test_an_unknown_api_address_is_a_json_404(api):
    response = api.get("/api/no-such-thing/")
    assert response.status_code == 404 and _is_json(response)
    assert response.json() == {"detail": "Not found."}


def test_an_unexpected_error_is_a_logged_json_500(api, monkeypatch, caplog):
    from comptoir.parties import selectors

    def broken(params):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(selectors, "company_list", broken)
    with caplog.at_level(logging.ERROR, logger="comptoir.api"):
        response = api.get("/api/companies/")
    assert response.status_code == 500 and _is_json(response)
    assert "detail" in response.json() and "fire" not in response.content.decode()
    assert any("disk on fire" in (r.exc_text or str(r.exc_info)) for r in caplog.records)


def test_a_screen_error_stays_an_html_page(assistant, monkeypatch):
    from comptoir.parties import views

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(views, "company_list", broken, raising=False)
    monkeypatch.setattr(views, "render", broken)
    client = Client(raise_request_exception=False)
    client.force_login(assistant)
    response = client.get("/parties/companies/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert b"Comptoir" in response.content
    missing = client.get("/parties/no-such-page/")
    assert missing.status_code == 404 and missing["Content-Type"].startswith("text/html")
    assert b"Comptoir" in missing.content


def test_a_read_only_user_refused_in_a_session_gets_json(reader):
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    response = client.post(
        "/api/companies/", {"name": "X", "country": "FR"}, content_type="application/json"
    )
    assert response.status_code == 403 and _is_json(response)
    assert not Company.objects.exists()


def test_the_schema_names_required_fields_and_error_answers(api):
    schema = api.get("/api/schema/?format=json").json()
    company_request = schema["components"]["schemas"]["CompanyRequest"]
    assert {"name", "country", "roles"} <= set(company_request["required"])
    offer_request = schema["components"]["schemas"]["OfferRequest"]
    assert {"client", "lines"} <= set(offer_request["required"])
    detail = schema["paths"]["/api/companies/{id}/"]
    assert {"401", "403", "404"} <= set(detail["get"]["responses"])
    assert {"400", "401", "403", "404", "415"} <= set(detail["patch"]["responses"])
    listing = schema["paths"]["/api/companies/"]["get"]
    assert {"400", "404"} <= set(listing["responses"])
    page = next(p for p in listing["parameters"] if p["name"] == "page")
    assert page["schema"]["minimum"] == 1
    assert schema["paths"]["/api/invoices/{id}/issue/"]["post"]["responses"]["400"]


def test_schema_and_docs_need_a_login(assistant):
    anonymous = Client()
    schema = anonymous.get("/api/schema/")
    assert schema.status_code == 401 and _is_json(schema)
    docs = anonymous.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/")
    anonymous.force_login(assistant)
    assert anonymous.get("/api/schema/").status_code == 200
    assert anonymous.get("/api/docs/").status_code == 200
