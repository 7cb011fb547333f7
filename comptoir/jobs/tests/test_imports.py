"""A large import becomes a job: the page answers at once, the report comes when it is done."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from comptoir.jobs import imports
from comptoir.jobs.models import ImportJob
from comptoir.parties.models import Company

pytestmark = pytest.mark.django_db

HEADER = "name;roles;country;city;currency;credit_limit;payment_days\n"


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("companies.csv", text.encode(), content_type="text/csv")


def test_a_large_file_is_imported_by_a_job_whose_page_shows_the_report(
    assistant_client, monkeypatch
):
    monkeypatch.setattr(imports, "INLINE_MAX_BYTES", 100)  # this file counts as large
    rows = "".join(f"Client {i};client;FR;Lyon;EUR;0;30\n" for i in range(20))
    response = assistant_client.post(
        reverse("parties:import"), {"kind": "companies", "file": upload(HEADER + rows)}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:import_job", args=[job.pk])
    # The immediate queue of the tests ran the job; the file is not kept once read.
    assert job.status == ImportJob.Status.DONE and job.content is None
    assert Company.objects.filter(name__startswith="Client ").count() == 20
    page = assistant_client.get(response["Location"]).content.decode()
    assert 'id="import-report"' in page and "20" in page
    assert "hx-trigger" not in page  # done: the page stops polling


def test_a_queued_import_page_polls_and_errors_come_back_with_their_row(
    assistant_client, monkeypatch, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(imports, "INLINE_MAX_BYTES", 10)
    bad = HEADER + "Good;client;FR;Lyon;EUR;0;30\nNo country;client;;Lyon;EUR;0;30\n"
    response = assistant_client.post(
        reverse("parties:import"), {"kind": "companies", "file": upload(bad)}
    )
    job = ImportJob.objects.get()
    page = assistant_client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page  # waiting for the worker
    imports.run_import(job.pk)  # what the worker does
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and not Company.objects.exists()
    (error,) = job.report["errors"]
    assert error["row"] == 3 and error["column"] == "country"
    partial = assistant_client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert 'id="import-report"' in partial.content.decode()


def test_a_small_file_is_still_imported_at_once(assistant_client):
    response = assistant_client.post(
        reverse("parties:import"),
        {"kind": "companies", "file": upload(HEADER + "Small;client;FR;Lyon;EUR;0;30\n")},
    )
    assert response.status_code == 200 and not ImportJob.objects.exists()
    assert Company.objects.filter(name="Small").exists()


def test_a_queued_import_that_stopped_on_duplicates_is_confirmed_on_its_page(
    assistant_client, assistant, manager, monkeypatch
):
    """Rows like records already there stop a job as they stop the screen's import; the
    author confirms on the job's page and the same file is imported (it was kept for that)."""
    Company.objects.create(name="Client 1", country="FR", city="Lyon")
    monkeypatch.setattr(imports, "INLINE_MAX_BYTES", 10)
    rows = "".join(f"Client {i};client;FR;Lyon;EUR;0;30\n" for i in range(1, 4))
    response = assistant_client.post(
        reverse("parties:import"), {"kind": "companies", "file": upload(HEADER + rows)}
    )
    job = ImportJob.objects.get()
    assert job.report["duplicates"] and job.content  # stopped, file kept for the confirmation
    assert Company.objects.count() == 1
    page = assistant_client.get(response["Location"]).content.decode()
    assert 'id="import-duplicates"' in page and 'id="confirm-import"' in page
    with pytest.raises(PermissionDenied):
        imports.confirm_duplicates(job, manager)  # only the author confirms
    assistant_client.post(reverse("jobs:confirm_import", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.report["created"] == 3
    assert job.content is None and Company.objects.count() == 4
    again = assistant_client.post(reverse("jobs:confirm_import", args=[job.pk]), follow=True)
    said = again.content.decode()
    assert Company.objects.count() == 4
    assert "nothing waiting" in said or "rien en attente" in said
