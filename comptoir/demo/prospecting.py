"""The demo's prospecting: ten German kitchenware retailers (prospects with their buyers,
created when the demo has none), a target list from the CRM, an e-mail campaign sent to them
in French and English with its results (two replies, a hard bounce, an unsubscription, a
meeting and the offer that followed when the demo has one), and a call campaign with its
outcomes and follow-up tasks.

Needs: the users (``claire`` the assistant, ``julien`` the manager; the system acts when
they are missing). Everything goes through the services; the e-mails leave through the
configured backend (a file in the working folder by default), nothing reaches the internet.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from comptoir.common.dates import today
from comptoir.parties import services as parties
from comptoir.parties.models import Company
from comptoir.parties.values import CompanyValues, ContactValues
from comptoir.prospecting import mailing, services
from comptoir.prospecting.inputs import CallValues, CrmCriteria, EventValues, ListValues
from comptoir.prospecting.models import RecipientState
from comptoir.sales.models import Offer

RETAILERS = [
    # name, city, website, buyer (first, last, position, e-mail, language), NACE, size
    (
        "Küchenwelt Köln GmbH",
        "Köln",
        "kuechenwelt-koeln.de",
        ("Anna", "Schmidt", "Einkäuferin", "a.schmidt@kuechenwelt-koeln.de", "en"),
        "47.59",
        "small",
    ),
    (
        "Haus & Herd KG",
        "Hamburg",
        "hausundherd.de",
        ("Jonas", "Weber", "Einkaufsleiter", "j.weber@hausundherd.de", "en"),
        "47.59",
        "medium",
    ),
    (
        "Kochkultur Berlin AG",
        "Berlin",
        "kochkultur.berlin",
        ("Léa", "Martin", "Acheteuse", "lea.martin@kochkultur.berlin", "fr"),
        "47.59",
        "medium",
    ),
    (
        "Topf & Deckel GmbH",
        "München",
        "topf-deckel.de",
        ("Max", "Bauer", "Geschäftsführer", "max.bauer@topf-deckel.de", "en"),
        "47.59",
        "micro",
    ),
    (
        "Gusseisen Manufaktur Dresden",
        "Dresden",
        "gusseisen-dresden.de",
        ("Sophie", "Wagner", "Einkauf", "einkauf@gusseisen-dresden.de", "en"),
        "47.59",
        "small",
    ),
    (
        "Tischkultur Frankfurt GmbH",
        "Frankfurt am Main",
        "tischkultur-ffm.de",
        ("Lukas", "Hoffmann", "Category Manager", "l.hoffmann@tischkultur-ffm.de", "en"),
        "47.59",
        "large",
    ),
    (
        "Kochhaus Stuttgart GmbH",
        "Stuttgart",
        "kochhaus-stuttgart.de",
        ("Marie", "Schulz", "Einkäuferin", "m.schulz@kochhaus-stuttgart.de", "en"),
        "47.59",
        "small",
    ),
    (
        "Herdfeuer Leipzig e.K.",
        "Leipzig",
        "herdfeuer-leipzig.de",
        ("Paul", "Becker", "Inhaber", "paul.becker@herdfeuer-leipzig.de", "en"),
        "47.59",
        "micro",
    ),
    (
        "Küchenprofi Düsseldorf GmbH",
        "Düsseldorf",
        "kuechenprofi-dus.de",
        ("Emma", "Fischer", "Acheteuse export", "e.fischer@kuechenprofi-dus.de", "fr"),
        "46.49",
        "medium",
    ),
    (
        "Bratpfanne Bremen GmbH",
        "Bremen",
        "bratpfanne-bremen.de",
        ("Felix", "Richter", "Einkauf", "f.richter@gmx.de", "en"),
        "47.59",
        "micro",
    ),
]

BODY_EN = (
    "Dear {{ first_name }} {{ last_name }},\n\n"
    "Maison Ferrand has made enamelled cast-iron cookware in Thiers since 1921. Our new "
    "range for {{ country }} retailers — casseroles, grill pans and gratin dishes in six "
    "colours — will be on our stand at Ambiente in Frankfurt.\n\n"
    "May I send {{ company }} our catalogue and price list in EUR, delivered DAP?\n\n"
    "Kind regards,\n{{ sender }}\n{{ sender_email }}"
)
BODY_FR = (
    "Bonjour {{ first_name }} {{ last_name }},\n\n"
    "Maison Ferrand fabrique des cocottes en fonte émaillée à Thiers depuis 1921. Notre "
    "nouvelle gamme pour les détaillants en {{ country }} — cocottes, grils et plats à "
    "gratin en six couleurs — sera sur notre stand au salon Ambiente de Francfort.\n\n"
    "Puis-je envoyer à {{ company }} notre catalogue et nos tarifs en EUR, livrés DAP ?\n\n"
    "Bien cordialement,\n{{ sender }}\n{{ sender_email }}"
)
SCRIPT_EN = (
    "1. Introduce yourself: {{ sender }}, Maison Ferrand, French cast-iron cookware.\n"
    "2. Ask for the buyer of cookware; check the name and the e-mail.\n"
    "3. Reason for the call: our e-mail about the new range, the Ambiente fair.\n"
    "4. Questions: current suppliers, price range, volumes, delivery terms.\n"
    "5. Objection 'too expensive': lifetime guarantee, made in France, marketing support.\n"
    "6. Close: a meeting at Ambiente or a visit; else send the catalogue and call back."
)
SCRIPT_FR = (
    "1. Se présenter : {{ sender }}, Maison Ferrand, cocottes en fonte françaises.\n"
    "2. Demander l'acheteur des articles de cuisson ; vérifier le nom et l'e-mail.\n"
    "3. Motif de l'appel : notre e-mail sur la nouvelle gamme, le salon Ambiente.\n"
    "4. Questions : fournisseurs actuels, gamme de prix, volumes, conditions de livraison.\n"
    "5. Objection « trop cher » : garantie à vie, fabriqué en France, soutien marketing.\n"
    "6. Conclure : rendez-vous à Ambiente ou visite ; sinon catalogue et rappel."
)


def _retailers(author: User | None) -> list[Company]:
    companies = []
    for index, (name, city, site, person, sector, size) in enumerate(RETAILERS):
        company = Company.objects.filter(name=name).first()
        if company is None:
            company = parties.save_company(
                company=None,
                values=CompanyValues(
                    name=name,
                    roles=("prospect",),
                    country="DE",
                    city=city,
                    language=person[4],
                    time_zone="Europe/Berlin",
                    website=f"https://www.{site}",
                ),
                user=author,
                reason="demo",
            )
            first, last, position, email, language = person
            parties.save_contact(
                contact=None,
                values=ContactValues(
                    company=company,
                    first_name=first,
                    last_name=last,
                    position=position,
                    email=email,
                    phone=f"+49301234{index:03d}",
                    language=language,
                    lawful_basis="legitimate_interest",
                ),
                user=author,
            )
            services.set_profile(company=company, sector=sector, size=size, user=author)
        companies.append(company)
    return companies


def build(users: dict[str, User]) -> dict[str, Any]:
    assistant = users.get("claire")
    manager = users.get("julien") or assistant
    if manager is not None:
        # read again: a profile cached on the object may predate the demo's role
        manager = User.objects.select_related("profile").get(pk=manager.pk)
    day = today()
    with transaction.atomic():
        retailers = _retailers(assistant)
        target_list = services.create_list(
            values=ListValues(
                name="German kitchenware retailers",
                description="Retailers of cookware (NACE 47.59) in Germany, before Ambiente.",
            ),
            user=assistant,
        )
        services.add_from_crm(
            target_list=target_list,
            criteria=CrmCriteria(countries=("DE",), roles=("prospect",), sectors=("47", "46.4")),
            user=assistant,
        )
        campaign = services.create_campaign(
            name="Germany — Ambiente invitation",
            channel="email",
            target_list=target_list,
            subject_en="French cast-iron cookware for {{ company }}",
            body_en=BODY_EN,
            subject_fr="Cocottes en fonte françaises pour {{ company }}",
            body_fr=BODY_FR,
            cost=Decimal("850.00"),
            pause_seconds=0,
            sender=assistant,
            user=assistant,
        )
    # the job's code, run here: the demo does not wait for a worker
    services._enqueue, saved = (lambda campaign_id: None), services._enqueue
    try:
        services.start_sending(campaign=campaign, user=manager)
    finally:
        services._enqueue = saved
    mailing.send_campaign(campaign.pk)
    sent = {r.address: r for r in campaign.recipients.filter(state=RecipientState.SENT)}
    with transaction.atomic():
        for address, kind, note in (
            ("j.weber@hausundherd.de", "reply", "Interested: asks for the price list in EUR."),
            ("lea.martin@kochkultur.berlin", "reply", "Will visit our stand at Ambiente."),
            ("m.schulz@kochhaus-stuttgart.de", "hard_bounce", "550 5.1.1 user unknown"),
        ):
            if address in sent:
                services.record_event(
                    campaign=campaign,
                    values=EventValues(address=address, kind=kind, occurred_on=day, note=note),
                    user=assistant,
                )
        if "paul.becker@herdfeuer-leipzig.de" in sent:
            services.unsubscribe(recipient=sent["paul.becker@herdfeuer-leipzig.de"])
        offer = Offer.objects.filter(client__country="DE").order_by("-offer_date").first()
        if offer is not None:
            services.link_sale(campaign=campaign, offer=offer, user=assistant)

        calls = services.create_campaign(
            name="Germany — follow-up calls",
            channel="call",
            target_list=target_list,
            body_en=SCRIPT_EN,
            body_fr=SCRIPT_FR,
            cost=Decimal("320.00"),
            sender=assistant,
            user=assistant,
        )
        services.start_calls(campaign=calls, user=assistant)
        outcomes = [
            CallValues(
                outcome="meeting",
                follow_up_on=day + dt.timedelta(days=21),
                note="Meeting on our stand, hall 3.0",
            ),
            CallValues(
                outcome="call_back",
                follow_up_on=day + dt.timedelta(days=5),
                note="Buyer back from holiday next week",
            ),
            CallValues(outcome="not_interested", note="Works only with a central buyer"),
            CallValues(outcome="interested", note="Send the catalogue in English"),
            CallValues(outcome="no_answer"),
            CallValues(outcome="wrong_number", note="Number no longer in service"),
        ]
        people = calls.recipients.filter(state=RecipientState.TO_CALL).order_by("id")
        for recipient, values in zip(people, outcomes, strict=False):
            services.log_call(recipient=recipient, values=values, user=assistant)
    return {
        "prospects": len(retailers),
        "campaigns": 2,
        "campaign_emails": len(sent),
    }
