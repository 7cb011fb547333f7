from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.switch_language, name="switch_language"),
    path("preferences/", views.preferences, name="preferences"),
    path("tokens/revoke/", views.revoke_api_token, name="revoke_api_token"),
]
