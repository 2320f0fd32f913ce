from django.contrib.auth import views as auth
from django.urls import path

from marsad.accounts import views

app_name = "accounts"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("verify-again/", views.resend, name="resend"),
    path("login/", auth.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/new/", views.create_organisation, name="create_organisation"),
    path("organisations/join/", views.join, name="join"),
    path("organisations/<int:pk>/decide/", views.decide_organisation, name="decide_organisation"),
    path("members/<int:pk>/decide/", views.decide_member, name="decide_member"),
]
