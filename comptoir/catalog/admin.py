from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CnCode, HsCode, PriceList, PriceListItem, Product

admin.site.register(HsCode)
admin.site.register(CnCode)
for model in (Product, PriceList, PriceListItem):
    admin.site.register(model, SimpleHistoryAdmin)
