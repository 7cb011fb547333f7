from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomsConfig(AppConfig):
    name = "comptoir.customs"
    verbose_name = _("Customs")

    def ready(self) -> None:
        from comptoir.jobs import daily
        from comptoir.shipping.panels import register_panel

        from . import services
        from .panel import shipment_customs

        # exports without proof of exit, carnets expiring with goods abroad, goods not back
        daily.register_daily("customs_chase", services.chase_customs, order=45)
        register_panel("customs", "customs/_shipment_panel.html", shipment_customs, order=60)
