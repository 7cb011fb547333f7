from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FxExposureConfig(AppConfig):
    name = "comptoir.fx_exposure"
    verbose_name = _("Currency exposure and hedges")

    def ready(self) -> None:
        from comptoir.jobs import daily

        from . import services

        # a forward contract or an option maturing within a week becomes a task
        daily.register_daily("fx_hedge_maturities", services.remind_maturities, order=48)
