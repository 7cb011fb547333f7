"""Company and contact rules, imports (all or nothing), exports, GDPR."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from comptoir.parties import services
from comptoir.parties.forms import CompanyForm, ContactForm
from comptoir.parties.models import Activity, Company, Contact

from .factories import company, contact

pytestmark = pytest.mark.django_db


def company_data(**overrides):
    data = {
        "name": "Casa Cucina S.r.l.",
        "roles_field": ["client"],
        "country": "IT",
        "city": "Milan",
        "language": "en",
        "currency": "EUR",
        "vat_number": "IT00743110157",
        "payment_days": "60",
        "credit_limit": "120000",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_company_form_normalises_identifiers_and_guesses_time_zone():
    form = CompanyForm(
        data=company_data(
            vat_number="00743110157",
            phone="02 8736 2210",
            iban="IT60 X054 2811 1010 0000 0123 456",
            bic="BPMOIT22XXX",
        )
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.vat_number == "IT00743110157"
    assert saved.phone == "+390287362210"
    assert saved.iban == "IT60X0542811101000000123456"
    assert saved.time_zone == "Europe/Rome"
    assert saved.role_list == ["client"]


def test_city_picks_the_time_zone_in_a_country_with_several():
    form = CompanyForm(
        data=company_data(
            name="Chef's Table", country="US", city="Los Angeles", vat_number="", currency="USD"
        )
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["time_zone"] == "America/Los_Angeles"


def test_company_form_names_each_wrong_field():
    form = CompanyForm(
        data=company_data(vat_number="IT00743110158", iban="FR76 0000", eori="XX", roles_field=[])
    )
    assert not form.is_valid()
    assert set(form.errors) >= {"vat_number", "iban", "eori", "roles_field"}
    assert "check digits" in form.errors["vat_number"][0]


def test_vat_number_is_unique():
    company(name="First", country="IT", vat_number="IT00743110157")
    form = CompanyForm(data=company_data())
    assert not form.is_valid()
    assert "First" in form.errors["vat_number"][0]


def test_negative_credit_limit_is_refused():
    form = CompanyForm(data=company_data(credit_limit="-1"))
    assert not form.is_valid() and "credit_limit" in form.errors


def test_bic_of_another_country_than_the_iban_is_flagged():
    form = CompanyForm(data=company_data(iban="IT60X0542811101000000123456", bic="COBADEFFXXX"))
    assert not form.is_valid() and "bic" in form.errors


def test_contact_phone_uses_the_company_country_and_consent_needs_a_date():
    firm = company()
    form = ContactForm(
        data={
            "company": firm.pk,
            "last_name": "Vogel",
            "phone": "089 54321785",
            "language": "en",
            "lawful_basis": "consent",
        }
    )
    assert not form.is_valid()
    assert "consent_date" in form.errors
    form = ContactForm(
        data={
            "company": firm.pk,
            "last_name": "Vogel",
            "phone": "089 54321785",
            "language": "en",
            "lawful_basis": "consent",
            "consent_date": "2026-01-15",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+498954321785"


def test_mailable_excludes_opted_out_and_erased_people(manager):
    firm = company()
    keep = contact(firm, last_name="Keep", email="keep@example.com")
    out = contact(firm, last_name="Out", email="out@example.com")
    gone = contact(firm, last_name="Gone", email="gone@example.com")
    contact(firm, last_name="NoMail", email="")
    services.set_opt_out(contact=out, opted_out=True, user=manager)
    services.erase_person(contact=gone, user=manager)
    assert list(Contact.objects.mailable()) == [keep]


# --------------------------------------------------------------------------- import

GOOD_CSV = (
    "name;roles;country;city;vat_number;currency;credit_limit;payment_days\n"
    "Küchenhaus Berger GmbH;client;DE;Munich;DE136695976;EUR;150000;60\n"
    "Harcourt Kitchen Supplies Ltd;Client, Distributeur;GB;London;GB980780684;GBP;50 000,00;30\n"
)


def test_import_csv_creates_every_row(manager):
    report = services.import_table(
        kind="companies", stream=io.BytesIO(GOOD_CSV.encode()), filename="c.csv", user=manager
    )
    assert report.ok, report.errors
    assert report.created == 2
    harcourt = Company.objects.get(name__startswith="Harcourt")
    assert harcourt.role_list == ["client", "distributor"]
    assert str(harcourt.credit_limit) == "50000.00"
    assert harcourt.history.first().history_user == manager


def test_import_with_one_bad_row_changes_nothing_and_reports_row_and_column(assistant):
    bad = (
        GOOD_CSV + "Bad Co;client;FR;Paris;FR41303265045;EUR;0;30\nNo Country;client;;X;;EUR;0;30\n"
    )
    report = services.import_table(
        kind="companies", stream=io.BytesIO(bad.encode()), filename="c.csv", user=assistant
    )
    assert not report.ok
    assert Company.objects.count() == 0
    found = {(e.row, e.column) for e in report.errors}
    assert (4, "vat_number") in found
    assert (5, "country") in found


def test_import_rejects_duplicate_vat_inside_the_file(manager):
    dup = GOOD_CSV + "Copy GmbH;client;DE;Berlin;DE 136 695 976;EUR;0;30\n"
    report = services.import_table(
        kind="companies", stream=io.BytesIO(dup.encode()), filename="c.csv", user=manager
    )
    assert [(e.row, e.column) for e in report.errors] == [(4, "vat_number")]
    assert Company.objects.count() == 0


def test_import_reports_unknown_role_and_missing_columns(assistant):
    report = services.import_table(
        kind="companies",
        stream=io.BytesIO(b"name,country\nX,FR\n"),
        filename="c.csv",
        user=assistant,
    )
    assert report.errors[0].row == 1 and "roles" in report.errors[0].column
    report = services.import_table(
        kind="companies",
        stream=io.BytesIO(b"name,roles,country\nX,pirate,FR\n"),
        filename="c.csv",
        user=assistant,
    )
    assert (2, "roles") in {(e.row, e.column) for e in report.errors}


def test_import_xlsx_contacts_links_to_companies(assistant):
    firm = company()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["company", "first_name", "last_name", "email", "phone", "opted_out"])
    sheet.append([firm.name, "Anja", "Vogel", "a.vogel@example.de", "089 54321785", "non"])
    sheet.append([firm.vat_number or firm.name, "Jan", "Roth", "j.roth@example.de", "", "oui"])
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    report = services.import_table(
        kind="contacts", stream=out, filename="people.xlsx", user=assistant
    )
    assert report.ok, report.errors
    assert firm.contacts.count() == 2
    assert Contact.objects.get(last_name="Roth").opted_out is True


def test_import_contact_of_unknown_company_is_reported(assistant):
    data = b"company,last_name\nNobody Ltd,Smith\n"
    report = services.import_table(
        kind="contacts", stream=io.BytesIO(data), filename="p.csv", user=assistant
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "company")]
    assert Contact.objects.count() == 0


def test_export_round_trips_through_import(manager):
    services.import_table(
        kind="companies", stream=io.BytesIO(GOOD_CSV.encode()), filename="c.csv", user=manager
    )
    header, rows = services.company_rows(Company.objects.all())
    from comptoir.documents.tabular import write_xlsx

    data = write_xlsx(header, rows, "companies")
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == header
    assert sheet.max_row == 3
    Company.objects.all().delete()
    report = services.import_table(
        kind="companies", stream=io.BytesIO(data), filename="again.xlsx", user=manager
    )
    assert report.ok, report.errors
    assert Company.objects.count() == 2


# --------------------------------------------------------------------------- GDPR


def test_gdpr_export_holds_the_person_and_their_exchanges(assistant):
    firm = company()
    person = contact(firm)
    services.log_activity(
        company=firm,
        user=assistant,
        kind="call",
        subject="Price list",
        contact=person,
        body="Asked for USD",
    )
    data = services.export_person(person)
    assert data["person"]["email"] == "s.berger@example.de"
    assert data["activities"][0]["details"] == "Asked for USD"
    json.dumps(data)  # JSON-serialisable


def test_gdpr_erasure_anonymises_and_keeps_company_records(manager):
    firm = company()
    person = contact(firm, phone="+498954321780", notes="Likes football")
    services.log_activity(
        company=firm,
        user=manager,
        kind="call",
        subject="Called Stefan",
        contact=person,
        body="private",
    )
    services.erase_person(contact=person, user=manager)
    person.refresh_from_db()
    assert person.erased_at is not None
    assert (person.first_name, person.email, person.phone, person.notes) == ("", "", "", "")
    activity = Activity.objects.get()
    assert activity.company == firm and activity.body == "" and activity.subject == services.ERASED
    # The audit trail no longer holds the old personal values.
    assert not person.history.filter(email="s.berger@example.de").exists()
    assert Company.objects.filter(pk=firm.pk).exists()
