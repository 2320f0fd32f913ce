"""Editions of the maturity index: a framework and a data release, built and published together.

An `Edition` stores everything needed to rebuild it — the framework file, the data file's bytes, the pillar
links — so that its scores can be recomputed and audited years later, and earlier editions stay reachable and
comparable after a new one is published. The per-year scores, ranks and rank intervals of every aggregate are
stored as `Score` rows when the edition is published: the Monte Carlo analysis behind the intervals takes
seconds, so it runs once, not on every page view. Indicator-level detail (raw values, imputation flags) comes
from the edition rebuilt in memory (`marsad.insights.built`), which takes milliseconds per year.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionQuerySet(models.QuerySet):
    def published(self) -> "EditionQuerySet":
        return self.filter(status=Edition.Status.PUBLISHED)

    def current(self) -> "Edition | None":
        """The latest published edition: what the pages show when no edition is asked for."""
        return self.published().order_by("-number").first()


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    number = models.PositiveIntegerField(null=True, blank=True, unique=True, help_text="Set when published.")
    label = models.CharField(_("label"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    framework_id = models.CharField(max_length=100)
    framework_version = models.CharField(max_length=50)
    framework_digest = models.CharField(max_length=64)
    framework_text = models.TextField()
    links = models.JSONField(
        default=dict,
        blank=True,
        help_text="Pillars' action lines and technologies; planned pillars (links.yaml).",
    )
    data_name = models.CharField(max_length=255)
    data = models.BinaryField()
    data_digest = models.CharField(max_length=64)
    years = models.JSONField(default=list)
    year = models.PositiveSmallIntegerField(help_text="The headline year: the latest of `years`.")
    analysis = models.JSONField(
        default=dict, blank=True, help_text="Uncertainty settings and the sensitivity indices."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-number", "-id"]

    def __str__(self) -> str:
        return f"{self.label} ({self.framework_id} {self.framework_version})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def data_format(self) -> str:
        return "xlsx" if self.data_name.lower().endswith((".xlsx", ".xlsm")) else "csv"


class Score(models.Model):
    """One aggregate (index, dimension, pillar) of one unit in one year of a published edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="scores")
    year = models.PositiveSmallIntegerField()
    unit = models.CharField(max_length=3, help_text="ISO 3166-1 alpha-3")
    code = models.CharField(max_length=100)
    score = models.FloatField(null=True)
    rank = models.PositiveIntegerField(null=True)
    rank_low = models.FloatField(null=True, help_text="5th percentile of the rank over the Monte Carlo runs")
    rank_median = models.FloatField(null=True)
    rank_high = models.FloatField(null=True, help_text="95th percentile of the rank")
    stage = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "year", "code", "unit"], name="score_unique"),
        ]
        indexes = [models.Index(fields=["edition", "unit", "code"], name="score_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.code} {self.year}: {self.score}"
