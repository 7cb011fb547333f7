from django.urls import path

from . import views

app_name = "origin"

urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_edit, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("products/<int:product_pk>/origins/", views.origin_add, name="origin_add"),
    path("origins/<int:pk>/", views.origin_edit, name="origin_edit"),
    path("origins/<int:pk>/delete/", views.origin_delete, name="origin_delete"),
    path("declarations/", views.declaration_list, name="declaration_list"),
    path("declarations/new/", views.declaration_edit, name="declaration_create"),
    path("declarations/<int:pk>/", views.declaration_detail, name="declaration_detail"),
    path("declarations/<int:pk>/edit/", views.declaration_edit, name="declaration_edit"),
    path("declarations/<int:pk>/file/", views.declaration_file, name="declaration_file"),
    path(
        "shipments/<int:shipment_pk>/certificate.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
]
