from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "marsad.core"
    label = "core"
