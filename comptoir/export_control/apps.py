from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportControlConfig(AppConfig):
    name = "comptoir.export_control"
    verbose_name = _("Export control")
