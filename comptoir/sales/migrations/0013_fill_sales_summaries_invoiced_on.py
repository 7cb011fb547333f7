"""The monthly summaries of the sales facts already written, and the day each order already
invoiced was fully invoiced (the backlog), found by the same functions as the issuing keeps
them with."""

from typing import Any

from django.db import migrations


def fill(apps: Any, schema_editor: Any) -> None:
    from comptoir.sales import facts

    facts.summarize(apps=apps)  # every month
    order = apps.get_model("sales", "Order")
    facts.refresh_invoiced_on(order.objects.values_list("pk", flat=True), apps=apps)


class Migration(migrations.Migration):
    dependencies = [("sales", "0012_sales_summaries_order_invoiced_on")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
