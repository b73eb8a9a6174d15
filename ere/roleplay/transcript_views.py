"""« Mes appels analysés »: transcripts of calls, their automatic feedback, peers' comments and the agent's progress.

A transcript is its owner's; the facilitator and participants of its session read and comment on it (rule
« roleplay.transcript »). Only the owner changes, re-analyses or deletes it, and only the owner sees their progress.
Managers and analysts see none of these pages (rule « roleplay.use »).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from ere.org.access import ensure, require
from ere.roleplay import charts, speech, transcripts
from ere.roleplay.crumbs import crumb
from ere.roleplay.enums import TranscriptStatus
from ere.roleplay.models import PlaySession, Transcript
from ere.roleplay.transcript_forms import AdvisorForm, CommentForm, EditForm, TranscriptForm

PER_PAGE = 20
LIST_CRUMB = "Mes appels analysés"


def _list_link():
    return {"url": reverse("roleplay:transcript_list"), "title": LIST_CRUMB}


def _transcript_for_user(user, pk):
    """The transcript if the user may read it; 404 when they may not even know it exists."""
    transcript = get_object_or_404(
        Transcript.objects.visible_to(user).select_related("owner", "session__scenario", "session__facilitator"),
        pk=pk,
    )
    ensure(user, "roleplay.transcript", transcript)
    return transcript


def _owned(user, pk):
    """The transcript if the user owns it; 403 for a peer who reads it, 404 for anybody else."""
    transcript = _transcript_for_user(user, pk)
    if transcript.owner_id != user.pk:
        raise PermissionDenied
    return transcript


@require("roleplay.use")
def transcript_list(request):
    queryset = (
        Transcript.objects.visible_to(request.user)
        .select_related("owner", "session__scenario")
        .annotate(comment_count=Count("comments", distinct=True))
        .defer("source")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    points = transcripts.progress(request.user)
    context = {
        "title": LIST_CRUMB,
        "page_obj": page,
        "points": points,
        "metrics": transcripts.METRICS,
        "figures": charts.progress(points, transcripts.METRICS) if len(points) > 1 else [],
        "breadcrumb_data": crumb(LIST_CRUMB),
    }
    return render(request, "roleplay/transcript_list.html", context)


@require("roleplay.use")
def transcript_new(request):
    initial = {}
    code = request.GET.get("session", "").strip().upper()
    if code and PlaySession.objects.for_user(request.user).filter(code=code).exists():
        initial["session"] = code
    form = TranscriptForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        transcript = form.save()
        if transcript is not None:
            if transcript.status == TranscriptStatus.READY:
                messages.success(request, "L'appel est analysé.")
            return redirect(transcript)
    context = {
        "title": "Analyser un appel",
        "form": form,
        "audio_available": speech.available(),
        "breadcrumb_data": crumb("Analyser un appel", _list_link()),
    }
    return render(request, "roleplay/transcript_new.html", context, status=400 if form.errors else 200)


def _detail_context(request, transcript, comment_form=None, advisor_form=None):
    analysis = transcript.analysis or {}
    show = request.GET.get("voir", "")
    if show not in transcripts.FILTERS:
        show = ""
    comments = list(transcript.comments.select_related("author"))
    lines = analysis.get("lines", [])
    speakers = [row["name"] for row in analysis.get("speakers", [])] or sorted({line["speaker"] for line in lines})
    is_owner = transcript.owner_id == request.user.pk
    initial_line = request.GET.get("ligne", "")
    return {
        "title": transcript.title,
        "transcript": transcript,
        "analysis": analysis,
        "is_owner": is_owner,
        "show": show,
        "filters": [(key, label) for key, (label, _kinds) in transcripts.FILTERS.items()],
        "lines": transcripts.shown_lines(transcript, show, comments),
        "line_count": len(lines),
        "general_notes": transcripts.general_notes(transcript),
        "speakers": transcripts.speaker_rows(analysis),
        "summary": analysis.get("summary", {}),
        "timed": analysis.get("timed"),
        "recorded": transcripts.has_unnamed_speakers(analysis),
        "comments": [c for c in comments if c.line is None],
        "comment_form": comment_form
        or CommentForm(lines=max(len(lines), 1), initial={"line": initial_line if initial_line.isdigit() else None}),
        "advisor_form": advisor_form
        or (
            AdvisorForm(speakers=speakers, initial={"advisor": transcript.advisor}) if is_owner and speakers else None
        ),
        "grid": transcripts.comparison(transcript),
        "breadcrumb_data": crumb(transcript.title, _list_link()),
    }


@require("roleplay.use")
def transcript_detail(request, pk):
    transcript = _transcript_for_user(request.user, pk)
    if transcript.status == TranscriptStatus.TRANSCRIBING or request.htmx:
        context = {
            "title": transcript.title,
            "transcript": transcript,
            "progress": (transcript.analysis or {}).get("progress", 0),
            "breadcrumb_data": crumb(transcript.title, _list_link()),
        }
        if request.htmx:
            if transcript.status != TranscriptStatus.TRANSCRIBING:
                return HttpResponseClientRefresh()
            return render(request, "roleplay/_transcript_status.html", context)
        return render(request, "roleplay/transcript_waiting.html", context)
    if transcript.status == TranscriptStatus.FAILED and not transcript.source:
        return render(
            request,
            "roleplay/transcript_failed.html",
            {
                "title": transcript.title,
                "transcript": transcript,
                "breadcrumb_data": crumb(transcript.title, _list_link()),
            },
        )
    return render(request, "roleplay/transcript_detail.html", _detail_context(request, transcript))


@require_POST
@require("roleplay.use")
def transcript_comment(request, pk):
    transcript = _transcript_for_user(request.user, pk)
    lines = len((transcript.analysis or {}).get("lines", []))
    form = CommentForm(request.POST, lines=max(lines, 1))
    if form.is_valid():
        comment = form.save(transcript, request.user)
        messages.success(request, "Commentaire ajouté.")
        anchor = f"#ligne-{comment.line}" if comment.line else "#commentaires"
        return redirect(reverse("roleplay:transcript", args=[transcript.pk]) + anchor)
    context = _detail_context(request, transcript, comment_form=form)
    return render(request, "roleplay/transcript_detail.html", context, status=400)


@require_POST
@require("roleplay.use")
def transcript_reanalyze(request, pk):
    """Run the analysis again, with the advisor chosen (or the same one, with the current glossary)."""
    transcript = _owned(request.user, pk)
    speakers = [row["name"] for row in (transcript.analysis or {}).get("speakers", [])]
    form = AdvisorForm(request.POST, speakers=speakers)
    if form.is_valid():
        try:
            transcripts.reanalyze(transcript, advisor=form.cleaned_data["advisor"])
        except transcripts.InputError as error:
            form.add_error("advisor", str(error))
        else:
            messages.success(request, f"Analyse relancée avec « {transcript.advisor} » comme conseiller.")
            return redirect(transcript)
    context = _detail_context(request, transcript, advisor_form=form)
    return render(request, "roleplay/transcript_detail.html", context, status=400)


@require("roleplay.use")
def transcript_edit(request, pk):
    """Correct the text (the speakers' names after a recording) and analyse it again."""
    transcript = _owned(request.user, pk)
    if transcript.status == TranscriptStatus.TRANSCRIBING:
        return redirect(transcript)
    initial = {"title": transcript.title, "source": transcript.source, "advisor": transcript.advisor}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            transcripts.reanalyze(transcript, advisor=data["advisor"], source=data["source"], title=data["title"])
        except transcripts.AdvisorError as error:
            form.add_error("advisor", str(error))
        except transcripts.InputError as error:
            form.add_error("source", str(error))
        else:
            messages.success(request, "Transcription corrigée et analysée de nouveau.")
            return redirect(transcript)
    context = {
        "title": f"Corriger « {transcript.title} »",
        "transcript": transcript,
        "form": form,
        "breadcrumb_data": crumb(
            "Corriger", _list_link(), {"url": transcript.get_absolute_url(), "title": transcript.title}
        ),
    }
    return render(request, "roleplay/transcript_edit.html", context, status=400 if form.errors else 200)


@require("roleplay.use")
def transcript_delete(request, pk):
    transcript = _owned(request.user, pk)
    if request.method == "POST":
        if transcript.audio:
            transcript.audio.delete(save=False)
        transcript.delete()
        messages.success(request, f"L'appel « {transcript.title} » est supprimé, avec ses commentaires.")
        return redirect("roleplay:transcript_list")
    context = {
        "title": f"Supprimer « {transcript.title} »",
        "transcript": transcript,
        "breadcrumb_data": crumb(
            "Supprimer", _list_link(), {"url": transcript.get_absolute_url(), "title": transcript.title}
        ),
    }
    return render(request, "roleplay/transcript_delete.html", context)
