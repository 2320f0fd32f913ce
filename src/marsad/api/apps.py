from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "marsad.api"
    label = "api"
