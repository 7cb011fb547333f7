"""The assistant's customs and compliance path in the browser, in French and in English
(issue 13): a CN code found from a description and set on a product (a 7-digit code refused),
a preferential origin under the EU-UK TCA printed on a UK invoice, an import declaration
computed from an inbound shipment and checked against the broker's figures (an MRN with a
wrong check character refused), the month's EMEBI lines with their errors and the XLSX, a
sanctions hit on a contact that refuses an order until a manager reviews it, and a
controlled product refused at departure until a licence is allocated.

Each area is its own test so that a broken screen names itself; each runs once per
language. The data the assistant would find on arrival is made through the services."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest

from tests.e2e.browser import submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


LANGUAGES = ["fr", "en"]

#: The few words each run must read in its language.
TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "query": "robe en soie",
        "cn_leaf": "de soie ou de déchets de soie",
        "cn_heading": "Costumes tailleurs, ensembles, vestes, robes",
        "cn_chapter": "VÊTEMENTS ET ACCESSOIRES DU VÊTEMENT",
        "cn_digits": "8 chiffres",
        "cn_7_digits": "Un code NC a 8 chiffres",
        "statement_title": "Déclaration d'origine",
        "statement": "L'exportateur des produits couverts par le présent document",
        "preferential": "origine préférentielle UE",
        "mrn_error": "clé de contrôle",
        "to_explain": "à expliquer",
        "duty": "droits de douane",
        "twenty_five": "25,00",
        "decimal": ",",
        "needs_licence": "demande une licence d'exportation",
        "may_be_on": "figure peut-être sur",
        "eu_origin": "Oui, origine UE",
        "emebi": "EMEBI expéditions",
        "no_cn": "pas de code NC à 8 chiffres",
        "confirmed": "Commande confirmée.",
        "recorded": "Événement enregistré.",
        "in_transit": "En transit",
    },
    "en": {
        "query": "silk dress",
        "cn_leaf": "Of silk or silk waste",
        "cn_heading": "Women's or girls' suits",
        "cn_chapter": "ARTICLES OF APPAREL AND CLOTHING ACCESSORIES",
        "cn_digits": "8-digit",
        "cn_7_digits": "A CN code has 8 digits",
        "statement_title": "Statement on origin",
        "statement": "The exporter of the products covered by this document",
        "preferential": "EU preferential origin",
        "mrn_error": "check character",
        "to_explain": "to explain",
        "duty": "duty",
        "twenty_five": "25.00",
        "decimal": ".",
        "needs_licence": "needs an export licence",
        "may_be_on": "may be on",
        "eu_origin": "Yes, EU origin",
        "emebi": "EMEBI dispatches",
        "no_cn": "no 8-digit CN code",
        "confirmed": "Order confirmed.",
        "recorded": "Event recorded.",
        "in_transit": "In transit",
    },
}

TODAY = dt.date.today()
LAST_MONTH = (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


# --- helpers -----------------------------------------------------------------------------


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


def _main(page: Any) -> str:
    return str(page.locator("main").inner_text())


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())


def _login(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/")


def _logout(page: Any) -> None:
    with page.expect_navigation(wait_until="load"):
        page.click("form[action$='/logout/'] button")


def _firm(name: str, country: str, role: str, language: str = "en", **extra: Any) -> Any:
    from comptoir.parties.models import Address, Company

    company = Company(
        name=name,
        country=country,
        city="City",
        currency="EUR",
        credit_limit=Decimal("500000"),
        payment_days=30,
        language=language,
        default_incoterm="FCA",
        incoterm_place="Thiers",
        **extra,
    )
    company.role_list = [role]
    company.save()
    Address.objects.create(
        company=company,
        kind="billing",
        line1="1 High Street",
        postcode="1000",
        city="City",
        country=country,
    )
    return company


def _seller() -> Any:
    from comptoir.sales.models import SellerProfile

    return SellerProfile.objects.create(
        legal_name="Maison Ferrand SAS",
        street="12 rue de la Coutellerie",
        postcode="63300",
        city="Thiers",
        siren="552100554",
        vat_number="FR96552100554",
        eori="FR55210055400010",
        rex_number="FRREX0055210055",
        iban="FR7630006000011234567890189",
        bic="AGRIFRPP",
        email="adv@maison-ferrand.example",
    )


def _casserole(**changes: Any) -> Any:
    from comptoir.catalog.models import Product

    values: dict[str, Any] = {
        "reference": "CF-24-RG",
        "name_fr": "Cocotte ronde fonte 24 cm",
        "name_en": "Round cast-iron casserole 24 cm",
        "hs_code": "732392",
        "cn_code": "73239200",
        "origin_country": "FR",
        "net_weight_kg": Decimal("4.3"),
        "gross_weight_kg": Decimal("4.9"),
        "units_per_carton": 2,
        "cost_price": Decimal("38.50"),
    }
    values.update(changes)
    return Product.objects.create(**values)


def _draft_order(client: Any, item: Any, quantity: str = "100", price: str = "79.00") -> Any:
    from comptoir.sales.tests.conftest import make_order

    return make_order(client, item, quantity, price)


@pytest.fixture
def manager_user(django_user_model):  # type: ignore[no-untyped-def]
    from conftest import make_user

    return make_user(django_user_model, "julien", "manager")


@pytest.fixture
def watch(logged_in):  # type: ignore[no-untyped-def]
    """The assistant's page, with the JavaScript errors collected."""
    page = logged_in
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    assert errors == []


# --- 1. Classification -------------------------------------------------------------------


@pytest.fixture
def cn_loaded(hs_loaded):  # type: ignore[no-untyped-def]
    """The bundled CN 2026 in the CnCode table (as ``comptoir cn import`` fills it)."""
    import gzip
    from importlib import resources

    from comptoir.catalog.models import CnCode
    from comptoir.trade.nomenclature import parse_cn_csv

    raw = (resources.files("comptoir.catalog") / "data" / "cn2026.csv.gz").read_bytes()
    entries = parse_cn_csv(io.StringIO(gzip.decompress(raw).decode("utf-8")))
    CnCode.objects.bulk_create(
        CnCode(
            level=e.level,
            code=e.code,
            display_code=e.display_code,
            parent=e.parent,
            description_en=e.description_en,
            description_fr=e.description_fr,
            supplementary_unit=e.supplementary_unit,
        )
        for e in entries
    )
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_classification(watch, cn_loaded, language):  # type: ignore[no-untyped-def]
    from comptoir.catalog.models import Product

    texts = TEXTS[language]
    dress = Product.objects.create(
        reference="RS-01",
        name_fr="Robe en soie imprimée",
        name_en="Printed silk dress",
        hs_code="620449",
        origin_country="FR",
        net_weight_kg=Decimal("0.3"),
        gross_weight_kg=Decimal("0.4"),
        cost_price=Decimal("85"),
    )
    page = watch
    _switch(page, language)

    # The search proposes CN8 codes with their path, in the user's language.
    page.goto("/catalog/hs/")
    page.fill("#q", texts["query"])
    with page.expect_navigation():
        page.click("form.filters button.primary")
    hits = page.locator("[data-testid=cn-hits] tbody tr")
    assert hits.count() >= 1
    first = hits.first.inner_text()
    assert "6204 49 10" in first
    assert texts["cn_leaf"] in first
    assert texts["cn_heading"] in first
    assert texts["cn_chapter"] in first
    assert texts["cn_digits"] in _main(page)

    # The product: 7 digits refused with the field named; the right code saved with its path.
    page.goto(f"/catalog/products/{dress.pk}/edit/")
    page.fill("#id_cn_code", "6204491")
    submit(page, "main form button.primary")
    error = page.locator("#field-cn_code .error").inner_text()
    assert texts["cn_7_digits"] in error and "6204491" in error
    assert Product.objects.get(pk=dress.pk).cn_code == ""
    page.fill("#id_cn_code", "6204 49 10")
    page.wait_for_selector("#cn-path:has-text('6204')")  # the path shown as it is typed
    submit(page, "main form button.primary")
    page.wait_for_url(f"**/catalog/products/{dress.pk}/")
    shown = page.locator("[data-testid=product-cn]").inner_text()
    assert "6204 49 10" in shown
    assert texts["cn_leaf"] in shown
    assert texts["cn_heading"] in shown
    dress.refresh_from_db()
    assert dress.cn_code == "62044910" and dress.hs_code == "620449"


# --- 2. Origin ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_origin_statement_on_a_uk_invoice(watch, language):  # type: ignore[no-untyped-def]
    from comptoir.origin.models import Agreement, ProductOrigin
    from comptoir.sales import billing, services

    texts = TEXTS[language]
    _seller()
    casserole = _casserole()
    # The screen in one language, the invoice in the other: the French run invoices a London
    # shop reading English, the English run a French deli in London. The statement follows
    # the invoice's language (the partner's), the screen the user's.
    invoice_language = "en" if language == "fr" else "fr"
    printed = TEXTS[invoice_language]
    client = _firm(
        "Cookshop London Ltd" if invoice_language == "en" else "Le Comptoir de Londres Ltd",
        "GB",
        "client",
        language=invoice_language,
    )
    order = services.confirm_order(order=_draft_order(client, casserole), user=None)
    draft = billing.draft_from_order(order=order, user=None)
    tca = Agreement.objects.get(code="eu-uk-tca")
    page = watch
    _switch(page, language)

    # The product's origin: EU preferential under the TCA (heading change, CTH).
    page.goto(casserole.get_absolute_url())
    _wait(page, "#product-origin")
    page.click("#add-origin summary")
    page.select_option("#id_origin-agreement", str(tca.pk))
    page.check("#id_origin-preferential")
    page.fill("#id_origin-origin", "EU")
    page.select_option("#id_origin-basis", "sufficient_processing")
    page.fill("#id_origin-rule", "CTH")
    submit(page, "#save-origin")
    _wait(page, "#origin-table")
    row = page.locator("#origin-table tbody tr").first.inner_text()
    assert tca.name in row and "CTH" in row
    assert texts["eu_origin"] in row
    assert ProductOrigin.objects.get(product=casserole).preferential

    # The draft invoice shows the statement it will print, in the invoice's language.
    page.goto(draft.get_absolute_url())
    _wait(page, "#statement-preview")
    assert texts["statement_title"] in page.locator("#invoice-origin h2").inner_text()
    preview = page.locator("#statement-preview").inner_text()
    assert printed["statement"] in preview
    assert "FRREX0055210055" in preview
    assert printed["preferential"] in preview
    assert texts["statement"] not in preview

    # Issued: the PDF carries it, with the place and date.
    submit(page, "#issue-invoice")
    _wait(page, "#invoice-pdf")
    assert printed["statement"] in page.locator("#invoice-origin").inner_text()
    pdf = page.request.get(page.locator("#invoice-pdf").get_attribute("href") or "")
    assert pdf.headers["content-type"] == "application/pdf"
    text = _pdf_text(pdf.body())
    assert printed["statement_title"] in text
    assert printed["statement"] in text
    assert "FRREX0055210055" in text
    assert printed["preferential"] in text
    assert "Thiers" in text


# --- 3. Customs: an import declaration and the broker's check ----------------------------


def _mrn(body: str) -> str:
    from comptoir.trade.mrn import check_character

    return body + check_character(body)


@pytest.mark.parametrize("language", LANGUAGES)
def test_import_declaration_and_broker_check(watch, language):  # type: ignore[no-untyped-def]
    from comptoir.customs import services as customs
    from comptoir.customs.inputs import TariffValues
    from comptoir.customs.models import ImportEntry
    from comptoir.shipping import services as shipping
    from comptoir.shipping.inputs import ShipmentDetails, ShipmentLineValues

    texts = TEXTS[language]
    _seller()
    supplier = _firm("Ningbo Cookware Co.", "CN", "supplier")
    broker = _firm("Transitaire Havre", "FR", "customs_broker", language="fr")
    inbound = shipping.create_shipment(
        details=ShipmentDetails(
            mode="sea_fcl",
            partner=supplier,
            incoterm="FOB",
            origin_country="CN",
            destination_country="FR",
            value=Decimal("12000"),
            currency="USD",
            direction="import",
            customs_broker=broker,
        ),
        lines=[
            ShipmentLineValues(
                description="Steel screws",
                quantity=Decimal("10000"),
                net_weight_kg=Decimal("500"),
                gross_weight_kg=Decimal("520"),
                value=Decimal("2000"),
                hs_code="731815",
                origin_country="CN",
            ),
            ShipmentLineValues(
                description="Cast-iron pans",
                quantity=Decimal("400"),
                net_weight_kg=Decimal("1200"),
                gross_weight_kg=Decimal("1300"),
                value=Decimal("10000"),
                hs_code="732391",
                origin_country="CN",
            ),
        ],
        user=None,
    )
    for values in (
        TariffValues(code="731815", kind="third_country", ad_valorem_pct=Decimal("3.7")),
        TariffValues(
            code="731815", kind="anti_dumping", origin="CN", ad_valorem_pct=Decimal("22.1")
        ),
        TariffValues(code="7323", kind="third_country", ad_valorem_pct=Decimal("3.2")),
    ):
        customs.save_rate(values=values, user=None)
    page = watch
    _switch(page, language)

    # From the inbound shipment's page to the computation.
    page.goto(inbound.get_absolute_url())
    _wait(page, "#declare-import")
    page.click("#declare-import")
    _wait(page, "#id_exchange_rate")
    page.fill("#id_exchange_rate", "1.0850")
    page.fill("#id_freight_to_border", "900")
    page.fill("#id_broker_fees", "95")
    submit(page, "main form button.primary")
    _wait(page, "#lines")
    entry = ImportEntry.objects.get()
    assert entry.lines.count() == 2 and entry.duty > 0 and entry.anti_dumping > 0
    assert page.locator("#lines tbody tr").count() == 2
    assert "22.1" in _main(page).replace(",", ".")  # the anti-dumping rate on the screws
    # The totals on the screen are the ones computed, in the reader's number format.
    shown_duty = page.locator("#total-duty").inner_text()
    assert "".join(c for c in shown_duty if c.isdigit()) == str(entry.duty).replace(".", "")
    assert texts["decimal"] in shown_duty

    # The broker's figures: an MRN with a wrong check character is refused first.
    good = _mrn("26FR002300001234H")
    wrong = good[:-1] + ("A" if good[-1] != "A" else "B")
    page.fill("#id_mrn", wrong)
    submit(page, "#save-broker")
    mrn_error = page.locator("#field-mrn .error").inner_text()
    assert texts["mrn_error"] in mrn_error and wrong[-1] in mrn_error
    assert page.input_value("#id_mrn") == wrong  # what was typed is kept, to correct
    entry.refresh_from_db()
    assert not entry.has_broker_figures
    # Then the right MRN, the broker's duty 25 EUR above ours, the rest as ours.
    page.fill("#id_mrn", good)
    page.fill("#id_customs_value", str(entry.customs_value))
    page.fill("#id_duty", str(entry.duty + Decimal("25")))
    page.fill("#id_anti_dumping", str(entry.anti_dumping))
    page.fill("#id_vat", str(entry.vat))
    submit(page, "#save-broker")
    _wait(page, "#differences")
    rows = page.locator("#differences tbody tr")
    assert rows.count() == 1, rows.all_inner_texts()
    difference = rows.first.inner_text()
    assert texts["duty"] in difference
    assert texts["twenty_five"] in difference  # in the reader's number format
    assert texts["to_explain"] in difference
    entry.refresh_from_db()
    assert entry.mrn == good


# --- 4. Intra-EU: the month's EMEBI ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_emebi_month(watch, language):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from comptoir.intra_eu.models import DeclarantSettings, Declaration
    from comptoir.sales import billing, services
    from comptoir.sales.models import Invoice

    texts = TEXTS[language]
    _seller()
    DeclarantSettings.objects.create(nic="00012", approval_number="4711")
    casserole = _casserole()
    # A product sold without its CN code: the line the EMEBI cannot carry.
    knife = _casserole(
        reference="CT-20",
        name_fr="Couteau de cuisine 20 cm",
        name_en="Kitchen knife 20 cm",
        hs_code="821191",
        cn_code="",
        net_weight_kg=Decimal("0.2"),
        gross_weight_kg=Decimal("0.3"),
    )
    german = _firm(
        "Küchenhaus Berger GmbH", "DE", "client", language="de", vat_number="DE136695976"
    )
    belgian = _firm("Cuisine Liège SRL", "BE", "client", language="fr", vat_number="BE0123456749")
    day = LAST_MONTH + dt.timedelta(days=4)
    for client, item in ((german, casserole), (belgian, knife)):
        order = services.confirm_order(order=_draft_order(client, item, "10"), user=None)
        billing.issue(
            invoice=billing.draft_from_order(order=order, user=None), user=None, issue_date=day
        )
    page = watch
    _switch(page, language)

    page.goto(f"/intra-eu/?month={LAST_MONTH:%Y-%m}")
    row = page.locator("#declarations tbody tr", has_text=texts["emebi"])
    assert row.count() == 1
    with page.expect_navigation():
        row.locator("a").click()
    _wait(page, "#lines")
    lines = page.locator("#lines").inner_text()
    assert "73239200" in lines.replace(" ", "") and "DE136695976" in lines
    # The knife's invoice is listed to fix, in the user's language.
    knife_invoice = Invoice.objects.get(client=belgian)
    problems = page.locator("#problems li", has_text=knife_invoice.number).inner_text()
    assert "Couteau de cuisine 20 cm" in problems  # the invoice line, in the invoice's language
    assert texts["no_cn"] in problems

    submit(page, "#prepare")
    _wait(page, "#declaration-status")
    declaration = Declaration.objects.get(kind="emebi_dispatch")
    href = page.locator("a[href$='/xlsx/']").get_attribute("href") or ""
    xlsx = page.request.get(href)
    assert xlsx.status == 200 and xlsx.body()[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(xlsx.body()), read_only=True).worksheets[0]
    cells = " ".join(str(c) for r in sheet.iter_rows(values_only=True) for c in r if c)
    assert "73239200" in cells and "DE136695976" in cells
    assert declaration.status == Declaration.Status.DRAFT


# --- 5. Sanctions ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_sanctions_hit_blocks_the_order_until_reviewed(  # type: ignore[no-untyped-def]
    watch, manager_user, language
):
    from pathlib import Path

    from comptoir.compliance import services as compliance
    from comptoir.compliance.models import Hit
    from comptoir.parties import services as parties
    from comptoir.parties.values import ContactValues
    from comptoir.sales.models import Order

    texts = TEXTS[language]
    _seller()
    data = Path(compliance.__file__).resolve().parent / "data" / "eu_fsf_sample.xml"
    compliance.forget_index()
    compliance.import_list(data=data.read_bytes(), file_name=data.name, user=None)
    client = _firm("Baltic Hardware SIA", "LV", "client", language=language)
    parties.save_contact(
        contact=None,
        values=ContactValues(
            company=client, first_name="Viktor", last_name="Kozlovsky", email="vk@baltic.example"
        ),
        user=None,
    )
    order = _draft_order(client, _casserole(), "10")
    page = watch
    _switch(page, language)

    # The company's page shows the hit on its contact.
    page.goto(client.get_absolute_url())
    _wait(page, "#company-screening")
    assert "KOZLOVSKY" in page.locator("#company-screening").inner_text().upper()
    hit = Hit.objects.get(contact__company=client)

    # The confirmation is refused, the message names the contact and the list entry.
    page.goto(order.get_absolute_url())
    submit(page, "#confirm-order")
    shown = page.locator("ul.messages").inner_text()
    assert "Viktor Kozlovsky" in shown and client.name in shown and hit.entry_ref in shown
    assert texts["may_be_on"] in shown
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT

    # The manager reviews: a homonym (born elsewhere, another trade).
    _logout(page)
    _login(page, "julien")
    _switch(page, language)
    page.goto(hit.get_absolute_url())
    _wait(page, "#hit-review")
    page.select_option("#hit-review select[name=status]", "false_positive")
    page.fill("#hit-review [name=reason]", "Born 1979 in Riga, hardware buyer (passport seen).")
    submit(page, "#hit-review button[type=submit]")
    hit.refresh_from_db()
    assert hit.status == "false_positive" and hit.reviewed_by == manager_user

    # The confirmation passes.
    page.goto(order.get_absolute_url())
    submit(page, "#confirm-order")
    assert texts["confirmed"] in _main(page)
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED


# --- 6. Export control -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_controlled_product_departs_with_its_licence(watch, language):  # type: ignore[no-untyped-def]
    from comptoir.export_control import services as export_control
    from comptoir.export_control.inputs import ClassificationValues, LicenceValues
    from comptoir.export_control.models import Allocation
    from comptoir.shipping import services as shipping
    from comptoir.shipping.inputs import ShipmentDetails, ShipmentLineValues
    from comptoir.shipping.models import Shipment

    texts = TEXTS[language]
    _seller()
    client = _firm("Seoul Home Living", "KR", "client")
    dryer = _casserole(
        reference="LYO-12",
        name_fr="Lyophilisateur 12 kg/24 h stérilisable vapeur",
        name_en="Steam-sterilisable freeze-dryer 12 kg/24 h",
        hs_code="841939",
        cn_code="84193900",
        net_weight_kg=Decimal("310"),
        gross_weight_kg=Decimal("380"),
        cost_price=Decimal("31000"),
    )
    export_control.classify_product(
        product=dryer,
        values=ClassificationValues(control_number="2B352.e", basis="Condenser 12 kg/24 h"),
        user=None,
    )
    shipment = shipping.create_shipment(
        details=ShipmentDetails(
            mode="sea_fcl",
            partner=client,
            incoterm="CIF",
            origin_country="FR",
            destination_country="KR",
            value=Decimal("96000"),
            reference="Seoul",
        ),
        lines=[
            ShipmentLineValues(
                product=dryer,
                description=dryer.name_en,
                quantity=Decimal("2"),
                net_weight_kg=Decimal("620"),
                gross_weight_kg=Decimal("760"),
                value=Decimal("96000"),
            )
        ],
        user=None,
    )
    page = watch
    _switch(page, language)
    now = dt.datetime.now(dt.UTC).astimezone().replace(second=0, microsecond=0)

    def departure() -> None:
        if not page.locator("#event-form").is_visible():
            page.click("#event-form-box summary")
        page.fill("#id_occurred_at", (now - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
        page.select_option("#id_step", "departure")
        page.fill("#id_description", "Loaded on board")
        page.fill("#id_location", "Le Havre")
        submit(page, "#event-form button[type=submit]")

    # No licence: the departure is refused, naming the product and its control number.
    page.goto(shipment.get_absolute_url())
    _wait(page, "#export-control")
    assert "2B352" in page.locator("#controlled-lines").inner_text()
    departure()
    refusal = page.locator("#event-form .error, #event-form-box .error").filter(has_text="2B352")
    assert refusal.count() >= 1, _main(page)
    said = refusal.first.inner_text()
    assert "LYO-12" in said and "2B352.e" in said and texts["needs_licence"] in said
    shipment.refresh_from_db()
    assert shipment.status != Shipment.Status.IN_TRANSIT

    # The SBDU's individual licence arrives; it is allocated to the line from the shipment.
    licence = export_control.save_licence(
        licence=None,
        values=LicenceValues(
            number="FR-SBDU-2026-00417",
            kind="individual",
            countries="KR",
            control_numbers="2B352",
            valid_from=TODAY - dt.timedelta(days=30),
            valid_until=TODAY + dt.timedelta(days=700),
            quantity_limit=Decimal("4"),
            value_limit=Decimal("200000"),
        ),
        user=None,
    )
    page.goto(shipment.get_absolute_url())
    line = shipment.lines.get()
    page.select_option(f"#licence-{line.pk}", str(licence.pk))
    submit(page, f"form[action$='/lines/{line.pk}/allocate/'] button[type=submit]")
    _wait(page, "#controlled-lines")
    assert licence.number in page.locator("#controlled-lines").inner_text()
    assert Allocation.objects.filter(shipment_line=line, licence=licence).exists()

    # The departure passes.
    departure()
    assert texts["recorded"] in _main(page)
    assert page.locator("#shipment-status").inner_text().strip() == texts["in_transit"]
