"""The monthly report in the browser, in French and in English (issue 17): an assistant opens
the report of last month from the Dashboards menu, writes the commentary, saves it, asks for
the PDF (made by the job queue: the page answers at once, shows the job waiting, then the
PDF ready by itself), previews it, and sees it marked out of date when the commentary
changes; a manager sends it (queued too: the page shows the sending, then the report sent).

The worker is played by the test: the job is held in the queue (``held``), then run while
the page is open, so the page's own refreshing is what shows the end."""

from __future__ import annotations

import pytest

from tests.e2e.browser import submit, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "fr": {
        "menu": "Rapport mensuel",
        "saved": "Commentaire enregistré.",
        "commentary": "Les ventes vers l'Allemagne progressent de 12 %.",
        "waiting": "En attente de démarrage",
        "stale": "Périmé",
        "sending": "Envoi",
        "sent": "Envoyé",
    },
    "en": {
        "menu": "Monthly report",
        "saved": "Commentary saved.",
        "commentary": "Sales to Germany are up 12 %.",
        "waiting": "Waiting to start",
        "stale": "Out of date",
        "sending": "Sending",
        "sent": "Sent",
    },
}


class _HeldQueue:
    def __init__(self) -> None:
        self.queued: list[int] = []

    def enqueue(self, report_id: int) -> None:
        self.queued.append(report_id)

    def run(self) -> None:
        from comptoir.reporting import monthly

        for pk in self.queued:
            monthly.run_job(pk)
        self.queued.clear()


@pytest.fixture
def held(monkeypatch):  # type: ignore[no-untyped-def]
    from comptoir.reporting import tasks

    queue = _HeldQueue()
    monkeypatch.setattr(tasks, "monthly_report_job", queue)
    return queue


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
def test_write_the_commentary_and_preview(logged_in, held, language):  # type: ignore[no-untyped-def]
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

    # nothing made yet; asking answers at once with the job waiting
    assert page.locator("#no-draft-pdf").is_visible()
    submit(page, "#prepare-pdf")
    assert texts["waiting"] in page.locator("#job-state").inner_text()
    assert page.locator("#prepare-pdf").is_disabled()
    held.run()  # the worker; the page sees the end by itself
    page.wait_for_selector("#preview-pdf", timeout=20_000)
    assert not page.locator("#job-state").count()
    href = page.get_attribute("#preview-pdf", "href")
    answer = page.request.get(href, timeout=120_000)
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")
    stored = MonthlyReport.objects.get()
    assert not stored.is_sent and not stored.pdf  # a draft PDF is not the PDF as sent
    # the commentary changes: the PDF made before is out of date
    page.fill("#id_commentary", texts["commentary"] + " !")
    submit(page, "#save-commentary")
    assert texts["stale"] in page.locator("#preview-stale").inner_text()
    assert not errors


@pytest.mark.parametrize("language", ["fr", "en"])
def test_send_now_through_the_queue(page, django_user_model, held, language):  # type: ignore[no-untyped-def]
    from comptoir.common.dates import today
    from comptoir.reporting import monthly
    from comptoir.reporting.models import MonthlyReport
    from conftest import make_user

    texts = TEXTS[language]
    _settings()
    year, month = monthly.previous_month(today())
    report = monthly.open_report(year=year, month=month, user=None)
    make_user(django_user_model, "marc", "manager")
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/accounts/login/")
    page.fill("#id_username", "marc")
    page.fill("#id_password", "pw-marc")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/")
    switch_language(page, language)
    page.goto(f"/reporting/monthly/{report.pk}/")
    submit(page, "#send-report")
    assert texts["sending"] in page.locator("#job-state").inner_text()
    assert page.locator("#send-report").is_disabled()  # no second sending
    assert not MonthlyReport.objects.get().is_sent
    held.run()  # the worker renders and e-mails; the page reloads by itself
    page.wait_for_selector("#report-pdf", timeout=20_000)
    assert texts["sent"] in page.locator("#report-status").inner_text()
    assert MonthlyReport.objects.get().is_sent
    assert not page.locator("#commentary-form").count()
    assert not errors
