"""The Arabic and French catalogues are complete, faithful to their placeholders, and compiled.

The .po files are read with a small reader of our own (the format is simple and a dependency for it would
not earn its place); the committed .mo files are compared in content with a fresh `msgfmt` build, so a .po
edited without recompiling fails here rather than showing English on the site. The last tests render pages
through the real middleware and the committed .mo files: Arabic plural forms included.
"""

import ast
import gettext
import re
import shutil
import struct
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.cast import make_entry

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ("ar", "fr")
NPLURALS = {"ar": 6, "fr": 2}
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
PERCENT_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
BRACE_PLACEHOLDER = re.compile(r"\{\w*(?:![rsa])?(?::[^{}]*)?\}")
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')


@dataclass
class Message:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def read_po(path: Path) -> list[Message]:
    """Every active message of a .po file, the header first; obsolete (#~) entries are left out."""
    messages, current, key = [], Message(), None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if current.msgstr and (not line or line.startswith("#")):
            messages.append(current)
            current, key = Message(), None
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := KEYWORD.match(line):
            key, text = match[1], ast.literal_eval(match[2])
            set_field(current, key, text)
        elif line.startswith('"') and key:
            set_field(current, key, get_field(current, key) + ast.literal_eval(line))
        else:
            raise ValueError(f"{path}: cannot read the line {raw!r}")
    return messages


def set_field(message: Message, key: str, text: str) -> None:
    if key.startswith("msgstr"):
        message.msgstr[int(key[7:-1]) if "[" in key else 0] = text
    else:
        setattr(message, key, text)


def get_field(message: Message, key: str) -> str:
    if key.startswith("msgstr"):
        return message.msgstr[int(key[7:-1]) if "[" in key else 0]
    return getattr(message, key)


def read_mo(data: bytes) -> dict[str, str]:
    """The (original → translation) table of a compiled catalogue (GNU .mo format, either byte order)."""
    order = "<" if struct.unpack("<I", data[:4])[0] == 0x950412DE else ">"
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])

    def string(table: int, i: int) -> str:
        length, offset = struct.unpack(order + "2I", data[table + 8 * i : table + 8 * i + 8])
        return data[offset : offset + length].decode("utf-8")

    return {string(originals, i): string(translations, i) for i in range(count)}


def catalogue(lang: str) -> tuple[dict[str, str], list[Message]]:
    header, *messages = read_po(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po")
    assert header.msgid == "", f"{lang}: the catalogue must start with its header"
    fields = dict(line.split(": ", 1) for line in header.msgstr[0].splitlines() if ": " in line)
    assert "fuzzy" not in header.flags, f"{lang}: a fuzzy header is dropped by msgfmt, plural rules with it"
    return fields, messages


def placeholders(text: str, flags: set[str]) -> Counter:
    found = Counter()
    if "python-format" in flags:
        found.update(p for p in PERCENT_PLACEHOLDER.findall(text) if p != "%%")
    if "python-brace-format" in flags:
        found.update(BRACE_PLACEHOLDER.findall(text))
    return found


def single_value_forms(plural_forms: str) -> set[int]:
    """Plural forms chosen for exactly one n (Arabic 0, 1, 2): they may say the number in words."""
    expression = re.search(r"plural=(.*?);?\s*$", plural_forms)[1]
    chooses = gettext.c2py(expression)
    uses = Counter(chooses(n) for n in range(1000))
    return {form for form, count in uses.items() if count == 1}


def test_the_reader_handles_continuations_flags_contexts_and_plurals(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ar\\n"\n\n#, fuzzy, python-format\nmsgid "a %(n)s "\n"b"\n'
        'msgstr "\\"c\\""\n\nmsgctxt "import outcome"\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
        '#~ msgid "old"\n#~ msgstr "vieux"\n',
        encoding="utf-8",
    )
    header, flagged, plural = read_po(po)
    assert header.msgstr == {0: "Language: ar\n"}
    assert (flagged.msgid, flagged.msgstr, flagged.flags) == (
        "a %(n)s b",
        {0: '"c"'},
        {"fuzzy", "python-format"},
    )
    assert (plural.msgctxt, plural.msgid_plural, plural.msgstr) == (
        "import outcome",
        "many",
        {0: "x", 1: "y"},
    )


def test_arabic_plural_rule_lets_only_zero_one_and_two_drop_the_number():
    fields, _ = catalogue("ar")
    assert single_value_forms(fields["Plural-Forms"]) == {0, 1, 2}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_names_the_language_and_its_plural_forms(lang):
    fields, messages = catalogue(lang)
    assert fields["Language"] == lang
    assert f"nplurals={NPLURALS[lang]};" in fields["Plural-Forms"]
    assert len(messages) > 200  # the whole UI, not a stub


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_and_not_fuzzy(lang):
    _, messages = catalogue(lang)
    untranslated = [m.msgid for m in messages if not all(m.msgstr.values())]
    fuzzy = [m.msgid for m in messages if "fuzzy" in m.flags]
    wrong_forms = [
        m.msgid for m in messages if m.msgid_plural and sorted(m.msgstr) != list(range(NPLURALS[lang]))
    ]
    assert untranslated == [] and fuzzy == [] and wrong_forms == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang):
    fields, messages = catalogue(lang)
    may_drop = single_value_forms(fields["Plural-Forms"])
    wrong = []
    for m in messages:
        for form, text in m.msgstr.items():
            expected = placeholders(m.msgid_plural or m.msgid, m.flags)
            found = placeholders(text, m.flags)
            dropped_allowed = m.msgid_plural and form in may_drop and not found - expected
            # A lone % in a formatted string breaks `text % values` at run time: it must be written %%.
            stray_percent = "python-format" in m.flags and "%" in PERCENT_PLACEHOLDER.sub("", text)
            if (found != expected and not dropped_allowed) or stray_percent:
                wrong.append((m.msgid, form, text))
    assert wrong == []


def test_arabic_translations_are_in_arabic_and_french_ones_are_not():
    _, arabic = catalogue("ar")
    _, french = catalogue("fr")
    assert [m.msgid for m in arabic if not all(ARABIC_LETTER.search(s) for s in m.msgstr.values())] == []
    assert [m.msgid for m in french if any(ARABIC_LETTER.search(s) for s in m.msgstr.values())] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_mo_matches_its_po(lang, tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is missing: scripts/system-deps installs it"
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    fresh = tmp_path / "django.mo"
    # The same options as Django's compilemessages, so a format mismatch fails here too.
    subprocess.run(
        [msgfmt, "--check-format", "-o", fresh, folder / "django.po"], check=True, capture_output=True
    )
    assert read_mo((folder / "django.mo").read_bytes()) == read_mo(fresh.read_bytes()), (
        f"{lang}: django.mo is out of date; run `marsad compilemessages --ignore=.venv`"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", ['dir="rtl"', "المبادرات", "تسجيل الدخول", "البحث في المبادرات"]),
        ("fr", ['dir="ltr"', "Initiatives", "Se connecter", "Rechercher des initiatives"]),
    ],
)
def test_home_page_is_served_in_the_language_of_its_url(client, db, lang, expected):
    body = client.get(f"/{lang}/").content.decode()
    assert f'lang="{lang}"' in body
    assert [text for text in expected if text not in body] == []


def test_result_counts_use_the_arabic_plural_forms(client, cast):
    for tech in ("ai", "ai", "iot"):
        make_entry(cast, "published", technologies=[tech], action_lines=["C4"])
    with translation.override("ar"):
        url = reverse("initiatives:list")

    def count_line(**params: str) -> str:
        body = client.get(url, params).content.decode()
        return re.search(r'<p class="result-count" role="status">(.*?)\n', body)[1].strip()

    assert count_line(country="AE") == "لا توجد مبادرات"
    assert count_line(technology="iot") == "مبادرة واحدة"
    assert count_line(technology="ai") == "مبادرتان"
    assert count_line() == "٣ مبادرات"  # Arabic-Indic digit three, as the page prints it


def test_result_counts_use_the_french_plural_forms(client, cast):
    make_entry(cast, "published", technologies=["iot"])
    with translation.override("fr"):
        url = reverse("initiatives:list")
    assert "0 initiative\n" in client.get(url, {"country": "AE"}).content.decode()
    assert "1 initiative\n" in client.get(url).content.decode()
