"""The entry form: every WSIS Stocktaking field, validated with messages in the user's language."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marsad.accounts.models import Organisation
from marsad.core.validators import (
    clean_plain_text,
    clean_text,
    format_partial_date,
    parse_links,
    parse_partial_date,
)
from marsad.initiatives.models import Revision
from marsad.vocab.models import Country, Kind, Term

LANGS = ("ar", "en", "fr")
PLAIN_FIELDS = [f"{name}_{lang}" for name in ("title", "summary", "funding") for lang in LANGS]
MARKDOWN_FIELDS = [f"{name}_{lang}" for name in ("description", "outcomes") for lang in LANGS]
TEXT_LIMITS = {"summary": 2000, "description": 20000, "outcomes": 10000}


def terms(kind: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=Term.objects.of(kind),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def term(kind: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=Term.objects.of(kind), to_field_name="code")


SINGLE_TERM_FIELDS = ("stakeholder_type", "scope", "status")
VOCABULARY_FIELDS = ("action_lines", "sdgs", "technologies", "beneficiaries", *SINGLE_TERM_FIELDS)
SELECTABLE_ORGANISATIONS = Q(status__in=[Organisation.Status.APPROVED, Organisation.Status.LISTED])


class EntryForm(forms.ModelForm):
    action_lines = terms(Kind.ACTION_LINE)
    sdgs = terms(Kind.SDG)
    technologies = terms(Kind.TECHNOLOGY)
    beneficiaries = terms(Kind.BENEFICIARY)
    stakeholder_type = term(Kind.STAKEHOLDER_TYPE)
    scope = term(Kind.SCOPE)
    status = term(Kind.STATUS)
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.all(), widget=forms.SelectMultiple(attrs={"size": 8})
    )
    start = forms.CharField(
        label=gettext_lazy("start date"),
        required=False,
        max_length=10,
        help_text=gettext_lazy("YYYY, YYYY-MM or YYYY-MM-DD"),
    )
    end = forms.CharField(
        label=gettext_lazy("end date"),
        required=False,
        max_length=10,
        help_text=gettext_lazy("YYYY, YYYY-MM or YYYY-MM-DD"),
    )
    links_text = forms.CharField(
        label=gettext_lazy("further links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line: the address, then optionally a space and a label."),
    )

    class Meta:
        model = Revision
        fields = [
            *[
                f"{name}_{lang}"
                for name in ("title", "summary", "description", "outcomes", "funding")
                for lang in LANGS
            ],
            "action_lines",
            "sdgs",
            "technologies",
            "beneficiaries",
            "stakeholder_type",
            "lead_organisation",
            "partners",
            "countries",
            "scope",
            "status",
            "website",
            "source_url",
            "contact_url",
            "change_note",
        ]
        widgets = {
            **{f"summary_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in LANGS},
            **{f"description_{lang}": forms.Textarea(attrs={"rows": 8}) for lang in LANGS},
            **{f"outcomes_{lang}": forms.Textarea(attrs={"rows": 4}) for lang in LANGS},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.configure_fields()
        if self.instance and self.instance.pk:
            # The instance gives a foreign key's primary key, but these choices are keyed by code.
            for name in SINGLE_TERM_FIELDS:
                self.initial[name] = getattr(self.instance, name).code
            self.initial["start"] = format_partial_date(
                self.instance.start_date, self.instance.start_precision
            )
            self.initial["end"] = format_partial_date(self.instance.end_date, self.instance.end_precision)
            self.initial["links_text"] = "\n".join(
                f"{link['url']} {link.get('label', '')}".strip() for link in self.instance.links
            )

    def configure_fields(self) -> None:
        """Choices, labels and widgets that the model does not give; a bulk import's forms share fields
        configured once, so it skips this per form."""
        orgs = Organisation.objects.filter(SELECTABLE_ORGANISATIONS)
        self.fields["lead_organisation"].queryset = orgs
        self.fields["partners"].queryset = orgs
        self.fields["partners"].widget = forms.SelectMultiple(attrs={"size": 6})
        for name in (*VOCABULARY_FIELDS, "countries"):
            self.fields[name].label = Revision._meta.get_field(name).verbose_name
        for name in ("action_lines", "technologies"):
            self.fields[name].required = True
        for lang in LANGS:
            self.fields[f"title_{lang}"].widget.attrs["dir"] = "rtl" if lang == "ar" else "ltr"

    SECTIONS = (
        (
            gettext_lazy("Texts"),
            [f"{n}_{lang}" for lang in LANGS for n in ("title", "summary", "description")],
        ),
        (
            gettext_lazy("Outcomes and funding"),
            [f"{n}_{lang}" for lang in LANGS for n in ("outcomes", "funding")],
        ),
        (
            gettext_lazy("Classification"),
            ["action_lines", "technologies", "sdgs", "beneficiaries", "stakeholder_type", "scope", "status"],
        ),
        (gettext_lazy("Who, where and when"), ["lead_organisation", "partners", "countries", "start", "end"]),
        (gettext_lazy("Links"), ["website", "source_url", "contact_url", "links_text", "change_note"]),
    )

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in PLAIN_FIELDS:
            self._check(name, clean_plain_text)
        for name in MARKDOWN_FIELDS + ["change_note"]:
            self._check(name, clean_text)
        for name, limit in TEXT_LIMITS.items():
            for lang in LANGS:
                if len(data.get(f"{name}_{lang}") or "") > limit:
                    self.add_error(f"{name}_{lang}", _("At most %(n)s characters.") % {"n": limit})
        titled = [lang for lang in LANGS if data.get(f"title_{lang}")]
        if not titled and not self.errors.keys() & {f"title_{lang}" for lang in LANGS}:
            raise ValidationError(_("Give a title in at least one language (Arabic, English or French)."))
        for lang in titled:
            if not data.get(f"summary_{lang}"):
                self.add_error(f"summary_{lang}", _("A title in this language needs a summary in it too."))
        self._dates(data)
        return data

    def _check(self, name: str, check) -> None:
        if name in self.cleaned_data and self.cleaned_data[name]:
            try:
                self.cleaned_data[name] = check(self.cleaned_data[name])
            except ValidationError as exc:
                self.add_error(name, exc)

    def _dates(self, data: dict[str, Any]) -> None:
        for which in ("start", "end"):
            try:
                parsed = parse_partial_date(data.get(which) or "")
            except ValidationError as exc:
                self.add_error(which, exc)
                continue
            data[f"{which}_date"], data[f"{which}_precision"] = parsed or (None, "day")
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end", _("The end date must be on or after the start date."))
        try:
            data["links"] = parse_links(data.get("links_text") or "")
        except ValidationError as exc:
            self.add_error("links_text", exc)

    def revision_data(self) -> dict[str, Any]:
        """The cleaned values as the workflow's `save_revision` takes them."""
        data = dict(self.cleaned_data)
        for key in ("start", "end", "links_text"):
            data.pop(key, None)
        return data
