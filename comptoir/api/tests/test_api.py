"""REST API: same rules as the screens, token and session authentication, OpenAPI schema."""

import pytest

from comptoir.accounts.tokens import issue_token
from comptoir.parties.models import Company
from comptoir.parties.tests.factories import company

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, assistant):
    secret, _ = issue_token(user=assistant)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {secret}"
    return client


def test_create_company_validates_like_the_form(api):
    bad = {
        "name": "Bad",
        "roles": ["client"],
        "country": "FR",
        "currency": "EUR",
        "language": "fr",
        "vat_number": "FR41303265045",
        "payment_days": 30,
        "credit_limit": "0",
    }
    response = api.post("/api/companies/", bad, content_type="application/json")
    assert response.status_code == 400
    assert "vat_number" in response.json()
    assert not Company.objects.exists()
    bad["vat_number"] = "40303265045"
    response = api.post("/api/companies/", bad, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["vat_number"] == "FR40303265045"
    assert response.json()["time_zone"] == "Europe/Paris"


def test_list_filters_by_role(api):
    company(name="A", roles=["client"])
    company(name="B", roles=["supplier"])
    names = [c["name"] for c in api.get("/api/companies/?role=supplier").json()["results"]]
    assert names == ["B"]


def test_patch_company(api):
    firm = company(name="Old")
    response = api.patch(
        f"/api/companies/{firm.pk}/", {"city": "Berlin"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    firm.refresh_from_db()
    assert firm.city == "Berlin" and firm.time_zone == "Europe/Berlin"


def test_contact_and_product_endpoints(api):
    firm = company()
    response = api.post(
        "/api/contacts/",
        {
            "company": firm.pk,
            "last_name": "Vogel",
            "phone": "not a phone",
            "language": "en",
            "lawful_basis": "contract",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "phone" in response.json()
    product = {
        "reference": "PX-28",
        "name_fr": "Poêle",
        "name_en": "Pan",
        "hs_code": "732393",
        "origin_country": "FR",
        "net_weight_kg": "1.45",
        "gross_weight_kg": "1.8",
        "cost_price": "17.2",
        "cost_currency": "EUR",
    }
    response = api.post("/api/products/", product, content_type="application/json")
    assert response.status_code == 201, response.json()


def test_session_authentication_works_too(assistant_client):
    assert assistant_client.get("/api/companies/").status_code == 200


def test_openapi_schema_lists_the_endpoints(api):
    schema = api.get("/api/schema/?format=json").json()
    assert {"/api/companies/", "/api/contacts/", "/api/products/"} <= set(schema["paths"])
