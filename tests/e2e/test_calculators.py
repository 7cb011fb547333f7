"""Every calculator, in French and in English: open it, compute the example, see the steps."""

from __future__ import annotations

import pytest

from comptoir.calculators.specs import TOPICS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "compute_label"), [("fr", "Calculer"), ("en", "Compute")])
def test_each_calculator_computes_and_shows_its_steps(logged_in, language, compute_label):
    page = logged_in
    page.goto("/")
    page.click(f"button[name=language][value={language}]")
    page.wait_for_selector(f"html[lang={language}]")
    for slug in TOPICS:
        page.goto(f"/calculators/{slug}/")
        if slug == "incoterm":
            page.click("button.primary")
            assert page.locator("[data-testid=result] th", has_text="FOB").count() >= 1
            continue
        page.get_by_role("button", name=compute_label).click()
        page.wait_for_selector("[data-testid=steps] li")
        assert page.locator("[data-testid=steps] li").count() >= 1, slug
        assert page.locator("[data-testid=result]").is_visible(), slug


def test_bad_input_is_shown_on_the_field(logged_in):
    page = logged_in
    page.goto("/calculators/chargeable-weight/")
    page.fill("#id_pieces__0__weight_kg", "-3")
    page.click("button.primary")
    assert page.locator("td.has-error .error").is_visible()
    assert page.locator("[data-testid=steps]").count() == 0
