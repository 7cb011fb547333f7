from django.urls import path

from . import views

app_name = "shipping_documents"

urlpatterns = [
    path("shipments/<int:pk>/", views.document_set, name="set"),
    path("shipments/<int:pk>/issue/<str:kind>/", views.issue, name="issue"),
    path("shipments/<int:pk>/received/", views.received, name="received"),
    path("shipments/<int:pk>/send/", views.send_set, name="send_set"),
    path("documents/<int:pk>/send/", views.send_document, name="send_document"),
    path("documents/<int:pk>/pdf/", views.pdf, name="pdf"),
]
