from django.apps import AppConfig


class VocabConfig(AppConfig):
    name = "marsad.vocab"
    label = "vocab"
    verbose_name = "Vocabularies"
