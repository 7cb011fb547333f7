from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketingConfig(AppConfig):
    name = "comptoir.marketing"
    verbose_name = _("Communication materials")

    def ready(self) -> None:
        from comptoir.common import panels

        from . import panel

        panels.register(
            panels.PRODUCT,
            "marketing",
            "marketing/_product_panel.html",
            panel.product_marketing,
            order=70,
        )
