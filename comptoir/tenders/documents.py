"""What the request for offers shows to one supplier: our company, the products with their
quantities and specifications, the delivery date and place, the Incoterm and payment terms
wanted, the deadline for answers. Read once here into plain values;
``comptoir.documents.tenders`` renders them in the supplier's language."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils import translation

from comptoir.documents.tenders import TenderDocument
from comptoir.sales import documents as sales_documents

from . import selectors
from .models import Invitation


def _sender(user: User | None) -> dict[str, str]:
    if user is None:
        return {"name": "", "email": ""}
    return {"name": user.get_full_name() or user.get_username(), "email": user.email}


def request_document(invitation: Invitation, sender: User | None = None) -> TenderDocument:
    """The request for offers as ``invitation``'s supplier receives it, in its language."""
    tender = invitation.tender
    language = invitation.language or invitation.supplier.language or "en"
    with translation.override(language):
        lines = [
            {
                "position": line.position,
                "reference": line.product.reference,
                "name": line.product.name_fr if language == "fr" else line.product.name_en,
                "cn_code": line.product.cn_code,
                "quantity": line.quantity,
                "specifications": line.specifications,
            }
            for line in selectors.lines_of(tender)
        ]
        return TenderDocument(
            language=language,
            number=tender.number or "",
            issued_on=(invitation.sent_at or tender.created_at).date(),
            seller=sales_documents.seller_context(),
            supplier=sales_documents.client_block(invitation.supplier, language),
            lines=lines,
            facts={
                "title": tender.title,
                "reply_by": tender.reply_by,
                "delivery_date": tender.delivery_date,
                "delivery_place": tender.delivery_place,
                "incoterm": tender.incoterm,
                "incoterm_place": tender.incoterm_place,
                "payment_terms": tender.payment_terms,
                "instructions": tender.instructions,
            },
            sender=_sender(sender),
        )
