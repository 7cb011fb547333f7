from django.urls import path

from . import views

app_name = "fx_exposure"

urlpatterns = [
    path("", views.exposure, name="exposure"),
    path("hedges/", views.hedge_list, name="hedge_list"),
    path("hedges/new/", views.hedge_edit, name="hedge_create"),
    path("hedges/<int:pk>/", views.hedge_detail, name="hedge_detail"),
    path("hedges/<int:pk>/edit/", views.hedge_edit, name="hedge_edit"),
    path("payments/", views.payment_list, name="payment_list"),
    path("payments/new/", views.payment_edit, name="payment_create"),
    path("payments/<int:pk>/edit/", views.payment_edit, name="payment_edit"),
    path("payments/<int:pk>/remove/", views.payment_delete, name="payment_delete"),
]
