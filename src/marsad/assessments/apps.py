from typing import Any

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_save


def _revision_created(sender: type, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        from marsad.assessments.services import carry_over

        carry_over(instance)


def _technologies_changed(sender: type, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    if not reverse and action in {"post_add", "post_remove", "post_clear"}:
        from marsad.assessments.services import refresh_ratings

        refresh_ratings(instance)


class AssessmentsConfig(AppConfig):
    """Responsible-AI assessments of AI entries: risk tier, impact level and transparency record."""

    name = "marsad.assessments"
    label = "assessments"

    def ready(self) -> None:
        from marsad.initiatives.models import Revision

        # A new revision starts with the previous revision's answers, like it starts with its text; the facet
        # rows follow the revision's technologies (only AI entries are rated). Both run inside the workflow's
        # transaction, before it announces a publication to the search index.
        post_save.connect(_revision_created, sender=Revision, dispatch_uid="marsad.assessments.carry_over")
        m2m_changed.connect(
            _technologies_changed,
            sender=Revision.technologies.through,
            dispatch_uid="marsad.assessments.technologies",
        )
