"""Pages for contributors and reviewers: create and edit entries, the review queue and actions, history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marsad.assessments.services import is_ai
from marsad.initiatives import permissions, workflow
from marsad.initiatives.diff import compare
from marsad.initiatives.forms import EntryForm
from marsad.initiatives.models import Entry

REVIEW_ACTIONS = {
    "start": lambda actor, entry, comment: workflow.start_review(actor, entry),
    "publish": workflow.publish,
    "return": workflow.return_for_changes,
    "reject": workflow.reject,
}


def _entry_for(request: HttpRequest, slug: str, check) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("latest_revision", "organisation"), slug=slug)
    # An unpublished entry's existence is private to its organisation and reviewers: others get a 404.
    if not (entry.is_public or permissions.can_view_history(request.user, entry)):
        raise Http404
    if not check(request.user, entry):
        raise PermissionDenied
    return entry


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    organisations = request.user.active_organisations()
    entries = (
        Entry.objects.filter(organisation__in=organisations)
        .select_related("latest_revision", "organisation")
        .order_by("-updated_at")
    )
    return render(request, "initiatives/dashboard.html", {"entries": entries, "organisations": organisations})


@login_required
def create(request: HttpRequest) -> HttpResponse:
    organisations = request.user.active_organisations()
    if not organisations.exists():
        messages.info(request, _("Join or register an organisation before you submit entries."))
        return redirect("accounts:organisations")
    org_id = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = (
        organisations.filter(pk=org_id).first() if org_id and org_id.isdigit() else organisations.first()
    )
    if organisation is None:
        raise PermissionDenied
    form = EntryForm(request.POST or None, initial={"lead_organisation": organisation})
    if request.method == "POST" and form.is_valid():
        entry = workflow.create_entry(request.user, organisation, form.revision_data())
        return _after_save(request, entry)
    return render(
        request,
        "initiatives/form.html",
        {"form": form, "organisations": organisations, "organisation": organisation},
    )


def _after_save(request: HttpRequest, entry: Entry) -> HttpResponse:
    if request.POST.get("then") == "submit":
        workflow.submit(request.user, entry)
        messages.success(request, _("Submitted for review."))
    else:
        messages.success(request, _("Draft saved. You can come back to it at any time."))
        entry.refresh_from_db()
        if is_ai(entry.latest_revision):  # an AI entry's next steps are its responsible-AI questionnaires
            return redirect("assessments:overview", entry.slug)
    return redirect("initiatives:manage", entry.slug)


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    entry = _entry_for(request, slug, permissions.can_edit)
    form = EntryForm(request.POST or None, instance=entry.latest_revision)
    if request.method == "POST" and form.is_valid():
        form.instance = entry.latest_revision  # never written: the workflow makes a new revision
        workflow.save_revision(request.user, entry, form.revision_data())
        return _after_save(request, entry)
    return render(
        request, "initiatives/form.html", {"form": form, "entry": entry, "organisation": entry.organisation}
    )


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    entry = _entry_for(request, slug, permissions.can_view_history)
    user = request.user
    context = {
        "entry": entry,
        "revision": entry.latest_revision,
        "events": entry.events.select_related("actor", "revision")[:50],
        "revisions": entry.revisions.select_related("author").order_by("-number"),
        "can_edit": permissions.can_edit(user, entry),
        "can_submit": permissions.can_submit(user, entry),
        "can_review": permissions.can_review(user, entry),
        "can_withdraw": permissions.can_withdraw(user, entry),
        "is_ai": is_ai(entry.latest_revision),
    }
    return render(request, "initiatives/manage.html", context)


@login_required
@require_POST
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    entry = _entry_for(request, slug, permissions.can_view_history)
    return _act(request, entry, lambda: workflow.submit(request.user, entry), _("Submitted for review."))


@login_required
@require_POST
def review(request: HttpRequest, slug: str) -> HttpResponse:
    entry = _entry_for(request, slug, permissions.can_view_history)
    action = REVIEW_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown review action."))
        return redirect("initiatives:manage", entry.slug)
    comment = request.POST.get("comment", "")[:5000]
    return _act(request, entry, lambda: action(request.user, entry, comment), _("Done."))


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    entry = _entry_for(request, slug, permissions.can_view_history)
    reason = request.POST.get("reason", "")[:5000]
    return _act(request, entry, lambda: workflow.withdraw(request.user, entry, reason), _("Entry withdrawn."))


def _act(request: HttpRequest, entry: Entry, action, success: str) -> HttpResponse:
    try:
        action()
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("initiatives:manage", entry.slug)


@login_required
def history(request: HttpRequest, slug: str) -> HttpResponse:
    entry = _entry_for(request, slug, permissions.can_view_history)
    revisions = list(entry.revisions.select_related("author").order_by("-number"))
    numbers = [r.number for r in revisions]
    try:
        a = int(request.GET.get("a", numbers[1] if len(numbers) > 1 else numbers[0]))
        b = int(request.GET.get("b", numbers[0]))
    except ValueError:
        a, b = numbers[-1], numbers[0]
    by_number = {r.number: r for r in revisions}
    if a not in by_number or b not in by_number:
        raise Http404
    context = {
        "entry": entry,
        "revisions": revisions,
        "a": by_number[a],
        "b": by_number[b],
        "changes": compare(by_number[a], by_number[b]),
    }
    return render(request, "initiatives/history.html", context)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_reviewer:
        raise PermissionDenied
    pending = Entry.objects.filter(state__in=permissions.REVIEWABLE_STATES)
    if not user.is_moderator:
        pending = pending.filter(latest_revision__countries__focal_points__user=user).distinct()
    pending = (
        pending.select_related("latest_revision__impact_level", "organisation")
        .prefetch_related("latest_revision__risk_tiers", "latest_revision__ai_assessments")
        .order_by("updated_at")
    )
    country = request.GET.get("country", "")
    if country:
        pending = pending.filter(latest_revision__countries__code=country.upper()).distinct()
    state = request.GET.get("state", "")
    if state in permissions.REVIEWABLE_STATES:
        pending = pending.filter(state=state)
    return render(request, "initiatives/queue.html", {"entries": pending, "state": state, "country": country})
