import uuid
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ere.org.access import require
from ere.usage import services
from ere.usage.enums import ImportStatus
from ere.usage.import_forms import UploadForm
from ere.usage.models import RawApplication, UsageImport

UPLOAD_DIR = "uploads"


def _crumb(current, *links):
    return {"links": [{"url": reverse("usage:imports"), "title": "Imports d'usage"}, *links], "current": current}


@require("usage.import")
def imports(request):
    """The upload form and the list of past imports."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        folder = Path(settings.VAR_DIR) / UPLOAD_DIR
        folder.mkdir(parents=True, exist_ok=True)
        # A name of our own, keeping the extension that format detection reads.
        path = folder / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()[:12]}"
        with path.open("wb") as destination:
            for chunk in upload.chunks():
                destination.write(chunk)
        with transaction.atomic():
            usage_import = services.queue_import(
                path,
                user=request.user,
                format=form.cleaned_data["format"],
                agent=form.cleaned_data["agent"] or None,
                source=form.cleaned_data["source"] or None,
                filename=Path(upload.name).name,
            )
        return redirect("usage:import_detail", pk=usage_import.pk)
    page = Paginator(UsageImport.objects.select_related("created_by"), 20).get_page(request.GET.get("page"))
    context = {
        "title": "Imports d'usage",
        "form": form,
        "page_obj": page,
        "unmapped": RawApplication.objects.filter(tool__isnull=True)[:20],
        "breadcrumb_data": {"current": "Imports d'usage"},
    }
    return render(request, "usage/imports.html", context, status=400 if form.errors else 200)


@require("usage.import")
def import_detail(request, pk):
    usage_import = get_object_or_404(UsageImport, pk=pk)
    finished = usage_import.status in (ImportStatus.DONE, ImportStatus.FAILED)
    context = {
        "title": f"Import n° {usage_import.pk}",
        "usage_import": usage_import,
        "finished": finished,
        "summary": services.summary(usage_import) if usage_import.status == ImportStatus.DONE else "",
        "breadcrumb_data": _crumb(f"Import n° {usage_import.pk}"),
    }
    if request.htmx:
        return render(request, "usage/_import_status.html", context)
    return render(request, "usage/import_detail.html", context)
