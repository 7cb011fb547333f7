from django.urls import URLPattern, URLResolver, path

from . import monthly_views, objective_views, views, views_pivot

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("pivot/", views_pivot.pivot, name="pivot"),
    path("pivot/drill/", views_pivot.drill, name="pivot_drill"),
    path("pivot/views/save/", views_pivot.view_save, name="pivot_view_save"),
    path("pivot/views/<int:pk>/rename/", views_pivot.view_rename, name="pivot_view_rename"),
    path("pivot/views/<int:pk>/delete/", views_pivot.view_delete, name="pivot_view_delete"),
    path("pivot/views/<int:pk>/share/", views_pivot.view_share, name="pivot_view_share"),
    path("objectives/", objective_views.objective_list, name="objective_list"),
    path("objectives/new/", objective_views.objective_edit, name="objective_create"),
    path("objectives/<int:pk>/", objective_views.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/delete/", objective_views.objective_delete, name="objective_delete"),
    path("monthly/", monthly_views.report_list, name="monthly_list"),
    path("monthly/settings/", monthly_views.report_settings, name="monthly_settings"),
    path("monthly/<int:pk>/", monthly_views.report_detail, name="monthly_detail"),
    path("monthly/<int:pk>/preview.pdf", monthly_views.report_preview, name="monthly_preview"),
    path("monthly/<int:pk>/report.pdf", monthly_views.report_pdf, name="monthly_pdf"),
    path("monthly/<int:pk>/prepare/", monthly_views.report_prepare, name="monthly_prepare"),
    path("monthly/<int:pk>/send/", monthly_views.report_send, name="monthly_send"),
    path("monthly/<int:pk>/delete/", monthly_views.report_delete, name="monthly_delete"),
    path("", views.index, name="index"),
    path("suggest/<slug:kind>/", views.suggest, name="suggest"),
    path("<slug:key>/", views.dashboard, name="dashboard"),
    path("<slug:key>/xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
]
