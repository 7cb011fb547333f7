from django.urls import path

from . import views

app_name = "suppliers"

urlpatterns = [
    path("", views.supplier_list, name="supplier_list"),
    path("open/<int:company_pk>/", views.supplier_open, name="supplier_open"),
    path("<int:pk>/", views.supplier_detail, name="supplier_detail"),
    path("<int:pk>/edit/", views.supplier_edit, name="supplier_edit"),
    path("<int:pk>/certifications/", views.certification_add, name="certification_add"),
    path(
        "<int:pk>/certifications/<int:cert_pk>/file/",
        views.certification_file,
        name="certification_file",
    ),
    path(
        "<int:pk>/certifications/<int:cert_pk>/remove/",
        views.certification_remove,
        name="certification_remove",
    ),
    path("<int:pk>/audits/new/", views.audit_add, name="audit_add"),
    path("<int:pk>/actions/<int:action_pk>/", views.action_status, name="action_status"),
    path("<int:pk>/csr/", views.csr_save, name="csr_save"),
    path("<int:pk>/products/new/", views.supplied_edit, name="supplied_add"),
    path("<int:pk>/products/<int:supplied_pk>/", views.supplied_edit, name="supplied_edit"),
    path(
        "<int:pk>/products/<int:supplied_pk>/remove/",
        views.supplied_remove,
        name="supplied_remove",
    ),
    path("<int:pk>/performance/", views.performance, name="performance"),
    path("<int:pk>/performance.json", views.performance_json, name="performance_json"),
    path("<int:pk>/deliveries/", views.delivery_add, name="delivery_add"),
    path("<int:pk>/incidents/", views.incident_add, name="incident_add"),
    path(
        "<int:pk>/incidents/<int:incident_pk>/",
        views.incident_outcome,
        name="incident_outcome",
    ),
    path("<int:pk>/reviews/", views.review_start, name="review_start"),
    path("<int:pk>/reviews/<int:review_pk>/", views.review_detail, name="review_detail"),
    path("<int:pk>/reviews/<int:review_pk>.pdf", views.review_pdf, name="review_pdf"),
]
