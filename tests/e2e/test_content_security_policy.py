"""The Content Security Policy holds: pages work with scripts and styles from our files only."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/parties/companies/",
    "/parties/companies/new/",
    "/catalog/products/new/",
    "/catalog/hs/",
    "/sales/offers/",
    "/sales/offers/new/",
    "/sales/receivables/",
    "/calculators/incoterm/",
    "/logistics/load-plans/new/",
    "/api/docs/",
]


def test_no_page_breaks_the_content_security_policy(logged_in):
    page = logged_in
    violations: list[str] = []
    page.on(
        "console",
        lambda m: (
            violations.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text
            else None
        ),
    )
    for path in PAGES:
        response = page.goto(path)
        assert response is not None and response.status < 400, path
        assert "default-src 'self'" in (response.headers.get("content-security-policy") or "")
        page.wait_for_load_state("networkidle")
    # The API docs are drawn by Swagger UI's script, loaded from a file.
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=20_000)
    assert violations == []


def test_the_client_picker_works_without_inline_handlers(logged_in):
    from comptoir.parties.models import Company

    company = Company(name="Küchenhaus Berger GmbH", country="DE", city="Köln")
    company.role_list = ["client"]
    company.save()
    page = logged_in
    page.goto("/sales/offers/new/")
    page.fill("#id_client_search", "Küchen")
    page.locator(".pick-client").first.click()
    assert page.input_value("#id_client") == str(company.pk)
    assert page.input_value("#id_client_search") == "Küchenhaus Berger GmbH"
