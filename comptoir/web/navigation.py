"""The navigation bar: one entry per business area that exists, with its pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Page:
    label: str | Promise
    url_name: str


@dataclass(frozen=True)
class Area:
    key: str
    label: str | Promise
    prefix: str | tuple[str, ...]
    pages: tuple[Page, ...]


AREAS: tuple[Area, ...] = (
    Area(
        "parties",
        _("Relations"),
        "/parties/",
        (
            Page(_("Companies"), "parties:company_list"),
            Page(_("Contacts"), "parties:contact_list"),
            Page(_("Tasks"), "parties:task_list"),
            Page(_("Countries"), "parties:country_list"),
            Page(_("Import"), "parties:import"),
        ),
    ),
    Area(
        "catalog",
        _("Products"),
        "/catalog/",
        (
            Page(_("Products"), "catalog:product_list"),
            Page(_("Price lists"), "catalog:pricelist_list"),
            Page(_("HS nomenclature"), "catalog:hs_search"),
            Page(_("Combined Nomenclature"), "catalog:cn_browse"),
        ),
    ),
    Area(
        "sales",
        _("Sales"),
        "/sales/",
        (
            Page(_("Offers"), "sales:offer_list"),
            Page(_("Orders"), "sales:order_list"),
            Page(_("Invoices"), "sales:invoice_list"),
            Page(_("Receivables"), "sales:aged_receivables"),
            Page(_("Dunning"), "sales:dunning_run"),
            Page(_("Commissions"), "sales:commissions"),
            Page(_("Our company"), "sales:seller"),
        ),
    ),
    Area(
        "development",
        _("Business development"),
        (
            "/intelligence/",
            "/studies/",
            "/prospecting/",
            "/events/",
            "/marketing/",
            "/action-plan/",
        ),
        (
            # pages in this order: intelligence, market studies, prospecting, fairs and events,
            # communication materials, action plan and sales network
            Page(_("Prospecting"), "prospecting:index"),
            Page(_("Fairs and events"), "events:event_list"),
            Page(_("Thematic files"), "studies:file_list"),
            Page(_("Market selection"), "studies:study_list"),
            Page(_("SWOT and PESTEL"), "studies:strategy_list"),
            Page(_("Market intelligence"), "intelligence:item_list"),
            Page(_("Intelligence sources"), "intelligence:source_list"),
            Page(_("Alerts"), "intelligence:alert_list"),
            Page(_("Communication materials"), "marketing:index"),
            Page(_("Action plan"), "action_plan:index"),
            Page(_("Sales network"), "action_plan:contract_list"),
        ),
    ),
    Area(
        "logistics",
        _("Logistics"),
        # the logistics desk spans several areas: shipments, freight, documents, claims
        ("/logistics/", "/shipping/", "/freight/", "/claims/", "/shipping-documents/"),
        (
            Page(_("Shipments"), "shipping:shipment_list"),
            Page(_("Load plans"), "logistics:plan_list"),
            Page(_("Containers and trucks"), "logistics:equipment_list"),
            Page(_("Freight quotes"), "freight:request_list"),
            Page(_("Transport claims"), "claims:claim_list"),
        ),
    ),
    Area(
        "reporting",
        _("Dashboards"),
        "/reporting/",
        (
            Page(_("Dashboards"), "reporting:index"),
            Page(_("Pivot table"), "reporting:pivot"),
            Page(_("Sales objectives"), "reporting:objective_list"),
            Page(_("Monthly report"), "reporting:monthly_list"),
        ),
    ),
    Area(
        "calculators",
        _("Calculators"),
        "/calculators/",
        (
            Page(_("All calculators"), "calculators:index"),
            Page(_("Our exchange rates"), "calculators:exchange_rates"),
            Page(_("L/C document checker"), "calculators:lc_check"),
        ),
    ),
    Area(
        "customs",
        _("Customs"),
        ("/customs/", "/origin/", "/intra-eu/"),
        (
            Page(_("Customs overview"), "customs:home"),
            Page(_("Import declarations"), "customs:import_list"),
            Page(_("Export declarations"), "customs:export_list"),
            Page(_("ATA carnets"), "customs:carnet_list"),
            Page(_("Special procedures"), "customs:procedure_list"),
            Page(_("Tariff table"), "customs:tariff_list"),
            Page(_("Trade agreements"), "origin:agreement_list"),
            Page(_("Suppliers' declarations"), "origin:declaration_list"),
            Page(_("EMEBI and état récapitulatif"), "intra_eu:month"),
            Page(_("Proofs of transport"), "intra_eu:proof_list"),
            Page(_("Declarant settings"), "intra_eu:settings"),
        ),
    ),
    Area(
        "compliance",
        _("Compliance"),
        ("/compliance/", "/export-control/"),
        (
            Page(_("Hits to review"), "compliance:hit_list"),
            Page(_("Screen a name"), "compliance:screen_name"),
            Page(_("Sanctions lists"), "compliance:list_versions"),
            Page(_("Country measures"), "export_control:measure_list"),
            Page(_("Export licences"), "export_control:licence_list"),
            Page(_("Controlled products"), "export_control:product_list"),
        ),
    ),
    Area(
        "purchasing",
        _("Purchasing"),
        ("/suppliers/", "/tenders/", "/purchasing/", "/supplier-invoices/"),
        (
            # pages in this order: suppliers, tenders, purchase orders and receipts, invoices
            Page(_("Suppliers"), "suppliers:supplier_list"),
            Page(_("Calls for tender"), "tenders:list"),
            Page(_("Purchase orders"), "purchasing:order_list"),
            Page(_("Supplier invoices"), "supplier_invoices:invoice_list"),
            Page(_("Open payables"), "supplier_invoices:payables"),
            Page(_("Landed costs"), "supplier_invoices:landed_cost_list"),
        ),
    ),
    Area(
        "payments",
        _("Payments and risk"),
        ("/credits/", "/collections/", "/guarantees/", "/credit-insurance/", "/currency/"),
        (
            Page(_("Documentary credits"), "credits:credit_list"),
            Page(_("Documentary collections"), "doc_collections:collection_list"),
            Page(_("Bank guarantees"), "guarantees:guarantee_list"),
            Page(_("Credit insurance"), "credit_insurance:home"),
            Page(_("Threatened losses"), "credit_insurance:declaration_list"),
            Page(_("Currency exposure"), "fx_exposure:exposure"),
            Page(_("Currency hedges"), "fx_exposure:hedge_list"),
            Page(_("Expected payments"), "fx_exposure:payment_list"),
        ),
    ),
)


def areas_for(path: str) -> list[dict[str, object]]:
    return [
        {
            "key": area.key,
            "label": area.label,
            "active": path.startswith(area.prefix),
            "url": reverse(area.pages[0].url_name),
            "pages": [
                {
                    "label": p.label,
                    "url": reverse(p.url_name),
                    "active": path == reverse(p.url_name),
                }
                for p in area.pages
            ],
        }
        for area in AREAS
        if area.pages  # an area shows once it has a page
    ]
