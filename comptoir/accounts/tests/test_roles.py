"""Every page needs a login; read-only users change nothing, on screens and in the API."""

import pytest
from django.urls import reverse

from comptoir.parties.models import Company
from comptoir.parties.tests.factories import company

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/parties/companies/",
        "/parties/contacts/",
        "/catalog/products/",
        "/parties/countries/FR/",
        "/catalog/hs/",
    ],
)
def test_every_page_needs_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_api_answers_401_not_a_redirect(client):
    assert client.get("/api/companies/").status_code in (401, 403)


def test_read_only_user_sees_but_cannot_change(reader_client):
    firm = company()
    assert reader_client.get(firm.get_absolute_url()).status_code == 200
    response = reader_client.post(
        reverse("parties:company_edit", args=[firm.pk]), {"name": "Hacked"}
    )
    assert response.status_code == 403
    firm.refresh_from_db()
    assert firm.name != "Hacked"
    response = reader_client.post(
        reverse("parties:company_create"), {"name": "New", "country": "FR"}
    )
    assert response.status_code == 403
    assert Company.objects.count() == 1


def test_read_only_user_cannot_write_through_the_api(reader, client):
    from comptoir.accounts.tokens import issue_token

    secret, _ = issue_token(user=reader)
    response = client.post(
        "/api/companies/",
        {"name": "X", "roles": ["client"], "country": "FR"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {secret}",
    )
    assert response.status_code == 403
    assert not Company.objects.exists()


def test_read_only_user_can_still_switch_language(reader_client):
    response = reader_client.post(reverse("switch_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["comptoir_language"].value == "en"


def test_read_only_pages_hide_edit_buttons(reader_client):
    firm = company()
    assert b"/edit/" not in reader_client.get(firm.get_absolute_url()).content


def test_only_managers_erase_people(assistant_client, manager, client):
    from comptoir.parties.tests.factories import contact

    person = contact(company())
    url = reverse("parties:contact_erase", args=[person.pk])
    assert assistant_client.post(url).status_code == 403
    client.force_login(manager)
    assert client.post(url).status_code == 302
    person.refresh_from_db()
    assert person.erased_at is not None
