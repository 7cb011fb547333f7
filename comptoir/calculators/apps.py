from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalculatorsConfig(AppConfig):
    name = "comptoir.calculators"
    verbose_name = _("Trade calculators")

    def ready(self) -> None:
        # A newer ECB file imported with ``comptoir rates import`` replaces the bundled one.
        from comptoir.trade import fx

        from .management.commands.rates import installed_ecb_file

        path = installed_ecb_file()
        if path is not None:
            fx.use_ecb_file(str(path))
