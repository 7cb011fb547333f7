"""Products carry their CN code (8 digits) and an optional TARIC code (10 digits) in two
fields instead of one "national extension" of 8 or 10 digits.

Nothing is lost: an 8-digit national code becomes the CN code; a 10-digit one gives the CN
code (its first 8 digits) and the TARIC code (all 10). The history rows are split the same
way, so that the product's history still shows the code it had. Going back joins them again.
"""

import django.core.validators
from django.db import migrations, models


def _split(value: str) -> tuple[str, str]:
    digits = "".join(ch for ch in value or "" if ch.isdigit())
    if len(digits) == 10:
        return digits[:8], digits
    if len(digits) == 8:
        return digits, ""
    return "", ""


def split_national_code(apps, schema_editor):
    for name in ("Product", "HistoricalProduct"):
        model = apps.get_model("catalog", name)
        for row in model.objects.exclude(hs_national="").only("pk", "hs_national"):
            cn, taric = _split(row.hs_national)
            model.objects.filter(pk=row.pk).update(cn_code=cn, taric_code=taric)


def join_national_code(apps, schema_editor):
    for name in ("Product", "HistoricalProduct"):
        model = apps.get_model("catalog", name)
        for row in model.objects.exclude(cn_code="").only("pk", "cn_code", "taric_code"):
            model.objects.filter(pk=row.pk).update(hs_national=row.taric_code or row.cn_code)



class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0004_cn_nomenclature'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalproduct',
            name='cn_code',
            field=models.CharField(blank=True, db_index=True, help_text='8-digit Combined Nomenclature code (EU customs, EMEBI).', max_length=8, validators=[django.core.validators.RegexValidator('^\\d{8}$', 'A CN code has exactly 8 digits.')], verbose_name='CN code'),
        ),
        migrations.AddField(
            model_name='historicalproduct',
            name='taric_code',
            field=models.CharField(blank=True, help_text='Optional: 10 digits, the CN code and 2 TARIC digits (EU import measures).', max_length=10, validators=[django.core.validators.RegexValidator('^\\d{10}$', 'A TARIC code has exactly 10 digits.')], verbose_name='TARIC code'),
        ),
        migrations.AddField(
            model_name='product',
            name='cn_code',
            field=models.CharField(blank=True, db_index=True, help_text='8-digit Combined Nomenclature code (EU customs, EMEBI).', max_length=8, validators=[django.core.validators.RegexValidator('^\\d{8}$', 'A CN code has exactly 8 digits.')], verbose_name='CN code'),
        ),
        migrations.AddField(
            model_name='product',
            name='taric_code',
            field=models.CharField(blank=True, help_text='Optional: 10 digits, the CN code and 2 TARIC digits (EU import measures).', max_length=10, validators=[django.core.validators.RegexValidator('^\\d{10}$', 'A TARIC code has exactly 10 digits.')], verbose_name='TARIC code'),
        ),
        migrations.RunPython(split_national_code, join_national_code),
        migrations.RemoveField(
            model_name='historicalproduct',
            name='hs_national',
        ),
        migrations.RemoveField(
            model_name='product',
            name='hs_national',
        ),
    ]
