from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, Address, Company, Contact, CountrySheet, Task, Zone

for model in (Zone, Company, Address, Contact, Activity, Task, CountrySheet):
    admin.site.register(model, SimpleHistoryAdmin)
