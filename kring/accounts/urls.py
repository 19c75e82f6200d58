from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("tweede-stap/", views.otp, name="otp"),
    path("tweede-stap/instellen/", views.otp_setup, name="otp_setup"),
    path("tweede-stap/qr-code.svg", views.otp_qr_code, name="otp_qr"),
    path("tweede-stap/inschrijven/<str:token>/", views.otp_enrol, name="otp_enrol"),
    path("tweede-stap/inschrijflink-nodig/", views.otp_needs_link, name="otp_needs_link"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
]
