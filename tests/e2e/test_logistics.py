"""The logistics coordinator's day in the browser, in French and in English (issue 12): from a
delivery to a shipment, three freight quotes asked, entered, compared and one chosen, the
document set issued and printed, a consistency error made and fixed, the tracking to the
delivery (a step out of order refused), and a damage claim with its rules and deadlines.

The French run ships sea FCL to a client in Casablanca (B/L instructions, Hague-Visby); the
English run ships by air to a client in Chicago (air waybill instructions, Montreal)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.browser import submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PARIS = ZoneInfo("Europe/Paris")

#: What each run ships, and the few labels it must read in its language.
RUNS: dict[str, dict[str, Any]] = {
    "fr": {
        "client": "Maison du Goût SARL",
        "country": "MA",
        "city": "Casablanca",
        "currency": "EUR",
        "incoterm": "CFR",
        "place": "Casablanca",
        "transport_mode": "sea",
        "mode": "sea_fcl",
        "transport_document": "bl_instructions",
        "convention": "HAGUE_VISBY",
        "choice": ("alpha", "Best score: shortest transit, our agent at Casablanca port."),
        "freight_eur": Decimal("1730.00"),
        "texts": {
            "create": "Créer une expédition",
            "ask": "Demander des cotations de fret",
            "compared": "Comparaison des cotations",
            "booked": "Réservée",
            "chosen": "retenu : l'expédition est réservée chez lui",
            "issued": "Liste de colisage",
            "differences": "1 écart entre les documents",
            "packages": "Nombre de colis",
            "agree": "Les documents concordent.",
            "recorded": "Événement enregistré.",
            "order": "contredit",
            "in_transit": "En transit",
            "delivered": "Livrée",
            "open_claim": "Ouvrir un litige",
            "convention": "Règles de La Haye-Visby (maritime)",
            "time_bar": "Prescription",
            "sdr": ("DTS",),  # droits de tirage spéciaux
            "notice": "Avis écrit avant ou au moment de l'enlèvement de la marchandise",
        },
    },
    "en": {
        "client": "Chef's Table Imports Inc.",
        "country": "US",
        "city": "Chicago",
        "currency": "USD",
        "incoterm": "CPT",
        "place": "Chicago O'Hare airport",
        "transport_mode": "air",
        "mode": "air",
        "transport_document": "awb_instructions",
        "convention": "MONTREAL",
        "choice": ("charlie", "Cheapest, and the client accepts the longer transit."),
        "freight_eur": Decimal("1390.00"),
        "texts": {
            "create": "Create a shipment",
            "ask": "Ask for freight quotes",
            "compared": "Quotes compared",
            "booked": "Booked",
            "chosen": "chosen: the shipment is booked with them",
            "issued": "Packing list",
            "differences": "1 difference between the documents",
            "packages": "Number of packages",
            "agree": "The documents agree.",
            "recorded": "Event recorded.",
            "order": "contradicts",
            "in_transit": "In transit",
            "delivered": "Delivered",
            "open_claim": "Open a claim",
            "convention": "Montreal Convention (air)",
            "time_bar": "Time bar",
            "sdr": ("SDR",),
            "notice": "Written complaint forthwith after discovery and at the latest within 14",
        },
    },
}


@dataclass(frozen=True)
class Desk:
    """What the services prepared before the coordinator opens the browser."""

    delivery: Any
    providers: dict[str, Any]
    run: dict[str, Any]


def _company(name: str, roles: tuple[str, ...], country: str, city: str, **extra: Any) -> Any:
    from comptoir.parties import services as parties
    from comptoir.parties.values import AddressValues, CompanyValues

    company = parties.save_company(
        company=None,
        values=CompanyValues(name=name, roles=roles, country=country, city=city, **extra),
        user=None,
    )
    parties.save_address(
        company=company,
        address=None,
        values=AddressValues(
            kind="billing", line1="1 Main Street", postcode="1000", city=city, country=country
        ),
        user=None,
    )
    return company


def _prepare(language: str, manager: Any) -> Desk:
    """Our company, the client abroad, a product, a confirmed order and its delivery, three
    transport providers, the bank's USD rate: all through the services."""
    from comptoir.calculators.models import ExchangeRate
    from comptoir.catalog import services as catalog
    from comptoir.catalog.values import ProductValues
    from comptoir.common.dates import today
    from comptoir.sales import services as sales
    from comptoir.sales.models import Order, SellerProfile
    from comptoir.sales.terms import TradeTermsValues

    run = RUNS[language]
    day = today()
    sales.save_seller_profile(
        seller=SellerProfile(
            legal_name="Maison Ferrand SAS",
            street="12 rue de la Coutellerie",
            postcode="63300",
            city="Thiers",
            siren="552100554",
            vat_number="FR96552100554",
            eori="FR55210055400010",
            iban="FR7630006000011234567890189",
            bic="AGRIFRPP",
            email="adv@maison-ferrand.example",
        ),
        user=None,
    )
    ExchangeRate.objects.create(
        from_currency="USD", to_currency="EUR", valid_from=dt.date(2020, 1, 1), rate=Decimal("0.92")
    )
    client = _company(
        run["client"],
        ("client",),
        run["country"],
        run["city"],
        language=language,
        currency=run["currency"],
        credit_limit=Decimal("60000"),
        default_incoterm=run["incoterm"],
        incoterm_place=run["place"],
        email="orders@client.example",
    )
    product = catalog.save_product(
        product=None,
        values=ProductValues(
            reference="CF-24-RG",
            name_fr="Cocotte ronde fonte 24 cm",
            name_en="Round cast-iron casserole 24 cm",
            hs_code="732392",
            cn_code="73239200",
            taric_code="7323920000",
            origin_country="FR",
            net_weight_kg=Decimal("4.3"),
            gross_weight_kg=Decimal("4.9"),
            cost_price=Decimal("38.50"),
            units_per_carton=2,
            carton_length_cm=Decimal("54"),
            carton_width_cm=Decimal("33"),
            carton_height_cm=Decimal("20"),
            carton_gross_weight_kg=Decimal("10.4"),
        ),
        user=None,
    )
    order = sales.save_order(
        order=None,
        client=client,
        details=sales.OrderDetails(client_reference="PO-2026-118", order_date=day),
        terms=TradeTermsValues(
            currency=run["currency"],
            incoterm=run["incoterm"],
            incoterm_place=run["place"],
            payment_days=30,
            payment_end_of_month=False,
            payment_instrument="open_account",
            transport_mode=run["transport_mode"],
            language=language,
        ),
        lines=[sales.LineValues(product=product, quantity=Decimal(100), unit_price=Decimal(79))],
        user=manager,
    )
    order = sales.confirm_order(order=order, user=manager)
    assert order.status == Order.Status.CONFIRMED, order.hold_reasons
    line = order.lines.get()
    delivery = sales.create_delivery(
        order=order,
        user=manager,
        planned_date=day + dt.timedelta(days=7),  # the goods are ready next week
        quantities={line.pk: Decimal(100)},
    )
    providers = {
        "alpha": _company(
            "Transports Alpha",
            ("forwarder",),
            "FR",
            "Le Havre",
            language="fr",
            email="cotations@alpha.example",
        ),
        "bravo": _company(
            "Bravo Global Forwarding",
            ("forwarder",),
            "FR",
            "Roissy",
            language="en",
            email="quotes@bravo.example",
        ),
        "charlie": _company(
            "Charlie Cargo Lines",
            ("carrier",),
            "FR",
            "Marseille",
            language="en",
            email="booking@charlie.example",
        ),
    }
    return Desk(delivery=delivery, providers=providers, run=run)


@pytest.fixture
def manager_user(django_user_model):  # type: ignore[no-untyped-def]
    from conftest import make_user

    return make_user(django_user_model, "julien", "manager")


def _switch(page: Any, language: str) -> None:
    page.click(f"button[name=language][value={language}]")
    _wait(page, f"html[lang={language}]")


def _wait(page: Any, selector: str) -> None:
    """Wait for an element of the next step; if it never comes, say what the page shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector(selector)
    except PlaywrightTimeout:
        shown = page.locator("main").inner_text() if page.locator("main").count() else ""
        raise AssertionError(f"{selector} not on {page.url}:\n{shown[:3000]}") from None


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(PARIS).strftime("%Y-%m-%dT%H:%M")


def _messages(page: Any) -> str:
    return str(page.locator("main").inner_text())


@pytest.mark.parametrize("language", ["fr", "en"])
def test_delivery_to_claim(logged_in, manager_user, language):  # type: ignore[no-untyped-def]
    from django.core import mail

    from comptoir.claims.models import Claim
    from comptoir.common.dates import today
    from comptoir.freight.models import FreightRequest, Quote
    from comptoir.shipping.models import Shipment
    from comptoir.shipping_documents.models import ShippingDocument

    desk = _prepare(language, manager_user)
    run, texts, providers = desk.run, desk.run["texts"], desk.providers
    page = logged_in
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _switch(page, language)

    # 1. The delivery page: a shipment in the chosen mode, with the delivery's goods.
    page.goto(desk.delivery.get_absolute_url())
    assert texts["create"] in page.locator("#create-shipment").inner_text()
    page.select_option("#shipment-mode", run["mode"])
    submit(page, "#create-shipment")
    shipment = Shipment.objects.get()
    page.wait_for_url(f"**{shipment.get_absolute_url()}")
    assert shipment.mode == run["mode"]
    assert shipment.packages == 50  # 100 casseroles, 2 per carton
    assert run["client"] in page.locator("main").inner_text()
    shipment_url = page.url

    # 2. Freight quotes: the request to three providers, sent.
    assert texts["ask"] in page.locator("#ask-freight-quotes").inner_text()
    page.click("#ask-freight-quotes")
    _wait(page, "#save-request")
    for provider in providers.values():
        page.check(f"input[name=providers][value='{provider.pk}']")
    page.fill("#id_reply_by", (today() + dt.timedelta(days=2)).isoformat())
    page.fill("#id_services_asked", "Pick-up in Thiers, export clearance, main carriage.")
    submit(page, "#save-request")
    _wait(page, "#send-request")
    freight_request = FreightRequest.objects.get()
    assert page.locator("#recipients tbody tr").count() == 3
    submit(page, "#send-request")
    _wait(page, "#enter-quote")
    freight_request.refresh_from_db()
    assert freight_request.status == FreightRequest.Status.SENT
    # Each provider gets it by e-mail, in their language (Alpha writes French), with its PDF.
    sent_to = {address for message in mail.outbox for address in message.to}
    assert {p.email for p in providers.values()} <= sent_to
    alpha_row = page.locator("#recipients tbody tr", has_text="Transports Alpha")
    assert "FR" in alpha_row.inner_text()
    rfq = page.request.get(alpha_row.locator("a", has_text="PDF").get_attribute("href") or "")
    assert rfq.headers["content-type"] == "application/pdf"
    rfq_text = _pdf_text(rfq.body())
    assert "DEMANDE DE COTATION" in rfq_text.upper()  # French for Alpha, whatever the screen
    assert freight_request.number in rfq_text

    # Three quotes as they come in: prices in their currencies, transit, validity.
    valid = (today() + dt.timedelta(days=20)).isoformat()
    quotes = [
        # provider, currency, [(charge, amount)], transit days, service grade
        ("alpha", "EUR", [("main_carriage", "1450"), ("origin_charges", "280")], 9, 8),
        ("bravo", "USD", [("main_carriage", "1900"), ("documentation", "65")], 12, 6),
        ("charlie", "EUR", [("main_carriage", "1390")], 16, 5),
    ]
    for key, currency, lines, transit, grade in quotes:
        page.click("#enter-quote")
        _wait(page, "#save-quote")
        page.select_option("#id_provider", str(providers[key].pk))
        page.fill("#id_reference", f"Q-{key.upper()}-1")
        page.select_option("#id_currency", currency)
        page.fill("#id_transit_days", str(transit))
        page.fill("#id_valid_until", valid)
        page.fill("#id_service_grade", str(grade))
        for index, (kind, amount) in enumerate(lines):
            page.select_option(f"#id_lines-{index}-kind", kind)
            page.fill(f"#id_lines-{index}-amount", amount)
            page.select_option(f"#id_lines-{index}-currency", currency)
        submit(page, "#save-quote")
        _wait(page, "#quotes-table")
    assert Quote.objects.count() == 3

    # The comparison in EUR with the weighted scores.
    comparison = page.locator("#comparison")
    assert texts["compared"] in comparison.locator("h2").inner_text()
    assert page.locator("#quotes-table tbody tr[id^=quote-]").count() == 3
    for quote in Quote.objects.all():
        score = page.locator(f"#quote-{quote.pk} td.num strong").inner_text().strip()
        assert score not in ("", "—"), f"no score for {quote.provider}"
    assert page.locator("#score-steps li").count() >= 1
    assert "1 USD = 0.92" in comparison.inner_text().replace(",", ".")
    # Bravo's 1 900 + 65 USD at 0.92: 1 807.80 EUR, in the reader's number format.
    bravo = Quote.objects.get(provider=providers["bravo"])
    in_eur = page.locator(f"#quote-{bravo.pk} td.num").nth(1).inner_text()
    assert "".join(c for c in in_eur if c.isdigit()) == "180780"

    # The choice with its reason: the French run takes the forwarder with the best score, the
    # English run the cheapest carrier (not the best score: the reason is required then).
    # Either way the booking goes to them and the shipment is booked with them.
    chosen_key, reason = run["choice"]
    chosen_name = providers[chosen_key].name
    chosen = Quote.objects.get(provider=providers[chosen_key])
    page.click(f"#quote-{chosen.pk} + tr.details summary")
    page.fill(f"#reason-{chosen.pk}", reason)
    before_choice = len(mail.outbox)
    submit(page, f"#choose-{chosen.pk}")
    _wait(page, "#choice")
    assert texts["chosen"] in _messages(page)
    assert chosen_name in page.locator("#choice").inner_text()
    assert reason in page.locator("#choice").inner_text()
    assert page.locator(f"#quote-{chosen.pk}.chosen").count() == 1
    booking = page.request.get(
        page.locator("#choice a[href$='booking.pdf']").get_attribute("href") or ""
    )
    assert booking.headers["content-type"] == "application/pdf"
    booked_to = providers[chosen_key].email
    assert any(booked_to in m.to for m in mail.outbox[before_choice:])
    page.goto(shipment_url)
    shipment.refresh_from_db()
    if chosen_key == "charlie":  # a carrier
        assert shipment.carrier_id == providers["charlie"].pk
    else:  # a forwarder
        assert shipment.forwarder_id == providers[chosen_key].pk
    assert shipment.freight_cost == run["freight_eur"]
    assert chosen_name in page.locator("main .facts").first.inner_text()
    assert page.locator("#shipment-status").inner_text().strip() == texts["booked"]

    # 3. The document set: the packing list and the transport document instructions issued.
    document = run["transport_document"]
    submit(page, "#issue-packing_list")
    _wait(page, "#doc-packing_list a.button[href*='/pdf/']")
    assert texts["issued"] in _messages(page)
    submit(page, f"#issue-{document}")
    _wait(page, f"#doc-{document} a.button[href*='/pdf/']")
    assert page.locator("#consistency-ok").is_visible()
    set_url = page.url
    href = page.locator("#doc-packing_list a.button[href*='/pdf/']").get_attribute("href")
    pdf = page.request.get(href or "")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:5] == b"%PDF-"
    # In the client's language (the partner's), with the shipment's count.
    printed = _pdf_text(pdf.body())
    assert texts["issued"].upper() in printed.upper()
    assert shipment.number in printed

    # The warehouse repacked into 52 cartons: the shipment is corrected after the documents.
    page.goto(shipment_url)
    page.click("#edit-shipment")
    _wait(page, "#id_packages")
    page.fill("#id_packages", "52")
    submit(page, "main form button.primary")
    page.wait_for_url(f"**{shipment.get_absolute_url()}")
    page.goto(set_url)
    differences = page.locator("#consistency-errors")
    assert differences.is_visible()
    listed = differences.inner_text()
    assert texts["differences"] in listed
    assert texts["packages"] in listed
    assert f"{shipment.number} = 52" in listed
    first = ShippingDocument.objects.get(shipment=shipment, kind="packing_list", version=1)
    assert f"{texts['issued']} {first.number} = 50" in listed
    assert page.locator("#consistency-ok").count() == 0

    # Fixed: a new version of each document with the right count; the set agrees.
    submit(page, "#issue-packing_list")
    submit(page, f"#issue-{document}")
    _wait(page, "#consistency-ok")
    assert texts["agree"] in page.locator("#consistency-ok").inner_text()
    current = ShippingDocument.objects.filter(shipment=shipment, kind="packing_list")
    assert current.count() == 2  # the first version is kept, replaced
    href = page.locator("#doc-packing_list a.button[href*='/pdf/']").get_attribute("href")
    printed = _pdf_text(page.request.get(href or "").body())
    assert current.get(version=2).number in printed
    assert "52" in printed

    # 4. Tracking: pick-up, departure, then an arrival dated before the departure is refused.
    page.goto(shipment_url)
    now = dt.datetime.now(PARIS).replace(second=0, microsecond=0)
    pickup = now - dt.timedelta(days=5)
    departure = now - dt.timedelta(days=4)
    arrival = now - dt.timedelta(days=1)
    delivered = now - dt.timedelta(hours=2)

    def add_event(step: str, when: dt.datetime, what: str, place: str) -> None:
        if not page.locator("#event-form").is_visible():
            page.click("#event-form-box summary")
        page.fill("#id_occurred_at", _local(when))
        page.select_option("#id_step", step)
        page.fill("#id_description", what)
        page.fill("#id_location", place)
        submit(page, "#event-form button[type=submit]")

    add_event("pickup", pickup, "Picked up at the warehouse", "Thiers")
    assert texts["recorded"] in _messages(page)
    add_event("departure", departure, "Departed", "Le Havre")
    assert page.locator("#shipment-status").inner_text().strip() == texts["in_transit"]
    add_event("arrival", pickup - dt.timedelta(hours=3), "Arrived", run["city"])
    refusal = page.locator("#field-occurred_at .error")
    assert texts["order"] in refusal.inner_text()
    assert page.locator("#event-form-box").get_attribute("open") is not None
    add_event("arrival", arrival, "Arrived", run["city"])
    assert texts["recorded"] in _messages(page)
    add_event("delivery", delivered, "Delivered, 2 cartons crushed", run["city"])
    assert page.locator("#shipment-status").inner_text().strip() == texts["delivered"]
    assert page.locator("#events tbody tr").count() == 4
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.DELIVERED

    # 5. The claim: damage found at delivery, reserves written on the delivery note.
    assert texts["open_claim"] in page.locator("#open-claim").inner_text()
    page.click("#open-claim")
    _wait(page, "#save-claim")
    assert texts["convention"] in page.locator("#id_convention option:checked").inner_text()
    delivery_day = delivered.date().isoformat()
    page.select_option("#id_kind", "damage")
    page.fill("#id_description", "2 cartons crushed, 4 casseroles with chipped enamel.")
    page.fill("#id_discovered_on", delivery_day)
    page.fill("#id_delivery_date", delivery_day)
    page.check("#id_reserves_taken")
    page.fill("#id_reserves_text", "2 cartons crushed on arrival")
    page.fill("#id_reserves_date", delivery_day)
    page.select_option("#id_reserves_document", "delivery_note")
    page.fill("#id_weight_affected_kg", "20.8")
    page.fill("#id_packages_affected", "2")
    page.fill("#id_amount_claimed", "316")
    submit(page, "#save-claim")
    _wait(page, "#claim-rules")
    claim = Claim.objects.get()
    assert claim.convention == run["convention"]
    rules = page.locator("#claim-rules").inner_text()
    assert texts["convention"] in rules
    assert texts["time_bar"] in rules
    assert page.locator("#time-bar strong").inner_text().strip() != ""
    # Hague-Visby art. III §6: one year from delivery; Montreal art. 35: two years.
    years = {"HAGUE_VISBY": 1, "MONTREAL": 2}[run["convention"]]
    assert claim.time_bar_date == delivered.date().replace(year=delivered.year + years)
    assert str(claim.time_bar_date.year) in page.locator("#time-bar").inner_text()
    # Notice: Hague-Visby apparent damage at removal (art. III §6); Montreal 14 days (art. 31).
    notice_days = {"HAGUE_VISBY": 0, "MONTREAL": 14}[run["convention"]]
    assert claim.notice_deadline == delivered.date() + dt.timedelta(days=notice_days)
    assert texts["notice"] in page.locator("#notice-deadline").inner_text()
    # The carrier's limit: 2 packages x 666.67 SDR (Hague-Visby art. IV §5(a), above
    # 2 SDR/kg) or 26 SDR/kg x 20.8 kg (Montreal art. 22 §3, ICAO revision of 2019).
    cap = {"HAGUE_VISBY": Decimal("1333.34"), "MONTREAL": Decimal("540.80")}[run["convention"]]
    assert claim.liability_cap_sdr == cap
    shown_cap = page.locator("#liability-cap").inner_text()
    assert "".join(c for c in shown_cap.split("\n")[0] if c.isdigit()) == str(cap).replace(".", "")
    assert any(unit in shown_cap for unit in texts["sdr"])
    assert page.locator("#claim-deadlines li").count() >= 1
    page.goto(shipment_url)
    assert claim.number in page.locator("#shipment-claims").inner_text()
    assert errors == []
