"""The repository: an `Entry` is one initiative; its content lives in immutable `Revision`s.

Every save writes a new revision, so the history is complete by construction and a diff is a comparison of two
rows. The entry points at its latest revision (what the contributor works on) and at its published revision
(what the public sees): a published entry can change through a new, reviewed revision while the published one
stays online. The workflow state describes the latest revision; `ReviewEvent` records each transition.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marsad.core.i18n import Localised, localise


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    RETURNED = "returned", _("returned with comments")
    REJECTED = "rejected", _("rejected")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Precision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


class EntryQuerySet(models.QuerySet):
    def public(self) -> "EntryQuerySet":
        return self.filter(published_revision__isnull=False).exclude(state=State.WITHDRAWN)


class Entry(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT, db_index=True)
    latest_revision = models.OneToOneField(
        "Revision", null=True, on_delete=models.PROTECT, related_name="latest_of"
    )
    published_revision = models.OneToOneField(
        "Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="published_of"
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    withdrawn_reason = models.TextField(blank=True)
    source = models.CharField(max_length=40, default="web", help_text="web, api, import:<file>, demo")

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        revision = self.published_revision or self.latest_revision
        return revision.title.text if revision else self.slug

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.published_revision_id is not None and self.state != State.WITHDRAWN

    @property
    def has_pending_change(self) -> bool:
        return (
            self.published_revision_id is not None and self.latest_revision_id != self.published_revision_id
        )


class Revision(models.Model):
    """One immutable version of an entry's content (WSIS Stocktaking fields, per language)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    change_note = models.CharField(_("what changed"), max_length=500, blank=True)
    live = models.BooleanField(
        default=False, db_index=True, help_text="This is the public version of its entry."
    )

    title_ar = models.CharField(_("title (Arabic)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    outcomes_ar = models.TextField(_("outcomes and impact (Arabic)"), blank=True)
    outcomes_en = models.TextField(_("outcomes and impact (English)"), blank=True)
    outcomes_fr = models.TextField(_("outcomes and impact (French)"), blank=True)
    funding_ar = models.CharField(_("funding (Arabic)"), max_length=500, blank=True)
    funding_en = models.CharField(_("funding (English)"), max_length=500, blank=True)
    funding_fr = models.CharField(_("funding (French)"), max_length=500, blank=True)

    action_lines = models.ManyToManyField("vocab.Term", related_name="+", verbose_name=_("WSIS Action Lines"))
    sdgs = models.ManyToManyField("vocab.Term", related_name="+", verbose_name=_("SDGs"))
    technologies = models.ManyToManyField("vocab.Term", related_name="+", verbose_name=_("technologies"))
    beneficiaries = models.ManyToManyField(
        "vocab.Term", related_name="+", blank=True, verbose_name=_("beneficiaries")
    )
    stakeholder_type = models.ForeignKey(
        "vocab.Term", on_delete=models.PROTECT, related_name="+", verbose_name=_("stakeholder type")
    )
    lead_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="led_revisions",
        verbose_name=_("lead organisation"),
    )
    partners = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="partner_revisions", verbose_name=_("partners")
    )
    countries = models.ManyToManyField("vocab.Country", related_name="+", verbose_name=_("countries covered"))
    scope = models.ForeignKey(
        "vocab.Term", on_delete=models.PROTECT, related_name="+", verbose_name=_("scope")
    )
    status = models.ForeignKey(
        "vocab.Term", on_delete=models.PROTECT, related_name="+", verbose_name=_("status")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    start_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    website = models.URLField(_("website"), max_length=500, blank=True)
    source_url = models.URLField(_("public source"), max_length=500, blank=True)
    contact_url = models.URLField(_("public contact page"), max_length=500, blank=True)
    links = models.JSONField(_("further links"), default=list, blank=True)

    class Meta:
        ordering = ["entry", "-number"]
        constraints = [models.UniqueConstraint(fields=["entry", "number"], name="revision_number_unique")]

    def __str__(self) -> str:
        return f"{self.entry.slug} r{self.number}"

    @property
    def title(self) -> Localised:
        return localise(self, "title")

    @property
    def summary(self) -> Localised:
        return localise(self, "summary")

    @property
    def description(self) -> Localised:
        return localise(self, "description")

    @property
    def outcomes(self) -> Localised:
        return localise(self, "outcomes")

    @property
    def funding(self) -> Localised:
        return localise(self, "funding")

    @property
    def languages(self) -> list[str]:
        return [lang for lang in ("ar", "en", "fr") if getattr(self, f"title_{lang}")]


class ReviewEvent(models.Model):
    """A workflow transition: who moved which revision from one state to another, and why."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="events")
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(max_length=12, choices=State.choices)
    to_state = models.CharField(max_length=12, choices=State.choices)
    comment = models.TextField(blank=True)
    via = models.CharField(max_length=40, default="web", help_text="web, api token id, import, demo")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
