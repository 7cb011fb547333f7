from django.urls import path

from . import views

app_name = "freight"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("new/", views.request_create, name="request_create"),
    path("providers/", views.provider_kpis, name="provider_kpis"),
    path("invoices/", views.invoice_list, name="invoice_list"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/status/", views.invoice_status, name="invoice_status"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("<int:pk>/quotes/new/", views.quote_edit, name="quote_create"),
    path("<int:pk>/quotes/<int:quote_pk>/", views.quote_edit, name="quote_edit"),
    path("<int:pk>/invoices/new/", views.invoice_create, name="invoice_create"),
    path("<int:pk>/booking.pdf", views.booking_pdf, name="booking_pdf"),
    path("<int:pk>/pdf/<int:recipient_pk>/", views.request_pdf, name="request_pdf"),
    path("<int:pk>/<slug:action>/", views.request_action, name="request_action"),
]
