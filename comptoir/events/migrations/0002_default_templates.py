"""Two checklist templates to start from, one in English and one in French (the team edits
them or makes its own): the usual retro-planning of a trade fair abroad."""

from django.db import migrations

#: (title EN, title FR, anchor, days)
ITEMS = [
    ("Register and book the stand space", "Inscription et réservation de l'espace", "start", -180),
    ("Set the objectives and the budget", "Fixer les objectifs et le budget", "start", -180),
    ("Order the stand design and build", "Commander la conception et le montage du stand", "start", -120),
    ("Book travel and hotel", "Réserver transport et hôtel", "start", -90),
    ("Update catalogue, price lists and documentation (FR/EN)", "Mettre à jour catalogue, tarifs et documentation (FR/EN)", "start", -45),
    ("Choose the samples and apply for the ATA carnet", "Choisir les échantillons et demander le carnet ATA", "start", -45),
    ("Send the invitations to clients and prospects", "Envoyer les invitations aux clients et prospects", "start", -30),
    ("Book the stand and samples shipping", "Réserver le transport du stand et des échantillons", "start", -30),
    ("Order badges and exhibitor passes", "Commander badges et cartes exposant", "start", -21),
    ("Test the visitor form on the team's phones", "Tester le formulaire visiteurs sur les téléphones de l'équipe", "start", -7),
    ("Set up the stand", "Montage du stand", "start", -1),
    ("Dismantle the stand, return the samples, discharge the ATA carnet", "Démontage, retour des échantillons, apurement du carnet ATA", "end", 1),
    ("Follow up every visitor (hot leads within 48 hours)", "Relancer chaque visiteur (prospects chauds sous 48 h)", "end", 7),
    ("Write the fair report (objectives, leads, budget)", "Rédiger le bilan du salon (objectifs, contacts, budget)", "end", 14),
]


def create(apps, schema_editor):
    Template = apps.get_model("events", "ChecklistTemplate")
    Item = apps.get_model("events", "ChecklistTemplateItem")
    for name, column in (("Trade fair abroad", 0), ("Salon à l'étranger", 1)):
        template, created = Template.objects.get_or_create(name=name)
        if not created:
            continue
        for row in ITEMS:
            Item.objects.create(template=template, title=row[column], anchor=row[2], offset_days=row[3])


def remove(apps, schema_editor):
    apps.get_model("events", "ChecklistTemplate").objects.filter(
        name__in=["Trade fair abroad", "Salon à l'étranger"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_events")]

    operations = [migrations.RunPython(create, remove)]
