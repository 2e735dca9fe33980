from django.contrib.auth import views as auth_views
from django.urls import path

from doorbraak.web import views

urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
]
