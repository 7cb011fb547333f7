"""The standard container and truck types, installed once (they were created by the
containers page when first read)."""

from django.db import migrations


def install_standard_equipment(apps, schema_editor):  # type: ignore[no-untyped-def]
    from comptoir.logistics.standard_equipment import install

    install(apps.get_model("logistics", "Equipment"))


class Migration(migrations.Migration):
    dependencies = [("logistics", "0001_initial")]

    operations = [
        migrations.RunPython(install_standard_equipment, migrations.RunPython.noop),
    ]
