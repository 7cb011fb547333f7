from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "comptoir.claims"
    verbose_name = _("Transport claims")

    def ready(self) -> None:
        from comptoir.jobs import daily
        from comptoir.shipping.panels import register_panel

        from . import services
        from .panel import shipment_claims

        # open claims past their time bar become time-barred, each with its history
        daily.register_daily("claims_time_barred", services.bar_lapsed_claims, order=40)
        register_panel("claims", "claims/_shipment_panel.html", shipment_claims, order=80)
