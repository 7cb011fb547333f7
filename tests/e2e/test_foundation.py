"""The foundation as a user lives it, in a real browser."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_and_switch_language(logged_in):
    page = logged_in
    assert page.locator("nav.areas").get_by_text("Relations").is_visible()
    assert page.locator("h2", has_text="Mes tâches").is_visible()
    page.click("button[name=language][value=en]")
    page.wait_for_selector("h2:has-text('My tasks')")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("button[name=language][value=fr]")
    page.wait_for_selector("h2:has-text('Mes tâches')")


def test_wrong_password_is_refused(page, django_user_model):
    from conftest import make_user

    make_user(django_user_model, "claire", "assistant")
    page.goto("/accounts/login/")
    page.fill("#id_username", "claire")
    page.fill("#id_password", "wrong")
    page.click("button[type=submit].primary")
    assert page.locator("p.error").is_visible()


def test_company_with_invalid_vat_then_contact_with_local_time(logged_in):
    page = logged_in
    page.goto("/parties/companies/new/")
    page.fill("#id_name", "Kitchen Art Tokyo K.K.")
    page.check("input[name=roles_field][value=client]")
    page.select_option("#id_country", "FR")
    page.fill("#id_vat_number", "FR41303265045")
    page.click("button[type=submit].primary")
    error = page.locator("#field-vat_number .error")
    assert re.search("contrôle|check digits", error.inner_text())
    page.fill("#id_vat_number", "FR40303265045")
    page.fill("#id_city", "Lyon")
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r"/parties/companies/\d+/$"))
    assert page.locator("h1", has_text="Kitchen Art Tokyo").is_visible()
    assert page.locator("[data-testid=local-time]").is_visible()
    # A contact at this company.
    page.click("text=Ajouter un contact")
    page.fill("#id_first_name", "Haruki")
    page.fill("#id_last_name", "Sato")
    page.fill("#id_phone", "0472000000")
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r"/parties/contacts/\d+/$"))
    assert page.locator("text=+33 4 72 00 00 00").is_visible()
    local_time = page.locator("[data-testid=local-time]").inner_text()
    assert re.fullmatch(r"\d\d:\d\d", local_time)
    assert page.locator("#partner-clock", has_text="Europe/Paris").is_visible()


def test_import_with_a_bad_row_shows_the_report(logged_in, tmp_path):
    page = logged_in
    csv_file = tmp_path / "clients.csv"
    csv_file.write_text(
        "name,roles,country,vat_number\n"
        "Küchenhaus Berger GmbH,client,DE,DE136695976\n"
        "Bad VAT SARL,client,FR,FR41303265045\n",
        encoding="utf-8",
    )
    page.goto("/parties/import/")
    page.select_option("#id_kind", "companies")
    page.set_input_files("#id_file", str(csv_file))
    page.click("button[type=submit].primary")
    report = page.locator("#import-report")
    assert report.is_visible()
    assert report.locator("td", has_text="vat_number").is_visible()
    assert report.locator("td.num", has_text="3").is_visible()
    page.goto("/parties/companies/")
    assert page.locator("text=Küchenhaus").count() == 0


def test_hs_code_suggested_as_you_type_in_the_product_form(logged_in, hs_loaded):
    page = logged_in
    page.goto("/catalog/products/new/")
    page.fill("#hs_query", "sac à main en cuir")
    suggestions = page.locator("[data-testid=hs-suggestions]")
    suggestions.wait_for()
    page.locator("[data-hs-code='420221']").click()
    assert page.input_value("#id_hs_code") == "420221"
