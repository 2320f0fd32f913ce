from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url


def site(request: HttpRequest) -> dict:
    """Site-wide template context: the demo-data notice and links to this page in the other languages."""
    path = request.get_full_path()
    names = {"ar": "العربية", "en": "English", "fr": "Français"}
    return {
        "DEMO_DATA": settings.DEMO_DATA,
        "language_links": [
            (code, names[code], translate_url(path, code)) for code, _name in settings.LANGUAGES
        ],
    }
