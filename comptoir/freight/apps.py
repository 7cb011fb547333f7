from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FreightConfig(AppConfig):
    name = "comptoir.freight"
    verbose_name = _("Freight quotes")

    def ready(self) -> None:
        # The freight section of the shipment page (shipping cannot import this area).
        from comptoir.shipping.panels import register_panel

        from . import views

        register_panel("freight", "freight/_shipment_panel.html", views.panel_context, order=20)
