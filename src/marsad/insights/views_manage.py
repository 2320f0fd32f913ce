"""Moderators publish new editions: upload a release, read its report, preview its changes, publish it.

Every step refuses rather than guesses: a file with any problem produces the per-row report and nothing is
stored; a checked release becomes a draft that only moderators see; publishing computes the scores and rank
intervals and only then makes it the current edition. Earlier editions are never changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marsad.insights import editions
from marsad.insights.editions import Problem
from marsad.insights.forms import ReleaseForm
from marsad.insights.models import Edition

REPORT_ROWS = 200  # problems shown on the page; the count says how many there are in all


def _moderator(request: HttpRequest) -> None:
    if not getattr(request.user, "is_moderator", False):
        raise PermissionDenied


def _framework_text(form: ReleaseForm) -> tuple[str, str, list[Problem]]:
    """The uploaded framework's text, else the current edition's (else the bundled default)."""
    upload = form.cleaned_data.get("framework")
    if upload:
        name = upload.name
        if upload.size > editions.MAX_UPLOAD_BYTES:
            return "", name, [Problem(name, editions.too_large_message(upload.size))]
        try:
            return upload.read().decode("utf-8"), name, []
        except UnicodeDecodeError:
            return "", name, [Problem(name, _("the framework file is not valid UTF-8"))]
    current = Edition.objects.current()
    if current:
        return current.framework_text, "framework.yaml", []
    path = editions.default_files()[0]
    return path.read_text(encoding="utf-8"), path.name, []


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _moderator(request)
    form = ReleaseForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["data"]
        framework_text, framework_name, problems = _framework_text(form)
        too_large = data.size > editions.MAX_UPLOAD_BYTES
        if too_large:  # refused on its size alone: its content is never read
            problems.append(Problem(data.name, editions.too_large_message(data.size)))
        if not problems:
            release = editions.check_release(data.read(), data.name, framework_text, framework_name)
            if release.ok:
                label, notes = form.cleaned_data["label"], form.cleaned_data["notes"]
                draft = editions.create_draft(release, request.user, label, notes)
                return redirect("insights:draft", pk=draft.pk)
            problems = release.problems
        status = 413 if too_large else 400
    elif request.method == "POST":
        status = 400
    context = {
        "form": form,
        "problems": problems[:REPORT_ROWS],
        "problem_count": len(problems),
        "drafts": Edition.objects.filter(status=Edition.Status.DRAFT).order_by("-created_at"),
        "editions": Edition.objects.published(),
        "max_mb": editions.MAX_UPLOAD_BYTES // 2**20,
    }
    return render(request, "insights/manage.html", context, status=status)


@login_required
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    edition = get_object_or_404(Edition, pk=pk, status=Edition.Status.DRAFT)
    current = Edition.objects.current()
    change = editions.compare(edition, current) if current else None
    return render(request, "insights/draft.html", {"draft": edition, "current": current, "change": change})


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    edition = get_object_or_404(Edition, pk=pk, status=Edition.Status.DRAFT)
    editions.publish(edition, request.user)
    messages.success(request, _("Edition %(number)s is published.") % {"number": edition.number})
    return redirect(reverse("insights:rankings"))


@login_required
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    get_object_or_404(Edition, pk=pk, status=Edition.Status.DRAFT).delete()
    messages.success(request, _("The draft is discarded."))
    return redirect("insights:manage")
