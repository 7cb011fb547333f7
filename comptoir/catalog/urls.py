from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("products/", views.product_list, name="product_list"),
    path("products/new/", views.product_edit, name="product_create"),
    path("products/import/", views.product_import, name="product_import"),
    path("products/<int:pk>/", views.product_detail, name="product_detail"),
    path("products/<int:pk>/edit/", views.product_edit, name="product_edit"),
    path("hs/", views.hs_search, name="hs_search"),
    path("hs/suggest/", views.hs_suggest, name="hs_suggest"),
    path("cn/", views.cn_browse, name="cn_browse"),
    path("cn/lookup/", views.cn_lookup, name="cn_lookup"),
    path("cn/<str:code>/", views.cn_code, name="cn_code"),
    path("price-lists/", views.pricelist_list, name="pricelist_list"),
    path("price-lists/new/", views.pricelist_edit, name="pricelist_create"),
    path("price-lists/<int:pk>/", views.pricelist_detail, name="pricelist_detail"),
    path("price-lists/<int:pk>/edit/", views.pricelist_edit, name="pricelist_edit"),
    path("price-items/<int:pk>/delete/", views.pricelist_item_delete, name="pricelist_item_delete"),
]
