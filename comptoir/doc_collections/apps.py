from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocCollectionsConfig(AppConfig):
    name = "comptoir.doc_collections"
    verbose_name = _("Documentary collections")

    def ready(self) -> None:
        from comptoir.common import panels
        from comptoir.jobs import daily

        from . import panel, services

        # no news from the bank, a bill due and unpaid: tasks for the person handling it
        daily.register_daily("collections_follow_up", services.chase_collections, order=50)
        template = "doc_collections/_panel.html"
        panels.register(panels.INVOICE, "doc_collections", template, panel.of_invoice, order=60)
        panels.register(panels.ORDER, "doc_collections", template, panel.of_order, order=60)
        panels.register(
            panels.HOME, "doc_collections", "doc_collections/_home.html", panel.home, order=60
        )
