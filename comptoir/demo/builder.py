"""Build the demo company in an empty database (``comptoir demo``)."""

from __future__ import annotations

import datetime as dt
import random
from typing import TypeVar

import phonenumbers
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from schwifty import IBAN
from stdnum.eu import vat as eu_vat

from comptoir.accounts.models import UserProfile
from comptoir.accounts.roles import Role
from comptoir.audit import stamp
from comptoir.catalog.models import PriceList, PriceListItem, Product
from comptoir.catalog.services import import_bundled_cn, import_bundled_hs
from comptoir.common import countries
from comptoir.logistics import planning
from comptoir.logistics.models import Equipment, LoadPlan, LoadPlanLine
from comptoir.logistics.services import ensure_standard_equipment
from comptoir.parties import identifiers
from comptoir.parties.models import Activity, Address, Company, Contact, CountrySheet, Task, Zone
from comptoir.purchasing.models import PurchaseOrder, Receipt

from . import data
from .action_plan import build as build_action_plan
from .bank_instruments import build as build_bank_instruments
from .claims import build as build_claims
from .compliance import build as build_compliance
from .credits import build as build_credits
from .credits import link_import_credits
from .customs import build as build_customs
from .events import build as build_events
from .export_control import build as build_export_control
from .freight import build as build_freight
from .history import build_purchases as build_history_purchases
from .history import build_shipments as build_history_shipments
from .history import sales_deals as history_deals
from .insurance_fx import build as build_insurance_fx
from .intelligence import build as build_intelligence
from .intra_eu import build as build_intra_eu
from .marketing import build as build_marketing
from .origin import build as build_origin
from .prospecting import build as build_prospecting
from .purchasing import build as build_purchasing
from .reporting import build as build_reporting
from .sales import build_sales
from .shipping import build as build_shipping
from .shipping_documents import build as build_documents
from .studies import build as build_studies
from .supplier_invoices import build as build_supplier_invoices
from .suppliers import build as build_suppliers
from .tenders import build as build_tenders

DEMO_PASSWORD = "comptoir-demo"
#: username, first name, last name, role, language
DEMO_USERS = [
    ("claire", "Claire", "Martin", Role.ASSISTANT, "fr"),
    ("julien", "Julien", "Roche", Role.MANAGER, "fr"),
    ("admin", "Hélène", "Ferrand", Role.ADMINISTRATOR, "fr"),
    ("lecture", "Paul", "Auditeur", Role.READ_ONLY, "en"),
]


def _valid_vat(base: str) -> str:
    """Complete a demo VAT number with check digits that pass python-stdnum's rules.

    The demo's numbers are invented: the last digit(s), and for France the key and the
    SIREN's Luhn digit, are chosen so that they are well formed.
    """
    if not base or base[:2].lower() not in eu_vat.MEMBER_STATES or eu_vat.is_valid(base):
        return base
    if base.startswith("FR"):
        for last in range(10):
            for key in range(100):
                candidate = f"FR{key:02d}{base[4:-1]}{last}"
                if eu_vat.is_valid(candidate):
                    return candidate
    for width in (1, 2):
        for tail in range(10**width):
            candidate = f"{base}{tail:0{width}d}"
            if eu_vat.is_valid(candidate):
                return candidate
    raise ValueError(f"cannot complete demo VAT number {base}")


def _phone(number: str, country: str) -> str:
    try:
        return identifiers.normalise_phone(number, country)
    except ValidationError:
        example = phonenumbers.example_number(country)
        return (
            phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            if example
            else ""
        )


def _users() -> dict[str, User]:
    user_model = get_user_model()
    users: dict[str, User] = {}
    for username, first, last, role, language in DEMO_USERS:
        user, _created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@maison-ferrand.example",
                "is_staff": role == Role.ADMINISTRATOR,
                "is_superuser": role == Role.ADMINISTRATOR,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        UserProfile.objects.update_or_create(
            user=user, defaults={"role": role, "language": language, "time_zone": "Europe/Paris"}
        )
        users[username] = user
    return users


def _load_hs() -> int:
    return import_bundled_hs(user=None).rows


SavedModel = TypeVar("SavedModel", bound=Model)


def _save(instance: SavedModel, user: User | None) -> SavedModel:
    stamp(instance, user, "demo data")
    instance.save()
    return instance


def _supplier_invoices(users: dict[str, User]) -> int:
    """The invoices of the received purchase orders (the container's first) and the
    container's landed cost."""
    received = list(
        PurchaseOrder.objects.filter(receipts__isnull=False).distinct().order_by("order_date")
    )
    container = Receipt.objects.filter(order__shipment__isnull=False).order_by("pk").first()
    fresh = {name: User.objects.get(pk=user.pk) for name, user in users.items()}
    return len(build_supplier_invoices(fresh, orders=received, container_receipt=container))


def build_demo(*, load_hs: bool = True) -> dict[str, int]:
    """Create the demo company's users, partners, contacts, products and prices."""
    rng = random.Random(2026)
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        users = _users()
        author = users["admin"]
        owners = [users["claire"], users["julien"]]
        zones = {
            name: _save(Zone(name=name, description=desc), author) for name, desc in data.ZONES
        }
        companies = []
        for index, spec in enumerate(data.COMPANIES):
            country = spec["country"]
            company = Company(
                name=spec["name"],
                country=country,
                city=spec["city"],
                language=spec["language"],
                currency=spec["currency"],
                time_zone=countries.guess_time_zone(country, spec["city"]),
                vat_number=_valid_vat(spec["vat"]),
                payment_days=spec["days"],
                payment_end_of_month=spec["eom"],
                credit_limit=spec["credit"],
                default_incoterm=spec["incoterm"],
                incoterm_place=spec["place"],
                zone=zones.get(spec["zone"]),
                portfolio_owner=owners[index % 2]
                if "client" in spec["roles"] or "prospect" in spec["roles"]
                else None,
                phone=_phone(spec["phone"], country),
                website=spec["website"],
            )
            company.role_list = spec["roles"]
            if country == "FR" and company.vat_number:
                company.registration_number = company.vat_number[4:]  # the SIREN
            if spec["bank"]:
                iban = IBAN.generate(
                    country, bank_code=spec["bank"][0], account_code=spec["bank"][1]
                )
                company.iban = str(iban.compact)
                company.bic = str(iban.bic.compact) if iban.bic else ""
                company.bank_name = iban.bank_name or ""
            if "client" in spec["roles"] and spec["credit"] == 0:
                company.solvency_notes = (
                    "New or high-risk buyer: confirmed L/C or advance payment only."
                )
            _save(company, author)
            companies.append(company)
            _save(
                Address(
                    company=company,
                    kind="billing",
                    line1=f"{rng.randint(2, 180)} {_street(country)}",
                    postcode=spec.get("postcode") or _postcode(country, rng),
                    city=spec["city"],
                    country=country,
                ),
                author,
            )
            for first, last, position, email, phone, lang in spec["contacts"]:
                _save(
                    Contact(
                        company=company,
                        first_name=first,
                        last_name=last,
                        position=position,
                        email=email,
                        phone=_phone(phone, country),
                        language=lang,
                        lawful_basis="legitimate_interest",
                    ),
                    author,
                )
        _activities_and_tasks(companies, users, rng, now, today)
        for code, sheet in data.COUNTRY_SHEETS.items():
            values = dict(sheet)
            zone = zones.get(values.pop("zone"))
            _save(CountrySheet(country=code, zone=zone, **values), author)
        # the CN 2026 shipped with Comptoir, before the products that carry its codes
        cn_rows = import_bundled_cn(user=None).rows
        products = _products(author)
        # before the sales demo: a statement on origin is decided when an invoice is issued
        origin = build_origin(users)
        plans = _load_plans(users, companies)
        # the two earlier years' deals, played before the demo year's (demo/history.py)
        sales = build_sales(users, companies, history=history_deals())
        history_shipments = build_history_shipments(users)
        shipping = build_shipping(users)
        freight = build_freight(users)
        documents = build_documents(users)
        claims = build_claims(users)
        intra_eu = build_intra_eu(users)

        export_control = build_export_control(users)
        customs = build_customs(users)
        compliance = build_compliance(users)
        bank_instruments = build_bank_instruments(users)
        insurance_fx = build_insurance_fx(users)
        credits = build_credits(users)
        suppliers = build_suppliers(users)
        tenders = build_tenders(users)
        purchasing = build_purchasing(users)
        supplier_invoices = _supplier_invoices(users)
        import_credits = link_import_credits(users)
        # business development: the market intelligence's items feed the market studies
        intelligence = build_intelligence(users)
        studies = build_studies(users, list(intelligence.items.values()))
        prospecting = build_prospecting(users)
        events = build_events(users)
        marketing = build_marketing(users)
        action_plan = build_action_plan(users)
        # last: the earlier years' purchases, out of the other parts' way
        history_purchases = build_history_purchases(users)
        # after the history: last month's report, sent, compares with a full year before
        reporting = build_reporting(users)
        hs_rows = _load_hs() if load_hs else 0
    return {
        "users": len(users),
        "companies": len(companies),
        "contacts": Contact.objects.count(),
        "products": len(products),
        "load_plans": plans,
        **sales,
        **shipping,
        **freight,
        **documents,
        **claims,
        **events,
        **intelligence.counts,
        **credits,
        **purchasing,
        "supplier_invoices": supplier_invoices,
        **import_credits,
        **tenders,
        **intra_eu,
        **export_control,
        **customs,
        **origin,
        **compliance,
        **bank_instruments,
        **insurance_fx,
        **suppliers,
        **prospecting,
        **studies,
        **action_plan,
        **reporting,
        **history_shipments,
        **history_purchases,
        "hs_codes": hs_rows,
        "cn_codes": cn_rows,
        **marketing,
    }


def _street(country: str) -> str:
    return {
        "FR": "rue de la République",
        "DE": "Landsberger Straße",
        "IT": "Via Torino",
        "ES": "Calle de Colón",
        "GB": "Kingsway",
        "US": "West 34th Street",
        "CA": "rue Saint-Paul Ouest",
        "BE": "rue Saint-Gilles",
        "CH": "Hardturmstrasse",
        "JP": "Akasaka 2-chome",
        "PT": "Rua do Souto",
    }.get(country, "Business Park Road")


def _postcode(country: str, rng: random.Random) -> str:
    return {
        "FR": "63300",
        "DE": "80687",
        "IT": "20123",
        "ES": "46004",
        "GB": "WC2B 6ST",
        "US": "10001",
        "CA": "H2Y 1Z7",
        "BE": "4000",
        "CH": "8005",
        "JP": "107-0052",
        "PT": "4700-329",
    }.get(country, f"{rng.randint(10000, 99999)}")


def _activities_and_tasks(
    companies: list[Company],
    users: dict[str, User],
    rng: random.Random,
    now: dt.datetime,
    today: dt.date,
) -> None:
    subjects = [
        ("call", "Point sur la commande en cours", "Order follow-up call"),
        (
            "email",
            "Envoi du catalogue 2026 et du tarif export",
            "Sent the 2026 catalogue and export price list",
        ),
        ("meeting", "Rendez-vous au salon Ambiente", "Meeting at Ambiente trade fair"),
        ("note", "Demande d'échantillons de cocottes", "Asked for casserole samples"),
        ("call", "Relance offre de prix", "Offer follow-up"),
    ]
    for company in companies:
        contact = company.contacts.first()
        for _ in range(rng.randint(1, 4)):
            kind, fr, en = rng.choice(subjects)
            when = now - dt.timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 8))
            activity = Activity(
                company=company,
                contact=contact,
                kind=kind,
                subject=fr if company.language == "fr" else en,
                occurred_at=when,
                user=rng.choice([users["claire"], users["julien"]]),
            )
            _save(activity, activity.user)
    by_name = {c.name: c for c in companies}
    plan = [
        (
            "Relancer Chef's Table pour l'offre cocottes (validité fin de mois)",
            "Chef's Table Imports Inc.",
            -3,
            "claire",
        ),
        (
            "Envoyer le certificat d'origine EUR.1 à Arts Culinaires",
            "Arts Culinaires du Maroc SARL",
            -1,
            "claire",
        ),
        (
            "Appeler Küchenhaus Berger : planning de livraison",
            "Küchenhaus Berger GmbH",
            0,
            "claire",
        ),
        (
            "Demander une cotation fret maritime Le Havre - Sydney",
            "Rhône Logistique Internationale",
            0,
            "claire",
        ),
        (
            "Préparer les échantillons pour Seoul Home Living",
            "Seoul Home Living Co., Ltd.",
            2,
            "claire",
        ),
        ("Rappeler Hogar y Fuego après le salon", "Hogar y Fuego S.L.", 5, "julien"),
        ("Revoir la limite de crédit de Casa Cucina", "Casa Cucina S.r.l.", -2, "julien"),
        (
            "Vérifier l'assurance-crédit pour Gulf Hospitality",
            "Gulf Hospitality Trading LLC",
            1,
            "julien",
        ),
    ]
    for title, company_name, offset, username in plan:
        company = by_name[company_name]
        _save(
            Task(
                title=title,
                company=company,
                contact=company.contacts.first(),
                due_date=today + dt.timedelta(days=offset),
                assigned_to=users[username],
            ),
            users[username],
        )


def _products(author: User) -> list[Product]:
    eur = _save(
        PriceList(
            name="Tarif export 2026 EUR",
            currency="EUR",
            market="Europe, Maghreb",
            incoterm="EXW",
            valid_from=dt.date(2026, 1, 1),
            valid_until=dt.date(2026, 12, 31),
        ),
        author,
    )
    usd = _save(
        PriceList(
            name="Export price list 2026 USD",
            currency="USD",
            market="Americas, Middle East, Asia",
            incoterm="EXW",
            valid_from=dt.date(2026, 1, 1),
            valid_until=dt.date(2026, 12, 31),
        ),
        author,
    )
    products = []
    for (
        ref,
        name_fr,
        name_en,
        hs,
        national,
        origin,
        net,
        gross,
        dims,
        units,
        carton,
        carton_kg,
        per_pallet,
        un,
        cost,
        price_eur,
        price_usd,
    ) in data.PRODUCTS:
        product = Product(
            reference=ref,
            name_fr=name_fr,
            name_en=name_en,
            hs_code=hs,
            cn_code=national[:8],
            taric_code=national if len(national) == 10 else "",
            origin_country=origin,
            net_weight_kg=net,
            gross_weight_kg=gross,
            length_cm=dims[0],
            width_cm=dims[1],
            height_cm=dims[2],
            units_per_carton=units,
            carton_length_cm=carton[0],
            carton_width_cm=carton[1],
            carton_height_cm=carton[2],
            carton_gross_weight_kg=carton_kg,
            cartons_per_pallet=per_pallet,
            un_number=un,
            cost_price=cost,
            cost_currency="EUR",
            description_fr=f"{name_fr}. Fabrication Maison Ferrand." if origin == "FR" else name_fr,
            description_en=f"{name_en}. Made by Maison Ferrand." if origin == "FR" else name_en,
        )
        _save(product, author)
        products.append(product)
        if price_eur:
            _save(PriceListItem(price_list=eur, product=product, unit_price=price_eur), author)
            _save(
                PriceListItem(
                    price_list=eur,
                    product=product,
                    min_quantity=100,
                    unit_price=(price_eur * 95 / 100).quantize(price_eur),
                ),
                author,
            )
            _save(PriceListItem(price_list=usd, product=product, unit_price=price_usd), author)
    return products


def _load_plans(users: dict[str, User], companies: list[Company]) -> int:
    """Usual freight prices, one computed container plan, one truck plan to compute and a
    computed multi-drop truck round (three delivery stops)."""
    ensure_standard_equipment()
    for equipment in Equipment.objects.all():
        price = data.FREIGHT_PRICES.get(equipment.code)
        if price is not None:
            equipment.freight_price = price
            _save(equipment, users["admin"])
    by_name = {c.name: c for c in companies}
    count = 0
    for spec in data.LOAD_PLANS:
        plan = LoadPlan(
            title=spec["title"],
            client=by_name[spec["client"]],
            destination=spec["destination"],
            prices={code: str(data.FREIGHT_PRICES[code]) for code in spec["vehicles"]},
            created_by=users["claire"],
        )
        _save(plan, users["claire"])
        stops = spec.get("stops", {})
        for reference, quantity in spec["lines"]:
            stop, place = stops.get(reference, (1, ""))
            LoadPlanLine.objects.create(
                plan=plan,
                product=Product.objects.get(reference=reference),
                quantity=quantity,
                stop=stop,
                stop_place=place,
            )
        if spec["compute"]:
            plan.result = planning.compute(plan)
            plan.total_cost = plan.result.total_cost
            plan.status = LoadPlan.Status.DONE
            plan.progress = 100
            plan.computed_at = timezone.now()
            _save(plan, users["claire"])
        count += 1
    return count
