"""Registration and organisation forms."""

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marsad.accounts.models import Organisation, User
from marsad.core.validators import clean_plain_text
from marsad.vocab.models import Kind, Term


class RegisterForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("e-mail address"), max_length=254)
    display_name = forms.CharField(label=gettext_lazy("your name"), max_length=120)
    language = forms.ChoiceField(
        label=gettext_lazy("preferred language"),
        choices=[("ar", "العربية"), ("en", "English"), ("fr", "Français")],
    )
    password = forms.CharField(label=gettext_lazy("password"), widget=forms.PasswordInput, max_length=200)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email=email).exists():
            raise ValidationError(_("An account with this e-mail address already exists; sign in instead."))
        return email

    def clean_display_name(self) -> str:
        return clean_plain_text(self.cleaned_data["display_name"])

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password

    def save(self) -> User:
        data = self.cleaned_data
        return User.objects.create_user(
            email=data["email"],
            password=data["password"],
            display_name=data["display_name"],
            language=data["language"],
        )


class OrganisationForm(forms.ModelForm):
    kind = forms.ModelChoiceField(
        queryset=Term.objects.of(Kind.STAKEHOLDER_TYPE), to_field_name="code", label=gettext_lazy("type")
    )

    class Meta:
        model = Organisation
        fields = ["name_ar", "name_en", "name_fr", "country", "kind", "website"]

    def clean(self) -> dict:
        data = super().clean()
        for name in ("name_ar", "name_en", "name_fr"):
            if data.get(name):
                try:
                    data[name] = clean_plain_text(data[name])
                except ValidationError as exc:
                    self.add_error(name, exc)
        if not any(data.get(name) for name in ("name_ar", "name_en", "name_fr")):
            raise ValidationError(_("Give the organisation's name in at least one language."))
        return data


class JoinForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(status=Organisation.Status.APPROVED),
        label=gettext_lazy("organisation"),
    )
