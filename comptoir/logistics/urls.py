from django.urls import path

from . import views

app_name = "logistics"

urlpatterns = [
    path("load-plans/", views.plan_list, name="plan_list"),
    path("load-plans/new/", views.plan_edit, name="plan_create"),
    path("load-plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("load-plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("load-plans/<int:pk>/compute/", views.plan_compute, name="plan_compute"),
    path("load-plans/<int:pk>/progress/", views.plan_progress, name="plan_progress"),
    path("load-plans/<int:pk>/loading-list.pdf", views.loading_list_pdf, name="loading_list_pdf"),
    path("equipment/", views.equipment_list, name="equipment_list"),
    path("equipment/new/", views.equipment_edit, name="equipment_create"),
    path("equipment/<int:pk>/edit/", views.equipment_edit, name="equipment_edit"),
]
