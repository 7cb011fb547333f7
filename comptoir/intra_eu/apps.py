from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntraEuConfig(AppConfig):
    name = "comptoir.intra_eu"
    verbose_name = _("Intra-EU trade declarations")

    def ready(self) -> None:
        from comptoir.common import panels

        from .panel import invoice_proof

        # the proof of transport on the page of an intra-EU invoice
        panels.register(
            panels.INVOICE, "intra_eu_proof", "intra_eu/_invoice_panel.html", invoice_proof
        )
