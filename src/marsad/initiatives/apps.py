from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "marsad.initiatives"
    label = "initiatives"
