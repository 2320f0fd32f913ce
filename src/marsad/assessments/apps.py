from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """Responsible-AI assessments of AI entries: risk tier, impact level and transparency record."""

    name = "marsad.assessments"
    label = "assessments"
