from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntelligenceConfig(AppConfig):
    name = "comptoir.intelligence"
    verbose_name = _("Market intelligence")

    def ready(self) -> None:
        from comptoir.common import panels
        from comptoir.jobs import daily

        from . import panel, services

        # the sources due are read (sources read more often: ``comptoir intelligence poll``)
        daily.register_daily("intelligence_poll", services.poll_due_daily, order=5)
        # after the polls were queued: the digest of the matches since yesterday's
        daily.register_daily("intelligence_digest", services.queue_digests, order=95)
        panels.register(
            panels.HOME, "intelligence", "intelligence/_home.html", panel.home, order=20
        )
        panels.register(
            panels.PRODUCT,
            "intelligence",
            "intelligence/_product_panel.html",
            panel.product_items,
            order=80,
        )
        panels.register(
            panels.COUNTRY,
            "intelligence",
            "intelligence/_country_panel.html",
            panel.country_items,
            order=80,
        )
