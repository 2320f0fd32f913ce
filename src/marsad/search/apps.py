from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class SearchConfig(AppConfig):
    name = "marsad.search"
    label = "search"

    def ready(self) -> None:
        from marsad.exchange.bulk import entries_published
        from marsad.initiatives.workflow import entry_visibility_changed
        from marsad.search.engine import forget_expander
        from marsad.search.indexer import index_if_empty, on_entries_published, on_visibility_changed
        from marsad.vocab.models import Country, Term

        # Sent inside the publishing/withdrawing transaction: the index row is written in that transaction.
        entry_visibility_changed.connect(on_visibility_changed, dispatch_uid="marsad.search.index")
        entries_published.connect(on_entries_published, dispatch_uid="marsad.search.index_batch")
        for model in (Term, Country):
            post_save.connect(
                forget_expander, sender=model, dispatch_uid=f"marsad.search.labels.{model.__name__}"
            )
        post_migrate.connect(index_if_empty, sender=self, dispatch_uid="marsad.search.post_migrate")
