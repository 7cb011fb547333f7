"""The usual four steps of a French collection procedure, editable by the company."""

from django.db import migrations

LEVELS = [
    (
        1,
        "Relance amiable",
        "Friendly reminder",
        7,
        "Sauf erreur de notre part, les factures ci-dessous restent impayées à ce jour. "
        "Nous vous remercions de bien vouloir procéder à leur règlement dans les meilleurs délais, "
        "ou de nous indiquer toute difficulté. Si votre paiement a croisé ce courrier, merci de ne pas en tenir compte.",
        "Unless we are mistaken, the invoices below remain unpaid to date. Please arrange payment at your "
        "earliest convenience, or let us know of any difficulty. If your payment has crossed this letter, "
        "please disregard it.",
        False,
    ),
    (
        2,
        "Deuxième relance",
        "Second reminder",
        21,
        "Malgré notre précédent rappel, les factures ci-dessous restent impayées. Nous vous demandons de "
        "régler sous huit jours le montant dû. Des pénalités de retard et l'indemnité forfaitaire de 40 € "
        "par facture sont exigibles (articles L441-10 et D441-5 du Code de commerce).",
        "Despite our previous reminder, the invoices below remain unpaid. Please pay the amount due within "
        "eight days. Late payment penalties and the fixed indemnity of EUR 40 per invoice are due "
        "(French Commercial Code, art. L441-10 and D441-5).",
        False,
    ),
    (
        3,
        "Mise en demeure",
        "Formal notice",
        40,
        "Par la présente, nous vous mettons en demeure de régler sous quinze jours la somme indiquée "
        "ci-dessous, majorée des pénalités de retard et de l'indemnité forfaitaire pour frais de "
        "recouvrement (article 1344 du Code civil). À défaut, nous transmettrons le dossier au "
        "contentieux sans autre avis.",
        "We hereby give you formal notice to pay within fifteen days the amount below, plus late "
        "payment penalties and the fixed recovery indemnity. Failing payment, the file will be handed "
        "over for legal collection without further notice.",
        False,
    ),
    (
        4,
        "Transmission au contentieux / à l'assureur-crédit",
        "Hand-over to litigation / credit insurer",
        60,
        "Faute de règlement malgré notre mise en demeure, nous transmettons ce jour votre dossier à notre "
        "service contentieux et à notre assureur-crédit.",
        "As the amount remains unpaid despite our formal notice, your file is handed over today to our "
        "litigation department and to our credit insurer.",
        True,
    ),
]


def create(apps, schema_editor):
    DunningLevel = apps.get_model("sales", "DunningLevel")
    for level, name_fr, name_en, days, text_fr, text_en, hand_over in LEVELS:
        DunningLevel.objects.get_or_create(
            level=level,
            defaults={
                "name_fr": name_fr,
                "name_en": name_en,
                "days_after_due": days,
                "text_fr": text_fr,
                "text_en": text_en,
                "hand_over": hand_over,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("sales", "0002_dunning_agents")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
