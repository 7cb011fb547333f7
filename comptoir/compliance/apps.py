from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "comptoir.compliance"
    verbose_name = _("Sanctions screening")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from comptoir.common import gates, panels
        from comptoir.parties.models import Company, Contact

        from . import checks, signals
        from .panel import company_screening

        # every company and contact screened when created or changed (after the commit)
        post_save.connect(signals.party_saved, sender=Company, dispatch_uid="screen_company")
        post_save.connect(signals.party_saved, sender=Contact, dispatch_uid="screen_contact")
        gates.register(gates.ORDER_CONFIRMATION, "sanctions", checks.order_refusals)
        gates.register(gates.SHIPMENT_DEPARTURE, "sanctions", checks.departure_refusals)
        panels.register(
            panels.COMPANY,
            "sanctions",
            "compliance/_company_panel.html",
            company_screening,
            order=20,
        )
