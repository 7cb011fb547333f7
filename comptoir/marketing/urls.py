from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "marketing"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("charter/", views.charter_edit, name="charter"),
    path("charter/logo/", views.charter_logo, name="logo"),
    path("products/<int:pk>/", views.product_page, name="product"),
    path("products/<int:pk>/photos/", views.visual_add, name="visual_add"),
    path("products/<int:pk>/sheet.pdf", views.product_sheet, name="sheet"),
    path("photos/<int:pk>/", views.visual, name="visual"),
    path("photos/<int:pk>/delete/", views.visual_delete, name="visual_delete"),
    path("new/", views.material_edit, name="create"),
    path("<int:pk>/", views.material_detail, name="material"),
    path("<int:pk>/edit/", views.material_edit, name="edit"),
    path("<int:pk>/delete/", views.material_delete, name="delete"),
    path("<int:pk>/pdf/", views.material_pdf, name="pdf"),
    path("<int:pk>/xlsx/", views.material_xlsx, name="xlsx"),
    path("<int:pk>/newsletter/", views.newsletter_preview, name="newsletter"),
    path("<int:pk>/newsletter/campaign/", views.newsletter_campaign, name="newsletter_campaign"),
    path("feeds/new/", views.feed_create, name="feed_create"),
    path("feeds/<int:pk>/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feed/<str:secret>/products.json", views.feed_json, name="feed_json"),
    path("feed/<str:secret>/products.csv", views.feed_csv, name="feed_csv"),
    path("feed/<str:secret>/photos/<int:pk>/", views.feed_image, name="feed_image"),
]
