from django.urls import URLPattern, URLResolver

app_name = "guarantees"

urlpatterns: list[URLPattern | URLResolver] = []
