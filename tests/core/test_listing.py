"""Lists in running text take the page language's comma; their items are escaped."""

from django.template import Context, Template
from django.utils import translation


def _render(items: list[str], lang: str) -> str:
    with translation.override(lang):
        return Template("{% load marsad %}{{ items|listing }}").render(Context({"items": items}))


def test_the_arabic_comma_on_arabic_pages_only():
    assert _render(["قراءة", "كتابة"], "ar") == "قراءة، كتابة"
    assert _render(["read", "write"], "en") == "read, write"
    assert _render(["lecture"], "fr") == "lecture"
    assert _render([], "ar") == ""


def test_items_are_escaped():
    assert _render(["<b>Org</b>", "A & B"], "en") == "&lt;b&gt;Org&lt;/b&gt;, A &amp; B"
