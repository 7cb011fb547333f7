from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudiesConfig(AppConfig):
    name = "comptoir.studies"
    verbose_name = _("Market studies")

    def ready(self) -> None:
        from comptoir.common import panels

        from . import panel, views

        # "Clip into a file", key terms and summary on the intelligence item page
        panels.register(
            panels.INTELLIGENCE_ITEM,
            "studies_clip",
            "studies/_item_panel.html",
            views.item_panel,
            order=20,
        )
        # the country page: SWOT/PESTEL notes, market selections, thematic files
        panels.register(
            panels.COUNTRY,
            "studies",
            "studies/_country_panel.html",
            panel.country_studies,
            order=85,
        )
