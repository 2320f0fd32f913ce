"""Creating an API token on the account page."""

from typing import Any

from django import forms
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from marsad.accounts.models import User
from marsad.api.models import Scope
from marsad.api.tokens import LIFETIMES_DAYS
from marsad.charts.numbers import localise_digits


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “national portal sync”.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple, initial=[Scope.READ]
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=90,
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = get_language() or "en"
        self.fields["days"].choices = [  # per request: the words and digits of the page's language
            (days, ngettext("%(n)s day", "%(n)s days", days) % {"n": localise_digits(str(days), lang)})
            for days in LIFETIMES_DAYS
        ]
        if not user.is_reviewer:
            self.fields["scopes"].choices = [(s, label) for s, label in Scope.choices if s != Scope.REVIEW]
