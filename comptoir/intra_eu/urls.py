from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "intra_eu"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.month_page, name="month"),
    path("proofs/", views.proof_list, name="proof_list"),
    path("invoices/<int:pk>/proof/", views.invoice_proof, name="invoice_proof"),
    path("invoices/<int:pk>/proof/add/", views.evidence_add, name="evidence_add"),
    path("invoices/<int:pk>/proof/transport/", views.transporter_set, name="transporter_set"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path("declarations/prepare/", views.declaration_prepare, name="declaration_prepare"),
    path("declarations/<int:pk>/", views.declaration_detail, name="declaration"),
    path("declarations/<int:pk>/file/", views.declaration_file, name="declaration_file"),
    path("declarations/<int:pk>/xml/", views.declaration_xml, name="declaration_xml"),
    path("declarations/<int:pk>/xlsx/", views.declaration_xlsx, name="declaration_xlsx"),
    path(
        "declarations/<str:kind>/<str:period>/",
        views.declaration_month,
        name="declaration_month",
    ),
    path("settings/", views.declarant_settings, name="settings"),
]
