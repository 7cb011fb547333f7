"""The claim's letters, in the recipient's language: confirmation of reserves and claim to the
carrier (registered letters), claim to the cargo insurer with the subrogation wording.

What each letter says is decided here, from the claim, the shipment and our company; the
layout is :mod:`comptoir.documents.claim_letters`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.utils import formats, translation
from django.utils.translation import gettext as _

from comptoir.common.countries import country_name
from comptoir.common.dates import today
from comptoir.documents.claim_letters import ClaimLetter, LetterParty, render_claim_letter
from comptoir.parties import selectors as parties_selectors
from comptoir.parties.models import Company
from comptoir.sales.models import SellerProfile

from .models import Claim, Convention, Kind


def letter_language(partner: Company) -> str:
    return partner.language if partner.language in ("fr", "en") else "en"


def _amount(value: Decimal, currency: str) -> str:
    return f"{formats.number_format(value, 2, use_l10n=True, force_grouping=True)} {currency}"


def _day(value: dt.date | None) -> str:
    return str(formats.date_format(value, "DATE_FORMAT")) if value else "—"


def _legal_basis(claim: Claim) -> str:
    return {
        Convention.CMR: _(
            "articles 17 and 23 of the Convention on the Contract for the International Carriage "
            "of Goods by Road (CMR): the carrier is liable for loss of and damage to the goods "
            "between taking over and delivery, and for delay"
        ),
        Convention.FR_DOMESTIC: _(
            "article L133-1 of the French Commercial Code (the carrier answers for loss and "
            "damage) and the contrat type général approved by décret n° 2017-461"
        ),
        Convention.MONTREAL: _(
            "articles 18 and 19 of the Montreal Convention of 28 May 1999 (destruction, loss of "
            "or damage to cargo, and delay)"
        ),
        Convention.HAGUE_VISBY: _(
            "article III rules 1 and 2 and article IV of the Hague-Visby Rules (the carrier "
            "must properly carry, keep and care for the goods)"
        ),
    }[Convention(claim.convention)]


def _notice_basis(claim: Claim) -> str:
    return {
        Convention.CMR: _("This letter confirms our reservations under article 30 of the CMR."),
        Convention.FR_DOMESTIC: _(
            "This letter is our reasoned protest under article L133-3 of the French Commercial "
            "Code."
        ),
        Convention.MONTREAL: _(
            "This letter is our written complaint under article 31 of the Montreal Convention."
        ),
        Convention.HAGUE_VISBY: _(
            "This letter is our written notice of loss or damage under article III rule 6 of the "
            "Hague-Visby Rules."
        ),
    }[Convention(claim.convention)]


def _what(claim: Claim) -> str:
    return {
        Kind.LOSS: _("the loss of the goods"),
        Kind.DAMAGE: _("the damage to the goods"),
        Kind.SHORTAGE: _("the shortage found"),
        Kind.DELAY: _("the late delivery"),
        Kind.THEFT: _("the theft of the goods"),
    }[Kind(claim.kind)]


def _sender() -> tuple[LetterParty, str]:
    seller = SellerProfile.current()
    if seller is None:
        return LetterParty("", ()), ""
    lines = (
        seller.street,
        f"{seller.postcode} {seller.city}",
        country_name(seller.country, translation.get_language() or "en").upper(),
        " · ".join(x for x in (seller.phone, seller.email) if x),
    )
    return LetterParty(seller.trade_name or seller.legal_name, lines), seller.city


def _recipient(company: Company) -> LetterParty:
    party = parties_selectors.printed_party(company)
    lines = tuple(
        line
        for line in (
            party.street,
            party.street2,
            f"{party.postcode} {party.city}".strip(),
            country_name(party.country, translation.get_language() or "en").upper(),
        )
        if line
    )
    return LetterParty(party.legal_name or party.name, lines)


def _references(claim: Claim) -> tuple[tuple[str, str], ...]:
    shipment = claim.shipment
    rows = [
        (_("Our claim"), claim.number),
        (_("Shipment"), f"{shipment}" + (f" · {shipment.reference}" if shipment.reference else "")),
    ]
    if shipment.transport_document_number:
        rows.append((_("Transport document"), shipment.transport_document_number))
    route = (
        f"{shipment.place_of_loading or country_name(shipment.origin_country)} → "
        f"{shipment.place_of_delivery or shipment.place_of_discharge or country_name(shipment.destination_country)}"
    )
    rows.append((_("Route"), route))
    rows.append(
        (
            _("Date the goods should have been delivered")
            if claim.kind in (Kind.LOSS, Kind.THEFT)
            else _("Delivery"),
            _day(claim.delivery_date),
        )
    )
    goods = shipment.goods_description or ", ".join(
        line.description for line in shipment.lines.all()[:3]
    )
    if goods:
        rows.append((_("Goods"), goods[:200]))
    affected = _("%(weight)s kg gross") % {
        "weight": formats.number_format(claim.weight_affected_kg, 1, use_l10n=True)
    }
    if claim.packages_affected is not None:
        affected = _("%(count)s package(s), %(weight)s") % {
            "count": claim.packages_affected,
            "weight": affected,
        }
    rows.append((_("Goods concerned"), affected))
    return tuple(rows)


def _signature(claim: Claim, sender_name: str) -> tuple[str, ...]:
    person = claim.handled_by
    name = (person.get_full_name() or person.get_username()) if person else ""
    return tuple(x for x in (name, _("for %(company)s") % {"company": sender_name}) if x)


def _facts(claim: Claim, *, to_carrier: bool = True) -> str:
    if claim.kind in (Kind.LOSS, Kind.THEFT):
        if to_carrier:
            opening = _(
                "You took charge of the goods described above for carriage to destination. They "
                "were due on %(day)s and have not been delivered."
            ) % {"day": _day(claim.delivery_date)}
        else:
            opening = _(
                "The goods described above were due on %(day)s and have not been delivered."
            ) % {"day": _day(claim.delivery_date)}
    elif to_carrier:
        opening = _("The goods described above, carried by you, were delivered on %(day)s.") % {
            "day": _day(claim.delivery_date)
        }
    else:
        opening = _("The goods described above were delivered on %(day)s.") % {
            "day": _day(claim.delivery_date)
        }
    return f"{opening} {claim.description.strip()}"


def _reserves_sentence(claim: Claim) -> str:
    if claim.reserves_taken:
        return _(
            "The following reserves were written at delivery on %(day)s (%(document)s): “%(text)s”."
        ) % {
            "document": claim.get_reserves_document_display()
            if claim.reserves_document
            else _("delivery document"),
            "day": _day(claim.reserves_date or claim.delivery_date),
            "text": claim.reserves_text.strip(),
        }
    if claim.kind in (Kind.LOSS, Kind.THEFT, Kind.DELAY):
        return ""
    return _("The damage could not be seen at delivery and was found on %(day)s.") % {
        "day": _day(claim.discovered_on)
    }


def _enclosures(claim: Claim) -> tuple[str, ...]:
    return tuple(a.name for a in claim.attachments.all()[:20])


def build_letter(claim: Claim, letter: str) -> ClaimLetter:
    """The letter's values in the active language (call inside ``translation.override``)."""
    sender, city = _sender()
    language = translation.get_language() or "en"
    today = formats.date_format(_today(), "DATE_FORMAT")
    place_and_date = f"{city}, {today}" if city else str(today)
    shipment = claim.shipment
    if letter == "insurer":
        assert claim.insurer is not None
        recipient = _recipient(claim.insurer)
        subject = _("Cargo claim under policy %(policy)s — our claim %(number)s") % {
            "policy": claim.insurance_policy or "—",
            "number": claim.number,
        }
        paragraphs = [
            _(
                "We declare a loss under our cargo insurance policy %(policy)s on the shipment "
                "described above, carried by %(carrier)s."
            )
            % {"policy": claim.insurance_policy or "—", "carrier": claim.carrier},
            _facts(claim, to_carrier=False),
        ]
        if shipment.insured_value is not None:
            paragraphs.append(
                _("The insured value of the shipment is %(value)s.")
                % {"value": _amount(shipment.insured_value, shipment.currency)}
            )
        paragraphs.append(
            _("Our loss amounts to %(amount)s, as shown by the documents enclosed.")
            % {"amount": _amount(claim.amount_claimed, claim.currency)}
        )
        held = []
        if claim.reserves_sent_on:
            held.append(_("our reserves of %(day)s") % {"day": _day(claim.reserves_sent_on)})
        if claim.claim_sent_on:
            held.append(_("our claim of %(day)s") % {"day": _day(claim.claim_sent_on)})
        if held:
            paragraphs.append(
                _(
                    "We have held the carrier liable by %(letters)s, so that your recourse is "
                    "preserved."
                )
                % {"letters": _(" and ").join(held)}
            )
        if claim.recovered_carrier > 0:
            paragraphs.append(
                _("The carrier has paid %(amount)s, to be deducted from the indemnity.")
                % {"amount": _amount(claim.recovered_carrier, claim.currency)}
            )
        paragraphs.append(
            _(
                "Upon payment of the indemnity, we subrogate you in all our rights and actions "
                "against the carrier and any other party liable, up to the amount paid, and we "
                "will hand you every document needed for your recourse."
            )
        )
        paragraphs.append(_("Please let us know if you wish a surveyor to inspect the goods."))
        registered = ""
    else:
        recipient = _recipient(claim.carrier)
        registered = _("Registered letter with acknowledgement of receipt")
        if letter == "reserves":
            subject = _("Confirmation of reserves — %(what)s — our claim %(number)s") % {
                "what": _what(claim),
                "number": claim.number,
            }
            paragraphs = [
                _facts(claim),
                _reserves_sentence(claim),
                _("We hereby confirm our reserves and hold you liable for %(what)s.")
                % {"what": _what(claim)},
                _notice_basis(claim),
                _(
                    "The goods remain at your disposal for a joint survey. We will send you our "
                    "claim with its amount as soon as the loss is assessed. All our rights are "
                    "reserved."
                ),
            ]
        else:
            subject = _("Claim for %(what)s — %(amount)s — our claim %(number)s") % {
                "what": _what(claim),
                "amount": _amount(claim.amount_claimed, claim.currency),
                "number": claim.number,
            }
            paragraphs = [_facts(claim), _reserves_sentence(claim)]
            if claim.reserves_sent_on:
                paragraphs.append(
                    _("We confirmed our reserves to you by letter of %(day)s.")
                    % {"day": _day(claim.reserves_sent_on)}
                )
            paragraphs += [
                _("You are liable for %(what)s under %(basis)s.")
                % {"what": _what(claim), "basis": _legal_basis(claim)},
                _(
                    "We therefore claim the sum of %(amount)s, as shown by the documents "
                    "enclosed, and ask you to settle it within 30 days or to pass this claim to "
                    "your insurer."
                )
                % {"amount": _amount(claim.amount_claimed, claim.currency)},
            ]
            if claim.convention == Convention.CMR:
                paragraphs.append(
                    _(
                        "This written claim suspends the period of limitation until you reject "
                        "it in writing (CMR article 32 §2)."
                    )
                )
            paragraphs.append(_("All our rights are reserved."))
    return ClaimLetter(
        language=language,
        sender=sender,
        recipient=recipient,
        place_and_date=place_and_date,
        registered=registered,
        subject=subject,
        references=_references(claim),
        salutation=_("Dear Sir or Madam,"),
        paragraphs=tuple(p for p in paragraphs if p),
        closing=_("Yours faithfully,"),
        signature=_signature(claim, sender.name),
        enclosures_title=_("Enclosures:"),
        enclosures=_enclosures(claim),
    )


def _today() -> dt.date:
    return today()


def letter_partner(claim: Claim, letter: str) -> Company:
    if letter == "insurer" and claim.insurer is not None:
        return claim.insurer
    return claim.carrier


def letter_pdf(claim: Claim, letter: str) -> bytes:
    """The letter as PDF, in the recipient's language."""
    with translation.override(letter_language(letter_partner(claim, letter))):
        return render_claim_letter(build_letter(claim, letter))


def letter_filename(claim: Claim, letter: str) -> str:
    return f"{claim.number}-{letter}.pdf"


def queue_letter_email(claim_id: int, letter: str, to: str, sender_id: int | None) -> None:
    from .tasks import email_claim_letter  # the task module imports this one

    email_claim_letter.enqueue(claim_id, letter, to, sender_id)


def send_letter_email(claim_id: int, letter: str, to: str, sender_id: int | None) -> str:
    claim = Claim.objects.select_related("shipment", "carrier", "insurer").get(pk=claim_id)
    sender = get_user_model().objects.filter(pk=sender_id).first() if sender_id else None
    with translation.override(letter_language(letter_partner(claim, letter))):
        content = build_letter(claim, letter)
        body = "\n\n".join(
            [content.salutation, *content.paragraphs, content.closing, "\n".join(content.signature)]
        )
        pdf = render_claim_letter(content)
        subject = content.subject
    reply_to = [sender.email] if sender is not None and sender.email else None
    message = EmailMessage(subject, body, to=[to], reply_to=reply_to)
    message.attach(letter_filename(claim, letter), pdf, "application/pdf")
    message.send()
    return to
