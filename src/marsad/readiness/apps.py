from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    """Organisations' AI-readiness self-assessments, private to the organisation, repeatable over time."""

    name = "marsad.readiness"
    label = "readiness"
