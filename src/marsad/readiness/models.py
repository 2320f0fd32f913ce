"""An organisation's AI-readiness self-assessments: private answers, kept with the questionnaire version.

An `Assessment` stores what `marsad.rai.AnswerSet.to_dict()` holds — the questionnaire's kind, its version and
the answers — as three columns, so that stored answers are always read with the questions they answered
(`rai.load_for`), even after a new version of the questionnaire appears. Scores are not stored: they are a
pure function of the answers and of a questionnaire file that is never edited, so `result()` recomputes them
and cannot drift from the answers.

Assessments are private to their organisation. Its active members (of an approved organisation) answer and
read them; moderators read them; to anyone else an assessment does not exist (404). An organisation repeats
the assessment over time: at most one draft at a time, and every completed assessment is kept, so the list
shows progress.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marsad import rai
from marsad.accounts.models import Organisation, User

KIND = "readiness"


def member_organisations(user: User) -> models.QuerySet:
    """The organisations whose assessments `user` may answer: those where they are an active member."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return user.active_organisations()


def may_answer(user: User, organisation: Organisation) -> bool:
    return member_organisations(user).filter(pk=organisation.pk).exists()


def may_read(user: User, organisation: Organisation) -> bool:
    return user.is_authenticated and (user.is_moderator or may_answer(user, organisation))


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> AssessmentQuerySet:
        """What `user` may read: their organisations' assessments, or all of them for a moderator."""
        if not user.is_authenticated:
            return self.none()
        if user.is_moderator:
            return self
        return self.filter(organisation__in=member_organisations(user))

    def completed(self) -> AssessmentQuerySet:
        return self.filter(status=Assessment.Status.COMPLETED)


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        COMPLETED = "completed", _("completed")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="readiness_assessments",
        verbose_name=_("organisation"),
    )
    questionnaire = models.CharField(max_length=40, default=KIND)
    version = models.PositiveIntegerField()
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    step = models.CharField(max_length=60, blank=True, help_text="The step to resume a draft at.")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-created_at", "-id"]
        constraints = [
            # Two members pressing "start" at once get the same draft rather than two.
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(status="draft"), name="readiness_one_draft_per_org"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(completed_at__isnull=False),
                name="readiness_completed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.created_at:%Y-%m-%d}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def answer_set(self) -> rai.AnswerSet:
        return rai.AnswerSet(self.questionnaire, self.version, self.answers)

    @cached_property
    def form(self) -> rai.Questionnaire:
        """The questionnaire version these answers belong to."""
        return rai.load_for(self.answer_set)

    def result(self) -> rai.ReadinessResult:
        """The scores of a completed assessment (raises `rai.InvalidAnswers` for an incomplete draft)."""
        return rai.evaluate(self.form, self.answer_set)

    def previous(self) -> Assessment | None:
        """The organisation's completed assessment before this one, to measure progress against."""
        if self.completed_at is None:
            return None
        return (
            Assessment.objects.completed()
            .filter(organisation_id=self.organisation_id, completed_at__lt=self.completed_at)
            .order_by("-completed_at", "-id")
            .first()
        )

    def complete(self, user: User) -> None:
        self.status = self.Status.COMPLETED
        self.completed_by = user
        self.completed_at = timezone.now()
        self.step = ""

    @classmethod
    def start(cls, organisation: Organisation, user: User) -> tuple[Assessment, bool]:
        """The organisation's draft, or a new one on the latest questionnaire version; True when created."""
        draft = cls.objects.filter(organisation=organisation, status=cls.Status.DRAFT).first()
        if draft is not None:
            return draft, False
        questionnaire = rai.load(KIND)
        try:
            with transaction.atomic():
                created = cls.objects.create(
                    organisation=organisation,
                    questionnaire=questionnaire.kind,
                    version=questionnaire.version,
                    started_by=user,
                    step=rai.next_section(questionnaire, {}, None).id,
                )
        except IntegrityError:  # another member started one at the same moment
            return cls.objects.get(organisation=organisation, status=cls.Status.DRAFT), False
        return created, True
