"""The account page where people create and revoke API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marsad.api import tokens
from marsad.api.forms import TokenForm
from marsad.api.models import ApiToken

NEW_SECRET = "api_token_secret"


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """Create a token, then redirect (post/redirect/get): reloading the page shows the list, it does not create
    a second token. The secret travels once through the session and is shown by the first page after it."""
    form = TokenForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, request.session[NEW_SECRET] = tokens.issue(
            request.user, form.cleaned_data["name"], form.cleaned_data["scopes"], form.cleaned_data["days"]
        )
        return redirect("exchange:api_tokens:list")
    secret = request.session.pop(NEW_SECRET, None)
    context = {"form": form, "secret": secret, "tokens": ApiToken.objects.filter(user=request.user)}
    response = render(request, "api/tokens.html", context)
    if secret:
        response["Cache-Control"] = "no-store"  # the secret is shown once and must stay in no cache
    return response


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke(token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("exchange:api_tokens:list")
