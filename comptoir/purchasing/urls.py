from django.urls import path

from . import views

app_name = "purchasing"

urlpatterns = [
    path("", views.order_list, name="order_list"),
    path("new/", views.order_create, name="order_create"),
    path("from-tender/<int:tender_pk>/", views.from_tender, name="from_tender"),
    path("<int:pk>/", views.order_detail, name="order_detail"),
    path("<int:pk>/edit/", views.order_edit, name="order_edit"),
    path("<int:pk>/pdf/", views.order_pdf, name="order_pdf"),
    path("<int:pk>/issue/", views.order_issue, name="order_issue"),
    path("<int:pk>/send/", views.order_send, name="order_send"),
    path("<int:pk>/cancel/", views.order_cancel, name="order_cancel"),
    path("<int:pk>/delete/", views.order_delete, name="order_delete"),
    path("<int:pk>/close/", views.order_close, name="order_close"),
    path("<int:pk>/confirmation/", views.confirmation_add, name="confirmation_add"),
    path(
        "<int:pk>/confirmation/<int:confirmation_pk>/decide/",
        views.confirmation_decide,
        name="confirmation_decide",
    ),
    path("<int:pk>/payments/<int:payment_pk>/paid/", views.payment_paid, name="payment_paid"),
    path("<int:pk>/payments/event/", views.payment_event, name="payment_event"),
    path("<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/done/",
        views.milestone_done,
        name="milestone_done",
    ),
    path("<int:pk>/inspections/", views.inspection_add, name="inspection_add"),
    path(
        "<int:pk>/inspections/<int:inspection_pk>/report/",
        views.inspection_report,
        name="inspection_report",
    ),
    path("<int:pk>/ready/", views.order_ready, name="order_ready"),
    path("<int:pk>/shipment/", views.order_shipment, name="order_shipment"),
    path("<int:pk>/receipts/", views.receipt_add, name="receipt_add"),
    path("<int:pk>/claims/<int:claim_pk>/status/", views.claim_status, name="claim_status"),
]
