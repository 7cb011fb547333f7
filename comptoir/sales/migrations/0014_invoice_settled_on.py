"""``Invoice.settled_on``: the day an invoice's balance reached zero (null while open), and its
index, then the day filled for the documents issued before it existed, from their payments
and credit notes, as the services keep it from now on (:mod:`comptoir.sales.settlement`)."""

from typing import Any

from django.db import migrations, models


def fill(apps: Any, schema_editor: Any) -> None:
    from comptoir.sales.settlement import store_settled_days

    invoices = apps.get_model("sales", "Invoice")
    allocations = apps.get_model("sales", "PaymentAllocation")
    pks = invoices.objects.filter(status="issued").values_list("pk", flat=True)
    store_settled_days(list(pks), invoices=invoices, allocations=allocations)


class Migration(migrations.Migration):
    dependencies = [
        ("sales", "0013_fill_sales_summaries_invoiced_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="settled_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="settled on"
            ),
        ),
        migrations.AddIndex(
            model_name="invoice",
            index=models.Index(fields=["settled_on", "status", "kind"], name="invoice_settled_on"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
