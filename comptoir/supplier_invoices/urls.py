from django.urls import URLPattern, URLResolver

app_name = "supplier_invoices"

urlpatterns: list[URLPattern | URLResolver] = []
