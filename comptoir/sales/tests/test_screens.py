"""Order to cash through the screens: forms validate at the edge and nothing half-saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from comptoir.parties.models import Contact, Task
from comptoir.sales.models import Invoice, Offer, Order, Payment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):  # type: ignore[no-untyped-def]
    client.cookies["comptoir_language"] = "en"


def offer_data(client_pk: int, product_pk: int, **overrides: str) -> dict[str, str]:
    today = dt.date.today()
    data = {
        "client": str(client_pk),
        "offer_date": today.isoformat(),
        "valid_until": (today + dt.timedelta(days=30)).isoformat(),
        "currency": "EUR",
        "incoterm": "FCA",
        "incoterm_place": "Thiers",
        "payment_days": "30",
        "payment_instrument": "open_account",
        "transport_mode": "road",
        "lead_time": "3 weeks",
        "target_margin_pct": "35",
        "language": "en",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-product": str(product_pk),
        "lines-0-quantity": "100",
        "lines-0-unit_price": "79.00",
        "lines-0-discount_pct": "0",
        "lines-1-discount_pct": "0",  # the empty rows post their default, as a browser does
        "lines-2-discount_pct": "0",
    }
    data.update(overrides)
    return data


def test_offer_to_order_to_invoice_to_payment_through_the_screens(
    seller, clients, product, assistant, manager, client, django_capture_on_commit_callbacks
):
    customer = clients["de"]
    Contact.objects.create(
        company=customer, first_name="Anna", last_name="Berger", email="anna@berger.example"
    )
    client.force_login(assistant)
    response = client.post(reverse("sales:offer_create"), offer_data(customer.pk, product.pk))
    assert response.status_code == 302, response.content.decode()
    offer = Offer.objects.get()
    assert response.status_code == 302 and offer.number.startswith("OF")
    offer.contact = customer.contacts.get()
    offer.save()
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "offer-margin" in page and "7,900" in page.replace("\u202f", ",").replace(" ", ",")
    client.post(reverse("sales:offer_action", args=[offer.pk, "send"]))
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT
    assert mail.outbox[0].to == ["anna@berger.example"]
    assert mail.outbox[0].attachments[0][0].endswith(".pdf")
    assert Task.objects.filter(company=customer, title__contains=offer.number).exists()
    client.post(
        reverse("sales:offer_action", args=[offer.pk, "accept"]), {"client_reference": "PO-77"}
    )
    order = Order.objects.get(offer=offer)
    assert order.client_reference == "PO-77" and order.lines.get().quantity == 100
    closed = Task.objects.get(title__contains=offer.number)
    assert closed.done_at is not None
    # closed by the parties' service: its history names who decided, and why
    last = closed.history.first()
    assert last.history_user == assistant and last.history_change_reason == "offer accepted"
    client.post(reverse("sales:order_action", args=[order.pk, "confirm"]))
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED
    line = order.lines.get()
    client.post(
        reverse("sales:order_action", args=[order.pk, "deliver"]),
        {f"qty_{line.pk}": "60", "planned_date": dt.date.today().isoformat()},
    )
    delivery = order.deliveries.get()
    client.post(
        reverse("sales:delivery_action", args=[delivery.pk, "ship"]),
        {"shipped_on": dt.date.today().isoformat()},
    )
    client.post(reverse("sales:delivery_action", args=[delivery.pk, "invoice"]))
    invoice = Invoice.objects.get(delivery=delivery)
    client.post(reverse("sales:invoice_action", args=[invoice.pk, "issue"]))
    invoice.refresh_from_db()
    assert invoice.is_issued and invoice.gross_total == Decimal("4740.00")
    response = client.post(
        reverse("sales:payment_create", args=[customer.pk]),
        {
            "received_on": dt.date.today().isoformat(),
            "amount": "4740.00",
            "currency": "EUR",
            f"alloc_{invoice.pk}": "4740.00",
        },
    )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.paid_total == Decimal("4740.00")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"lines-0-quantity": "0"}, "greater than or equal to 0.001"),
        ({"lines-0-quantity": "-2"}, "greater than or equal to 0.001"),
        ({"valid_until": "2020-01-01"}, "already past"),
        ({"currency": "XXZ"}, "Select a valid choice"),
        ({"lines-0-unit_price": "-1"}, "greater than or equal to 0"),
    ],
)
def test_bad_offers_are_refused_and_nothing_saved(
    seller, clients, product, assistant, client, overrides, message
):
    client.force_login(assistant)
    response = client.post(
        reverse("sales:offer_create"), offer_data(clients["fr"].pk, product.pk, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Offer.objects.count() == 0


def test_a_held_order_shows_why_and_only_a_manager_releases_it(
    seller, clients, product, assistant, manager, client
):
    from .conftest import make_order

    order = make_order(clients["fr"], product, "1000", "79")  # 79 000 > 20 000
    client.force_login(assistant)
    client.post(reverse("sales:order_action", args=[order.pk, "confirm"]))
    order.refresh_from_db()
    assert order.status == Order.Status.ON_HOLD
    page = client.get(order.get_absolute_url()).content.decode()
    assert "credit-hold" in page and "release-order" not in page
    client.post(reverse("sales:order_action", args=[order.pk, "release"]), {"reason": "ok"})
    order.refresh_from_db()
    assert order.status == Order.Status.ON_HOLD
    client.force_login(manager)
    client.post(
        reverse("sales:order_action", args=[order.pk, "release"]),
        {"reason": "Bank guarantee received"},
    )
    order.refresh_from_db()
    assert (
        order.status == Order.Status.CONFIRMED and order.release_reason == "Bank guarantee received"
    )


def test_payment_over_the_balance_is_refused_on_the_screen(
    seller, clients, product, assistant, client
):
    from .conftest import make_order
    from .test_order_to_cash import delivered_and_invoiced

    invoice = delivered_and_invoiced(make_order(clients["fr"], product, "1", "79"), assistant)
    client.force_login(assistant)
    response = client.post(
        reverse("sales:payment_create", args=[clients["fr"].pk]),
        {
            "received_on": dt.date.today().isoformat(),
            "amount": "500",
            "currency": "EUR",
            f"alloc_{invoice.pk}": "500",
        },
    )
    assert response.status_code == 200
    assert "still due" in response.content.decode()
    assert Payment.objects.count() == 0


def test_read_only_users_cannot_issue_or_record(
    seller, clients, product, assistant, reader, client
):
    from .conftest import make_order

    order = make_order(clients["fr"], product, "1", "79")
    client.force_login(reader)
    assert client.post(reverse("sales:order_action", args=[order.pk, "confirm"])).status_code == 403
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    assert client.get(order.get_absolute_url()).status_code == 200


def test_pdfs_of_offer_order_and_delivery(seller, clients, product, assistant, client):
    from comptoir.sales import services

    from .conftest import make_order
    from .test_order_to_cash import pdf_text

    order = services.confirm_order(
        order=make_order(clients["fr"], product, "10", "79"), user=assistant
    )
    delivery = services.create_delivery(
        order=order,
        user=assistant,
        planned_date=dt.date.today(),
        quantities={order.lines.get().pk: Decimal("10")},
    )
    client.force_login(assistant)
    confirmation = pdf_text(
        client.get(reverse("sales:order_pdf", args=[order.pk, "confirmation"])).content
    )
    proforma = pdf_text(client.get(reverse("sales:order_pdf", args=[order.pk, "proforma"])).content)
    note = pdf_text(client.get(reverse("sales:delivery_pdf", args=[delivery.pk])).content)
    # The client's documents are in French.
    assert "CONFIRMATION DE COMMANDE" in confirmation and order.number in confirmation
    assert "FACTURE PRO FORMA" in proforma.upper().replace("-", " ")
    assert "BON DE LIVRAISON" in note and "5 cartons" in note  # 10 units at 2 per carton


def test_invoice_search_by_number_or_client(seller, clients, product, assistant, client):
    from .conftest import make_order
    from .test_order_to_cash import delivered_and_invoiced

    fr = delivered_and_invoiced(make_order(clients["fr"], product, "1", "79"), assistant)
    de = delivered_and_invoiced(make_order(clients["de"], product, "1", "79"), assistant)
    client.force_login(assistant)
    by_number = client.get("/sales/invoices/", {"q": "FA2026-00002"}).content.decode()
    assert de.number in by_number and fr.number not in by_number
    by_client = client.get("/sales/invoices/", {"q": "lyonnaises"}).content.decode()
    assert fr.number in by_client and de.number not in by_client


def test_the_client_is_picked_by_typing_not_from_a_list_of_every_company(
    seller, clients, product, assistant, client
):
    client.force_login(assistant)
    page = client.get("/sales/offers/new/").content.decode()
    assert 'id="id_client_search"' in page
    assert "Küchenhaus" not in page  # no select listing every company
    preset = client.get(f"/sales/offers/new/?client={clients['de'].pk}").content.decode()
    assert 'value="Küchenhaus Berger GmbH"' in preset
    found = client.get("/sales/clients/suggest/", {"client_search": "küchen", "field": "id_client"})
    assert (
        "Küchenhaus Berger GmbH" in found.content.decode()
        and "Lyonnaises" not in found.content.decode()
    )
    assert (
        "No client matches" in client.get("/sales/clients/suggest/", {"q": "zzz"}).content.decode()
    )


def test_a_wrong_date_or_quantity_on_a_delivery_is_said_and_nothing_saved(
    seller, clients, product, assistant, client
):
    from comptoir.sales import services

    from .conftest import make_order

    order = services.confirm_order(
        order=make_order(clients["fr"], product, "10", "79"), user=assistant
    )
    line = order.lines.get()
    client.force_login(assistant)
    url = reverse("sales:order_action", args=[order.pk, "deliver"])
    page = client.post(url, {f"qty_{line.pk}": "5", "planned_date": "31/12/2026"}, follow=True)
    assert "31/12/2026 is not a date." in page.content.decode()
    page = client.post(url, {f"qty_{line.pk}": "five", "planned_date": "2026-12-01"}, follow=True)
    assert "five is not a quantity." in page.content.decode()
    assert order.deliveries.count() == 0
