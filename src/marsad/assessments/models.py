"""Responsible-AI assessments of an AI entry, stored as answers to a versioned questionnaire.

An assessment belongs to a **revision**, not to the entry. A revision is the unit that is drafted, submitted,
reviewed and published; tying the answers to it means they are saved as a draft like the rest of the content,
reviewers review exactly the answers they will publish, the public page shows the answers of the published
revision only, and the history keeps every earlier set of answers. When a new revision is written, it starts
with a copy of the previous revision's assessments (`marsad.assessments.apps` connects the copy to the
revision's creation, so the workflow needs no change). A published revision is never modified: changing the
assessment of a published entry starts a new revision through the workflow (`services.save_answers`).

`answers` holds `rai.AnswerSet.to_dict()`: the questionnaire kind, its version and the answers. A stored
assessment is always read with the version it answered (`rai.Registry.load_for`), so it stays readable when a
newer version of the questionnaire appears.

`RiskTier` and `ImpactLevel` are derived rows (the tiers of a complete EU AI Act classification, the level of a
complete impact assessment) for the list's facets and the search index: a plain join from a revision, the same
on SQLite and PostgreSQL. They are recomputed whenever a revision's assessments or technologies change.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marsad import rai


class Kind(models.TextChoices):
    EU_AI_ACT = "eu_ai_act", _("EU AI Act risk classification")
    IMPACT_ASSESSMENT = "impact_assessment", _("Algorithmic impact assessment")
    TRANSPARENCY_RECORD = "transparency_record", _("Transparency record")


class Assessment(models.Model):
    revision = models.ForeignKey(
        "initiatives.Revision", on_delete=models.CASCADE, related_name="ai_assessments"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    version = models.PositiveIntegerField(help_text="The questionnaire version the answers were given to.")
    answers = models.JSONField(
        default=dict, help_text="rai.AnswerSet.to_dict(): questionnaire, version, answers"
    )
    complete = models.BooleanField(default=False, help_text="Every required question shown is answered.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["revision", "kind"]
        constraints = [models.UniqueConstraint(fields=["revision", "kind"], name="assessment_per_revision")]

    def __str__(self) -> str:
        return f"{self.revision} {self.kind} v{self.version}"

    @property
    def answer_set(self) -> rai.AnswerSet:
        return rai.AnswerSet.from_dict(self.answers)

    @property
    def given(self) -> dict[str, Any]:
        """The answers alone (a draft may be partial)."""
        return dict(self.answer_set.answers)


class RiskTier(models.Model):
    """One EU AI Act tier found for a revision (tiers are not exclusive: a revision can have several)."""

    revision = models.ForeignKey("initiatives.Revision", on_delete=models.CASCADE, related_name="risk_tiers")
    code = models.CharField(max_length=40)

    class Meta:
        ordering = ["id"]  # written most severe first
        constraints = [models.UniqueConstraint(fields=["revision", "code"], name="risk_tier_per_revision")]


class ImpactLevel(models.Model):
    """The impact level (I-IV) of a revision's complete impact assessment."""

    revision = models.OneToOneField(
        "initiatives.Revision", on_delete=models.CASCADE, related_name="impact_level"
    )
    code = models.CharField(max_length=8)
