from django.urls import path

from . import views, views_collection

app_name = "sales"

urlpatterns = [
    path("offers/", views.offer_list, name="offer_list"),
    path("offers/new/", views.offer_edit, name="offer_create"),
    path("offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/pdf/", views.offer_pdf, name="offer_pdf"),
    path("offers/<int:pk>/build-up/", views.offer_buildup, name="offer_buildup"),
    path("offers/<int:pk>/<slug:action>/", views.offer_action, name="offer_action"),
    path("orders/", views.order_list, name="order_list"),
    path("orders/new/", views.order_edit, name="order_create"),
    path("orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("orders/<int:pk>/edit/", views.order_edit, name="order_edit"),
    path("orders/<int:pk>/pdf/<slug:kind>/", views.order_pdf, name="order_pdf"),
    path("orders/<int:pk>/<slug:action>/", views.order_action, name="order_action"),
    path("deliveries/<int:pk>/", views.delivery_detail, name="delivery_detail"),
    path("deliveries/<int:pk>/pdf/", views.delivery_pdf, name="delivery_pdf"),
    path("deliveries/<int:pk>/<slug:action>/", views.delivery_action, name="delivery_action"),
    path("invoices/", views.invoice_list, name="invoice_list"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/<slug:action>/", views.invoice_action, name="invoice_action"),
    path("clients/<int:client_pk>/payment/", views.payment_create, name="payment_create"),
    path("our-company/", views.seller_edit, name="seller"),
    path("clients/suggest/", views.client_suggest, name="client_suggest"),
    path("receivables/", views_collection.aged_receivables, name="aged_receivables"),
    path("dunning/", views_collection.dunning_run, name="dunning_run"),
    path("dunning/procedure/", views_collection.dunning_levels, name="dunning_levels"),
    path(
        "dunning/preview/<int:client_pk>/<int:level>/",
        views_collection.dunning_preview,
        name="dunning_preview",
    ),
    path(
        "dunning/letters/<int:pk>/pdf/",
        views_collection.dunning_letter_pdf,
        name="dunning_letter_pdf",
    ),
    path(
        "clients/<int:client_pk>/statement.pdf",
        views_collection.statement_pdf,
        name="statement_pdf",
    ),
    path("commissions/", views_collection.commissions, name="commissions"),
]
