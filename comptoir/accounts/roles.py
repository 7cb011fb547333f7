"""Roles of Comptoir users and what each may do: the role matrix, written once.

- read-only: sees everything, changes nothing;
- assistant: creates and changes the day-to-day business records;
- manager: an assistant who may also delete records, release credit holds, issue credit
  notes and set what credit control reads (credit limits, payment terms, secured payment);
- administrator: a manager who also manages users and reference data (equipment, exchange
  rates, country sheets, HS nomenclature).

:data:`MATRIX` says, per kind of record and action, the lowest role allowed;
:data:`PROTECTED_FIELDS` the fields that need more than changing the record itself. The
services call :func:`require` with the acting user before they write, so the screens, the
API and the imports obey the same table. ``user=None`` is the system itself (the command
line run by the server's operator, the demo builder, background jobs): always allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

#: Who acts: a signed-in user, an anonymous visitor (both as ``request.user``), or ``None`` for
#: the system itself (command line, demo builder, background jobs).
Actor: TypeAlias = AbstractBaseUser | AnonymousUser | None


class Role(models.TextChoices):
    READ_ONLY = "readonly", _("Read-only")
    ASSISTANT = "assistant", _("Assistant")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "administrator", _("Administrator")


_RANK = {Role.READ_ONLY: 0, Role.ASSISTANT: 1, Role.MANAGER: 2, Role.ADMINISTRATOR: 3}
ROLES_IN_ORDER = sorted(Role, key=lambda r: _RANK[r])


class Action(models.TextChoices):
    """What a user does to a record (the labels complete "may not … these records"; the
    words have their own translation context: "offers" here is "les offres")."""

    VIEW = "view", pgettext_lazy("role matrix", "see")
    CREATE = "create", pgettext_lazy("role matrix", "create")
    CHANGE = "change", pgettext_lazy("role matrix", "change")
    DELETE = "delete", pgettext_lazy("role matrix", "delete")
    RELEASE = "release", pgettext_lazy("role matrix", "release")
    ISSUE = "issue", pgettext_lazy("role matrix", "issue")
    ADMINISTER = "administer", pgettext_lazy("role matrix", "administer")


class Record(models.TextChoices):
    COMPANY = "company", pgettext_lazy("role matrix", "companies and their addresses")
    CONTACT = "contact", pgettext_lazy("role matrix", "contacts")
    ACTIVITY = "activity", pgettext_lazy("role matrix", "activities")
    TASK = "task", pgettext_lazy("role matrix", "tasks")
    COUNTRY_SHEET = "country_sheet", pgettext_lazy("role matrix", "country sheets")
    PRODUCT = "product", pgettext_lazy("role matrix", "products")
    PRICE_LIST = "price_list", pgettext_lazy("role matrix", "price lists and their prices")
    HS_NOMENCLATURE = (
        "hs_nomenclature",
        pgettext_lazy("role matrix", "the nomenclatures (HS and Combined Nomenclature)"),
    )
    EQUIPMENT = "equipment", pgettext_lazy("role matrix", "transport equipment")
    EXCHANGE_RATE = "exchange_rate", pgettext_lazy("role matrix", "our exchange rates")
    OFFER = "offer", pgettext_lazy("role matrix", "offers")
    ORDER = "order", pgettext_lazy("role matrix", "orders")
    DELIVERY = "delivery", pgettext_lazy("role matrix", "deliveries")
    INVOICE = "invoice", pgettext_lazy("role matrix", "invoices")
    CREDIT_NOTE = "credit_note", pgettext_lazy("role matrix", "credit notes")
    PAYMENT = "payment", pgettext_lazy("role matrix", "payments")
    DUNNING_LETTER = "dunning_letter", pgettext_lazy("role matrix", "dunning letters")
    DUNNING_LEVEL = "dunning_level", pgettext_lazy("role matrix", "dunning levels")
    AGENT_CONTRACT = "agent_contract", pgettext_lazy("role matrix", "agent contracts")
    SELLER_PROFILE = "seller_profile", pgettext_lazy("role matrix", "our company's details")
    LOAD_PLAN = "load_plan", pgettext_lazy("role matrix", "load plans")
    SHIPMENT = "shipment", pgettext_lazy("role matrix", "shipments and their tracking")
    FREIGHT_QUOTE = (
        "freight_quote",
        pgettext_lazy("role matrix", "freight requests, quotes and carrier invoices"),
    )
    SHIPPING_DOCUMENT = (
        "shipping_document",
        pgettext_lazy(
            "role matrix", "shipping documents (release: send a set that does not agree)"
        ),
    )
    TRANSPORT_CLAIM = "transport_claim", pgettext_lazy("role matrix", "transport claims")
    USER = "user", pgettext_lazy("role matrix", "users and their roles")
    INTRA_EU_PROOF = (
        "intra_eu_proof",
        pgettext_lazy("role matrix", "proofs of intra-EU transport"),
    )
    INTRA_EU_DECLARATION = (
        "intra_eu_declaration",
        pgettext_lazy(
            "role matrix", "EMEBI and état récapitulatif (administer: the declarant settings)"
        ),
    )
    COUNTRY_MEASURE = (
        "country_measure",
        pgettext_lazy("role matrix", "country measures (embargoes, restrictions)"),
    )
    DUAL_USE_CLASSIFICATION = (
        "dual_use_classification",
        pgettext_lazy("role matrix", "products' dual-use control numbers"),
    )
    EXPORT_LICENCE = "export_licence", pgettext_lazy("role matrix", "export licences")
    LICENCE_ALLOCATION = (
        "licence_allocation",
        pgettext_lazy("role matrix", "licences allocated to shipments"),
    )
    CUSTOMS_TARIFF = "customs_tariff", pgettext_lazy("role matrix", "the customs tariff table")
    CUSTOMS_DECLARATION = (
        "customs_declaration",
        pgettext_lazy(
            "role matrix", "customs declarations, proofs of exit, ATA carnets and procedures"
        ),
    )
    TRADE_AGREEMENT = "trade_agreement", pgettext_lazy("role matrix", "trade agreements")
    PRODUCT_ORIGIN = (
        "product_origin",
        pgettext_lazy("role matrix", "products' preferential origins"),
    )
    SUPPLIER_DECLARATION = (
        "supplier_declaration",
        pgettext_lazy("role matrix", "suppliers' origin declarations"),
    )
    SANCTIONS_SCREENING = (
        "sanctions_screening",
        pgettext_lazy(
            "role matrix", "sanctions screening (change: review a hit; administer: import a list)"
        ),
    )
    DOCUMENTARY_COLLECTION = (
        "documentary_collection",
        pgettext_lazy("role matrix", "documentary collections"),
    )
    BANK_GUARANTEE = (
        "bank_guarantee",
        pgettext_lazy(
            "role matrix", "bank guarantees and standby credits (release: end the bank's line)"
        ),
    )
    CREDIT_INSURANCE = (
        "credit_insurance",
        pgettext_lazy(
            "role matrix",
            "credit insurance covers and threatened losses (administer: the policy)",
        ),
    )
    CURRENCY_HEDGE = "currency_hedge", pgettext_lazy("role matrix", "currency hedges")
    EXPECTED_PAYMENT = (
        "expected_payment",
        pgettext_lazy("role matrix", "expected payments in foreign currency"),
    )
    DOCUMENTARY_CREDIT = (
        "documentary_credit",
        pgettext_lazy(
            "role matrix",
            "documentary credits (issue: present documents; release: present a discrepant set)",
        ),
    )
    LC_AMENDMENT = (
        "lc_amendment",
        pgettext_lazy("role matrix", "documentary credit amendments (change: accept or refuse)"),
    )
    SUPPLIER_FILE = (
        "supplier_file",
        pgettext_lazy(
            "role matrix",
            "supplier files: certifications, audits, CSR, supplied products and prices",
        ),
    )
    SUPPLIER_PERFORMANCE = (
        "supplier_performance",
        pgettext_lazy("role matrix", "suppliers' deliveries and incidents"),
    )
    SUPPLIER_REVIEW = (
        "supplier_review",
        pgettext_lazy("role matrix", "yearly supplier reviews (issue: decide)"),
    )
    PURCHASE_ORDER = (
        "purchase_order",
        pgettext_lazy(
            "role matrix",
            "purchase orders, confirmations, payments due and follow-up (issue: number and send; "
            "delete: a draft; release: cancel an issued order)",
        ),
    )
    GOODS_RECEIPT = "goods_receipt", pgettext_lazy("role matrix", "goods receipts")
    SUPPLIER_CLAIM = "supplier_claim", pgettext_lazy("role matrix", "claims to suppliers")
    TENDER = (
        "tender",
        pgettext_lazy("role matrix", "calls for tender, answers and decisions"),
    )
    SUPPLIER_INVOICE = (
        "supplier_invoice",
        pgettext_lazy(
            "role matrix",
            "supplier invoices and credit notes (issue: approve a matched invoice within the "
            "threshold; release: approve above it or with differences; administer: the "
            "tolerances)",
        ),
    )
    SUPPLIER_PAYMENT = "supplier_payment", pgettext_lazy("role matrix", "payments to suppliers")
    LANDED_COST = (
        "landed_cost",
        pgettext_lazy(
            "role matrix", "landed costs of goods received (issue: set the products' cost price)"
        ),
    )
    TARGET_LIST = (
        "target_list",
        pgettext_lazy("role matrix", "prospecting target lists (and the prospects made from them)"),
    )
    CAMPAIGN = (
        "campaign",
        pgettext_lazy(
            "role matrix",
            "prospecting campaigns, their outcomes, bounces and replies (issue: send an e-mail "
            "campaign)",
        ),
    )
    EVENT = (
        "event",
        pgettext_lazy(
            "role matrix",
            "trade fairs and events, their checklists, invitations and deals (delete: an event)",
        ),
    )
    EVENT_BUDGET = "event_budget", pgettext_lazy("role matrix", "budgets and receipts of events")
    EVENT_VISITOR = "event_visitor", pgettext_lazy("role matrix", "visitors met at events")
    EVENT_TEMPLATE = (
        "event_template",
        pgettext_lazy("role matrix", "checklist templates of events"),
    )
    STUDY_FILE = (
        "study_file",
        pgettext_lazy("role matrix", "thematic files, their clips and notes typed by hand"),
    )
    STUDY_NOTE = (
        "study_note",
        pgettext_lazy("role matrix", "synthesis notes, SWOT and PESTEL notes"),
    )
    MARKET_STUDY = (
        "market_study",
        pgettext_lazy("role matrix", "market selections (issue: record the decision)"),
    )
    INTELLIGENCE_SOURCE = (
        "intelligence_source",
        pgettext_lazy("role matrix", "market intelligence sources (change: read one now)"),
    )
    INTELLIGENCE_ALERT = (
        "intelligence_alert",
        pgettext_lazy("role matrix", "market intelligence alerts"),
    )
    INTELLIGENCE_ITEM = (
        "intelligence_item",
        pgettext_lazy(
            "role matrix",
            "market intelligence items (create: upload a document; change: link to products, "
            "countries, customs)",
        ),
    )
    GRAPHIC_CHARTER = "graphic_charter", pgettext_lazy("role matrix", "the graphic charter")
    COMMUNICATION_MATERIAL = (
        "communication_material",
        pgettext_lazy(
            "role matrix",
            "communication materials (catalogues, price lists, promotions, newsletters, "
            "product photos and marketing profiles)",
        ),
    )
    PRODUCT_FEED = (
        "product_feed",
        pgettext_lazy("role matrix", "links to the product feed for websites and marketplaces"),
    )
    NETWORK_CONTRACT = (
        "network_contract",
        pgettext_lazy("role matrix", "agents' and distributors' contracts"),
    )
    ACTION_PLAN = (
        "action_plan",
        pgettext_lazy("role matrix", "commercial action plans and their objectives"),
    )
    COMMERCIAL_ACTION = (
        "commercial_action",
        pgettext_lazy("role matrix", "actions of the commercial action plan"),
    )
    PIVOT_VIEW = (
        "pivot_view",
        pgettext_lazy(
            "role matrix",
            "saved pivot views (change and delete: one's own; administer: share with everyone)",
        ),
    )
    SALES_OBJECTIVE = (
        "sales_objective",
        pgettext_lazy("role matrix", "sales objectives (dashboards)"),
    )
    MONTHLY_REPORT = (
        "monthly_report",
        pgettext_lazy(
            "role matrix",
            "monthly reports (issue: send to the list; administer: their settings)",
        ),
    )


R, A, M, ADMIN = Role.READ_ONLY, Role.ASSISTANT, Role.MANAGER, Role.ADMINISTRATOR
V, C, CH, D = Action.VIEW, Action.CREATE, Action.CHANGE, Action.DELETE

#: The lowest role allowed, per record and action. An action not listed does not exist
#: for that record (require() refuses it to everyone: a typo must not open a door).
MATRIX: dict[Record, dict[Action, Role]] = {
    Record.COMPANY: {V: R, C: A, CH: A},
    Record.CONTACT: {V: R, C: A, CH: A, D: M},  # delete: the GDPR erasure
    Record.ACTIVITY: {V: R, C: A},
    Record.TASK: {V: R, C: A, CH: A},
    Record.COUNTRY_SHEET: {V: R, C: ADMIN, CH: ADMIN},
    Record.PRODUCT: {V: R, C: A, CH: A},
    Record.PRICE_LIST: {V: R, C: A, CH: A, D: M},
    Record.HS_NOMENCLATURE: {V: R, Action.ADMINISTER: ADMIN},
    Record.EQUIPMENT: {V: R, C: ADMIN, CH: ADMIN},
    Record.EXCHANGE_RATE: {V: R, C: ADMIN},
    Record.OFFER: {V: R, C: A, CH: A},
    Record.ORDER: {V: R, C: A, CH: A, Action.RELEASE: M},
    Record.DELIVERY: {V: R, C: A, CH: A},
    Record.INVOICE: {V: R, C: A, D: M, Action.ISSUE: A},  # delete: a draft only
    Record.CREDIT_NOTE: {V: R, C: M, D: M, Action.ISSUE: M},
    Record.PAYMENT: {V: R, C: A},
    Record.DUNNING_LETTER: {V: R, Action.ISSUE: A},
    Record.DUNNING_LEVEL: {V: R, Action.ADMINISTER: M},
    Record.AGENT_CONTRACT: {V: R, C: M},
    Record.SELLER_PROFILE: {V: R, Action.ADMINISTER: M},
    Record.LOAD_PLAN: {V: R, C: A, CH: A},
    Record.SHIPMENT: {V: R, C: A, CH: A},
    Record.FREIGHT_QUOTE: {V: R, C: A, CH: A},
    # release: mark as sent a document set whose consistency check fails (reason recorded)
    Record.SHIPPING_DOCUMENT: {V: R, Action.ISSUE: A, CH: A, Action.RELEASE: M},
    Record.TRANSPORT_CLAIM: {V: R, C: A, CH: A},
    Record.USER: {Action.ADMINISTER: ADMIN},
    # delete: an item of evidence recorded by mistake
    Record.INTRA_EU_PROOF: {V: R, C: A, CH: A, D: M},
    # create: prepare a month (or its correction); issue: file it (frozen)
    Record.INTRA_EU_DECLARATION: {V: R, C: A, Action.ISSUE: A, Action.ADMINISTER: M},
    # Export control: what lets a controlled or embargoed export pass (a measure, a product's
    # classification, a licence's scope and limits) is the export control officer's decision,
    # so a manager's; allocating a recorded licence to a shipment is day-to-day work that the
    # rules check (country, item, end user, dates, what is left), so an assistant's.
    Record.COUNTRY_MEASURE: {V: R, C: M, CH: M},
    Record.DUAL_USE_CLASSIFICATION: {V: R, CH: M},
    Record.EXPORT_LICENCE: {V: R, C: M, CH: M},
    Record.LICENCE_ALLOCATION: {V: R, C: A, D: A},
    Record.CUSTOMS_TARIFF: {V: R, C: A, CH: A, D: M},
    Record.CUSTOMS_DECLARATION: {V: R, C: A, CH: A},
    Record.TRADE_AGREEMENT: {V: R, C: M, CH: M},
    Record.PRODUCT_ORIGIN: {V: R, C: A, CH: A, D: A},
    Record.SUPPLIER_DECLARATION: {V: R, C: A, CH: A},
    # reviewing a hit (false positive / confirmed) is a manager's decision: four eyes
    Record.SANCTIONS_SCREENING: {V: R, CH: M, Action.ADMINISTER: ADMIN},
    Record.DOCUMENTARY_COLLECTION: {V: R, C: A, CH: A},
    # release: record that a guarantee's line has ended (a received guarantee given up is
    # security lost; a given one released too early leaves the bank's line open): a manager's
    Record.BANK_GUARANTEE: {V: R, C: A, CH: A, Action.RELEASE: M},
    # The policy's terms are the manager's (they set what is covered); asking the insurer for
    # a limit, recording its answers and declaring an unpaid invoice is day-to-day work.
    Record.CREDIT_INSURANCE: {V: R, C: A, CH: A, Action.ADMINISTER: M},
    # A forward contract commits the company with its bank: the manager records it.
    Record.CURRENCY_HEDGE: {V: R, C: M, CH: M},
    Record.EXPECTED_PAYMENT: {V: R, C: A, CH: A, D: A},
    # Documentary credits: recording, checking and presenting a compliant set is the export
    # assistant's daily work; presenting a set with known discrepancies (payment then rests
    # on the applicant's waiver) and accepting or refusing an amendment (it binds us to new
    # terms, UCP 600 art. 10) are a manager's decision.
    Record.DOCUMENTARY_CREDIT: {V: R, C: A, CH: A, Action.ISSUE: A, Action.RELEASE: M},
    Record.LC_AMENDMENT: {V: R, C: A, CH: M},
    # The buyers keep the supplier files; removing a certificate or a supplied product
    # entered by mistake is a manager's. The yearly review is prepared by a buyer; deciding
    # (keep, develop, watch, phase out) commits the company's purchasing: a manager's.
    Record.SUPPLIER_FILE: {V: R, C: A, CH: A, D: M},
    Record.SUPPLIER_PERFORMANCE: {V: R, C: A, CH: A},
    Record.SUPPLIER_REVIEW: {V: R, C: A, CH: A, Action.ISSUE: M},
    # Buying is the buyer's and the import assistant's daily work; cancelling an order the
    # supplier has (its production may have started: costs, deposit lost) is a manager's.
    Record.PURCHASE_ORDER: {V: R, C: A, CH: A, Action.ISSUE: A, D: A, Action.RELEASE: M},
    Record.GOODS_RECEIPT: {V: R, C: A},
    Record.SUPPLIER_CLAIM: {V: R, C: A, CH: A},
    # Calls for tender: preparing, sending, entering answers and deciding is the buyer's
    # (assistant's) daily work, as for freight quotes.
    Record.TENDER: {V: R, C: A, CH: A},
    # Checking supplier invoices is the import assistant's work; committing the company's
    # money above the threshold, or paying despite differences, is the manager's, as is
    # setting the tolerances that let an invoice through.
    Record.SUPPLIER_INVOICE: {
        V: R,
        C: A,
        CH: A,
        Action.ISSUE: A,
        Action.RELEASE: M,
        Action.ADMINISTER: M,
    },
    Record.SUPPLIER_PAYMENT: {V: R, C: A},
    Record.LANDED_COST: {V: R, C: A, CH: A, Action.ISSUE: A},
    # Prospecting: building lists, writing campaigns, test sends, calling and recording
    # outcomes is the assistant's daily work; sending an e-mail campaign puts the company's
    # name (and its GDPR liability, CNIL) in hundreds of mailboxes at once: the manager's.
    # Deleting a list (its imported people with it) or archiving it is a manager's: a list
    # may be the GDPR record of whom a campaign wrote to.
    Record.TARGET_LIST: {V: R, C: A, CH: A, D: M},
    Record.CAMPAIGN: {V: R, C: A, CH: A, Action.ISSUE: M},
    # Preparing a fair and entering its visitors is the assistant's work; deleting an event
    # with its budget, invitations and visitor forms is a manager's.
    Record.EVENT: {V: R, C: A, CH: A, D: M},
    Record.EVENT_BUDGET: {V: R, C: A, CH: A},
    Record.EVENT_VISITOR: {V: R, C: A},
    Record.EVENT_TEMPLATE: {V: R, Action.ADMINISTER: A},
    # Market studies: gathering, clipping and writing is the assistant's daily work; choosing
    # the markets the company will attack commits its budget and people: a manager's.
    Record.STUDY_FILE: {V: R, C: A, CH: A, D: A},
    Record.STUDY_NOTE: {V: R, C: A, CH: A},
    Record.MARKET_STUDY: {V: R, C: A, CH: A, Action.ISSUE: M},
    # Market intelligence: the assistants keep the watch (sources, alerts, documents, links);
    # deleting a source deletes what it brought: a manager's.
    Record.INTELLIGENCE_SOURCE: {V: R, C: A, CH: A, D: M},
    Record.INTELLIGENCE_ALERT: {V: R, C: A, CH: A, D: A},
    Record.INTELLIGENCE_ITEM: {V: R, C: A, CH: A},
    # The graphic charter is the company's image, set once: a manager's. Making the
    # materials from it is the commercial assistant's daily work. A feed link publishes a
    # price list to the world without a login: giving and revoking one is a manager's.
    Record.GRAPHIC_CHARTER: {V: R, CH: M},
    Record.COMMUNICATION_MATERIAL: {V: R, C: A, CH: A, D: A},
    Record.PRODUCT_FEED: {V: R, C: M, CH: M},
    # A contract with an agent or a distributor commits the company (territory, exclusivity,
    # notice, indemnity): the manager's; the assistants see it. The objectives of the year are
    # the manager's; the actions are the assistants' daily work, deleting one a manager's.
    Record.NETWORK_CONTRACT: {V: R, C: M, CH: M},
    Record.ACTION_PLAN: {V: R, C: M, CH: M},
    Record.COMMERCIAL_ACTION: {V: R, C: A, CH: A, D: M},
    # A saved pivot is one's own way of looking at the figures; showing it to everyone
    # (it appears in every user's list) is a manager's call.
    Record.PIVOT_VIEW: {V: R, C: A, CH: A, D: A, Action.ADMINISTER: M},
    # The sales objectives the dashboards compare with: set by the managers, seen by all.
    Record.SALES_OBJECTIVE: {V: R, C: M, CH: M, D: M},
    # The monthly report: an assistant prepares it (opens the month's draft, writes the
    # commentary); sending it to the list, deleting a draft and the settings (dashboards,
    # recipients, automatic sending) are the manager's. Everyone reads the reports.
    Record.MONTHLY_REPORT: {V: R, C: A, CH: A, D: M, Action.ISSUE: M, Action.ADMINISTER: M},
}


@dataclass(frozen=True)
class FieldRule:
    """A field that needs ``minimum`` to be set. ``on_create``: also when a new record gets
    a value other than its default (false: only a change of an existing record counts)."""

    minimum: Role
    on_create: bool = True
    #: when the rule bites, in users' words, where "a value other than the default" is not it
    when: str = ""


#: Fields credit control reads (sales.services.confirm_order and
#: trade.receivables.credit_decision): raising them would let an order pass that the
#: credit policy holds, and releasing a hold is a manager's decision.
PROTECTED_FIELDS: dict[Record, dict[str, FieldRule]] = {
    Record.COMPANY: {
        "credit_limit": FieldRule(M),
        "payment_days": FieldRule(M),
        "payment_end_of_month": FieldRule(M),
        # the credit limit is in the client's currency: changing it changes the limit
        "currency": FieldRule(M, on_create=False),
    },
    # On offers and orders, terms other than the client's own and a secured instrument
    # (advance payment, confirmed L/C: the limit is skipped) are a manager's call.
    Record.OFFER: {
        "payment_days": FieldRule(M, when="other than the client's"),
        "payment_end_of_month": FieldRule(M, when="other than the client's"),
        "payment_instrument": FieldRule(M, when="advance payment or confirmed L/C"),
    },
    Record.ORDER: {
        "payment_days": FieldRule(M, when="other than the client's"),
        "payment_end_of_month": FieldRule(M, when="other than the client's"),
        "payment_instrument": FieldRule(M, when="advance payment or confirmed L/C"),
    },
}

#: An invoice's kind -> its line in the matrix (credit notes have their own).
INVOICE_RECORDS = {"invoice": Record.INVOICE, "credit_note": Record.CREDIT_NOTE}

#: The record each model belongs to, for the audited writes of comptoir.audit.
MODEL_RECORDS: dict[str, Record] = {
    "parties.company": Record.COMPANY,
    "parties.address": Record.COMPANY,
    "parties.contact": Record.CONTACT,
    "parties.activity": Record.ACTIVITY,
    "parties.task": Record.TASK,
    "parties.countrysheet": Record.COUNTRY_SHEET,
    "catalog.product": Record.PRODUCT,
    "catalog.pricelist": Record.PRICE_LIST,
    "catalog.pricelistitem": Record.PRICE_LIST,
    "catalog.hscode": Record.HS_NOMENCLATURE,
    "logistics.equipment": Record.EQUIPMENT,
    "logistics.loadplan": Record.LOAD_PLAN,
    "logistics.loadplanline": Record.LOAD_PLAN,
    "calculators.exchangerate": Record.EXCHANGE_RATE,
    "sales.offer": Record.OFFER,
    "sales.order": Record.ORDER,
    "sales.delivery": Record.DELIVERY,
    "sales.invoice": Record.INVOICE,
    "sales.payment": Record.PAYMENT,
    "sales.dunninglevel": Record.DUNNING_LEVEL,
    "sales.agentcontract": Record.AGENT_CONTRACT,
    "sales.sellerprofile": Record.SELLER_PROFILE,
    "shipping.shipment": Record.SHIPMENT,
    "shipping.shipmentline": Record.SHIPMENT,
    "shipping.container": Record.SHIPMENT,
    "shipping.milestone": Record.SHIPMENT,
    "shipping.trackingevent": Record.SHIPMENT,
    "shipping.shipmentnotice": Record.SHIPMENT,
    "freight.freightrequest": Record.FREIGHT_QUOTE,
    "freight.recipient": Record.FREIGHT_QUOTE,
    "freight.quote": Record.FREIGHT_QUOTE,
    "freight.quoteline": Record.FREIGHT_QUOTE,
    "freight.providerinvoice": Record.FREIGHT_QUOTE,
    "freight.providerinvoiceline": Record.FREIGHT_QUOTE,
    "shipping_documents.shippingdocument": Record.SHIPPING_DOCUMENT,
    "shipping_documents.documentset": Record.SHIPPING_DOCUMENT,
    "claims.claim": Record.TRANSPORT_CLAIM,
    "claims.claimattachment": Record.TRANSPORT_CLAIM,
    "claims.claimdeadline": Record.TRANSPORT_CLAIM,
    "intra_eu.invoiceproof": Record.INTRA_EU_PROOF,
    "intra_eu.evidence": Record.INTRA_EU_PROOF,
    "intra_eu.declaration": Record.INTRA_EU_DECLARATION,
    "intra_eu.declarantsettings": Record.INTRA_EU_DECLARATION,
    "catalog.cncode": Record.HS_NOMENCLATURE,
    "export_control.countrymeasure": Record.COUNTRY_MEASURE,
    "export_control.dualuseclassification": Record.DUAL_USE_CLASSIFICATION,
    "export_control.licence": Record.EXPORT_LICENCE,
    "export_control.allocation": Record.LICENCE_ALLOCATION,
    "customs.tariffrate": Record.CUSTOMS_TARIFF,
    "customs.importentry": Record.CUSTOMS_DECLARATION,
    "customs.importline": Record.CUSTOMS_DECLARATION,
    "customs.exportdeclaration": Record.CUSTOMS_DECLARATION,
    "customs.carnet": Record.CUSTOMS_DECLARATION,
    "customs.carnetitem": Record.CUSTOMS_DECLARATION,
    "customs.carnetvisit": Record.CUSTOMS_DECLARATION,
    "customs.specialprocedure": Record.CUSTOMS_DECLARATION,
    "origin.agreement": Record.TRADE_AGREEMENT,
    "origin.productorigin": Record.PRODUCT_ORIGIN,
    "origin.supplierdeclaration": Record.SUPPLIER_DECLARATION,
    "compliance.listversion": Record.SANCTIONS_SCREENING,
    "compliance.listentry": Record.SANCTIONS_SCREENING,
    "compliance.hit": Record.SANCTIONS_SCREENING,
    "doc_collections.collection": Record.DOCUMENTARY_COLLECTION,
    "doc_collections.collectiondocument": Record.DOCUMENTARY_COLLECTION,
    "guarantees.guarantee": Record.BANK_GUARANTEE,
    "guarantees.reductionline": Record.BANK_GUARANTEE,
    "guarantees.amendment": Record.BANK_GUARANTEE,
    "guarantees.demand": Record.BANK_GUARANTEE,
    "credit_insurance.policy": Record.CREDIT_INSURANCE,
    "credit_insurance.buyercover": Record.CREDIT_INSURANCE,
    "credit_insurance.coverevent": Record.CREDIT_INSURANCE,
    "credit_insurance.declaration": Record.CREDIT_INSURANCE,
    "fx_exposure.hedge": Record.CURRENCY_HEDGE,
    "fx_exposure.expectedpayment": Record.EXPECTED_PAYMENT,
    "credits.credit": Record.DOCUMENTARY_CREDIT,
    "credits.requireddocument": Record.DOCUMENTARY_CREDIT,
    "credits.presentation": Record.DOCUMENTARY_CREDIT,
    "credits.banknotice": Record.DOCUMENTARY_CREDIT,
    "credits.creditdeadline": Record.DOCUMENTARY_CREDIT,
    "credits.amendment": Record.LC_AMENDMENT,
    "suppliers.supplierfile": Record.SUPPLIER_FILE,
    "suppliers.certification": Record.SUPPLIER_FILE,
    "suppliers.audit": Record.SUPPLIER_FILE,
    "suppliers.correctiveaction": Record.SUPPLIER_FILE,
    "suppliers.csrcheck": Record.SUPPLIER_FILE,
    "suppliers.suppliedproduct": Record.SUPPLIER_FILE,
    "suppliers.pricepoint": Record.SUPPLIER_FILE,
    "suppliers.delivery": Record.SUPPLIER_PERFORMANCE,
    "suppliers.incident": Record.SUPPLIER_PERFORMANCE,
    "suppliers.review": Record.SUPPLIER_REVIEW,
    "purchasing.purchaseorder": Record.PURCHASE_ORDER,
    "purchasing.purchaseorderline": Record.PURCHASE_ORDER,
    "purchasing.purchaseorderrevision": Record.PURCHASE_ORDER,
    "purchasing.supplierconfirmation": Record.PURCHASE_ORDER,
    "purchasing.confirmationline": Record.PURCHASE_ORDER,
    "purchasing.paymentdue": Record.PURCHASE_ORDER,
    "purchasing.productionmilestone": Record.PURCHASE_ORDER,
    "purchasing.inspection": Record.PURCHASE_ORDER,
    "purchasing.receipt": Record.GOODS_RECEIPT,
    "purchasing.receiptline": Record.GOODS_RECEIPT,
    "purchasing.supplierclaim": Record.SUPPLIER_CLAIM,
    "tenders.tender": Record.TENDER,
    "tenders.tenderline": Record.TENDER,
    "tenders.invitation": Record.TENDER,
    "tenders.routecost": Record.TENDER,
    "tenders.answer": Record.TENDER,
    "tenders.answerline": Record.TENDER,
    "tenders.award": Record.TENDER,
    "supplier_invoices.matchsettings": Record.SUPPLIER_INVOICE,
    "supplier_invoices.supplierinvoice": Record.SUPPLIER_INVOICE,
    "supplier_invoices.supplierinvoiceline": Record.SUPPLIER_INVOICE,
    "supplier_invoices.supplierpayment": Record.SUPPLIER_PAYMENT,
    "supplier_invoices.landedcost": Record.LANDED_COST,
    "supplier_invoices.landedcostitem": Record.LANDED_COST,
    "supplier_invoices.landedcostline": Record.LANDED_COST,
    "prospecting.targetlist": Record.TARGET_LIST,
    "prospecting.target": Record.TARGET_LIST,
    "prospecting.companyprofile": Record.TARGET_LIST,
    "prospecting.campaign": Record.CAMPAIGN,
    "prospecting.recipient": Record.CAMPAIGN,
    "prospecting.mailevent": Record.CAMPAIGN,
    "prospecting.blockedaddress": Record.CAMPAIGN,
    "prospecting.linkedsale": Record.CAMPAIGN,
    "events.event": Record.EVENT,
    "events.checklistitem": Record.EVENT,
    "events.invitation": Record.EVENT,
    "events.deal": Record.EVENT,
    "events.budgetline": Record.EVENT_BUDGET,
    "events.receipt": Record.EVENT_BUDGET,
    "events.visitor": Record.EVENT_VISITOR,
    "events.checklisttemplate": Record.EVENT_TEMPLATE,
    "events.checklisttemplateitem": Record.EVENT_TEMPLATE,
    "studies.thematicfile": Record.STUDY_FILE,
    "studies.clip": Record.STUDY_FILE,
    "studies.synthesisnote": Record.STUDY_NOTE,
    "studies.strategynote": Record.STUDY_NOTE,
    "studies.marketstudy": Record.MARKET_STUDY,
    "studies.candidate": Record.MARKET_STUDY,
    "intelligence.source": Record.INTELLIGENCE_SOURCE,
    "intelligence.item": Record.INTELLIGENCE_ITEM,
    "intelligence.itemcountry": Record.INTELLIGENCE_ITEM,
    "intelligence.alert": Record.INTELLIGENCE_ALERT,
    "intelligence.match": Record.INTELLIGENCE_ALERT,
    "marketing.charter": Record.GRAPHIC_CHARTER,
    "marketing.productprofile": Record.COMMUNICATION_MATERIAL,
    "marketing.productvisual": Record.COMMUNICATION_MATERIAL,
    "marketing.material": Record.COMMUNICATION_MATERIAL,
    "marketing.materialline": Record.COMMUNICATION_MATERIAL,
    "marketing.feedlink": Record.PRODUCT_FEED,
    "action_plan.networkcontract": Record.NETWORK_CONTRACT,
    "action_plan.plan": Record.ACTION_PLAN,
    "action_plan.objective": Record.ACTION_PLAN,
    "action_plan.action": Record.COMMERCIAL_ACTION,
    "reporting.pivotview": Record.PIVOT_VIEW,
    "reporting.salesobjective": Record.SALES_OBJECTIVE,
    "reporting.monthlyreport": Record.MONTHLY_REPORT,
    "reporting.monthlyreportsettings": Record.MONTHLY_REPORT,
}


def acting_user(request: object) -> User:
    """The signed-in user a screen or an API call acts for (a page's or a DRF request); the
    login middleware and the API permissions keep others out, this refuses them anyway."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user


def role_of(user: Actor) -> Role:
    """The user's role; superusers are administrators, anonymous users read-only."""
    if user is None or not user.is_authenticated:
        return Role.READ_ONLY
    if getattr(user, "is_superuser", False):
        return Role.ADMINISTRATOR
    profile = getattr(user, "profile", None)
    if profile is None:
        return Role.READ_ONLY
    return Role(profile.role)


def has_role(user: Actor, minimum: Role) -> bool:
    return _RANK[role_of(user)] >= _RANK[minimum]


def can_edit(user: Actor) -> bool:
    return has_role(user, Role.ASSISTANT)


def require_edit(user: Actor) -> None:
    """Refuse a screen that edits to a user who may not edit anything (read-only role)."""
    if not can_edit(user):
        raise PermissionDenied


def can_manage(user: Actor) -> bool:
    return has_role(user, Role.MANAGER)


def is_administrator(user: Actor) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def minimum_role(action: Action | str, record: Record | str) -> Role | None:
    """The lowest role allowed, or None when the action does not exist for the record."""
    return MATRIX[Record(record)].get(Action(action))


def allowed(user: Actor, action: Action | str, record: Record | str) -> bool:
    if user is None:
        return True
    needed = minimum_role(action, record)
    return needed is not None and has_role(user, needed)


def refused_fields(
    user: Actor, record: Record | str, fields: Iterable[str], *, creating: bool = False
) -> list[str]:
    """The fields among ``fields`` that the user may not set on this kind of record."""
    if user is None:
        return []
    rules = PROTECTED_FIELDS.get(Record(record), {})
    return [
        name
        for name in fields
        if name in rules
        and (rules[name].on_create or not creating)
        and not has_role(user, rules[name].minimum)
    ]


def field_minimum(record: Record | str, name: str) -> Role | None:
    rule = PROTECTED_FIELDS.get(Record(record), {}).get(name)
    return rule.minimum if rule else None


def require(
    user: Actor,
    action: Action | str,
    record: Record | str,
    *,
    fields: Iterable[str] = (),
    labels: dict[str, Any] | None = None,
    creating: bool = False,
) -> None:
    """Raise ``PermissionDenied`` with a message naming what is refused, unless the user's
    role allows ``action`` on ``record`` and setting every one of ``fields``.

    ``labels`` give the fields' names in the user's words (the model's verbose names)."""
    if user is None:
        return
    action, record = Action(action), Record(record)
    if not allowed(user, action, record):
        needed = minimum_role(action, record)
        if needed is None:
            raise PermissionDenied(
                gettext("Nobody may %(action)s %(record)s.")
                % {"action": action.label, "record": record.label}
            )
        raise PermissionDenied(
            gettext(
                "Your role (%(role)s) may not %(action)s %(record)s: this takes the role "
                "%(needed)s or above."
            )
            % {
                "role": role_of(user).label,
                "action": action.label,
                "record": record.label,
                "needed": needed.label,
            }
        )
    refused = refused_fields(user, record, fields, creating=creating)
    if refused:
        names = ", ".join(str((labels or {}).get(name, name)) for name in refused)
        needed = max((field_minimum(record, n) or R for n in refused), key=lambda r: _RANK[r])
        raise FieldPermissionDenied(
            refused,
            gettext(
                "Your role (%(role)s) may not set these fields of %(record)s: %(fields)s. "
                "This takes the role %(needed)s or above."
            )
            % {
                "role": role_of(user).label,
                "fields": names,
                "record": record.label,
                "needed": needed.label,
            },
        )


class FieldPermissionDenied(PermissionDenied):
    """Refused because of protected fields; ``fields`` names them."""

    def __init__(self, fields: list[str], message: str) -> None:
        super().__init__(message)
        self.fields = fields


def matrix_rows() -> list[tuple[Record, Action, Role]]:
    """Every (record, action, lowest role) of the matrix, in the order of the tables."""
    return [(record, action, role) for record in Record for action, role in MATRIX[record].items()]
