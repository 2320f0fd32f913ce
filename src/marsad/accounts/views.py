"""Sign-up, e-mail verification, organisations and their members, and the moderators' approvals."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marsad.accounts import verification
from marsad.accounts.forms import JoinForm, OrganisationForm, RegisterForm
from marsad.accounts.models import Membership, Organisation


def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        verification.send(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Account created. We sent you an e-mail: open its link to confirm your address.")
        )
        return redirect("accounts:organisations")
    return render(request, "accounts/register.html", {"form": form})


def verify(request: HttpRequest, token: str) -> HttpResponse:
    user = verification.confirm(token)
    if user is None:
        messages.error(
            request, _("This confirmation link is invalid or has expired. Sign in to get a new one.")
        )
    else:
        messages.success(request, _("Your e-mail address is confirmed."))
    return redirect("accounts:organisations")


@login_required
@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    if not request.user.email_verified:
        verification.send(request.user)
        messages.info(request, _("We sent you a new confirmation e-mail."))
    return redirect("accounts:organisations")


def _require_verified(request: HttpRequest) -> None:
    if not request.user.email_verified:
        raise PermissionDenied(_("Confirm your e-mail address first."))


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("organisation", "organisation__country")
    managed = Organisation.objects.filter(
        memberships__user=request.user,
        memberships__is_manager=True,
        memberships__status=Membership.Status.ACTIVE,
    )
    pending_members = Membership.objects.filter(status=Membership.Status.PENDING).select_related(
        "user", "organisation"
    )
    if not request.user.is_moderator:
        pending_members = pending_members.filter(organisation__in=managed)
    context = {
        "memberships": memberships,
        "org_form": OrganisationForm(),
        "join_form": JoinForm(),
        "pending_members": pending_members,
        "pending_organisations": Organisation.objects.filter(status=Organisation.Status.PENDING)
        if request.user.is_moderator
        else [],
    }
    return render(request, "accounts/organisations.html", context)


@login_required
@require_POST
@transaction.atomic
def create_organisation(request: HttpRequest) -> HttpResponse:
    _require_verified(request)
    form = OrganisationForm(request.POST)
    if not form.is_valid():
        return render(
            request, "accounts/organisations.html", {"org_form": form, "join_form": JoinForm()}, status=400
        )
    organisation = form.save(commit=False)
    organisation.created_by = request.user
    organisation.status = Organisation.Status.PENDING
    organisation.save()
    Membership.objects.create(
        user=request.user, organisation=organisation, status=Membership.Status.ACTIVE, is_manager=True
    )
    messages.success(request, _("Organisation registered; a moderator will approve it."))
    return redirect("accounts:organisations")


@login_required
@require_POST
def join(request: HttpRequest) -> HttpResponse:
    _require_verified(request)
    form = JoinForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "accounts/organisations.html",
            {"org_form": OrganisationForm(), "join_form": form},
            status=400,
        )
    Membership.objects.get_or_create(user=request.user, organisation=form.cleaned_data["organisation"])
    messages.success(
        request, _("Request sent; a manager of the organisation or a moderator will approve it.")
    )
    return redirect("accounts:organisations")


@login_required
@require_POST
def decide_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_moderator:
        raise PermissionDenied
    organisation = get_object_or_404(Organisation, pk=pk, status=Organisation.Status.PENDING)
    approve = request.POST.get("decision") == "approve"
    organisation.status = Organisation.Status.APPROVED if approve else Organisation.Status.REJECTED
    organisation.review_note = request.POST.get("note", "")[:2000]
    organisation.save()
    messages.success(request, _("Organisation approved.") if approve else _("Organisation rejected."))
    return redirect("accounts:organisations")


@login_required
@require_POST
def decide_member(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, status=Membership.Status.PENDING)
    may_decide = (
        request.user.is_moderator
        or Membership.objects.filter(
            Q(
                user=request.user,
                organisation=membership.organisation_id,
                is_manager=True,
                status=Membership.Status.ACTIVE,
            )
        ).exists()
    )
    if not may_decide:
        raise PermissionDenied
    if request.POST.get("decision") == "approve":
        membership.status = Membership.Status.ACTIVE
        membership.save()
        messages.success(request, _("Member approved."))
    else:
        membership.delete()
        messages.success(request, _("Request declined."))
    return redirect("accounts:organisations")
