"""Generated, reproducible entries for bench/search_speed.py, written straight into the tables (bulk inserts).

Text is built from the glossary's Arabic and English terms and the vocabularies' labels, so every word is a real
domain word and cross-lingual expansion has something to do: each entry has an Arabic and an English title,
summary and description (5-8, ~25 and ~90 words). 90 % of entries say مبادرة / initiative (the broad query),
about 40 % are about AI (technology ``ai`` and "الذكاء الاصطناعي / artificial intelligence" in their text).
"""

import random

from django.db import connection, transaction
from django.utils import timezone

from marsad.accounts.models import Organisation
from marsad.initiatives.models import Entry, Revision, State
from marsad.search.expansion import load_glossary
from marsad.vocab.models import Country, Kind, Term

ARAB_COUNTRIES = ["SA", "AE", "EG", "MA", "TN", "JO", "QA", "KW", "BH", "OM", "DZ", "LB", "IQ", "SD", "LY"]
FILLER = {
    "ar": "في من على إلى مع عبر خلال لدعم تطوير تعزيز برنامج مشروع خدمات الوطنية الرقمية".split(),
    "en": "in of for with across through to support develop strengthen programme project services".split(),
}


def _phrases(rng: random.Random, concepts: list[dict], lang: str, n: int) -> list[str]:
    return [rng.choice(rng.choice(concepts)[lang]) for _ in range(n)]


def _text(rng: random.Random, concepts: list[dict], lang: str, words: int, extra: list[str]) -> str:
    parts = list(extra)
    count = sum(len(p.split()) for p in parts)
    while count < words:
        parts.append(rng.choice(FILLER[lang]) if rng.random() < 0.4 else _phrases(rng, concepts, lang, 1)[0])
        count += len(parts[-1].split())
    rng.shuffle(parts)
    return " ".join(parts)


@transaction.atomic
def write_entries(size: int, seed: int) -> None:
    rng = random.Random(seed)
    concepts = [c for c in load_glossary() if "ar" in c and "en" in c]
    terms = {kind: list(Term.objects.filter(kind=kind)) for kind in Kind.values}
    countries = {c.code: c for c in Country.objects.filter(code__in=ARAB_COUNTRIES)}
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name_en=f"Agency {i}",
                name_ar=f"الهيئة {i}",
                country=countries[ARAB_COUNTRIES[i % len(ARAB_COUNTRIES)]],
                kind=rng.choice(terms[Kind.STAKEHOLDER_TYPE]),
                status=Organisation.Status.APPROVED,
            )
            for i in range(200)
        ]
    )
    now = timezone.now()
    entries = Entry.objects.bulk_create(
        [
            Entry(slug=f"bench-{i}", organisation=rng.choice(orgs), state=State.PUBLISHED, source="bench")
            for i in range(size)
        ],
        batch_size=2000,
    )
    revisions, links = [], {name: [] for name in ("countries", "technologies", "action_lines", "sdgs")}
    for entry in entries:
        ai = rng.random() < 0.4
        broad = rng.random() < 0.9
        texts = {}
        for lang, ai_words, broad_word in (
            ("ar", "الذكاء الاصطناعي", "مبادرة"),
            ("en", "artificial intelligence", "initiative"),
        ):
            extra = ([ai_words] if ai else []) + ([broad_word] if broad else [])
            texts[f"title_{lang}"] = _text(rng, concepts, lang, 6, extra[:1])[:300]
            texts[f"summary_{lang}"] = _text(rng, concepts, lang, 25, extra)
            texts[f"description_{lang}"] = _text(rng, concepts, lang, 90, [])
        revisions.append(
            Revision(
                entry=entry,
                number=1,
                live=True,
                stakeholder_type=rng.choice(terms[Kind.STAKEHOLDER_TYPE]),
                lead_organisation=entry.organisation,
                scope=rng.choice(terms[Kind.SCOPE]),
                status=rng.choice(terms[Kind.STATUS]),
                start_date=now.date().replace(year=rng.randint(2010, 2025), month=1, day=1),
                start_precision="year",
                **texts,
            )
        )
        links["countries"].append([rng.choice(ARAB_COUNTRIES) for _ in range(rng.randint(1, 2))])
        technologies = rng.sample(terms[Kind.TECHNOLOGY], rng.randint(1, 3))
        technologies += [t for t in terms[Kind.TECHNOLOGY] if ai and t.code == "ai"]
        links["technologies"].append([t.pk for t in technologies])
        links["action_lines"].append([t.pk for t in rng.sample(terms[Kind.ACTION_LINE], rng.randint(1, 3))])
        links["sdgs"].append([t.pk for t in rng.sample(terms[Kind.SDG], rng.randint(1, 2))])
    revisions = Revision.objects.bulk_create(revisions, batch_size=1000)
    for name, values in links.items():
        through = getattr(Revision, name).through
        target = "country_id" if name == "countries" else "term_id"
        rows = {
            (revision.pk, value) for revision, vals in zip(revisions, values, strict=True) for value in vals
        }
        through.objects.bulk_create([through(revision_id=r, **{target: v}) for r, v in rows], batch_size=5000)
    # One UPDATE a row: Django's bulk_update builds CASE expressions that cost more than the rest together.
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Entry._meta.db_table} SET latest_revision_id = %s, published_revision_id = %s, "
            "published_at = %s WHERE id = %s",
            [
                (revision.pk, revision.pk, adapt(now - timezone.timedelta(minutes=size - i)), entry.pk)
                for i, (entry, revision) in enumerate(zip(entries, revisions, strict=True))
            ],
        )
