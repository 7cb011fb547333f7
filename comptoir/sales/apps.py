from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    name = "comptoir.sales"
    verbose_name = _("Sales administration")

    def ready(self) -> None:
        # The daily steps of order to cash, run by the job queue's daily run.
        from comptoir.jobs import daily

        from . import collection, services

        daily.register_daily("offers_expired", services.expire_offers, order=10)
        daily.register_daily("dunning_letters_proposed", collection.propose_dunning_run, order=20)
