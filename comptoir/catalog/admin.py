from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import HsCode, PriceList, PriceListItem, Product

admin.site.register(HsCode)
for model in (Product, PriceList, PriceListItem):
    admin.site.register(model, SimpleHistoryAdmin)
