from django.urls import path

from . import views

app_name = "guarantees"

urlpatterns = [
    path("", views.guarantee_list, name="guarantee_list"),
    path("new/", views.guarantee_new, name="guarantee_new"),
    path("<int:pk>/", views.guarantee_detail, name="guarantee_detail"),
    path("<int:pk>/edit/", views.guarantee_edit, name="guarantee_edit"),
    path("<int:pk>/issue/", views.guarantee_issue, name="guarantee_issue"),
    path("<int:pk>/amend/", views.guarantee_amend, name="guarantee_amend"),
    path("<int:pk>/reductions/<int:line_pk>/event/", views.reduction_event, name="reduction_event"),
    path("<int:pk>/demands/", views.guarantee_demand, name="guarantee_demand"),
    path("<int:pk>/demands/<int:demand_pk>/decide/", views.demand_decide, name="demand_decide"),
    path("<int:pk>/release/", views.guarantee_release, name="guarantee_release"),
]
