from django.urls import path

from . import lc_check, views

app_name = "calculators"

urlpatterns = [
    path("", views.index, name="index"),
    path("exchange-rates/", views.exchange_rates, name="exchange_rates"),
    path("lc-check/", lc_check.page, name="lc_check"),
    path("<slug:slug>/", views.topic, name="topic"),
]
