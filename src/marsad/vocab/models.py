"""Controlled vocabularies: WSIS Action Lines, SDGs, technologies, stakeholder types, beneficiaries, statuses,
scopes, country groupings, and the countries themselves.

They are data, not code: loaded from the versioned YAML files in `vocab/data/` by migrations, then owned by the
moderators, who may add items or rename labels in the admin without a deployment.
"""

from django.db import models
from django.urls import reverse

from marsad.core.i18n import localise


class Kind(models.TextChoices):
    ACTION_LINE = "action_line", "WSIS Action Line"
    SDG = "sdg", "Sustainable Development Goal"
    TECHNOLOGY = "technology", "Technology"
    STAKEHOLDER_TYPE = "stakeholder_type", "Stakeholder type"
    BENEFICIARY = "beneficiary", "Beneficiary group"
    STATUS = "status", "Status"
    SCOPE = "scope", "Scope"
    GROUP = "group", "Country group"


class Labelled(models.Model):
    label_ar = models.CharField(max_length=300)
    label_en = models.CharField(max_length=300)
    label_fr = models.CharField(max_length=300)
    description_ar = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    description_fr = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def label(self) -> str:
        return localise(self, "label").text

    @property
    def description(self) -> str:
        return localise(self, "description").text

    def __str__(self) -> str:
        return self.label


class TermQuerySet(models.QuerySet):
    def of(self, kind: str) -> "TermQuerySet":
        return self.filter(kind=kind, active=True)


class Term(Labelled):
    kind = models.CharField(max_length=20, choices=Kind.choices)
    code = models.CharField(max_length=40)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort = models.IntegerField(default=0)
    active = models.BooleanField(
        default=True, help_text="Inactive terms stay on old entries but are not offered."
    )
    source_version = models.IntegerField(default=1, help_text="Version of the data file that introduced it.")

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "sort", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="term_kind_code_unique")]

    def get_absolute_url(self) -> str:
        routes = {Kind.ACTION_LINE: "initiatives:action_line", Kind.TECHNOLOGY: "initiatives:technology"}
        if self.kind in routes:
            return reverse(routes[self.kind], args=[self.code])
        return reverse("initiatives:list") + f"?{self.kind}={self.code}"


class Country(Labelled):
    code = models.CharField(max_length=2, primary_key=True, help_text="ISO 3166-1 alpha-2")
    alpha3 = models.CharField(max_length=3, unique=True)
    numeric = models.CharField(max_length=3)
    region = models.ForeignKey(Term, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    groups = models.ManyToManyField(Term, blank=True, related_name="member_countries")

    class Meta:
        ordering = ["label_en"]
        verbose_name_plural = "countries"

    def get_absolute_url(self) -> str:
        return reverse("initiatives:country", args=[self.code])
