"""Calculator pages: the example loads, a computation shows figures and steps, errors land on fields."""

import pytest

from comptoir.calculators.specs import TOPICS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", [s for s in TOPICS if s != "incoterm"])
def test_example_computes_and_shows_steps(reader_client, slug):
    page = reader_client.get(f"/calculators/{slug}/").content.decode()
    assert 'name="compute"' in page
    # Submit the page's own example, as a user clicking "Compute" would.
    from comptoir.calculators.forms import CalculatorForm
    from comptoir.calculators.views import _example_initial

    form = CalculatorForm(TOPICS[slug], initial=_example_initial(slug))
    params = {"compute": "1"}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        params[name] = "on" if value is True else str(value)
    response = reader_client.get(f"/calculators/{slug}/", params)
    body = response.content.decode()
    assert 'data-testid="steps"' in body, body[:3000]
    assert 'data-testid="result"' in body


def test_landed_cost_figures_on_the_page(reader_client):
    params = {
        "compute": "1",
        "currency": "EUR",
        "goods_value": "10000",
        "freight_to_border": "800",
        "insurance_to_border": "40",
        "duty_rate_pct": "4.5",
        "vat_rate_pct": "20",
        "costs_after_border": "250",
        "quantity": "500",
        "vat_recoverable": "on",
    }
    body = reader_client.get("/calculators/landed-cost/", params).content.decode()
    # the page is in French: figures written the French way, exactly their decimals
    assert "10\u202f840,00" in body and "487,80" in body and "23,16" in body
    assert "10840.00" not in body


def test_core_error_lands_on_its_field(reader_client):
    params = {
        "compute": "1",
        "shipment_date": "2026-04-20",
        "expiry_date": "2026-04-15",
        "presentation_days": "21",
        "bank_country": "FR",
    }
    response = reader_client.get("/calculators/lc-dates/", params)
    form = response.context["form"]
    assert form.errors and ("expiry_date" in form.errors or "shipment_date" in form.errors)
    assert 'data-testid="steps"' not in response.content.decode()


def test_row_error_names_the_piece(reader_client):
    params = {
        "compute": "1",
        "mode": "air",
        "pieces__0__length_cm": "120",
        "pieces__0__width_cm": "80",
        "pieces__0__height_cm": "100",
        "pieces__0__weight_kg": "-5",
        "pieces__0__quantity": "1",
    }
    form = reader_client.get("/calculators/chargeable-weight/", params).context["form"]
    assert "pieces__0__weight_kg" in form.errors


def test_incoterms_side_by_side(reader_client):
    reader_client.cookies["comptoir_language"] = "en"
    body = reader_client.get(
        "/calculators/incoterm/", {"compute": "1", "rules": ["FOB", "CIF", "DDP"]}
    ).content.decode()
    assert (
        "Free On Board" in body
        and "Cost Insurance and Freight" in body
        and "Delivered Duty Paid" in body
    )
    assert "ICC (C)" in body


def test_incoterms_side_by_side_in_french(reader_client):
    reader_client.cookies["comptoir_language"] = "fr"
    body = reader_client.get(
        "/calculators/incoterm/", {"compute": "1", "rules": ["FOB", "CIF", "DDP"]}
    ).content.decode()
    assert "Franco à bord" in body and "Coût, assurance et fret" in body
    assert "Rendu droits acquittés" in body
    assert "À bord du navire désigné par l&#x27;acheteur" in body  # FOB delivery point (A2)
    assert "Free On Board" not in body


def test_french_page(reader_client):
    reader_client.cookies["comptoir_language"] = "fr"
    body = reader_client.get("/calculators/").content.decode()
    assert "Calculateurs" in body or "calculateurs" in body


def test_company_rates_take_precedence_when_asked(admin_client, assistant_client):
    response = admin_client.post(
        "/calculators/exchange-rates/",
        {
            "from_currency": "USD",
            "to_currency": "EUR",
            "valid_from": "2026-01-01",
            "rate": "0.9",
            "kind": "budget",
        },
    )
    assert response.status_code == 302
    params = {"compute": "1", "amount": "1000", "from": "USD", "to": "EUR", "date": "2026-03-02"}
    ecb = assistant_client.get("/calculators/fx/", params).context["result"]
    assert ecb["converted"] != "900.00"
    own = assistant_client.get("/calculators/fx/", {**params, "use_company_rates": "on"}).context[
        "result"
    ]
    assert own["converted"] == "900.00"
    assert own["rate"].startswith("0.9")
    api = assistant_client.post(
        "/api/calc/fx",
        {
            "amount": "1000",
            "from": "USD",
            "to": "EUR",
            "date": "2026-03-02",
            "use_company_rates": True,
        },
        content_type="application/json",
    )
    assert api.json()["converted"] == "900.00"


def test_exchange_rate_with_one_currency_twice_is_refused(assistant_client):
    from comptoir.calculators.models import ExchangeRate

    response = assistant_client.post(
        "/calculators/exchange-rates/",
        {
            "from_currency": "EUR",
            "to_currency": "EUR",
            "valid_from": "2026-01-01",
            "rate": "1",
            "kind": "bank",
        },
    )
    assert response.status_code == 200 and not ExchangeRate.objects.exists()


def test_exchange_rate_saved_by_the_service_with_its_author(django_user_model, assistant):
    """The page and any other caller save a rate through one service, keyword-only; the
    role matrix keeps rates to administrators (reference data)."""
    import datetime as dt
    from decimal import Decimal

    from django.core.exceptions import PermissionDenied

    from comptoir.calculators import services
    from conftest import make_user

    values = services.ExchangeRateValues(
        from_currency="USD", to_currency="EUR", valid_from=dt.date(2026, 3, 1), rate=Decimal("0.9")
    )
    with pytest.raises(TypeError):
        services.save_exchange_rate(values, None)  # type: ignore[misc]
    admin = make_user(django_user_model, "rates-admin", "administrator")
    rate = services.save_exchange_rate(values=values, user=admin)
    assert rate.history.first().history_user == admin
    with pytest.raises(PermissionDenied):
        services.save_exchange_rate(values=values, user=assistant)


EXPRESS_PARCELS = {
    "compute": "1",
    "mode": "express",
    "pieces__0__length_cm": "40",
    "pieces__0__width_cm": "30",
    "pieces__0__height_cm": "20",
    "pieces__0__weight_kg": "20",
    "pieces__0__quantity": "1",
    "pieces__1__length_cm": "60",
    "pieces__1__width_cm": "50",
    "pieces__1__height_cm": "50",
    "pieces__1__weight_kg": "2",
    "pieces__1__quantity": "1",
}


def test_express_page_charges_package_by_package(reader_client):
    reader_client.cookies["comptoir_language"] = "en"
    response = reader_client.get("/calculators/chargeable-weight/", EXPRESS_PARCELS)
    result = response.context["result"]
    assert (result["chargeable_weight_kg"], result["shipment_chargeable_weight_kg"]) == ("50", "35")
    body = response.content.decode()
    assert "Package by package" in body and "DHL Express, UPS and FedEx" in body
    whole = reader_client.get(
        "/calculators/chargeable-weight/", {**EXPRESS_PARCELS, "basis": "shipment"}
    )
    assert whole.context["result"]["chargeable_weight_kg"] == "35"
    road = reader_client.get(
        "/calculators/chargeable-weight/", {**EXPRESS_PARCELS, "mode": "road", "basis": "piece"}
    )
    assert "basis" in road.context["form"].errors


def test_express_steps_in_french(reader_client):
    reader_client.cookies["comptoir_language"] = "fr"
    body = reader_client.get("/calculators/chargeable-weight/", EXPRESS_PARCELS).content.decode()
    assert "Poids taxable = somme des colis = 50 kg" in body
    assert "Colis par colis" in body
    assert "in English for now" not in body and "en anglais" not in body


LANDED_DAP = {
    "compute": "1",
    "incoterm": "DAP",
    "currency": "EUR",
    "goods_value": "10000",
    "duty_rate_pct": "4.5",
    "vat_rate_pct": "20",
    "carriage_after_border": "300",
    "carriage_after_border_in_price": "on",
    "quantity": "1",
    "vat_recoverable": "on",
}


def test_landed_cost_page_takes_carriage_after_the_border_out_of_duty_into_vat(reader_client):
    reader_client.cookies["comptoir_language"] = "en"
    response = reader_client.get("/calculators/landed-cost/", LANDED_DAP)
    result = response.context["result"]
    assert (result["customs_value"], result["duty"], result["vat_base"]) == (
        "9700.00",
        "436.50",
        "10436.50",
    )
    body = response.content.decode()
    assert "Carriage from the EU border to the first place of destination" in body
    assert "86(1)(b)" in body
    # Unticked: the importer pays that carriage on top of the price.
    own = dict(LANDED_DAP, incoterm="FOB")
    del own["carriage_after_border_in_price"]
    result = reader_client.get("/calculators/landed-cost/", own).context["result"]
    assert (result["customs_value"], result["vat_base"]) == ("10000.00", "10750.00")


def test_landed_cost_guidance_and_steps_in_french(reader_client):
    reader_client.cookies["comptoir_language"] = "fr"
    body = reader_client.get("/calculators/landed-cost/", LANDED_DAP).content.decode()
    # Figures are written the French way: narrow no-break space for thousands, decimal comma.
    assert "Base de la TVA à l&#x27;importation = valeur en douane 9\u202f700,00" in body
    assert "Achat DAP : Le transport jusqu&#x27;à destination" in body
    assert "in English for now" not in body and "en anglais" not in body
    assert "Le transport jusqu&#x27;à destination est dans le prix" in body
    assert "Transport de la frontière de l&#x27;UE au premier lieu de destination" in body
