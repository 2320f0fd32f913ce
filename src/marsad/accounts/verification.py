"""E-mail verification with signed, expiring links: no token table to clean up."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from marsad.accounts.models import User

SALT = "marsad.accounts.verify"
MAX_AGE = 3 * 24 * 3600


def send(user: User) -> None:
    token = signing.dumps({"id": user.pk, "email": user.email}, salt=SALT)
    with translation.override(user.language):
        link = settings.SITE_URL + reverse("accounts:verify", args=[token])
        body = (
            _("Welcome to Marsad. Confirm your e-mail address by opening this link within 3 days:")
            + f"\n\n{link}\n"
        )
        send_mail(_("[Marsad] Confirm your e-mail address"), body, settings.DEFAULT_FROM_EMAIL, [user.email])


def confirm(token: str) -> User | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("id"), email=data.get("email")).first()
    if user is not None and not user.email_verified:
        user.email_verified = True
        user.save(update_fields=["email_verified"])
    return user
