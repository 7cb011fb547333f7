from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "comptoir.reporting"
    verbose_name = _("Dashboards and reporting")

    def ready(self) -> None:
        # each dashboard module registers itself (registry.register) when imported
        from . import dashboards  # noqa: F401
