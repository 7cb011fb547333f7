"""The monthly report in the browser, in French and in English (issue 17): an assistant opens
the report of last month from the Dashboards menu, writes the commentary, saves it and
previews the PDF (an application/pdf answer, nothing stored)."""

from __future__ import annotations

import pytest

from tests.e2e.browser import submit, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "fr": {
        "menu": "Rapport mensuel",
        "saved": "Commentaire enregistré.",
        "commentary": "Les ventes vers l'Allemagne progressent de 12 %.",
    },
    "en": {
        "menu": "Monthly report",
        "saved": "Commentary saved.",
        "commentary": "Sales to Germany are up 12 %.",
    },
}


def _settings() -> None:
    from comptoir.reporting import monthly
    from comptoir.reporting.inputs import MonthlySettingsValues, Recipient

    monthly.save_settings(
        values=MonthlySettingsValues(
            dashboards=("overview",),
            recipients=(Recipient(email="director@example.com", language="en"),),
        ),
        user=None,
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_write_the_commentary_and_preview(logged_in, language):  # type: ignore[no-untyped-def]
    from comptoir.common.dates import today
    from comptoir.reporting import monthly
    from comptoir.reporting.models import MonthlyReport

    texts = TEXTS[language]
    _settings()
    page = logged_in
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    switch_language(page, language)

    page.goto("/reporting/")
    page.get_by_role("link", name=texts["menu"]).first.click()
    page.wait_for_url("**/reporting/monthly/")
    year, month = monthly.previous_month(today())
    page.fill("#id_month", f"{year}-{month:02d}")
    submit(page, "#prepare-report")
    report = MonthlyReport.objects.get()
    assert page.url.endswith(f"/reporting/monthly/{report.pk}/")

    page.fill("#id_commentary", texts["commentary"])
    submit(page, "#save-commentary")
    assert texts["saved"] in page.locator("body").inner_text()
    assert MonthlyReport.objects.get().commentary == texts["commentary"]

    href = page.get_attribute("#preview-pdf", "href")
    answer = page.request.get(href, timeout=120_000)
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")
    stored = MonthlyReport.objects.get()
    assert not stored.is_sent and not stored.pdf  # a preview keeps nothing
    assert not errors
