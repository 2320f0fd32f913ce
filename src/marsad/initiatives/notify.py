"""E-mails to contributors at each workflow transition, in each recipient's own language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from marsad.initiatives.models import ReviewEvent


def transition(event: ReviewEvent) -> None:
    entry = event.entry
    recipients = {u for u in (entry.created_by, event.revision.author) if u is not None and u != event.actor}
    for user in recipients:
        with translation.override(user.language):
            context = {"event": event, "entry": entry, "user": user, "site_url": settings.SITE_URL}
            subject = render_to_string("initiatives/email/transition_subject.txt", context).strip()
            body = render_to_string("initiatives/email/transition.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
