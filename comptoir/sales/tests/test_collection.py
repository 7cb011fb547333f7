"""Aged receivables, dunning runs, statements and agents' commissions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from comptoir.parties.models import Activity, Company
from comptoir.sales import billing, collection, selectors
from comptoir.sales.models import AgentContract, DunningLetter, Invoice
from comptoir.trade import receivables

from .conftest import make_order
from .test_order_to_cash import delivered_and_invoiced, pdf_text

pytestmark = pytest.mark.django_db


def overdue_invoice(client, product, user, days_overdue, quantity="10"):  # type: ignore[no-untyped-def]
    invoice = delivered_and_invoiced(make_order(client, product, quantity, "79"), user)
    return set_overdue(invoice, days_overdue)


def set_overdue(invoice, days_overdue):  # type: ignore[no-untyped-def]
    Invoice.objects.filter(pk=invoice.pk).update(
        due_date=dt.date.today() - dt.timedelta(days=days_overdue)
    )
    return Invoice.objects.get(pk=invoice.pk)


def test_aged_receivables_put_each_balance_in_its_bucket(seller, clients, product, assistant):
    fr, de = clients["fr"], clients["de"]
    # Invoiced first (credit control holds orders of clients already late), then aged.
    a, b, c, not_due = (
        delivered_and_invoiced(make_order(client, product, "10", "79"), assistant)
        for client in (fr, fr, de, de)
    )
    set_overdue(a, 10)  # 948.00 (VAT included)
    set_overdue(b, 45)
    set_overdue(c, 120)  # 790.00, exempt
    not_due = set_overdue(not_due, -5)
    billing.record_payment(
        client=de,
        received_on=dt.date.today(),
        amount=Decimal("90"),
        currency="EUR",
        allocations={not_due.pk: Decimal("90")},
        user=assistant,
    )
    report = selectors.aged_receivables(dt.date.today())
    rows = {row.label: row for row in report["rows"]}
    assert rows["Cuisines Lyonnaises"].buckets["1-30"] == Decimal("948.00")
    assert rows["Cuisines Lyonnaises"].buckets["31-60"] == Decimal("948.00")
    assert rows["Küchenhaus Berger GmbH"].buckets["over_90"] == Decimal("790.00")
    assert rows["Küchenhaus Berger GmbH"].buckets["not_due"] == Decimal("700.00")
    assert report["eur_total"] == Decimal("948.00") * 2 + Decimal("790.00") + Decimal("700.00")
    # The database buckets agree with the trade core's rule for every invoice.
    for inv in selectors.open_invoices().annotate(b=selectors.bucket_case(dt.date.today())):
        assert inv.b == receivables.bucket(inv.due_date, dt.date.today())


def test_dunning_run_proposes_one_level_at_a_time_and_records_the_letter(
    seller, clients, product, assistant, django_capture_on_commit_callbacks
):
    client = clients["de"]
    client.email = "accounts@kuechenhaus.example"
    client.save()
    invoice = overdue_invoice(client, product, assistant, 45)
    (proposal,) = selectors.dunning_proposals()
    # 45 days late reaches level 3 (40 days), but level 1 has never been sent: level 1 first.
    assert proposal.level.level == 1 and [i.pk for i in proposal.invoices] == [invoice.pk]
    with django_capture_on_commit_callbacks(execute=True):
        letter = collection.send_dunning(
            client=client, level_number=1, invoice_ids=[invoice.pk], user=assistant
        )
    assert letter.total_due == Decimal("790.00") and letter.language == "en"
    assert "Friendly reminder" in pdf_text(bytes(letter.pdf))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["accounts@kuechenhaus.example"]
    assert mail.outbox[0].attachments[0][2] == "application/pdf"
    assert Activity.objects.filter(company=client, subject__contains=invoice.number).exists()
    assert selectors.in_dunning(client)
    # Nothing more today; level 2 becomes due 7 days after the first letter.
    assert selectors.dunning_proposals() == []
    later = selectors.dunning_proposals(dt.date.today() + dt.timedelta(days=7))
    assert [p.level.level for p in later] == [2]


def test_a_paid_invoice_leaves_the_dunning(seller, clients, product, assistant):
    client = clients["fr"]
    invoice = overdue_invoice(client, product, assistant, 20)
    collection.send_dunning(client=client, level_number=1, invoice_ids=[invoice.pk], user=assistant)
    billing.record_payment(
        client=client,
        received_on=dt.date.today(),
        amount=invoice.gross_total,
        currency="EUR",
        allocations={invoice.pk: invoice.gross_total},
        user=assistant,
    )
    assert not selectors.in_dunning(client)
    assert selectors.dunning_proposals(dt.date.today() + dt.timedelta(days=30)) == []


def test_the_french_client_gets_a_french_letter(seller, clients, product, assistant):
    client = clients["fr"]
    invoice = overdue_invoice(client, product, assistant, 25)
    letter = collection.send_dunning(
        client=client, level_number=1, invoice_ids=[invoice.pk], user=assistant
    )
    assert letter.language == "fr"
    assert "Relance amiable" in pdf_text(bytes(letter.pdf))
    assert DunningLetter.objects.count() == 1


def test_statement_of_account_runs_the_balance(seller, clients, product, assistant):
    client = clients["fr"]
    invoice = delivered_and_invoiced(make_order(client, product, "10", "79"), assistant)
    billing.record_payment(
        client=client,
        received_on=dt.date.today(),
        amount=Decimal("300"),
        currency="EUR",
        allocations={invoice.pk: Decimal("300")},
        user=assistant,
    )
    statement = selectors.statement(client)
    assert statement["balances"] == {"EUR": Decimal("648.00")}
    assert [e["balance"] for e in statement["entries"]] == [Decimal("948.00"), Decimal("648.00")]


def test_commission_on_what_the_territory_paid_without_vat(seller, clients, product, assistant):
    agent = Company(name="Agence Rhin", country="DE")
    agent.role_list = ["agent"]
    agent.save()
    contract = AgentContract.objects.create(
        agent=agent, countries="DE, AT", rate_pct=Decimal("5"), valid_from=dt.date(2026, 1, 1)
    )
    de_invoice = delivered_and_invoiced(make_order(clients["de"], product, "10", "79"), assistant)
    fr_invoice = delivered_and_invoiced(make_order(clients["fr"], product, "10", "79"), assistant)
    for client, invoice, amount in (
        (clients["de"], de_invoice, Decimal("500")),
        (clients["fr"], fr_invoice, Decimal("948")),
    ):
        billing.record_payment(
            client=client,
            received_on=dt.date.today(),
            amount=amount,
            currency="EUR",
            allocations={invoice.pk: amount},
            user=assistant,
        )
    statement = selectors.commission_statement(
        contract, dt.date.today() - dt.timedelta(days=1), dt.date.today()
    )
    assert [r["invoice"] for r in statement["rows"]] == [de_invoice]  # France is not its territory
    assert statement["base"] == Decimal("500.00")  # intra-EU: no VAT in the amount paid
    assert statement["commission"] == Decimal("25.00")


def test_order_page_flags_a_client_in_dunning(seller, clients, product, assistant, client):
    company = clients["fr"]
    invoice = overdue_invoice(company, product, assistant, 20)
    collection.send_dunning(
        client=company, level_number=1, invoice_ids=[invoice.pk], user=assistant
    )
    order = make_order(company, product, "1", "79")
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "en"
    page = client.get(order.get_absolute_url()).content.decode()
    assert "order-dunning-flag" in page
    assert selectors.credit_exposure(order)["oldest_overdue_days"] == 20


def test_aged_receivables_page_and_export(seller, clients, product, assistant, client):
    invoice = overdue_invoice(clients["fr"], product, assistant, 40)
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "en"
    page = client.get("/sales/receivables/?group=client").content.decode()
    assert "Cuisines Lyonnaises" in page and "948" in page
    csv = client.get("/sales/receivables/?group=client&format=csv").content.decode("utf-8-sig")
    header, row = csv.strip().splitlines()[:2]
    assert header.split(",")[2:7] == ["not_due", "1-30", "31-60", "61-90", "over_90"]
    assert Decimal(row.split(",")[4]) == Decimal("948.00") == invoice.balance_due


def test_managers_set_the_dunning_delays(manager, assistant, client):
    from comptoir.sales.models import DunningLevel

    levels = list(DunningLevel.objects.order_by("level"))
    assert [lv.days_after_due for lv in levels] == [7, 21, 40, 60]  # the defaults
    data = {
        "form-TOTAL_FORMS": "4",
        "form-INITIAL_FORMS": "4",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, lv in enumerate(levels):
        for f in ("level", "name_fr", "name_en", "text_fr", "text_en"):
            data[f"form-{i}-{f}"] = str(getattr(lv, f))
        data[f"form-{i}-id"] = str(lv.pk)
        data[f"form-{i}-days_after_due"] = str(lv.days_after_due)
    client.cookies["comptoir_language"] = "en"
    client.force_login(assistant)
    assert client.post("/sales/dunning/procedure/", data).status_code == 403
    client.force_login(manager)
    data["form-0-days_after_due"] = "30"  # later than level 2: refused
    response = client.post("/sales/dunning/procedure/", data)
    assert "strictly later" in response.content.decode()
    data["form-0-days_after_due"] = "10"
    assert client.post("/sales/dunning/procedure/", data).status_code == 302
    assert DunningLevel.objects.get(level=1).days_after_due == 10


def test_a_letter_preview_without_open_invoices_is_not_found(seller, clients, assistant, client):
    client.force_login(assistant)
    response = client.get(f"/sales/dunning/preview/{clients['fr'].pk}/1/", {"invoices": "999"})
    assert response.status_code == 404


def test_aged_receivables_export_writes_no_live_formula(
    seller, clients, product, assistant, client
):
    from comptoir.documents.tests.exports_check import assert_csv_is_inert, assert_xlsx_is_inert
    from comptoir.parties.models import Company

    evil = '=HYPERLINK("http://evil.example","Pay here")'
    Company.objects.filter(pk=clients["fr"].pk).update(name=evil)
    clients["fr"].refresh_from_db()
    overdue_invoice(clients["fr"], product, assistant, 40)
    client.force_login(assistant)
    csv = client.get("/sales/receivables/?group=client&format=csv").content
    assert_csv_is_inert(csv, evil)
    xlsx = client.get("/sales/receivables/?group=client&format=xlsx").content
    assert_xlsx_is_inert(xlsx, evil)


def test_dunning_preview_with_ids_that_are_not_ids_is_a_400(
    seller, clients, product, assistant, client
):
    overdue_invoice(clients["fr"], product, assistant, 40)
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "en"
    client.raise_request_exception = False
    url = f"/sales/dunning/preview/{clients['fr'].pk}/1/"
    response = client.get(url, {"invoices": "1,²"})  # "²".isdigit() is true: once a 500
    assert response.status_code == 400 and "record ids" in response.content.decode()
    response = client.get(url, {"invoices": ",".join(str(n) for n in range(1, 1000))})
    assert response.status_code == 400 and "at most 500" in response.content.decode()
