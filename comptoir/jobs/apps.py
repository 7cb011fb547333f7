from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "comptoir.jobs"
    verbose_name = _("Background jobs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import daily

        # last: after the day's writes
        daily.register_daily("statistics_refreshed", daily.refresh_statistics, order=99)
