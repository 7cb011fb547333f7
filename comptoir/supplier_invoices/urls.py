from django.urls import path

from . import views

app_name = "supplier_invoices"

urlpatterns = [
    path("", views.invoice_list, name="invoice_list"),
    path("new/", views.invoice_edit, name="invoice_create"),
    path("payables/", views.payables, name="payables"),
    path("settings/", views.match_settings, name="settings"),
    path("landed-costs/", views.landed_cost_list, name="landed_cost_list"),
    path("landed-costs/<int:receipt_pk>/", views.landed_cost, name="landed_cost"),
    path(
        "landed-costs/<int:receipt_pk>/<slug:action>/",
        views.landed_cost_action,
        name="landed_cost_action",
    ),
    path("<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("<int:pk>/edit/", views.invoice_edit, name="invoice_edit"),
    path("<int:pk>/file/", views.invoice_file, name="invoice_file"),
    path("<int:pk>/<slug:action>/", views.invoice_action, name="invoice_action"),
]
