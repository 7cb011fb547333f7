from django.urls import path

from .views import collection, company, deliveries, invoices, offers, orders, payments

app_name = "sales"

urlpatterns = [
    path("offers/", offers.offer_list, name="offer_list"),
    path("offers/new/", offers.offer_edit, name="offer_create"),
    path("offers/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/edit/", offers.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/pdf/", offers.offer_pdf, name="offer_pdf"),
    path("offers/<int:pk>/build-up/", offers.offer_buildup, name="offer_buildup"),
    path("offers/<int:pk>/<slug:action>/", offers.offer_action, name="offer_action"),
    path("orders/", orders.order_list, name="order_list"),
    path("orders/new/", orders.order_edit, name="order_create"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("orders/<int:pk>/edit/", orders.order_edit, name="order_edit"),
    path("orders/<int:pk>/pdf/<slug:kind>/", orders.order_pdf, name="order_pdf"),
    path("orders/<int:pk>/<slug:action>/", orders.order_action, name="order_action"),
    path("deliveries/<int:pk>/", deliveries.delivery_detail, name="delivery_detail"),
    path("deliveries/<int:pk>/pdf/", deliveries.delivery_pdf, name="delivery_pdf"),
    path("deliveries/<int:pk>/<slug:action>/", deliveries.delivery_action, name="delivery_action"),
    path("invoices/", invoices.invoice_list, name="invoice_list"),
    path("invoices/<int:pk>/", invoices.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/<slug:action>/", invoices.invoice_action, name="invoice_action"),
    path("clients/<int:client_pk>/payment/", payments.payment_create, name="payment_create"),
    path("our-company/", company.seller_edit, name="seller"),
    path("clients/suggest/", offers.client_suggest, name="client_suggest"),
    path("receivables/", collection.aged_receivables, name="aged_receivables"),
    path("dunning/", collection.dunning_run, name="dunning_run"),
    path("dunning/procedure/", collection.dunning_levels, name="dunning_levels"),
    path(
        "dunning/preview/<int:client_pk>/<int:level>/",
        collection.dunning_preview,
        name="dunning_preview",
    ),
    path(
        "dunning/letters/<int:pk>/pdf/",
        collection.dunning_letter_pdf,
        name="dunning_letter_pdf",
    ),
    path(
        "clients/<int:client_pk>/statement.pdf",
        collection.statement_pdf,
        name="statement_pdf",
    ),
    path("commissions/", collection.commissions, name="commissions"),
]
