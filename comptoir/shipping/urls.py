from django.urls import path

from . import views

app_name = "shipping"

urlpatterns = [
    path("shipments/", views.shipment_list, name="shipment_list"),
    path("shipments/new/", views.shipment_edit, name="shipment_create"),
    path("shipments/<int:pk>/", views.shipment_detail, name="shipment_detail"),
    path("shipments/<int:pk>/edit/", views.shipment_edit, name="shipment_edit"),
    path("shipments/<int:pk>/status/", views.shipment_status, name="shipment_status"),
    path("from-delivery/<int:delivery_pk>/", views.from_delivery, name="shipment_from_delivery"),
    path("shipments/<int:pk>/events/", views.event_list, name="event_list"),
    path("shipments/<int:pk>/events/add/", views.event_add, name="event_add"),
    path("shipments/<int:pk>/milestones/", views.milestones_plan, name="milestones_plan"),
    path("shipments/<int:pk>/containers/", views.containers_edit, name="containers_edit"),
    path("status-report/", views.status_report_import, name="status_report"),
]
