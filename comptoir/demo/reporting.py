"""Demo of the reporting area, through its services: the year's sales objectives that the
sales dashboard compares with (the action plan's objectives per zone, country and person are
the action plan demo's), the whole company's and the Gulf agent's; the monthly report's
settings, last month's report sent and this month's draft with its commentary in French."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from comptoir.parties.models import Company
from comptoir.reporting import monthly, services
from comptoir.reporting.inputs import MonthlySettingsValues, Recipient, SalesObjectiveValues

D = Decimal


LAST_MONTH = (
    "Bon mois à l'export : les commandes du Golfe et d'Allemagne compensent le recul du "
    "Maroc. La marge reste stable malgré la hausse du fret maritime.\n\n"
    "Points d'attention : deux factures export en retard de plus de 60 jours (relances "
    "envoyées), et une preuve de sortie manquante sur une expédition vers la Suisse."
)
THIS_MONTH = (
    "Brouillon : le salon de Dubaï a généré six offres, à suivre en janvier. Les retards "
    "de paiement reculent. À compléter avec les chiffres de fin de mois."
)


def build(users: dict[str, User]) -> dict[str, int]:
    year = timezone.localdate().year
    objectives = [
        SalesObjectiveValues(
            year=year,
            revenue_eur=D("820000"),
            intake_eur=D("850000"),
            notes="Budget voté en janvier / budget approved in January",
        ),
        SalesObjectiveValues(year=year, quarter=4, revenue_eur=D("240000")),
    ]
    agent = Company.objects.filter(name="Agence Levant Commerce").first()
    if agent is not None:
        objectives.append(SalesObjectiveValues(year=year, agent=agent, revenue_eur=D("60000")))
    for values in objectives:
        services.save_sales_objective(objective=None, values=values, user=None)
    return {"sales_objectives": len(objectives), **_monthly(users)}


def _monthly(users: dict[str, User]) -> dict[str, int]:
    """The settings (a manager's), last month's report sent, this month's being prepared by
    an assistant."""
    # read again: the profile cached on the demo's user objects may predate their role
    manager = User.objects.get(username=users["julien"].username)
    assistant = User.objects.get(username=users["claire"].username)
    monthly.save_settings(
        values=MonthlySettingsValues(
            dashboards=("overview", "sales", "receivables"),
            recipients=(
                Recipient(email="direction@maison-ferrand.example", language="fr"),
                Recipient(email="export.director@maison-ferrand.example", language="en"),
            ),
            language="fr",
            auto_send=True,
            year_to_date=True,
        ),
        user=manager,
    )
    today = timezone.localdate()
    year, month = monthly.previous_month(today)
    sent = monthly.open_report(year=year, month=month, user=assistant, today=today)
    monthly.save_commentary(report=sent, commentary=LAST_MONTH, user=assistant)
    monthly.send_report(report=sent, user=manager)
    draft = monthly.open_report(year=today.year, month=today.month, user=assistant, today=today)
    monthly.save_commentary(report=draft, commentary=THIS_MONTH, user=assistant)
    return {"monthly_reports": 2}
