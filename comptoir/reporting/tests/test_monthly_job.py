"""The monthly report's PDF made by the job queue, not in the request: the states (queued,
rendering, ready, failed), the stale mark of the draft PDF, a failing render or e-mail
leaving a draft with the error in French and English, the second click refused, the page
that follows the job, the API (202, 409) and the roles.

Most tests hold the job in the queue (``held`` below) to see the states between the click
and the worker; the tests' queue otherwise runs a job at once."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.reporting import monthly, tasks
from comptoir.reporting.inputs import MonthlySettingsValues, Recipient
from comptoir.reporting.models import MonthlyReport

from .shell_fakes import FAKE

pytestmark = pytest.mark.django_db

State = MonthlyReport.JobState


def _settings(**fields: Any) -> None:
    values = {
        "dashboards": (FAKE,),
        "recipients": (
            Recipient(email="direction@example.fr", language="fr"),
            Recipient(email="director@example.com", language="en"),
        ),
        "language": "fr",
        "auto_send": True,
        "year_to_date": False,
        **fields,
    }
    monthly.save_settings(values=MonthlySettingsValues(**values), user=None)


def _report() -> MonthlyReport:
    return monthly.open_report(year=2026, month=3, user=None, today=dt.date(2026, 12, 6))


class _HeldQueue:
    """Stands for the task: remembers what was queued; ``run()`` is the worker."""

    def __init__(self) -> None:
        self.queued: list[int] = []

    def enqueue(self, report_id: int) -> None:
        self.queued.append(report_id)

    def run(self) -> list[str]:
        done = [monthly.run_job(pk) for pk in self.queued]
        self.queued.clear()
        return done


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> _HeldQueue:
    queue = _HeldQueue()
    monkeypatch.setattr(tasks, "monthly_report_job", queue)
    return queue


def _fresh(report: MonthlyReport) -> MonthlyReport:
    return MonthlyReport.objects.get(pk=report.pk)


# ------------------------------------------------------------------------- the states


def test_draft_pdf_queued_then_made(fake_dashboard, held, assistant) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = _report()
    queued = monthly.request_draft(report=report, user=assistant)
    assert (queued.job, queued.job_state) == ("preview", State.QUEUED)
    assert queued.job_by == assistant and queued.job_pending and not queued.draft_pdf
    assert held.queued == [report.pk]  # nothing rendered in the request
    # a second click while queued: refused, nothing queued again
    with pytest.raises(monthly.JobBusy) as caught:
        monthly.request_draft(report=report, user=assistant)
    assert "being made" in " ".join(caught.value.messages)
    assert held.queued == [report.pk]
    assert held.run() == [State.READY]
    made = _fresh(report)
    assert made.job_state == State.READY and not made.job_pending
    assert bytes(made.draft_pdf).startswith(b"%PDF") and made.draft_rendered_at is not None
    assert not made.is_sent and not made.pdf  # a draft PDF is not the PDF as sent
    assert not monthly.draft_is_stale(made)
    # the worker finding the job already done leaves it
    assert monthly.run_job(report.pk) == ""


def test_rendering_state_seen_by_the_page(fake_dashboard, held, client, assistant) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = _report()
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "en"
    assert client.post(f"/reporting/monthly/{report.pk}/prepare/").status_code == 302
    MonthlyReport.objects.filter(pk=report.pk).update(job_state=State.RENDERING)
    with CaptureQueriesContext(connection) as queries:
        part = client.get(f"/reporting/monthly/{report.pk}/", headers={"HX-Request": "true"})
    assert not [q for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    html = part.content.decode()
    # the part alone, asking again in 2 s
    assert "<html" not in html and 'hx-trigger="every 2s"' in html
    assert 'data-state="rendering"' in html and "Making the PDF" in html
    assert "HX-Refresh" not in part.headers


def test_stale_mark_after_a_change(fake_dashboard, held, client, assistant, manager) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = _report()
    monthly.request_draft(report=report, user=assistant)
    held.run()
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "fr"
    page = client.get(f"/reporting/monthly/{report.pk}/").content.decode()
    assert 'id="preview-pdf"' in page and 'id="preview-stale"' not in page
    # the commentary changes: the PDF made before is marked out of date
    monthly.save_commentary(report=_fresh(report), commentary="Bon mois.", user=assistant)
    assert monthly.draft_is_stale(_fresh(report))
    page = client.get(f"/reporting/monthly/{report.pk}/").content.decode()
    assert 'id="preview-stale"' in page and "Périmé" in page
    # still served (the last one made), and a GET makes nothing
    old = client.get(f"/reporting/monthly/{report.pk}/preview.pdf")
    assert old.status_code == 200 and held.queued == []
    monthly.request_draft(report=_fresh(report), user=assistant)
    held.run()
    assert not monthly.draft_is_stale(_fresh(report))
    # the settings change (the language of the PDF): out of date again
    _settings(language="en")
    assert monthly.draft_is_stale(_fresh(report))
    api = client.get(f"/api/monthly-reports/{report.pk}/").json()
    assert api["draft_pdf_stale"] is True and api["pdf_state"] == "ready"


# ------------------------------------------------------------------------- sending


def test_send_queued_then_sent_and_frozen(fake_dashboard, held, assistant, manager) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = _report()
    monthly.request_draft(report=report, user=assistant)
    held.run()
    queued = monthly.request_send(report=_fresh(report), user=manager)
    assert (queued.job, queued.job_state) == ("send", State.QUEUED) and queued.sending
    assert not queued.is_sent and not mail.outbox  # nothing sent in the request
    # a second click while queued: refused clearly, not queued twice
    with pytest.raises(monthly.JobBusy) as caught:
        monthly.request_send(report=_fresh(report), user=manager)
    assert "already being sent" in " ".join(caught.value.messages)
    assert held.queued == [report.pk]
    # while it is being sent the commentary and the draft are kept as they are
    with pytest.raises(monthly.JobBusy):
        monthly.save_commentary(report=_fresh(report), commentary="Changed", user=assistant)
    with pytest.raises(monthly.JobBusy):
        monthly.delete_report(report=_fresh(report), user=manager)
    # the daily job (first working day of April: March is due) leaves it to the queue
    assert monthly.send_due_reports(dt.date(2026, 4, 1)) == 0
    assert held.run() == [State.READY]
    sent = _fresh(report)
    assert sent.is_sent and sent.sent_by == manager and sent.job_state == State.READY
    assert bytes(sent.pdf).startswith(b"%PDF") and sent.draft_pdf is None
    assert sorted(m.to[0] for m in mail.outbox) == ["direction@example.fr", "director@example.com"]
    assert mail.outbox[0].attachments[0][1] == bytes(sent.pdf)
    with pytest.raises(ValidationError):
        monthly.request_send(report=sent, user=manager)
    with pytest.raises(ValidationError):
        monthly.request_draft(report=sent, user=manager)


def test_send_refused_at_once_without_recipients(fake_dashboard, held, manager) -> None:  # type: ignore[no-untyped-def]
    report = _report()
    with pytest.raises(ValidationError) as caught:
        monthly.request_send(report=report, user=manager)
    assert "recipients" in caught.value.message_dict
    assert held.queued == [] and _fresh(report).job_state == ""


def test_failing_render_leaves_a_draft_with_the_error(
    fake_dashboard, held, monkeypatch, client, manager
) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = _report()

    def broken(document: Any) -> bytes:
        raise RuntimeError("WeasyPrint fell over")

    monkeypatch.setattr(monthly.document, "render", broken)
    monthly.request_send(report=report, user=manager)
    assert held.run() == [State.FAILED]
    failed = _fresh(report)
    assert not failed.is_sent and not failed.pdf and failed.sent_at is None
    assert failed.job_state == State.FAILED and not failed.job_pending and not mail.outbox
    assert "could not be made" in failed.job_error["en"]
    assert "n'a pas pu être fait" in failed.job_error["fr"]
    # shown in the reader's language
    client.force_login(manager)
    for language, words in (("fr", "Non envoyé"), ("en", "Not sent")):
        client.cookies["comptoir_language"] = language
        page = client.get(f"/reporting/monthly/{report.pk}/").content.decode()
        assert words in page and failed.job_error[language].replace("'", "&#x27;") in page
        assert 'hx-trigger="every 2s"' not in page  # it ended: no more asking
    client.cookies["comptoir_language"] = "fr"
    api = client.get(f"/api/monthly-reports/{report.pk}/").json()
    assert api["pdf_state"] == "failed" and api["pdf_error"] == failed.job_error["fr"]
    # it may be asked again
    monkeypatch.undo()
    monkeypatch.setattr(tasks, "monthly_report_job", held)
    monthly.request_send(report=failed, user=manager)
    assert held.run() == [State.READY] and _fresh(report).is_sent


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPRecipientsRefused({"director@example.com": (550, b"no such user")})


def test_failing_e_mail_leaves_a_draft(fake_dashboard, held, settings, manager) -> None:  # type: ignore[no-untyped-def]
    _settings()
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    report = _report()
    monthly.request_send(report=report, user=manager)
    assert held.run() == [State.FAILED]
    failed = _fresh(report)
    # nothing half-done: not frozen, no PDF as sent, nobody recorded as sent to
    assert not failed.is_sent and not failed.pdf and failed.sent_to == []
    assert "e-mails could not be sent" in failed.job_error["en"]
    assert "Les e-mails n'ont pas pu partir" in failed.job_error["fr"]
    assert "director@example.com" in failed.job_error["en"]


def test_a_sending_that_ends_reloads_the_page(fake_dashboard, held, client, manager) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = _report()
    client.force_login(manager)
    client.cookies["comptoir_language"] = "fr"
    assert client.post(f"/reporting/monthly/{report.pk}/send/").status_code == 302
    page = client.get(f"/reporting/monthly/{report.pk}/").content.decode()
    assert "En attente de démarrage" in page and 'hx-trigger="every 2s"' in page
    assert 'id="send-report"\n                disabled' in page
    assert 'id="commentary-form"' not in page  # kept as it is while it is being sent
    # the second click: refused with a message, not queued again
    again = client.post(f"/reporting/monthly/{report.pk}/send/", follow=True)
    assert "déjà en cours d'envoi" in again.content.decode().replace("&#x27;", "'")
    assert held.queued == [report.pk]
    held.run()
    part = client.get(f"/reporting/monthly/{report.pk}/", headers={"HX-Request": "true"})
    assert part["HX-Refresh"] == "true" and 'id="report-pdf"' in part.content.decode()


def test_a_draft_pdf_in_the_making_leaves_send_now_usable(
    fake_dashboard, held, client, manager
) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = _report()
    client.force_login(manager)
    client.post(f"/reporting/monthly/{report.pk}/prepare/")
    page = client.get(f"/reporting/monthly/{report.pk}/").content.decode()
    # the commentary may still be written and Send now is not greyed out (a click while
    # the PDF is made is refused with a message; once made, the part swapped in shows it)
    assert (
        'id="commentary-form"' in page and 'id="send-report"\n                disabled' not in page
    )
    held.run()
    part = client.get(f"/reporting/monthly/{report.pk}/", headers={"HX-Request": "true"})
    assert "HX-Refresh" not in part.headers and 'id="preview-pdf"' in part.content.decode()


# ------------------------------------------------------------------------- roles and API


@pytest.mark.parametrize(
    ("who", "prepare", "send"),
    [("reader", 403, 403), ("assistant", 302, 403), ("manager", 302, 302)],
)
def test_roles(fake_dashboard, held, client, request, who, prepare, send) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = _report()
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.post(f"/reporting/monthly/{report.pk}/prepare/").status_code == prepare
    held.run()
    assert client.post(f"/reporting/monthly/{report.pk}/send/").status_code == send
    api_prepare = client.post(f"/api/monthly-reports/{report.pk}/prepare/")
    expected_api = {403: 403, 302: 202}
    if send == 302:  # the sending queued above holds the report: the API refuses with 409
        assert api_prepare.status_code == 409
    else:
        assert api_prepare.status_code == expected_api[prepare]
    if who != "manager":
        with pytest.raises(PermissionDenied):
            monthly.request_send(report=_fresh(report), user=user)


def test_api_202_and_409(fake_dashboard, held, client, assistant, manager) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = _report()
    client.force_login(assistant)
    assert client.get(f"/api/monthly-reports/{report.pk}/preview/").status_code == 404
    made = client.post(f"/api/monthly-reports/{report.pk}/prepare/")
    assert made.status_code == 202
    assert made.json()["pdf_job"] == "preview" and made.json()["pdf_state"] == "queued"
    again = client.post(f"/api/monthly-reports/{report.pk}/prepare/")
    assert again.status_code == 409 and "detail" in again.json()
    client.force_login(manager)
    busy = client.post(f"/api/monthly-reports/{report.pk}/send/")
    assert busy.status_code == 409  # a PDF is being made: no sending on top of it
    held.run()
    shown = client.get(f"/api/monthly-reports/{report.pk}/").json()
    assert shown["pdf_state"] == "ready" and shown["draft_pdf_at"] and not shown["draft_pdf_stale"]
    preview = client.get(f"/api/monthly-reports/{report.pk}/preview/")
    assert preview.status_code == 200 and preview.content.startswith(b"%PDF")
    sent = client.post(f"/api/monthly-reports/{report.pk}/send/")
    assert sent.status_code == 202 and sent.json()["pdf_state"] == "queued"
    assert sent.json()["status"] == "draft"
    assert client.post(f"/api/monthly-reports/{report.pk}/send/").status_code == 409
    held.run()
    assert client.get(f"/api/monthly-reports/{report.pk}/").json()["status"] == "sent"
    done = client.post(f"/api/monthly-reports/{report.pk}/send/")
    assert done.status_code == 400 and "status" in done.json()
