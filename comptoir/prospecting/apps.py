from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProspectingConfig(AppConfig):
    name = "comptoir.prospecting"
    verbose_name = _("Prospecting")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment check)
