from django.urls import path

from . import views

app_name = "calculators"

urlpatterns = [
    path("", views.index, name="index"),
    path("exchange-rates/", views.exchange_rates, name="exchange_rates"),
    path("<slug:slug>/", views.topic, name="topic"),
]
