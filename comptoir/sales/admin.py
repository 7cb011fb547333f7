from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgentContract, DunningLevel


@admin.register(DunningLevel)
class DunningLevelAdmin(SimpleHistoryAdmin):
    list_display = ["level", "name_fr", "name_en", "days_after_due", "hand_over"]


@admin.register(AgentContract)
class AgentContractAdmin(SimpleHistoryAdmin):
    list_display = ["agent", "countries", "rate_pct", "valid_from", "valid_until"]
