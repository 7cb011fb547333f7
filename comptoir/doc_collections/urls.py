from django.urls import path

from . import views

app_name = "doc_collections"

urlpatterns = [
    path("", views.collection_list, name="collection_list"),
    path("new/", views.collection_new, name="collection_new"),
    path("<int:pk>/", views.collection_detail, name="collection_detail"),
    path("<int:pk>/edit/", views.collection_edit, name="collection_edit"),
    path("<int:pk>/documents/", views.document_add, name="document_add"),
    path(
        "<int:pk>/documents/<int:doc_pk>/remove/",
        views.document_remove,
        name="document_remove",
    ),
    path("<int:pk>/step/", views.collection_step, name="collection_step"),
    path("<int:pk>/instruction.pdf", views.instruction_pdf, name="instruction_pdf"),
    path("<int:pk>/bill.pdf", views.bill_pdf, name="bill_pdf"),
]
