from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShippingDocumentsConfig(AppConfig):
    name = "comptoir.shipping_documents"
    verbose_name = _("Shipping documents")

    def ready(self) -> None:
        from comptoir.shipping.panels import register_panel

        from .panel import panel_context

        register_panel("documents", "shipping_documents/panel.html", panel_context, order=30)
