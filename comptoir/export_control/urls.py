from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "export_control"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.measure_list, name="measure_list"),
    path("measures/new/", views.measure_edit, name="measure_create"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("licences/", views.licence_list, name="licence_list"),
    path("licences/new/", views.licence_edit, name="licence_create"),
    path("licences/<int:pk>/", views.licence_detail, name="licence_detail"),
    path("licences/<int:pk>/edit/", views.licence_edit, name="licence_edit"),
    path("products/", views.product_list, name="product_list"),
    path("products/<int:product_pk>/classify/", views.classify, name="classify"),
    path("lines/<int:line_pk>/allocate/", views.allocate, name="allocate"),
    path("allocations/<int:pk>/remove/", views.remove_allocation, name="allocation_remove"),
]
