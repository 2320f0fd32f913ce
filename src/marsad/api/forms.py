"""Creating an API token on the account page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from marsad.accounts.models import User
from marsad.api.models import Scope
from marsad.api.tokens import LIFETIMES_DAYS


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
        choices=[(days, _("%(n)s days") % {"n": days}) for days in LIFETIMES_DAYS],
        initial=90,
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not user.is_reviewer:
            self.fields["scopes"].choices = [(s, label) for s, label in Scope.choices if s != Scope.REVIEW]
