"""The monthly report: the first working day rule, the settings' and the commentary's
checks, a sent report frozen, the daily job sending once, the PDF's text, the screens in
French and English and the API."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from comptoir.reporting import monthly
from comptoir.reporting.inputs import MonthlySettingsValues, Recipient
from comptoir.reporting.models import MAX_COMMENTARY, MonthlyReport
from comptoir.trade import calendars

from .shell_fakes import FAKE

pytestmark = pytest.mark.django_db

DIRECTOR = Recipient(email="director@example.com", language="en")
DIRECTION = Recipient(email="direction@example.fr", language="fr")


def _settings(**fields):  # type: ignore[no-untyped-def]
    values = {
        "dashboards": (FAKE,),
        "recipients": (DIRECTION, DIRECTOR),
        "language": "fr",
        "auto_send": True,
        "year_to_date": False,
        **fields,
    }
    return monthly.save_settings(values=MonthlySettingsValues(**values), user=None)


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ------------------------------------------------------------------- first working day


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2027, 1, dt.date(2027, 1, 4)),  # Friday 1 January, a holiday: Monday 4
        (2026, 5, dt.date(2026, 5, 4)),  # Friday 1 May, a holiday: Monday 4
        (2027, 5, dt.date(2027, 5, 3)),  # 1 May a Saturday: Monday 3
        (2026, 8, dt.date(2026, 8, 3)),  # a month starting on a Saturday
        (2026, 11, dt.date(2026, 11, 2)),  # All Saints' Day on a Sunday: Monday 2
        (2026, 12, dt.date(2026, 12, 1)),  # a Tuesday
        (2026, 6, dt.date(2026, 6, 1)),  # Monday 1 June (Whit Monday is 25 May)
        (2028, 5, dt.date(2028, 5, 2)),  # Monday 1 May 2028, a holiday: Tuesday 2
    ],
)
def test_first_working_day(year: int, month: int, expected: dt.date) -> None:
    assert monthly.first_working_day(year, month) == expected


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_first_working_day_is_the_first_business_day(year: int, month: int) -> None:
    day = monthly.first_working_day(year, month)
    assert (day.year, day.month) == (year, month) and day.day <= 7
    assert calendars.is_business_day("FR", day) and day.weekday() < 5
    for before in range(1, day.day):
        assert not calendars.is_business_day("FR", dt.date(year, month, before))


def test_previous_month_and_periods() -> None:
    assert monthly.previous_month(dt.date(2027, 1, 4)) == (2026, 12)
    assert monthly.previous_month(dt.date(2026, 3, 31)) == (2026, 2)
    filters = monthly.report_filters(2024, 2)
    assert (filters.period.start, filters.period.end) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert filters.compare
    ytd = monthly.year_to_date_filters(2026, 11)
    assert (ytd.period.start, ytd.period.end) == (dt.date(2026, 1, 1), dt.date(2026, 11, 30))


# ------------------------------------------------------------------------- the settings


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"recipients": (Recipient(email="not an address"),)}, "recipients"),
        ({"recipients": (Recipient(email="a@example.com", language="de"),)}, "recipients"),
        (
            {"recipients": tuple(Recipient(email=f"p{i}@example.com") for i in range(31))},
            "recipients",
        ),
        ({"recipients": ()}, "recipients"),  # sent automatically to nobody
        ({"dashboards": ("no-such-dashboard",)}, "dashboards"),
        ({"dashboards": ()}, "dashboards"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_settings_name_the_field(fake_dashboard, fields, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        _settings(**fields)
    assert field in caught.value.message_dict
    assert monthly.stored_settings() is None


def test_settings_keep_one_row_without_duplicates(fake_dashboard, assistant, manager) -> None:  # type: ignore[no-untyped-def]
    _settings(recipients=(DIRECTION, Recipient(email="DIRECTION@example.fr"), DIRECTOR))
    saved = _settings(language="en")
    assert saved.recipients == [
        {"email": "direction@example.fr", "language": "fr"},
        {"email": "director@example.com", "language": "en"},
    ]
    assert saved.language == "en" and monthly.MonthlyReportSettings.objects.count() == 1
    with pytest.raises(PermissionDenied):
        monthly.save_settings(
            values=MonthlySettingsValues(dashboards=(FAKE,), recipients=()), user=assistant
        )
    monthly.save_settings(
        values=MonthlySettingsValues(dashboards=(FAKE,), recipients=(DIRECTOR,)), user=manager
    )
    assert monthly.stored_settings().history.count() == 3  # type: ignore[union-attr]


# ------------------------------------------------------------------------- the reports


def test_open_a_month_once_and_not_ahead(assistant) -> None:  # type: ignore[no-untyped-def]
    day = dt.date(2026, 12, 6)
    with pytest.raises(ValidationError) as caught:
        monthly.open_report(year=2027, month=1, user=assistant, today=day)
    assert "month" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        monthly.open_report(year=2026, month=13, user=assistant, today=day)
    assert "month" in caught.value.message_dict
    report = monthly.open_report(year=2026, month=11, user=assistant, today=day)
    assert report.status == MonthlyReport.Status.DRAFT
    with pytest.raises(ValidationError) as caught:
        monthly.open_report(year=2026, month=11, user=assistant, today=day)
    assert "month" in caught.value.message_dict
    assert MonthlyReport.objects.count() == 1


def test_commentary_bounded(assistant, reader) -> None:  # type: ignore[no-untyped-def]
    report = monthly.open_report(year=2026, month=11, user=assistant, today=dt.date(2026, 12, 6))
    with pytest.raises(ValidationError) as caught:
        monthly.save_commentary(
            report=report, commentary="x" * (MAX_COMMENTARY + 1), user=assistant
        )
    assert "commentary" in caught.value.message_dict
    report.refresh_from_db()
    assert report.commentary == ""
    with pytest.raises(PermissionDenied):
        monthly.save_commentary(report=report, commentary="Hello", user=reader)
    monthly.save_commentary(report=report, commentary="  Bon mois.\r\nSuite.  ", user=assistant)
    report.refresh_from_db()
    assert report.commentary == "Bon mois.\nSuite."


def test_send_freezes_and_e_mails_each_in_their_language(
    fake_dashboard, assistant, manager
) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = monthly.open_report(year=2026, month=3, user=assistant, today=dt.date(2026, 12, 6))
    monthly.save_commentary(
        report=report, commentary="Les ventes allemandes progressent.", user=assistant
    )
    with pytest.raises(PermissionDenied):
        monthly.send_report(report=report, user=assistant)
    sent = monthly.send_report(report=report, user=manager)
    assert sent.is_sent and sent.sent_by == manager and sent.sent_at is not None
    assert sent.dashboards == [FAKE] and sent.language == "fr"
    assert [r["email"] for r in sent.sent_to] == ["direction@example.fr", "director@example.com"]
    # the queue (immediate in the tests) sent one e-mail per recipient, in their language
    assert len(mail.outbox) == 2
    french, english = mail.outbox
    assert french.to == ["direction@example.fr"] and "rapport mensuel" in french.subject
    assert english.to == ["director@example.com"] and "monthly report" in english.subject
    assert "mars 2026" in french.subject and "March 2026" in english.subject
    stored = bytes(MonthlyReport.objects.get(pk=report.pk).pdf)
    assert english.attachments[0][1] == stored and stored.startswith(b"%PDF")
    text = _pdf_text(stored)
    assert "Les ventes allemandes progressent." in text
    assert "1224,50" in _squeezed(text)  # the fake's revenue, written the French way
    assert "Fake dashboard" in text and "Rapport mensuel" in text
    # frozen: no new commentary, no second sending, no deletion; a resend: the same PDF
    sent = MonthlyReport.objects.get(pk=report.pk)
    with pytest.raises(ValidationError) as caught:
        monthly.save_commentary(report=sent, commentary="Changed", user=manager)
    assert "commentary" in caught.value.message_dict
    with pytest.raises(ValidationError):
        monthly.send_report(report=sent, user=manager)
    with pytest.raises(ValidationError):
        monthly.delete_report(report=sent, user=manager)
    _settings(recipients=(Recipient(email="someone.else@example.com"),))
    monthly.resend_report(report=sent, user=manager)
    assert len(mail.outbox) == 4
    assert [m.to for m in mail.outbox[2:]] == [["direction@example.fr"], ["director@example.com"]]
    assert mail.outbox[3].attachments[0][1] == stored
    assert bytes(MonthlyReport.objects.get(pk=report.pk).pdf) == stored


def test_send_needs_recipients(fake_dashboard, manager) -> None:  # type: ignore[no-untyped-def]
    report = monthly.open_report(year=2026, month=3, user=manager, today=dt.date(2026, 12, 6))
    with pytest.raises(ValidationError) as caught:
        monthly.send_report(report=report, user=manager)
    assert "recipients" in caught.value.message_dict
    assert not MonthlyReport.objects.get(pk=report.pk).is_sent and not mail.outbox


def test_english_pdf_with_the_year_to_date(fake_dashboard) -> None:  # type: ignore[no-untyped-def]
    settings = _settings(language="en", year_to_date=True)
    report = monthly.open_report(year=2026, month=3, user=None, today=dt.date(2026, 12, 6))
    monthly.save_commentary(report=report, commentary="German sales are up.", user=None)
    text = _pdf_text(monthly.preview_pdf(report, settings))
    squeezed = _squeezed(text)
    assert "German sales are up." in text and "1,224.50" in squeezed
    assert "Monthly report" in text and "Year to date" in text
    assert "Preview" in text  # a draft says so
    assert not MonthlyReport.objects.get(pk=report.pk).pdf  # a preview keeps nothing


# ------------------------------------------------------------------------- the daily job


def test_daily_job_sends_once_on_the_first_working_day(fake_dashboard) -> None:  # type: ignore[no-untyped-def]
    _settings()
    assert monthly.send_due_reports(dt.date(2027, 1, 1)) == 0  # a holiday
    assert monthly.send_due_reports(dt.date(2027, 1, 3)) == 0  # a Sunday
    assert not MonthlyReport.objects.exists()
    assert monthly.send_due_reports(dt.date(2027, 1, 4)) == 1  # Monday 4 January
    report = MonthlyReport.objects.get()
    assert (report.year, report.month, report.is_sent) == (2026, 12, True)
    assert len(mail.outbox) == 2
    assert monthly.send_due_reports(dt.date(2027, 1, 4)) == 0  # the day run twice
    assert monthly.send_due_reports(dt.date(2027, 1, 5)) == 0  # and the next days
    assert len(mail.outbox) == 2 and MonthlyReport.objects.count() == 1


def test_daily_job_catches_up_a_missed_day_and_sends_the_draft(fake_dashboard) -> None:  # type: ignore[no-untyped-def]
    _settings()
    draft = monthly.open_report(year=2026, month=4, user=None, today=dt.date(2026, 4, 20))
    monthly.save_commentary(report=draft, commentary="Avril calme.", user=None)
    # 1 May 2026 is a Friday and a holiday: the first working day is Monday 4; the job did
    # not run that day, it runs on the 6th
    assert monthly.send_due_reports(dt.date(2026, 5, 1)) == 0
    assert monthly.send_due_reports(dt.date(2026, 5, 6)) == 1
    sent = MonthlyReport.objects.get()
    assert sent.pk == draft.pk and sent.is_sent and "Avril calme." in _pdf_text(bytes(sent.pdf))
    assert monthly.send_due_reports(dt.date(2026, 5, 7)) == 0


def test_daily_job_does_nothing_when_not_automatic(fake_dashboard) -> None:  # type: ignore[no-untyped-def]
    assert monthly.send_due_reports(dt.date(2027, 1, 4)) == 0  # no settings
    _settings(auto_send=False)
    assert monthly.send_due_reports(dt.date(2027, 1, 4)) == 0
    assert not MonthlyReport.objects.exists() and not mail.outbox


def test_the_job_is_registered() -> None:
    from comptoir.jobs.daily import daily_steps

    assert "monthly_report" in dict(daily_steps())


# ------------------------------------------------------------------------- the screens


def _no_write(client, url: str):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url)
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert not writes, writes
    return answer


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ("Rapport mensuel", "Préparer le rapport", "Commentaire", "Préparer le PDF")),
        ("en", ("Monthly report", "Prepare the report", "Commentary", "Prepare the PDF")),
    ],
)
def test_screens_in_both_languages(fake_dashboard, client, manager, language, words) -> None:  # type: ignore[no-untyped-def]
    _settings()
    client.force_login(manager)
    client.cookies["comptoir_language"] = language
    page = _no_write(client, "/reporting/monthly/")
    assert page.status_code == 200 and words[0] in page.content.decode()
    assert words[1] in page.content.decode()
    answer = client.post("/reporting/monthly/", {"month": "2026-03"})
    assert answer.status_code == 302
    report = MonthlyReport.objects.get()
    detail = _no_write(client, answer["Location"])
    assert words[2] in detail.content.decode() and words[3] in detail.content.decode()
    settings_page = _no_write(client, "/reporting/monthly/settings/")
    assert "director@example.com en" in settings_page.content.decode()
    # nothing made yet: no preview, and a GET renders nothing
    assert _no_write(client, f"/reporting/monthly/{report.pk}/preview.pdf").status_code == 404
    # the job (run at once by the tests' queue) makes it
    assert client.post(f"/reporting/monthly/{report.pk}/prepare/").status_code == 302
    preview = _no_write(client, f"/reporting/monthly/{report.pk}/preview.pdf")
    assert preview["Content-Type"] == "application/pdf" and preview.content.startswith(b"%PDF")
    assert client.get(f"/reporting/monthly/{report.pk}/report.pdf").status_code == 404


def test_bad_input_shows_under_the_field(client, fake_dashboard, manager) -> None:  # type: ignore[no-untyped-def]
    client.force_login(manager)
    report = monthly.open_report(year=2026, month=3, user=None, today=dt.date(2026, 12, 6))
    answer = client.post(
        f"/reporting/monthly/{report.pk}/", {"commentary": "x" * (MAX_COMMENTARY + 1)}
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    field = html[html.index('id="field-commentary"') :]
    assert 'class="error"' in field[: field.index("</div>")]
    assert MonthlyReport.objects.get().commentary == ""
    answer = client.post(
        "/reporting/monthly/settings/",
        {
            "dashboards": [FAKE],
            "recipients": "director@example.com en\nnot-an-address fr",
            "language": "fr",
        },
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    field = html[html.index('id="field-recipients"') :]
    assert "not-an-address" in field[: field.index("</div>")]
    assert monthly.stored_settings() is None
    answer = client.post("/reporting/monthly/", {"month": "2026-14"})
    assert answer.status_code == 400 and 'id="field-month"' in answer.content.decode()


def test_send_now_and_roles_on_screen(client, fake_dashboard, manager, assistant, reader) -> None:  # type: ignore[no-untyped-def]
    _settings()
    report = monthly.open_report(year=2026, month=3, user=None, today=dt.date(2026, 12, 6))
    client.force_login(reader)
    assert client.get(f"/reporting/monthly/{report.pk}/").status_code == 200
    assert client.post(f"/reporting/monthly/{report.pk}/", {"commentary": "x"}).status_code == 403
    client.force_login(assistant)
    answer = client.post(f"/reporting/monthly/{report.pk}/", {"commentary": "Un bon mois."})
    assert answer.status_code == 302
    assert client.post(f"/reporting/monthly/{report.pk}/send/").status_code == 403
    assert client.post("/reporting/monthly/settings/", {"language": "en"}).status_code == 403
    client.force_login(manager)
    answer = client.post(f"/reporting/monthly/{report.pk}/send/")
    assert answer.status_code == 302 and len(mail.outbox) == 2
    page = client.get(f"/reporting/monthly/{report.pk}/").content.decode()
    assert "director@example.com" in page and 'id="commentary-form"' not in page
    pdf = client.get(f"/reporting/monthly/{report.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf.content == bytes(MonthlyReport.objects.get().pdf)
    assert client.post(f"/reporting/monthly/{report.pk}/delete/").status_code == 302
    assert MonthlyReport.objects.exists()  # a sent report is kept


# ------------------------------------------------------------------------- the API


def test_api(client, fake_dashboard, manager, assistant) -> None:  # type: ignore[no-untyped-def]
    _settings()
    client.force_login(assistant)
    made = client.post(
        "/api/monthly-reports/",
        {"year": 2026, "month": 3, "commentary": "Bon mois."},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["status"] == "draft"
    too_long = client.patch(
        f"/api/monthly-reports/{pk}/",
        {"commentary": "x" * (MAX_COMMENTARY + 1)},
        content_type="application/json",
    )
    assert too_long.status_code == 400 and "commentary" in too_long.json()
    assert client.get(f"/api/monthly-reports/{pk}/pdf/").status_code == 404
    assert client.post(f"/api/monthly-reports/{pk}/send/").status_code == 403
    client.force_login(manager)
    sent = client.post(f"/api/monthly-reports/{pk}/send/")
    # queued (202); the tests' queue runs it at once, so the state is already the end
    assert sent.status_code == 202 and sent.json()["status"] == "sent"
    assert sent.json()["pdf_job"] == "send" and sent.json()["pdf_state"] == "ready"
    assert sent.json()["sent_to"][1] == {"email": "director@example.com", "language": "en"}
    pdf = client.get(f"/api/monthly-reports/{pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    frozen = client.patch(
        f"/api/monthly-reports/{pk}/", {"commentary": "Changed"}, content_type="application/json"
    )
    assert frozen.status_code == 400 and "commentary" in frozen.json()
    assert client.get("/api/monthly-reports/").json()["count"] == 1
