from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "action_plan"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("network/", views.contract_list, name="contract_list"),
    path("network/new/", views.contract_edit, name="contract_create"),
    path("network/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("network/<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("network/<int:pk>/notice/", views.contract_notice, name="contract_notice"),
    path("network/<int:pk>/end/", views.contract_end, name="contract_end"),
    path("network/<int:pk>/file/", views.contract_file, name="contract_file"),
    path("plans/new/", views.plan_edit, name="plan_create"),
    path("<int:year>/", views.plan_detail, name="plan_detail"),
    path("<int:year>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:year>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("<int:year>/objectives/new/", views.objective_edit, name="objective_create"),
    path("<int:year>/objectives/<int:pk>/", views.objective_edit, name="objective_edit"),
    path("<int:year>/actions/new/", views.action_edit, name="action_create"),
    path("<int:year>/actions/<int:pk>/", views.action_edit, name="action_edit"),
    path("<int:year>/actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
]
