"""Pages of the readiness self-assessment: the organisations' lists, the step-by-step form, the report and PDF.

Who sees what is decided in `models` (`visible_to`, `may_answer`): an assessment another organisation owns
does not exist for a stranger (404); a moderator may read but not answer (403). Refusals are rendered as a page
in the visitor's language rather than Django's bare error pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marsad import charts, rai
from marsad.accounts.models import Organisation
from marsad.readiness import report, steps
from marsad.readiness.models import KIND, Assessment, may_answer, may_read, member_organisations
from marsad.reports.pdf import render_pdf


class Refused(Exception):
    """A request the visitor may not make, with the status and the reason to show them."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message


def refusal(request: HttpRequest, error: Refused) -> HttpResponse:
    return render(request, "readiness/refused.html", {"message": error.message}, status=error.status)


def _not_found() -> Refused:
    return Refused(
        404, _("There is no such assessment, or it belongs to an organisation you are not part of.")
    )


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    found = Assessment.objects.visible_to(request.user).select_related("organisation").filter(pk=pk).first()
    if found is None:
        raise _not_found()
    return found


def _organisation(request: HttpRequest, pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not may_read(request.user, organisation):
        raise Refused(404, _("There is no such organisation, or you are not one of its members."))
    return organisation


def _answerable(request: HttpRequest, organisation: Organisation) -> None:
    if not may_answer(request.user, organisation):
        raise Refused(403, _("Only active members of the organisation may answer its assessments."))


def refusing(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Render `Refused` as a page (the decorator keeps each view free of try/except)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Refused as error:
            return refusal(request, error)

    return wrapped


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The visitor's organisations with their assessments; for moderators, every organisation that has some."""
    mine = member_organisations(request.user).annotate(
        completed=Count(
            "readiness_assessments", filter=Q(readiness_assessments__status=Assessment.Status.COMPLETED)
        )
    )
    others = []
    if request.user.is_moderator:
        others = (
            Organisation.objects.exclude(pk__in=mine.values("pk"))
            .annotate(completed=Count("readiness_assessments"))
            .filter(completed__gt=0)
        )
    drafts = {
        a.organisation_id: a
        for a in Assessment.objects.filter(organisation__in=mine, status=Assessment.Status.DRAFT)
    }
    rows = [(org, drafts.get(org.pk)) for org in mine]
    questionnaire = rai.load(KIND)
    description = questionnaire.description.get(get_language() or "ar") if questionnaire.description else ""
    return render(
        request, "readiness/index.html", {"rows": rows, "others": others, "description": description}
    )


@login_required
@refusing
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation's assessments over time: the list, the draft to resume, progress per pillar."""
    org = _organisation(request, pk)
    completed, chart = report.progress(org)
    context = {
        "organisation": org,
        "completed": completed,
        "draft": Assessment.objects.filter(organisation=org, status=Assessment.Status.DRAFT).first(),
        "chart": chart,
        "may_answer": may_answer(request.user, org),
    }
    return render(request, "readiness/organisation.html", context)


@login_required
@require_POST
@refusing
def start(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation(request, pk)
    _answerable(request, org)
    assessment, created = Assessment.start(org, request.user)
    if not created:
        messages.info(
            request, _("Your organisation already has an assessment in progress: continue it here.")
        )
    return redirect("readiness:answer", assessment.pk)


@login_required
@refusing
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """One step of the form (GET ?step=<section>), or the post of one step."""
    assessment = _assessment(request, pk)
    _answerable(request, assessment.organisation)
    if not assessment.is_draft:
        if request.method == "POST":
            raise Refused(
                409,
                _(
                    "This assessment is completed and can no longer change. Start a new one to measure progress."
                ),
            )
        return redirect("readiness:detail", assessment.pk)
    if request.method != "POST":
        section = steps.shown_section(assessment, request.GET.get("step"))
        if section is None:
            raise Refused(404, _("This step does not exist or is not asked given your answers."))
        return render(request, "readiness/step.html", {"step": steps.step(assessment, section)})
    outcome = steps.submit(assessment.pk, request.POST, request.user)
    if outcome.errors:
        step = steps.step(assessment, outcome.section, outcome.answers, outcome.errors)
        return render(request, "readiness/step.html", {"step": step}, status=400)
    if outcome.completed:
        messages.success(request, _("Assessment completed. Here is your report."))
        return redirect("readiness:detail", assessment.pk)
    if outcome.incomplete:
        messages.error(
            request, _("Some questions still need an answer before the assessment can be completed.")
        )
        for error in outcome.incomplete:
            messages.error(request, error.message)
    elif request.POST.get("action") == "save":
        messages.success(request, _("Draft saved. You can continue it at any time."))
        return redirect("readiness:organisation", assessment.organisation_id)
    return redirect(f"{reverse('readiness:answer', args=[assessment.pk])}?step={outcome.goto}")


@login_required
@refusing
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report of a completed assessment (a draft continues where it was left)."""
    assessment = _assessment(request, pk)
    if assessment.is_draft:
        return redirect("readiness:answer", assessment.pk)
    context = {
        "report": report.build(assessment, rtl=get_language_bidi()),
        "may_answer": may_answer(request.user, assessment.organisation),
    }
    return render(request, "readiness/report.html", context)


@login_required
@refusing
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as a PDF in the page's language (WeasyPrint; the chart keeps its text in HTML)."""
    assessment = _assessment(request, pk)
    if assessment.is_draft:
        raise Refused(409, _("A draft has no report yet: complete the assessment first."))
    language = (get_language() or "ar")[:2]
    html = render_to_string(
        "readiness/report_pdf.html",
        {"report": report.build(assessment, rtl=get_language_bidi())},
        request=request,
    )
    document = render_pdf(
        html, language=language, base_url=request.build_absolute_uri("/"), stylesheets=[charts.stylesheet()]
    )
    response = HttpResponse(document, content_type="application/pdf")
    when = assessment.completed_at.date().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="marsad-readiness-{assessment.organisation_id}-{when}-{language}.pdf"'
    )
    return response
