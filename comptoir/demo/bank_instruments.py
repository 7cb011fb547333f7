"""Bank instruments of the demo: a D/P documentary collection on an export invoice, sent with
its documents and paid; a D/A collection whose accepted bill falls due soon; a performance
bond given to a Gulf client with its reduction clause; an advance-payment guarantee received
from a Chinese supplier. Everything goes through ``comptoir.doc_collections.services`` and
``comptoir.guarantees.services``.

Needs: the sales demo (issued export invoices still open, not overdue), the users ``claire``
(collections) and ``julien`` (guarantees) if present, the bank among the companies
(Banque Populaire, our bank) and, when it exists, the shipment whose reference carries CASA.
Without an open export invoice no collection is made.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User

from comptoir.audit import save_instance
from comptoir.common.dates import today
from comptoir.doc_collections import services as collections
from comptoir.doc_collections.inputs import CollectionValues, DocumentValues, StepValues
from comptoir.guarantees import services as guarantees
from comptoir.guarantees.inputs import GuaranteeValues, ReductionValues
from comptoir.parties.models import Company
from comptoir.sales.models import Invoice, Order
from comptoir.shipping.models import Shipment

#: Countries of the EU single market: no documentary collection there in the demo.
EU = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
#: Buyers' banks by country: (name, BIC, city).
COLLECTING_BANKS = {
    "MA": ("Attijariwafa bank", "BCMAMAMC", "Casablanca"),
    "BR": ("Banco do Brasil S.A.", "BRASBRRJ", "Rio de Janeiro"),
    "US": ("JPMorgan Chase Bank, N.A.", "CHASUS33", "New York"),
    "CA": ("Royal Bank of Canada", "ROYCCAT2", "Toronto"),
    "AU": ("Westpac Banking Corporation", "WPACAU2S", "Sydney"),
    "JP": ("MUFG Bank, Ltd.", "BOTKJPJT", "Tokyo"),
    "GB": ("Barclays Bank PLC", "BARCGB22", "London"),
    "CH": ("UBS Switzerland AG", "UBSWCHZH80A", "Zürich"),
}


def _bank(name: str, bic: str, country: str, city: str) -> Company:
    found = Company.objects.filter(bic=bic).first()
    if found is not None:
        return found
    bank = Company(name=name, country=country, city=city, bic=bic, language="en")
    bank.role_list = ["bank"]
    return save_instance(bank, None)


def _our_bank() -> Company:
    ours = Company.objects.filter(roles__contains=",bank,", country="FR").order_by("pk").first()
    if ours is None:
        return _bank("Banque Populaire Auvergne Rhône Alpes", "CCBPFRPPLYO", "FR", "Lyon")
    if not ours.bic:
        ours.bic = "CCBPFRPPLYO"
        save_instance(ours, None)
    return ours


def _open_export_invoices() -> list[Invoice]:
    """Issued invoices outside the EU still open and not overdue (so the receivables and
    dunning of the sales demo stay as they are), not under a documentary credit or paid in
    advance, the Moroccan client first."""
    day = today()
    invoices = (
        Invoice.objects.filter(
            kind=Invoice.Kind.INVOICE,
            status=Invoice.Status.ISSUED,
            balance_due__gt=0,
            due_date__gte=day,
        )
        .exclude(client__country__in=EU)
        .exclude(payment_instrument__in=["lc", "confirmed_lc", "advance"])
        .select_related("client", "order")
        .order_by("-issue_date", "-pk")
    )
    found = [i for i in invoices if i.client.country in COLLECTING_BANKS]
    return sorted(found, key=lambda i: (i.client.country != "MA", -(i.pk or 0)))


def _values(invoice: Invoice, kind: str, owner: User | None, **changes: object) -> CollectionValues:
    ours = _our_bank()
    name, bic, city = COLLECTING_BANKS[invoice.client.country]
    theirs = _bank(name, bic, invoice.client.country, city)
    shipment = (
        Shipment.objects.filter(reference__contains="CASA").first()
        if invoice.client.country == "MA"
        else None
    )
    data: dict[str, object] = dict(
        client=invoice.client,
        invoices=(invoice,),
        kind=kind,
        tenor="sight",
        remitting_bank=ours,
        remitting_bank_name=ours.legal_name or ours.name,
        remitting_bank_bic=ours.bic,
        collecting_bank=theirs,
        collecting_bank_name=name,
        collecting_bank_bic=bic,
        collecting_bank_address=city,
        order=invoice.order,
        shipment=shipment,
        charges="shared",
        unpaid_instructions=(
            "Advise us by SWIFT giving the reason; store and insure the goods at the port for "
            "our account and await our instructions."
        ),
        handled_by=owner,
    )
    data.update(changes)
    return CollectionValues(**data)  # type: ignore[arg-type]


def _documents(collection_id: int, invoice: Invoice, bill: bool) -> None:
    from comptoir.doc_collections.models import Collection

    collection = Collection.objects.get(pk=collection_id)
    rows = [
        DocumentValues(kind="commercial_invoice", reference=str(invoice), originals=3, copies=2),
        DocumentValues(kind="bill_of_lading", reference="MEDU4471209", originals=3, copies=2),
        DocumentValues(kind="packing_list", reference=str(invoice), originals=1, copies=2),
        DocumentValues(kind="certificate_of_origin", reference="CCI 63-2026-1187", originals=1),
    ]
    if bill:
        rows.insert(0, DocumentValues(kind="bill_of_exchange", originals=2))
    for row in rows:
        collections.add_document(collection=collection, values=row, user=None)


def _collections(users: dict[str, User]) -> int:
    owner = users.get("claire")
    invoices = _open_export_invoices()
    made = 0
    day = today()
    if invoices:
        invoice = invoices[0]
        dp = collections.create_collection(values=_values(invoice, "dp", owner), user=None)
        _documents(dp.pk, invoice, bill=False)
        sent = max(invoice.issue_date or day, day - dt.timedelta(days=12))
        collections.record_step(
            collection=dp, values=StepValues(step="sent", on=sent, reference="REM-88120"), user=None
        )
        collections.record_step(
            collection=dp,
            values=StepValues(step="at_bank", on=min(day, sent + dt.timedelta(days=5))),
            user=None,
        )
        collections.record_step(
            collection=dp,
            values=StepValues(step="paid", on=day, bank_charges=Decimal("45.00")),
            user=None,
        )
        made += 1
    if len(invoices) > 1:
        invoice = invoices[1]
        da = collections.create_collection(
            values=_values(
                invoice,
                "da",
                owner,
                tenor="days_after_sight",
                tenor_days=30,
                protest_non_payment=True,
                protest_non_acceptance=True,
            ),
            user=None,
        )
        _documents(da.pk, invoice, bill=True)
        sent = max(invoice.issue_date or day, day - dt.timedelta(days=9))
        collections.record_step(collection=da, values=StepValues(step="sent", on=sent), user=None)
        accepted = min(day, sent + dt.timedelta(days=6))
        collections.record_step(
            collection=da, values=StepValues(step="at_bank", on=accepted), user=None
        )
        collections.record_step(
            collection=da, values=StepValues(step="accepted", on=accepted), user=None
        )
        made += 1
    return made


def _order_of(country: str) -> Order | None:
    return (
        Order.objects.filter(client__country=country)
        .exclude(status=Order.Status.DRAFT)
        .order_by("-order_date", "-pk")
        .first()
    )


def _guarantees(users: dict[str, User]) -> int:
    owner = users.get("julien") or users.get("claire")
    day = today()
    made = 0
    ours = _our_bank()
    gulf = Company.objects.filter(roles__contains=",client,", country="AE").order_by("pk").first()
    if gulf is not None:
        order = _order_of("AE")
        amount = Decimal("4800.00")
        guarantees.create_guarantee(
            values=GuaranteeValues(
                direction="given",
                kind="performance",
                partner=gulf,
                amount=amount,
                currency=order.currency if order else gulf.currency,
                issuing_bank=ours,
                issuing_bank_name=ours.legal_name or ours.name,
                issuing_bank_bic=ours.bic,
                rules="urdg758",
                governing_law="Law of the Emirate of Dubai",
                structure="indirect",
                local_bank_name="Emirates NBD Bank PJSC",
                local_bank_bic="EBILAEAD",
                bank_reference="GAR-BP-2026-0418",
                presentation_country="AE",
                order=order if order and order.client_id == gulf.pk else None,
                underlying="Supply of cookware for a hotel opening (10 % performance bond)",
                issue_date=day - dt.timedelta(days=75),
                expiry_date=day + dt.timedelta(days=25),
                fee_rate_pct=Decimal("0.375"),
                fee_minimum=Decimal("60.00"),
                handled_by=owner,
                notes="Counter-guarantee of our bank to Emirates NBD, which issued locally.",
            ),
            reductions=(
                ReductionValues(on=day - dt.timedelta(days=15), amount_after=Decimal("2400.00")),
                ReductionValues(
                    event="Final acceptance certificate signed by the hotel",
                    amount_after=Decimal("0.00"),
                ),
            ),
            user=None,
        )
        made += 1
    supplier = (
        Company.objects.filter(roles__contains=",supplier,", country="CN").order_by("pk").first()
    )
    if supplier is not None:
        bank = _bank("Bank of China, Guangzhou Branch", "BKCHCNBJ400", "CN", "Guangzhou")
        guarantees.create_guarantee(
            values=GuaranteeValues(
                direction="received",
                kind="advance_payment",
                partner=supplier,
                amount=Decimal("9000.00"),
                currency="USD",
                issuing_bank=bank,
                issuing_bank_name=bank.name,
                issuing_bank_bic=bank.bic,
                rules="urdg758",
                presentation_country="CN",
                purchase_reference="PO-2026-031 (bakelite handles, 30 % advance)",
                issue_date=day - dt.timedelta(days=40),
                expiry_date=day + dt.timedelta(days=140),
                handled_by=owner,
            ),
            reductions=(
                ReductionValues(
                    event="Goods shipped (bill of lading presented)", amount_after=Decimal("0.00")
                ),
            ),
            user=None,
        )
        made += 1
    return made


def build(users: dict[str, User]) -> dict[str, int]:
    """The demo's collections and guarantees; how many of each were made."""
    return {
        "documentary_collections": _collections(users),
        "bank_guarantees": _guarantees(users),
    }


__all__ = ["build"]
