"""The monthly report: its settings, the report of each month, its PDF and its sending.

Rules:

- the report of a month compares the month with the same month a year earlier and, when the
  settings ask for it, adds the year to date (January to the end of the month, compared
  with the same months a year earlier);
- it is sent on the **first French working day** of the next month (weekends and French
  public holidays skipped, :mod:`comptoir.trade.calendars`) when the settings say so; a day
  the job did not run is caught up on the next days of the month, never twice: a sent
  report is frozen (its PDF, the dashboards it holds, to whom and when), a resend sends the
  same PDF;
- an assistant prepares it (opens the month, writes the commentary); a manager sends it,
  deletes a draft and keeps the settings (``Record.MONTHLY_REPORT``).

Every writer checks the role first, validates with messages naming the field and writes in
one transaction with the audit stamp (:mod:`comptoir.audit`). The PDF is rendered by
:mod:`comptoir.documents.monthly_report` from the dashboards built here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import delete_instance, save_values, stamp
from comptoir.documents import monthly_report as document
from comptoir.sales.models import SellerProfile
from comptoir.trade import calendars

from . import registry
from .filters import Period, ReportFilters
from .inputs import MonthlySettingsValues, Recipient
from .models import MAX_COMMENTARY, MonthlyReport, MonthlyReportSettings
from .render import dashboard_view, month_label, period_label

log = logging.getLogger(__name__)

#: At most this many dashboards in a report (each is built for the month and the year to
#: date): the work of one PDF stays bounded.
MAX_DASHBOARDS = 6
#: At most this many recipients.
MAX_RECIPIENTS = 30
LANGUAGES = ("fr", "en")
CALENDAR = "FR"


# ------------------------------------------------------------------------------ the rules


def first_working_day(year: int, month: int) -> dt.date:
    """The first day of the month that is neither a weekend nor a French public holiday."""
    day = dt.date(year, month, 1)
    while not calendars.is_business_day(CALENDAR, day):
        day += dt.timedelta(days=1)
    return day


def previous_month(day: dt.date) -> tuple[int, int]:
    """(year, month) of the month before ``day``'s."""
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def month_period(year: int, month: int) -> Period:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return Period(first, nxt - dt.timedelta(days=1))


def report_filters(year: int, month: int) -> ReportFilters:
    """The month, compared with the same month a year earlier."""
    return ReportFilters(period=month_period(year, month), compare=True)


def year_to_date_filters(year: int, month: int) -> ReportFilters:
    """January to the end of the month, compared with the same months a year earlier."""
    return ReportFilters(
        period=Period(dt.date(year, 1, 1), month_period(year, month).end), compare=True
    )


# ------------------------------------------------------------------------------ the settings


def stored_settings() -> MonthlyReportSettings | None:
    return MonthlyReportSettings.objects.order_by("pk").first()


def current_settings() -> MonthlyReportSettings:
    """The company's settings, or the defaults (not saved: a page that reads writes nothing)."""
    return stored_settings() or MonthlyReportSettings(
        dashboards=[s.key for s in registry.specs()][:2], recipients=[], language="fr"
    )


def recipients_of(settings: MonthlyReportSettings) -> list[Recipient]:
    return [
        Recipient(email=str(r.get("email", "")), language=str(r.get("language", "fr")))
        for r in settings.recipients
        if isinstance(r, dict)
    ]


def _check_settings(values: MonthlySettingsValues) -> tuple[list[str], list[dict[str, str]]]:
    errors: dict[str, str] = {}
    keys: list[str] = []
    for key in values.dashboards:
        if registry.get(key) is None:
            errors["dashboards"] = _("Unknown dashboard: %(key)s.") % {"key": key[:40]}
        elif key not in keys:
            keys.append(key)
    if not keys and "dashboards" not in errors:
        errors["dashboards"] = _("Choose at least one dashboard.")
    elif len(keys) > MAX_DASHBOARDS:
        errors["dashboards"] = _("At most %(max)s dashboards in a report.") % {
            "max": MAX_DASHBOARDS
        }
    recipients: list[dict[str, str]] = []
    seen: set[str] = set()
    if len(values.recipients) > MAX_RECIPIENTS:
        errors["recipients"] = _("At most %(max)s recipients.") % {"max": MAX_RECIPIENTS}
    else:
        for recipient in values.recipients:
            email = recipient.email.strip()
            try:
                if len(email) > 254:
                    raise ValidationError("too long")
                validate_email(email)
            except ValidationError:
                errors["recipients"] = _("Not an e-mail address: %(email)s") % {"email": email[:80]}
                break
            if recipient.language not in LANGUAGES:
                errors["recipients"] = _("The language of %(email)s is fr or en.") % {
                    "email": email
                }
                break
            if email.lower() in seen:
                continue
            seen.add(email.lower())
            recipients.append({"email": email, "language": recipient.language})
    if values.language not in LANGUAGES:
        errors["language"] = _("Choose French or English.")
    if values.auto_send and not recipients and "recipients" not in errors:
        errors["recipients"] = _("Give at least one recipient to send the report automatically.")
    if errors:
        raise ValidationError(errors)
    return keys, recipients


def save_settings(*, values: MonthlySettingsValues, user: Actor) -> MonthlyReportSettings:
    """The company's monthly report settings (a manager's)."""
    require(user, Action.ADMINISTER, Record.MONTHLY_REPORT)
    keys, recipients = _check_settings(values)
    with transaction.atomic():
        settings = stored_settings() or MonthlyReportSettings()
        settings.dashboards = keys
        settings.recipients = recipients
        settings.language = values.language
        settings.auto_send = values.auto_send
        settings.year_to_date = values.year_to_date
        return save_values(settings, user, "monthly report settings")


# ------------------------------------------------------------------------------ the reports


def _frozen(report: MonthlyReport) -> ValidationError:
    return ValidationError(
        {"commentary": _("This report was sent: it and its PDF no longer change.")}
    )


def open_report(
    *, year: int, month: int, user: Actor, today: dt.date | None = None
) -> MonthlyReport:
    """The draft report of a month (the month must have begun; one report per month)."""
    require(user, Action.CREATE, Record.MONTHLY_REPORT)
    day = today or timezone.localdate()
    errors: dict[str, str] = {}
    if not 2000 <= year <= 2100:
        errors["year"] = _("Give a year between 2000 and 2100.")
    elif not 1 <= month <= 12:
        errors["month"] = _("A month is 1 to 12.")
    elif (year, month) > (day.year, day.month):
        errors["month"] = _("A month's report is prepared once the month has begun.")
    elif MonthlyReport.objects.filter(year=year, month=month).exists():
        errors["month"] = _("There is already a report for this month.")
    if errors:
        raise ValidationError(errors)
    return save_values(MonthlyReport(year=year, month=month), user, "monthly report opened")


def save_commentary(*, report: MonthlyReport, commentary: str, user: Actor) -> MonthlyReport:
    """The written commentary of a draft report."""
    require(user, Action.CHANGE, Record.MONTHLY_REPORT)
    text = commentary.replace("\r\n", "\n").strip()
    if len(text) > MAX_COMMENTARY:
        raise ValidationError(
            {
                "commentary": _("%(max)s characters at most (this text has %(count)s).")
                % {"max": MAX_COMMENTARY, "count": len(text)}
            }
        )
    if "\x00" in text:
        raise ValidationError({"commentary": _("This text holds a character not allowed.")})
    with transaction.atomic():
        locked = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        if locked.is_sent:
            raise _frozen(locked)
        if locked.sending:
            raise JobBusy(
                {"commentary": _("The report is being sent: its commentary no longer changes.")}
            )
        locked.commentary = text
        saved = save_values(locked, user, "commentary")
    report.commentary, report.updated_at = saved.commentary, saved.updated_at
    return saved


def delete_report(*, report: MonthlyReport, user: Actor) -> None:
    """Delete a draft (a sent report is kept)."""
    require(user, Action.DELETE, Record.MONTHLY_REPORT)
    if report.is_sent:
        raise _frozen(report)
    if report.sending:
        raise JobBusy({"status": _("The report is being sent: it cannot be deleted now.")})
    delete_instance(report, user, "monthly report deleted")


def company_name() -> str:
    seller = SellerProfile.current()
    if seller is None:
        return "Comptoir"
    return seller.trade_name or seller.legal_name


def _dashboards(
    keys: list[str], filters: ReportFilters, language: str, heading: str
) -> list[tuple[str, Any]]:
    views = []
    for key in keys[:MAX_DASHBOARDS]:
        spec = registry.get(key)
        if spec is None:  # a dashboard removed since the settings were saved
            continue
        views.append((heading, dashboard_view(spec.build(filters, None), language)))
    return views


def report_document(
    report: MonthlyReport,
    *,
    keys: list[str],
    language: str,
    year_to_date: bool,
    draft: bool,
    prepared_on: dt.date | None = None,
) -> document.MonthlyReportDocument:
    """Everything the PDF shows, built in the report's language."""
    with translation.override(language):
        month = report_filters(report.year, report.month)
        period = period_label(month.period.start, month.period.end)
        before = month.previous_year().period
        compared = period_label(before.start, before.end)
        views = _dashboards(
            keys,
            month,
            language,
            _("%(month)s compared with %(before)s") % {"month": period, "before": compared},
        )
        ytd_text = ""
        if year_to_date:
            ytd = year_to_date_filters(report.year, report.month)
            ytd_text = period_label(ytd.period.start, ytd.period.end)
            ytd_before = ytd.previous_year().period
            views += _dashboards(
                keys,
                ytd,
                language,
                _("Year to date: %(period)s compared with %(before)s")
                % {
                    "period": ytd_text,
                    "before": period_label(ytd_before.start, ytd_before.end),
                },
            )
        return document.MonthlyReportDocument(
            company=company_name(),
            month=report.first_day,
            language=language,
            period=period,
            compared=compared,
            year_to_date=ytd_text,
            commentary=report.commentary,
            dashboards=views,
            draft=draft,
            prepared_on=prepared_on or timezone.localdate(),
        )


def preview_pdf(report: MonthlyReport, settings: MonthlyReportSettings | None = None) -> bytes:
    """The PDF as it would be sent now, rendered in this process (a sent report: its stored
    PDF); writes nothing. The screens and the API never call it in a request: they queue
    :func:`request_draft`, whose job calls it."""
    if report.is_sent and report.pdf:
        return bytes(report.pdf)
    settings = settings or current_settings()
    return document.render(
        report_document(
            report,
            keys=list(settings.dashboards),
            language=settings.language,
            year_to_date=settings.year_to_date,
            draft=True,
        )
    )


def pdf_filename(report: MonthlyReport) -> str:
    return f"comptoir-monthly-report-{report.year}-{report.month:02d}.pdf"


# ------------------------------------------------------------------------------ the job queue
#
# "Prepare the PDF" and "Send now" answer at once: they mark the report (job, job_state) and
# queue one job (``tasks.monthly_report_job``), which renders the PDF in the worker. The
# states: queued -> rendering -> ready (a draft PDF kept, or the report sent) or failed (the
# error kept in French and English, the report still a draft). While one job is queued or
# running no other is taken: a second click is refused (:class:`JobBusy`).


class JobBusy(ValidationError):
    """A job of this report is queued or running (the API answers 409)."""


def draft_basis(report: MonthlyReport, settings: MonthlyReportSettings) -> str:
    """A fingerprint of what a draft PDF is made from: the commentary and the settings."""
    basis = [
        report.commentary,
        list(settings.dashboards),
        settings.language,
        bool(settings.year_to_date),
    ]
    return hashlib.sha256(json.dumps(basis).encode()).hexdigest()


def draft_is_stale(report: MonthlyReport, settings: MonthlyReportSettings | None = None) -> bool:
    """The last draft PDF was made before the commentary or the settings changed."""
    if report.is_sent or report.draft_rendered_at is None:
        return False
    return report.draft_basis != draft_basis(report, settings or current_settings())


def job_error_text(report: MonthlyReport, language: str) -> str:
    """The last job's error in the reader's language (French or English)."""
    errors = report.job_error if isinstance(report.job_error, dict) else {}
    code = language[:2] if language[:2] in LANGUAGES else "en"
    return str(errors.get(code) or errors.get("en") or "")


def _send_problem(settings: MonthlyReportSettings | None) -> ValidationError | None:
    """Why a report cannot be sent with these settings (messages translated when shown)."""
    if settings is None or not settings.recipients:
        return ValidationError(
            {
                "recipients": gettext_lazy(
                    "Give the recipients in the monthly report settings first."
                )
            }
        )
    if not settings.dashboards:
        return ValidationError(
            {
                "dashboards": gettext_lazy(
                    "Choose the dashboards in the monthly report settings first."
                )
            }
        )
    return None


def _already_sent() -> ValidationError:
    return ValidationError({"status": gettext_lazy("This report was already sent.")})


def _queue(report: MonthlyReport, job: str, user: Actor) -> MonthlyReport:
    from .tasks import monthly_report_job  # the task module imports this one

    with transaction.atomic():
        locked = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        if locked.is_sent:
            raise _already_sent()
        if locked.job_pending:
            if locked.job == MonthlyReport.Job.SEND:
                raise JobBusy(
                    {"status": _("This report is already being sent: wait until it is done.")}
                )
            raise JobBusy(
                {"status": _("A PDF of this report is being made: wait until it is ready.")}
            )
        MonthlyReport.objects.filter(pk=report.pk).update(
            job=job,
            job_state=MonthlyReport.JobState.QUEUED,
            job_error={},
            job_by=user if isinstance(user, User) and user.is_authenticated else None,
            job_queued_at=timezone.now(),
        )
        # queued in the same transaction: the job exists exactly when the state says so
        monthly_report_job.enqueue(report.pk)
    return MonthlyReport.objects.select_related("sent_by").get(pk=report.pk)


def request_draft(*, report: MonthlyReport, user: Actor) -> MonthlyReport:
    """Queue the making of the draft PDF (who writes the commentary may ask for it)."""
    require(user, Action.CHANGE, Record.MONTHLY_REPORT)
    return _queue(report, MonthlyReport.Job.PREVIEW, user)


def request_send(*, report: MonthlyReport, user: Actor) -> MonthlyReport:
    """Queue the sending of a draft: the job renders the PDF, e-mails it and, only when the
    e-mails went, freezes the report (:func:`send_report`)."""
    require(user, Action.ISSUE, Record.MONTHLY_REPORT)
    if report.is_sent:
        raise _already_sent()
    problem = _send_problem(stored_settings())
    if problem is not None:
        raise problem
    return _queue(report, MonthlyReport.Job.SEND, user)


def _in_languages(messages: Iterable[tuple[Any, Any]]) -> dict[str, str]:
    """Lazy messages (with their parameters) written in French and in English."""
    found = list(messages)
    texts: dict[str, str] = {}
    for language in LANGUAGES:
        with translation.override(language):
            parts = []
            for message, params in found:
                parts.append(str(message % params if params else message))
            texts[language] = " ".join(parts)
    return texts


def _validation_texts(exc: ValidationError) -> dict[str, str]:
    errors = (
        [e for errors in exc.error_dict.values() for e in errors]
        if hasattr(exc, "error_dict")
        else exc.error_list
    )
    return _in_languages((e.message, e.params) for e in errors)


def run_job(report_id: int) -> str:
    """The queued job of a report (the worker's): make the draft PDF, or send the report.
    Returns the state it ends in. A job found not queued (taken by another worker) is left."""
    claimed = MonthlyReport.objects.filter(
        pk=report_id, job_state=MonthlyReport.JobState.QUEUED
    ).update(job_state=MonthlyReport.JobState.RENDERING)
    if not claimed:
        return ""
    report = MonthlyReport.objects.select_related("job_by").get(pk=report_id)
    user = report.job_by
    try:
        if report.job == MonthlyReport.Job.SEND:
            send_report(report=report, user=user)
            return MonthlyReport.JobState.READY  # send_report set it with the sending
        settings = current_settings()
        pdf = preview_pdf(report, settings)
        MonthlyReport.objects.filter(pk=report_id).update(
            job_state=MonthlyReport.JobState.READY,
            draft_pdf=pdf,
            draft_rendered_at=timezone.now(),
            draft_basis=draft_basis(report, settings),
        )
        return MonthlyReport.JobState.READY
    except ValidationError as exc:
        errors = _validation_texts(exc)
    except PermissionDenied:
        errors = _in_languages([(gettext_lazy("You may no longer send this report."), None)])
    except (OSError, SmtpFailure) as exc:  # the mail server refused or could not be reached
        log.exception("monthly report %s: the e-mails were not sent", report.label)
        errors = _in_languages(
            [
                (
                    gettext_lazy(
                        "The e-mails could not be sent (%(reason)s): the report is still a "
                        "draft, nothing was sent."
                    ),
                    {"reason": str(exc)[:200] or type(exc).__name__},
                )
            ]
        )
    except Exception:  # the user must see an end, never "making the PDF" forever
        log.exception("monthly report %s: the PDF was not made", report.label)
        errors = _in_languages(
            [
                (
                    gettext_lazy(
                        "The PDF could not be made: the error was logged for the "
                        "administrator. The report is still a draft."
                    ),
                    None,
                )
            ]
        )
    MonthlyReport.objects.filter(pk=report_id, job_state=MonthlyReport.JobState.RENDERING).update(
        job_state=MonthlyReport.JobState.FAILED, job_error=errors
    )
    return MonthlyReport.JobState.FAILED


class SmtpFailure(Exception):
    """An e-mail the mail backend did not take (``send_messages`` sent fewer than given)."""


def send_report(
    *, report: MonthlyReport, user: Actor, now: dt.datetime | None = None
) -> MonthlyReport:
    """Send a draft, in this process (the queued job's and the daily job's): render its PDF,
    e-mail it (one e-mail per recipient, in their language, with the PDF attached) and freeze
    it (PDF, dashboards, recipients, when) in one transaction: when an e-mail fails, nothing
    is frozen and the report stays a draft."""
    require(user, Action.ISSUE, Record.MONTHLY_REPORT)
    if report.is_sent:
        raise _already_sent()
    settings = stored_settings()
    problem = _send_problem(settings)
    if problem is not None:
        raise problem
    assert settings is not None
    keys = [k for k in settings.dashboards if registry.get(k) is not None][:MAX_DASHBOARDS]
    sent_at = now or timezone.now()
    pdf = document.render(
        report_document(
            report,
            keys=keys,
            language=settings.language,
            year_to_date=settings.year_to_date,
            draft=False,
            prepared_on=timezone.localtime(sent_at).date(),
        )
    )
    with transaction.atomic():
        locked = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        if locked.is_sent:  # sent by someone else (or the job) meanwhile
            raise _already_sent()
        if locked.commentary != report.commentary:
            raise ValidationError(
                {"commentary": gettext_lazy("The commentary changed meanwhile: look at it again.")}
            )
        locked.status = MonthlyReport.Status.SENT
        locked.pdf = pdf
        locked.language = settings.language
        locked.dashboards = keys
        locked.sent_at = sent_at
        locked.sent_to = list(settings.recipients)
        locked.sent_by = user if isinstance(user, User) and user.is_authenticated else None
        if locked.job_pending:  # the job that sends it
            locked.job_state = MonthlyReport.JobState.READY
        locked.draft_pdf = None
        stamp(locked, user, "monthly report sent")
        locked.save()
        # last, still in the transaction: an e-mail refused undoes the freezing
        _send_emails(locked, pdf)
    return locked


def resend_report(*, report: MonthlyReport, user: Actor) -> MonthlyReport:
    """Send the same PDF again to the same people (a lost e-mail)."""
    require(user, Action.ISSUE, Record.MONTHLY_REPORT)
    if not report.is_sent:
        raise ValidationError({"status": _("Only a sent report is sent again.")})
    with transaction.atomic():
        stamp(report, user, "monthly report sent again")
        report.save(update_fields=["updated_at"])
        _queue_emails(report)
    return report


def _queue_emails(report: MonthlyReport) -> None:
    from .tasks import email_monthly_report  # the task module imports this one

    # queued in the report's transaction: the job exists exactly when the sending does
    email_monthly_report.enqueue(report.pk)


def _emails(report: MonthlyReport, pdf: bytes) -> list[EmailMessage]:
    """One e-mail per recipient the report was sent to, in their language, the PDF attached."""
    company = company_name()
    emails = []
    for recipient in report.sent_to:
        email = str(recipient.get("email", "")) if isinstance(recipient, dict) else ""
        if not email:
            continue
        language = recipient.get("language") if recipient.get("language") in LANGUAGES else "fr"
        with translation.override(language):
            month = month_label(report.first_day)
            subject = _("%(company)s — monthly report, %(month)s") % {
                "company": company,
                "month": month,
            }
            body = _(
                "Hello,\n\nPlease find attached the monthly report of %(month)s: the figures "
                "of the month compared with the same month last year, and our commentary.\n\n"
                "Best regards,\n%(company)s"
            ) % {"month": month, "company": company}
        message = EmailMessage(subject, body, to=[email])
        message.attach(pdf_filename(report), pdf, "application/pdf")
        emails.append(message)
    return emails


def _send_emails(report: MonthlyReport, pdf: bytes) -> int:
    """Send the e-mails through one connection; raise when the backend refuses one."""
    emails = _emails(report, pdf)
    with get_connection(fail_silently=False) as connection:
        sent = connection.send_messages(emails) or 0
    if sent != len(emails):
        raise SmtpFailure(f"{sent}/{len(emails)}")
    return sent


def email_report(report_id: int) -> int:
    """The e-mails of a sent report sent again (the worker's job): its stored PDF to each
    recipient it was sent to, subject and text in the recipient's language. Returns how many
    went."""
    report = MonthlyReport.objects.get(pk=report_id)
    if not report.is_sent or not report.pdf:
        return 0
    return _send_emails(report, bytes(report.pdf))


# ------------------------------------------------------------------------------ the daily job


def send_due_reports(day: dt.date) -> int:
    """The daily step: from the first French working day of a month, the previous month's
    report is opened if missing and sent, once (a sent report is never sent again by the
    job; a missed day is caught up on the following days of the month)."""
    settings = stored_settings()
    if settings is None or not settings.auto_send:
        return 0
    if day < first_working_day(day.year, day.month):
        return 0
    year, month = previous_month(day)
    report = MonthlyReport.objects.filter(year=year, month=month).first()
    if report is not None and (report.is_sent or report.sending):
        return 0  # sent, or a sending asked on the screen is in the queue
    if not settings.recipients or not settings.dashboards:
        log.warning("monthly report %s-%02d: no recipient or no dashboard", year, month)
        return 0
    if report is None:
        report = open_report(year=year, month=month, user=None, today=day)
    try:
        send_report(report=report, user=None)
    except ValidationError as exc:  # sent meanwhile from the screen
        log.info("monthly report %s not sent by the job: %s", report.label, exc)
        return 0
    return 1
