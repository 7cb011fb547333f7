"""The sales facts of the invoices and credit notes issued before the facts existed, written
by the same function as the issuing (in batches of 2,000 documents)."""

from typing import Any

from django.db import migrations


def fill(apps: Any, schema_editor: Any) -> None:
    from comptoir.sales import facts

    invoice = apps.get_model("sales", "Invoice")
    ids = list(invoice.objects.filter(status="issued").order_by("pk").values_list("pk", flat=True))
    facts.write_facts(ids, apps=apps)


class Migration(migrations.Migration):
    dependencies = [("sales", "0009_sales_facts")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
