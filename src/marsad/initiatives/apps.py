from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class InitiativesConfig(AppConfig):
    name = "marsad.initiatives"
    label = "initiatives"

    def ready(self) -> None:
        from marsad.initiatives.filters import forget_vocabulary_labels
        from marsad.vocab.models import Country, Term

        for model in (Term, Country):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_vocabulary_labels,
                    sender=model,
                    dispatch_uid=f"marsad.initiatives.labels.{signal is post_save}.{model.__name__}",
                )
