from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntraEuConfig(AppConfig):
    name = "comptoir.intra_eu"
    verbose_name = _("Intra-EU trade declarations")

    def ready(self) -> None:
        from comptoir.common import panels
        from comptoir.jobs import daily

        from . import services
        from .panel import invoice_proof

        # intra-EU invoices still without proof after the declarant's delay become tasks
        daily.register_daily("intra_eu_missing_proofs", services.chase_missing_proofs, order=45)

        # the proof of transport on the page of an intra-EU invoice
        panels.register(
            panels.INVOICE, "intra_eu_proof", "intra_eu/_invoice_panel.html", invoice_proof
        )
