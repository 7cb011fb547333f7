# DRF's authtoken app kept API tokens in clear in the database; Comptoir now uses
# django-rest-knox (hashed, expiring tokens). The old table is dropped so no clear token
# stays behind: users ask /api/token/ for a new one.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop)
    ]
