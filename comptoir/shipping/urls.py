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
]
