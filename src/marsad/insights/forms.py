"""The moderators' upload form: a data release, optionally with a new framework file."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReleaseForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=200,
        help_text=_("How the edition is named, e.g. “World Bank WDI, July 2027 release”."),
    )
    data = forms.FileField(
        label=_("Data file"),
        help_text=_(
            "CSV (UTF-8) or XLSX in long form: unit, year, indicator, value (and optional source, note)."
        ),
    )
    framework = forms.FileField(
        label=_("Framework file (optional)"),
        required=False,
        help_text=_("YAML; leave empty to keep the framework of the current edition."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
