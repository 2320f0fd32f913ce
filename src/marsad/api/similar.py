"""Similar entries ("who else does this") for the API, with a plain fallback.

The answer comes from the function named by the `MARSAD_SIMILAR_ENTRIES` setting, by default the search
engine's `marsad.search.similar.similar_entries(entry, n)` (text similarity across languages blended with shared
topics). `shared_classification` is the plain alternative, and the answer whenever no search engine is
installed: published entries ranked by how many WSIS Action Lines and technologies they share with the entry.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.utils.module_loading import import_string

from marsad.initiatives.models import Entry, Revision

DEFAULT = "marsad.search.similar.similar_entries"


def shared_classification(entry: Entry, n: int = 5) -> list[Revision]:
    """Live revisions sharing most action lines and technologies with the entry; `similarity` is the share."""
    revision = entry.published_revision or entry.latest_revision
    if revision is None:
        return []
    lines = list(revision.action_lines.values_list("pk", flat=True))
    techs = list(revision.technologies.values_list("pk", flat=True))
    wanted = len(lines) + len(techs)
    if not wanted:
        return []
    found = (
        Revision.objects.filter(live=True)
        .exclude(entry_id=entry.pk)
        .annotate(
            shared=Count("action_lines", filter=Q(action_lines__in=lines), distinct=True)
            + Count("technologies", filter=Q(technologies__in=techs), distinct=True)
        )
        .filter(shared__gt=0)
        .select_related("entry")
        .order_by("-shared", "-entry__published_at", "-id")[:n]
    )
    out = list(found)
    for candidate in out:
        candidate.similarity = round(candidate.shared / wanted, 4)
    return out


def similar_entries(entry: Entry, n: int = 5) -> list[Revision]:
    path = getattr(settings, "MARSAD_SIMILAR_ENTRIES", DEFAULT)
    try:
        engine = import_string(path)
    except ImportError:
        engine = shared_classification
    return engine(entry, n)
