"""The import page's form: a file and how far in the workflow its entries go."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marsad.accounts.models import User
from marsad.initiatives.models import State

MAX_UPLOAD_MB = getattr(settings, "MARSAD_IMPORT_MAX_MB", 20)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8, comma or semicolon), Excel .xlsx, or JSON as exported by Marsad."
        ),
    )
    state = forms.ChoiceField(label=gettext_lazy("Imported entries become"))
    organisation = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Organisation owning the entries"),
        help_text=gettext_lazy("For rows that name no owner organisation."),
    )
    allow_duplicates = forms.BooleanField(
        required=False, label=gettext_lazy("Import suspected duplicates as new entries")
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        states = [(State.DRAFT, _("drafts")), (State.SUBMITTED, _("submitted for review"))]
        if user.is_moderator:
            states.append((State.PUBLISHED, _("published")))
        self.fields["state"].choices = states
        self.fields["state"].initial = states[-1][0]
        self.fields["organisation"].queryset = user.active_organisations()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _(
                    "The file is %(size).1f MB; the limit here is %(limit)s MB. Split it, or ask a moderator to "
                    "run `marsad import` on the server."
                )
                % {"size": upload.size / 1024 / 1024, "limit": MAX_UPLOAD_MB}
            )
        return upload
