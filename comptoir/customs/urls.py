from django.urls import path

from . import views

app_name = "customs"

urlpatterns = [
    path("", views.home, name="home"),
    path("tariff/", views.tariff_list, name="tariff_list"),
    path("tariff/new/", views.tariff_edit, name="tariff_new"),
    path("tariff/import/", views.tariff_import, name="tariff_import"),
    path("tariff/<int:pk>/", views.tariff_edit, name="tariff_edit"),
    path("tariff/<int:pk>/delete/", views.tariff_delete, name="tariff_delete"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/new/", views.import_edit, name="import_new"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/edit/", views.import_edit, name="import_edit"),
    path("imports/<int:pk>/lines/new/", views.line_edit, name="line_new"),
    path("imports/<int:pk>/lines/<int:line_pk>/", views.line_edit, name="line_edit"),
    path("imports/<int:pk>/lines/<int:line_pk>/delete/", views.line_delete, name="line_delete"),
    path("imports/<int:pk>/broker/", views.import_broker, name="import_broker"),
    path("imports/<int:pk>/check/", views.import_check, name="import_check"),
    path("exports/", views.export_list, name="export_list"),
    path("exports/without-proof/", views.export_late, name="export_late"),
    path("exports/new/<int:shipment_pk>/", views.export_new, name="export_new"),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("exports/<int:pk>/exit/", views.export_exit, name="export_exit"),
    path("exports/<int:pk>/proof/", views.export_proof, name="export_proof"),
    path("carnets/", views.carnet_list, name="carnet_list"),
    path("carnets/new/", views.carnet_new, name="carnet_new"),
    path("carnets/<int:pk>/", views.carnet_detail, name="carnet_detail"),
    path("carnets/<int:pk>/items/", views.carnet_item, name="carnet_item"),
    path("carnets/<int:pk>/visits/", views.carnet_visit, name="carnet_visit"),
    path("carnets/<int:pk>/return/", views.carnet_return, name="carnet_return"),
    path("carnets/<int:pk>/goods-<str:language>.pdf", views.carnet_pdf, name="carnet_pdf"),
    path("procedures/", views.procedure_list, name="procedure_list"),
    path("procedures/new/", views.procedure_new, name="procedure_new"),
    path("procedures/<int:pk>/return/", views.procedure_return, name="procedure_return"),
]
