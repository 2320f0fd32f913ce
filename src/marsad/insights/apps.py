from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "marsad.insights"
    label = "insights"
