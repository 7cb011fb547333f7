"""The screening pages (FR/EN, no write on GET), the review from the page, the company
section, the list upload, the API and the command line."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comptoir.compliance import download, services
from comptoir.compliance.models import Hit, HitStatus, ListVersion
from comptoir.parties.models import Company, Contact

from .conftest import sample

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def hit(lists):  # type: ignore[no-untyped-def]
    firm = Company.objects.create(name="Gulf Star Hotels", country="AE", roles=",client,")
    contact = Contact.objects.create(company=firm, first_name="Omar", last_name="Al Mansouri")
    return services.screen_contact(contact=contact)[0]


def test_pages_in_english_and_french_without_writes(hit, assistant_client):  # type: ignore[no-untyped-def]
    urls = [
        reverse("compliance:hit_list"),
        reverse("compliance:hit_list") + "?status=all&source=un&q=mansour",
        hit.get_absolute_url(),
        reverse("compliance:list_versions"),
        reverse("compliance:screen_name") + "?name=Alexander+Wolkow&kind=person&country=RU",
        hit.contact.company.get_absolute_url(),
    ]
    assistant_client.get(urls[0])
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = assistant_client.get(url)
        assert response.status_code == 200, url
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], url
    assistant_client.post(reverse("set_language"), {"language": "en"})
    page = assistant_client.get(hit.get_absolute_url()).content.decode()
    assert "UMAR ABDULLAH AL-MANSURI" in page and "QDi.901" in page
    assert "Matched on an alias of the entry" in page and "sounds like" in page
    assert "hit-review" not in page  # an assistant does not review
    screened = assistant_client.get(urls[4]).content.decode()
    assert "Aleksandr Petrovich VOLKOV" in screened
    assistant_client.post(reverse("set_language"), {"language": "fr"})
    french = assistant_client.get(hit.get_absolute_url()).content.decode()
    assert "Trouvé sur un autre nom de l’inscription" in french
    assert "Liste consolidée du Conseil de sécurité de l’ONU" in french
    company = assistant_client.get(hit.contact.company.get_absolute_url()).content.decode()
    assert "company-screening" in company and "en attente de l’examen" in company


def test_an_old_list_is_flagged_and_a_hit_has_its_history(hit, assistant_client):  # type: ignore[no-untyped-def]
    ListVersion.objects.filter(source="ofac").update(
        imported_at=timezone.now() - dt.timedelta(days=8)
    )
    assistant_client.post(reverse("set_language"), {"language": "en"})
    page = assistant_client.get(reverse("compliance:list_versions")).content.decode()
    assert page.count("imported more than a week ago") == 1
    history = assistant_client.get(reverse("history", args=["compliance", "hit", hit.pk]))
    assert history.status_code == 200


def test_a_manager_reviews_from_the_page(hit, client, manager):  # type: ignore[no-untyped-def]
    client.force_login(manager)
    page = client.get(hit.get_absolute_url()).content.decode()
    assert "hit-review" in page
    refused = client.post(
        reverse("compliance:hit_review", args=[hit.pk]),
        {"status": "false_positive", "reason": "no"},
        follow=True,
    )
    assert "Say why" in refused.content.decode() or "Dites pourquoi" in refused.content.decode()
    client.post(
        reverse("compliance:hit_review", args=[hit.pk]),
        {"status": "false_positive", "reason": "Born 1979 in Dubai (passport copy on file)."},
    )
    hit.refresh_from_db()
    assert hit.status == HitStatus.FALSE_POSITIVE and hit.reviewed_by == manager


def test_an_assistant_cannot_review_and_a_reader_cannot_screen(
    hit, assistant_client, reader_client
):  # type: ignore[no-untyped-def]
    response = assistant_client.post(
        reverse("compliance:hit_review", args=[hit.pk]),
        {"status": "confirmed", "reason": "Looks like the same person to me."},
    )
    assert response.status_code in (302, 403)
    hit.refresh_from_db()
    assert hit.status == HitStatus.OPEN
    company = hit.contact.company
    assert (
        reader_client.post(reverse("compliance:screen_company", args=[company.pk])).status_code
        == 403
    )


def test_screen_again_from_the_company_page(lists, assistant_client):  # type: ignore[no-untyped-def]
    firm = Company.objects.create(name="Severnaya Stal Trading LLC", country="RU")
    assert not Hit.objects.exists()  # saved without its commit callbacks: not screened yet
    response = assistant_client.post(reverse("compliance:screen_company", args=[firm.pk]))
    assert response.status_code == 302
    assert Hit.objects.get(company=firm).entry_ref == "EU.9002.02"


def test_an_administrator_uploads_a_list(
    db, client, django_user_model, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    upload = SimpleUploadedFile("sdn.xml", sample("ofac_sdn_sample.xml"), "text/xml")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("compliance:list_import"), {"file": upload})
    version = ListVersion.objects.get()
    assert version.source == "ofac" and version.imported_by == admin
    bad = SimpleUploadedFile("list.csv", b"name\nAcme\n", "text/csv")
    page = client.post(reverse("compliance:list_import"), {"file": bad}, follow=True)
    assert "Not a sanctions list" in page.content.decode()


def test_the_api_lists_reviews_and_screens(hit, client, manager, reader):  # type: ignore[no-untyped-def]
    client.force_login(manager)
    client.cookies["comptoir_language"] = "en"
    listed = client.get("/api/sanctions/hits/").json()
    assert listed["count"] == 1 and listed["results"][0]["entry_ref"] == "QDi.901"
    assert "Matched on an alias of the entry" in listed["results"][0]["reasons"]
    refused = client.post(
        f"/api/sanctions/hits/{hit.pk}/review/",
        {"status": "confirmed", "reason": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "reason" in refused.json()
    done = client.post(
        f"/api/sanctions/hits/{hit.pk}/review/",
        {"status": "false_positive", "reason": "Different person: born 1979, Emirati."},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "false_positive"
    versions = client.get("/api/sanctions/lists/").json()
    assert {v["source"] for v in versions["results"]} == {"eu", "un", "ofac", "uk"}
    screened = client.post(
        "/api/sanctions/screen",
        {"name": "Muhammad Reza Taherkhani", "kind": "person", "birth_year": 1965},
        content_type="application/json",
    )
    body = screened.json()
    assert body["matches"][0]["entry_ref"] == "990002" and body["matches"][0]["score"] >= 90
    assert "Same year of birth" in body["matches"][0]["reasons"]
    bad = client.post("/api/sanctions/screen", {"kind": "ship"}, content_type="application/json")
    assert bad.status_code == 400 and {"name", "kind"} <= set(bad.json())
    client.force_login(reader)
    assert (
        client.post(
            f"/api/sanctions/hits/{hit.pk}/review/",
            {"status": "confirmed", "reason": "Read-only users never write."},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_the_command_line_imports_updates_and_screens(
    db, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    path = tmp_path / "consolidated.xml"
    path.write_bytes(sample("un_consolidated_sample.xml"))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sanctions", "import", str(path), stdout=out)
    assert "2 entries (1 persons, 1 entities)" in out.getvalue()
    call_command("sanctions", "import", str(path), stdout=out)
    assert "already the version in use" in out.getvalue()
    with pytest.raises(CommandError, match="No such file"):
        call_command("sanctions", "import", str(tmp_path / "none.xml"))

    def offline(source, **kwargs):  # type: ignore[no-untyped-def]
        raise download.DownloadError(f"{download.urls()[source]} could not be reached (offline).")

    monkeypatch.setattr(download, "fetch", offline)
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 list"):
        call_command("sanctions", "update", stderr=err)
    assert "could not be reached" in err.getvalue()
    out = io.StringIO()
    call_command("sanctions", "status", stdout=out)
    assert "un    published 2026-11-30" in out.getvalue() and "eu    not loaded" in out.getvalue()
    out = io.StringIO()
    call_command("sanctions", "screen", "Omar Al Mansouri", "--person", stdout=out)
    assert "UMAR ABDULLAH AL-MANSURI" in out.getvalue()


def test_the_download_is_bounded_and_says_when_offline(monkeypatch):  # type: ignore[no-untyped-def]
    import urllib.error
    import urllib.request

    def unreachable(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", unreachable)
    with pytest.raises(download.DownloadError, match="Is this machine online"):
        download.fetch("un", timeout=1)

    class Big:
        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *args):  # type: ignore[no-untyped-def]
            return False

        def read(self, size):  # type: ignore[no-untyped-def]
            return b"x" * size

    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: Big())
    with pytest.raises(download.DownloadError, match="refused"):
        download.fetch("ofac", timeout=1)
