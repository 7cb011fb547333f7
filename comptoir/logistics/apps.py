from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    name = "comptoir.logistics"
    verbose_name = _("Logistics")

    def ready(self) -> None:
        from comptoir.common import panels

        from . import panel

        panels.register(
            panels.PRODUCT,
            "pallet_pattern",
            "logistics/_product_panel.html",
            panel.product_pallet_patterns,
            order=60,
        )
