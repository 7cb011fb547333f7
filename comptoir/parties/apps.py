from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "comptoir.parties"
    verbose_name = _("Parties and relations")

    def ready(self) -> None:
        # Parties' work on the job queue, which knows no area: the import of a large file
        # and the morning reminders (after the steps that open tasks, e.g. the dunning run).
        from comptoir.jobs import daily, imports

        from . import reminders, services

        imports.register_importer(services.import_table)
        daily.register_daily("reminders_queued", reminders.queue_reminders, order=90)
