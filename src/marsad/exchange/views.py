"""Pages of the exchange: import with a dry-run report, templates, export downloads and their feeds' links."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marsad.exchange import exports, importer
from marsad.exchange.columns import COLUMNS
from marsad.exchange.forms import ImportForm
from marsad.exchange.models import ImportRun
from marsad.exchange.template_files import TEMPLATES, headers, help_text
from marsad.initiatives.filters import EntryQuery


def _may_import(user) -> bool:
    """Contributors import into their organisations, moderators anywhere; the rows' own rights are checked
    by the import, through `permissions`."""
    return user.is_moderator or user.active_organisations().exists()


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    if not _may_import(request.user):
        messages.info(request, _("Join or register an organisation before you import entries."))
        return redirect("accounts:organisations")
    form = ImportForm(request.user, request.POST or None, request.FILES or None)
    report = run = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        options = importer.Options(
            actor=request.user,
            dry_run=True,
            state=form.cleaned_data["state"],
            organisation=form.cleaned_data["organisation"],
            allow_duplicates=form.cleaned_data["allow_duplicates"],
        )
        report = importer.run(upload, upload.name, options)
        if report.ok:
            upload.seek(0)
            run = importer.start(upload, upload.name, options, keep=True)
    context = {"form": form, "report": report, "run": run, "columns": _columns(), "recent": _recent(request)}
    return render(request, "exchange/import.html", context)


@login_required
@require_POST
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    if not _may_import(request.user):
        raise PermissionDenied
    run = get_object_or_404(
        ImportRun, pk=pk, actor=request.user, committed_at__isnull=True, content__isnull=False
    )
    options = importer.Options(
        actor=request.user,
        dry_run=False,
        state=run.options.get("state", ""),
        organisation=request.user.active_organisations().filter(pk=run.options.get("organisation")).first(),
        allow_duplicates=run.options.get("allow_duplicates", False),
    )
    report = importer.run(io.BytesIO(bytes(run.content)), run.file_name, options, record=run)
    context = {
        "form": ImportForm(request.user),
        "report": report,
        "run": None,
        "columns": _columns(),
        "recent": _recent(request),
    }
    return render(request, "exchange/import.html", context)


def _columns() -> list[tuple[str, str, str]]:
    return [
        (column.key, header, _help(column.key)) for column, header in zip(COLUMNS, headers(), strict=True)
    ]


def _help(key: str) -> str:

    return help_text(key)


def _recent(request: HttpRequest):
    return ImportRun.objects.filter(actor=request.user, committed_at__isnull=False)[:10]


def template(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in TEMPLATES:
        raise Http404
    build, content_type = TEMPLATES[fmt]
    response = HttpResponse(build(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="marsad-import-template.{fmt}"'
    return response


def export_page(request: HttpRequest) -> HttpResponse:
    query = EntryQuery.from_params(exports.checked(request.GET))
    context = {
        "query": query,
        "description": exports.describe(request.GET),
        "query_string": request.GET.urlencode(),
        "formats": list(exports.FORMATS),
        "licence": exports.licence(),
    }
    return render(request, "exchange/export.html", context)


def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    queryset = exports.revisions(request.GET)
    description = exports.describe(request.GET)
    filename = f"marsad-entries.{fmt}"
    if fmt == "xlsx":
        response = FileResponse(
            exports.xlsx_file(queryset, description), as_attachment=True, filename=filename
        )
    else:
        chunks = {
            "csv": lambda: exports.csv_chunks(queryset),
            "json": lambda: exports.json_chunks(queryset, description),
            "jsonld": lambda: exports.jsonld_chunks(queryset, description, request.GET.urlencode()),
        }[fmt]()
        response = StreamingHttpResponse(chunks, content_type=exports.FORMATS[fmt])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{exports.licence()["url"]}>; rel="license"'
    return response
