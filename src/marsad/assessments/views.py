"""The responsible-AI steps of an AI entry (overview, one page per questionnaire step) and the public export.

Permissions are those of the entry (`marsad.initiatives.permissions`, through the manage pages' `_entry_for`):
whoever may see the entry's history sees the assessments of its working revision; whoever may edit it answers
them. The public sees the published revision's assessments only.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from marsad import rai
from marsad.assessments import services, steps
from marsad.assessments.models import Kind
from marsad.initiatives import permissions
from marsad.initiatives.models import Entry
from marsad.initiatives.views_manage import _entry_for


def _lang() -> str:
    return (get_language() or "en").split("-")[0]


def _refused(request: HttpRequest, entry: Entry, message: str, status: int) -> HttpResponse:
    return render(request, "assessments/refused.html", {"entry": entry, "message": message}, status=status)


def _ai_entry(request: HttpRequest, slug: str, check) -> Entry:
    entry = _entry_for(request, slug, check)
    if not services.is_ai(entry.latest_revision):
        raise Http404(_("Only entries tagged with artificial intelligence have responsible-AI assessments."))
    return entry


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    entry = _ai_entry(request, slug, permissions.can_view_history)
    context = {
        "entry": entry,
        "revision": entry.latest_revision,
        "outcomes": services.outcomes(entry.latest_revision),
        "can_edit": permissions.can_edit(request.user, entry),
        "lang": _lang(),
    }
    return render(request, "assessments/overview.html", context)


def _questionnaire(entry: Entry, kind: str) -> tuple[rai.Questionnaire, dict[str, Any]]:
    if kind not in services.KINDS:
        raise Http404
    assessment = entry.latest_revision.ai_assessments.filter(kind=kind).first()
    return services.questionnaire_for(assessment, kind), assessment.given if assessment else {}


@login_required
def start(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The first step still missing an answer (the first step when none is), so a respondent can resume."""
    entry = _ai_entry(request, slug, permissions.can_edit)
    questionnaire, draft = _questionnaire(entry, kind)
    missing = [e for e in rai.validate(questionnaire, draft) if e.question_id]
    section = (
        questionnaire.question(missing[0].question_id).section
        if missing
        else rai.next_section(questionnaire, draft, None).id
    )
    return redirect("assessments:step", entry.slug, kind, section)


@login_required
def step(request: HttpRequest, slug: str, kind: str, section: str) -> HttpResponse:
    entry = _ai_entry(request, slug, permissions.can_edit)
    questionnaire, draft = _questionnaire(entry, kind)
    lang = _lang()
    known = {s.id for s in questionnaire.sections}
    if section not in known:
        message = _("This questionnaire has no step “%(step)s”.") % {"step": section[:80]}
        return _refused(request, entry, message, 404)
    if section not in {s.id for s in rai.visible_sections(questionnaire, draft)}:
        message = _("The step “%(step)s” is not asked given your earlier answers.") % {
            "step": questionnaire.section(section).title.get(lang)
        }
        return _refused(request, entry, message, 409)
    errors: list[str] = []
    shown = draft
    revealed: list[str] = []
    if request.method == "POST":
        result = steps.read(questionnaire, draft, section, request.POST, lang)
        if result.errors:
            errors = result.errors
            shown = draft | rai.answers_from_post(questionnaire, section, request.POST)
        else:
            services.save_answers(request.user, entry, kind, questionnaire.version, result.draft)
            action = request.POST.get("action")
            if result.revealed:
                revealed = result.revealed
                shown = result.draft
            elif action == "back":
                previous = rai.previous_section(questionnaire, result.draft, section)
                target = previous.id if previous else section
                return redirect("assessments:step", entry.slug, kind, target)
            elif action == "save":
                messages.success(request, _("Draft saved. You can come back to it at any time."))
                return redirect("assessments:overview", entry.slug)
            else:
                following = rai.next_section(questionnaire, result.draft, section)
                if following is not None:
                    return redirect("assessments:step", entry.slug, kind, following.id)
                if rai.validate(questionnaire, result.draft):
                    return redirect("assessments:start", entry.slug, kind)
                messages.success(request, _("Questionnaire complete. The result is shown below."))
                return redirect("assessments:overview", entry.slug)
    visible = rai.visible_sections(questionnaire, shown)
    context = {
        "entry": entry,
        "kind": kind,
        "kind_label": Kind(kind).label,
        "questionnaire": questionnaire,
        "title": questionnaire.title.get(lang),
        "section": questionnaire.section(section),
        "section_title": questionnaire.section(section).title.get(lang),
        "section_help": questionnaire.section(section).help.get(lang)
        if questionnaire.section(section).help
        else "",
        "steps": [{"id": s.id, "title": s.title.get(lang), "current": s.id == section} for s in visible],
        "number": [s.id for s in visible].index(section) + 1 if section in {s.id for s in visible} else 1,
        "fields": [
            _field(q, shown, lang, revealed) for q in rai.visible_questions(questionnaire, shown, section)
        ],
        "errors": errors,
        "revealed": revealed,
        "is_first": rai.previous_section(questionnaire, shown, section) is None,
        # "Finish" only where nothing follows whatever is still to be answered here.
        "can_finish": rai.next_section(questionnaire, shown, section) is None
        and not any(e.code == "missing_answer" for e in rai.validate(questionnaire, shown)),
        "lang": lang,
        "other_langs": [code for code in rai.LANGUAGES if code != lang],
    }
    return render(request, "assessments/step.html", context, status=400 if errors else 200)


def _field(question: rai.Question, answers: dict[str, Any], lang: str, revealed: list[str]) -> dict[str, Any]:
    """What the template needs to draw one question, in `lang`, with its current answer."""
    value = answers.get(question.id)
    chosen = value if isinstance(value, list) else [value]
    return {
        "id": question.id,
        "type": question.type,
        "text": question.text.get(lang),
        "help": question.help.get(lang) if question.help else "",
        "refs": [rai.ref_label(r, lang) for r in question.refs],
        "required": question.required,
        "translatable": question.translatable,
        "new": question.id in revealed,
        "options": [
            {
                "id": o.id,
                "text": o.text.get(lang),
                "help": o.help.get(lang) if o.help else "",
                "checked": o.id in chosen,
            }
            for o in question.options
        ],
        "value": value if isinstance(value, str) else "",
        "texts": value if isinstance(value, dict) else {},
        "max_length": question.max_length,
    }


def transparency_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The published transparency record as JSON (texts in the three languages; `?lang=` for one)."""
    entry = get_object_or_404(Entry, slug=slug)
    revision = services.public_revision(entry)
    if revision is None or not services.is_ai(revision):
        raise Http404
    outcome = next(o for o in services.outcomes(revision) if o.kind == Kind.TRANSPARENCY_RECORD)
    if not outcome.complete:
        raise Http404
    lang = request.GET.get("lang")
    data = outcome.result.as_dict(lang if lang in rai.LANGUAGES else None)
    data["entry"] = {
        "slug": entry.slug,
        "revision": revision.number,
        "url": request.build_absolute_uri(entry.get_absolute_url()),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="{entry.slug}-transparency.json"'
    return response
