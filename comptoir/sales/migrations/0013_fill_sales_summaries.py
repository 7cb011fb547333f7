"""The monthly summaries of the sales facts already written, summed by the same function as
the issuing keeps them with (every month at once)."""

from typing import Any

from django.db import migrations


def fill(apps: Any, schema_editor: Any) -> None:
    from comptoir.sales import facts

    facts.summarize(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("sales", "0012_sales_summaries")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
