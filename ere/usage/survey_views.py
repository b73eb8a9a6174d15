"""Survey pages: campaigns and their results for managers and analysts; « Mes enquêtes » and the questionnaire for
the agents a campaign asks."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ere.org.access import can, ensure, managed_agencies, require
from ere.usage import survey_import
from ere.usage.enums import CampaignStatus
from ere.usage.models import SurveyCampaign, SurveyResponse
from ere.usage.survey_forms import (
    CampaignForm,
    ColumnMappingForm,
    CommentForm,
    ImportUploadForm,
    MainTasksForm,
    ResultsFilterForm,
    ToolAnswerForm,
)
from ere.usage.survey_results import campaign_results, participation, results_csv
from ere.usage.survey_services import (
    SUBMIT,
    TASKS,
    TOOLS,
    campaign_tools,
    in_french_order,
    missing_steps,
    response_of,
    resume_step,
    survey_steps,
)

PAGE_SIZE = 20


def _crumb(current, *links):
    return {"links": [{"url": reverse("usage:survey_list"), "title": "Enquêtes"}, *links], "current": current}


def _campaign_for(user, pk, action):
    """The campaign, if `user` may perform `action` on it (404 when it does not exist, 403 when not allowed)."""
    campaign = get_object_or_404(SurveyCampaign.objects.select_related("created_by"), pk=pk)
    ensure(user, action, campaign)
    return campaign


def _scope(user, campaign):
    """The campaign's agencies that this user oversees: its results are shown for those only."""
    return in_french_order(campaign.agencies.filter(pk__in=managed_agencies(user)))


# Managers, analysts, admins -----------------------------------------------------------------------------------------


@require("survey.manage")
def campaign_list(request):
    user = request.user
    campaigns = SurveyCampaign.objects.overseen_by(user).prefetch_related("agencies")
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    for campaign in page.object_list:
        campaign.scope = list(_scope(user, campaign))
        _rows, campaign.participation, _counted = participation(campaign, campaign.scope, settings.USAGE_MIN_GROUP)
        campaign.can_edit = can(user, "survey.edit", campaign)
    context = {
        "title": "Enquêtes sur les usages",
        "page_obj": page,
        "min_group": settings.USAGE_MIN_GROUP,
        "breadcrumb_data": {"current": "Enquêtes"},
    }
    return render(request, "usage/surveys/list.html", context)


def _edit(request, campaign):
    is_new = campaign.pk is None
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            campaign = form.save()
        messages.success(request, f"L'enquête « {campaign.title} » a été {'créée' if is_new else 'enregistrée'}.")
        return redirect("usage:survey_results", pk=campaign.pk)
    if request.method == "POST":
        messages.error(request, "Le formulaire contient des erreurs : corrigez les champs signalés.")
    title = "Nouvelle enquête" if is_new else f"Modifier « {campaign.title} »"
    context = {
        "title": title,
        "form": form,
        "campaign": campaign,
        "is_new": is_new,
        "responses": 0 if is_new else campaign.responses.count(),
        "breadcrumb_data": _crumb(title),
    }
    return render(request, "usage/surveys/form.html", context, status=400 if request.method == "POST" else 200)


@require("survey.manage")
def campaign_create(request):
    return _edit(request, SurveyCampaign(created_by=request.user))


@require("survey.manage")
def campaign_edit(request, pk):
    return _edit(request, _campaign_for(request.user, pk, "survey.edit"))


def _results(request, pk):
    """The campaign, the filter form and the results for the agencies the viewer oversees (or the one chosen)."""
    campaign = _campaign_for(request.user, pk, "survey.view")
    scope = _scope(request.user, campaign)
    form = ResultsFilterForm(request.GET or None, agencies=scope)
    agency = form.cleaned_data.get("agency") if form.is_valid() else None
    if agency is not None:
        agencies, label = [agency], agency.name
    else:
        agencies, label = list(scope), "Ensemble de votre périmètre"
    results = campaign_results(campaign, agencies, settings.USAGE_MIN_GROUP, scope_label=label)
    return campaign, form, agency, results


@require("survey.manage")
def campaign_results_view(request, pk):
    campaign, form, agency, results = _results(request, pk)
    context = {
        "title": f"Résultats de « {campaign.title} »",
        "campaign": campaign,
        "form": form,
        "agency": agency,
        "results": results,
        "drafts": campaign.responses.drafts().filter(agency__in=_scope(request.user, campaign)).count(),
        "can_edit": can(request.user, "survey.edit", campaign),
        "export_query": request.GET.urlencode(),
        "breadcrumb_data": _crumb(f"Résultats de « {campaign.title} »"),
    }
    return render(request, "usage/surveys/results.html", context, status=400 if form.errors else 200)


@require("survey.manage")
def campaign_export(request, pk):
    campaign, form, agency, results = _results(request, pk)
    if form.errors:
        return HttpResponse(
            "Agence inconnue ou hors de votre périmètre.", status=400, content_type="text/plain; charset=utf-8"
        )
    response = HttpResponse(results_csv(results), content_type="text/csv; charset=utf-8")
    suffix = f"-{agency.code}" if agency else ""
    response["Content-Disposition"] = f'attachment; filename="enquete-{campaign.pk}-resultats{suffix}.csv"'
    return response


# LimeSurvey import: the file, then what its columns hold -----------------------------------------------------------

IMPORT_SESSION_KEY = "survey_import"


@require("survey.manage")
def survey_import_upload(request, pk):
    campaign = _campaign_for(request.user, pk, "survey.edit")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # Kept in the session (2 MB at most) until the columns are mapped; the import itself writes the answers.
        request.session[IMPORT_SESSION_KEY] = {
            "campaign": campaign.pk,
            "filename": form.cleaned_data["file"].name,
            "text": form.text,
        }
        return redirect("usage:survey_import_columns", pk=campaign.pk)
    if request.method == "POST":
        messages.error(request, "Le fichier ne peut pas être importé : voyez le message sous le champ.")
    context = {
        "title": f"Importer des réponses dans « {campaign.title} »",
        "campaign": campaign,
        "form": form,
        "breadcrumb_data": _crumb(
            "Importer des réponses",
            {"url": reverse("usage:survey_results", args=[campaign.pk]), "title": campaign.title},
        ),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "usage/surveys/import_upload.html", context, status=status)


@require("survey.manage")
def survey_import_columns(request, pk):
    campaign = _campaign_for(request.user, pk, "survey.edit")
    stored = request.session.get(IMPORT_SESSION_KEY)
    if not stored or stored.get("campaign") != campaign.pk:
        messages.info(request, "Choisissez d'abord le fichier à importer.")
        return redirect("usage:survey_import", pk=campaign.pk)
    parsed = survey_import.parse(stored["text"])
    suggested = survey_import.suggest(parsed.columns, campaign)
    form = ColumnMappingForm(
        request.POST or None,
        columns=parsed.columns,
        choices=survey_import.targets(campaign),
        initial={f"col_{index}": target for index, target in suggested.items()},
    )
    errors = []
    if request.method == "POST" and form.is_valid():
        outcome = survey_import.import_rows(campaign, parsed, form.mapping())
        if not outcome.errors:
            del request.session[IMPORT_SESSION_KEY]
            messages.success(
                request,
                f"Import terminé : {outcome.created} réponse(s) ajoutée(s), {outcome.updated} complétée(s), "
                f"{outcome.unchanged} déjà à jour, {outcome.skipped} incomplète(s) ignorée(s).",
            )
            return redirect("usage:survey_results", pk=campaign.pk)
        errors = outcome.errors
    if request.method == "POST":
        messages.error(request, "Rien n'a été importé : corrigez les erreurs signalées.")
    context = {
        "title": "Importer des réponses : les colonnes",
        "campaign": campaign,
        "form": form,
        "filename": stored["filename"],
        "rows": len(parsed.rows),
        "errors": errors[: survey_import.MAX_ERRORS],
        "more_errors": max(0, len(errors) - survey_import.MAX_ERRORS),
        "breadcrumb_data": _crumb(
            "Importer des réponses",
            {"url": reverse("usage:survey_results", args=[campaign.pk]), "title": campaign.title},
        ),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "usage/surveys/import_columns.html", context, status=status)


# Agents -------------------------------------------------------------------------------------------------------------


@require("survey.answer")
def my_surveys(request):
    user = request.user
    campaigns = list(
        SurveyCampaign.objects.targeting(user).exclude(starts_on__gt=timezone.localdate()).order_by("-ends_on", "pk")
    )
    responses = {r.campaign_id: r for r in SurveyResponse.objects.filter(respondent=user, campaign__in=campaigns)}
    rows = [(campaign, responses.get(campaign.pk)) for campaign in campaigns]
    context = {
        "title": "Mes enquêtes",
        "open_rows": [(c, r) for c, r in rows if c.is_open],
        "closed_rows": [(c, r) for c, r in rows if not c.is_open and r is not None and r.is_submitted],
        "min_group": settings.USAGE_MIN_GROUP,
        "breadcrumb_data": {"current": "Mes enquêtes"},
    }
    return render(request, "usage/surveys/mine.html", context)


def _unavailable(request, campaign, status=403):
    """A French page saying why this agent cannot answer this campaign (never a bare 403)."""
    user = request.user
    if not campaign.targets(user):
        reason = "Cette enquête ne vous est pas adressée : elle interroge d'autres agences ou d'autres métiers."
    elif campaign.status == CampaignStatus.UPCOMING:
        reason = f"Cette enquête ouvrira le {date_format(campaign.starts_on, 'j F Y')}."
    else:
        reason = (
            f"Cette enquête est close depuis le {date_format(campaign.ends_on, 'j F Y')} : merci de votre intérêt."
        )
    context = {"title": "Enquête indisponible", "campaign": campaign, "reason": reason}
    return render(request, "usage/surveys/unavailable.html", context, status=status)


def _answerable(request, pk):
    """(campaign, None) when the user may answer it now, else (campaign, the page saying why not)."""
    campaign = get_object_or_404(SurveyCampaign, pk=pk)
    if not can(request.user, "survey.answer", campaign):
        return campaign, _unavailable(request, campaign)
    return campaign, None


@require("survey.answer")
def survey_resume(request, pk):
    campaign, refusal = _answerable(request, pk)
    if refusal:
        return refusal
    step = resume_step(response_of(request.user, campaign), survey_steps(campaign))
    return redirect("usage:survey_step", pk=campaign.pk, step=step.number)


def _response_for(user, campaign):
    response, _created = SurveyResponse.objects.get_or_create(
        campaign=campaign, respondent=user, defaults={"agency_id": user.agency_id}
    )
    return response


def _after_save(request, campaign, step, steps, action, response):
    """Where the questionnaire goes once a step is saved, depending on the button pressed."""
    if action == "later":
        messages.success(
            request,
            f"Vos réponses sont enregistrées. Reprenez quand vous voulez, jusqu'au "
            f"{date_format(campaign.ends_on, 'j F Y')}.",
        )
        return redirect("usage:my_surveys")
    number = step.number - 1 if action == "previous" else step.number + 1
    number = max(1, min(number, len(steps)))
    return redirect("usage:survey_step", pk=campaign.pk, step=number)


@require("survey.answer")
def survey_step(request, pk, step):
    campaign, refusal = _answerable(request, pk)
    if refusal:
        return refusal
    steps = survey_steps(campaign)
    if not 1 <= step <= len(steps):
        raise Http404("Cette étape n'existe pas.")
    current = steps[step - 1]
    user = request.user
    response = response_of(user, campaign)
    action = request.POST.get("action", "next")
    # « Previous » and « later » save what is filled in and let the rest wait; « next » and « submit » need it all.
    lenient = action in ("previous", "later")
    data = request.POST if request.method == "POST" else None
    context = {
        "title": f"{campaign.title} — {current.title}",
        "campaign": campaign,
        "step": current,
        "steps": steps,
        "response": response,
        "stepper": {
            "current_step_id": current.number,
            "current_step_title": current.title,
            "next_step_title": steps[step].title if step < len(steps) else "",
            "total_steps": len(steps),
            "heading_tag": "h2",
        },
        "breadcrumb_data": {
            "links": [{"url": reverse("usage:my_surveys"), "title": "Mes enquêtes"}],
            "current": campaign.title,
        },
    }

    if current.kind == TOOLS:
        answers = {a.tool_id: a for a in response.tool_answers.all()} if response else {}
        forms = [
            ToolAnswerForm(data, tool=tool, answer=answers.get(tool.pk), empty_permitted=lenient)
            for tool in current.tools
        ]
        valid = [form.is_valid() for form in forms]  # every form, so that each shows its errors
        if data is not None and all(valid):
            with transaction.atomic():
                response = _response_for(user, campaign)
                for form in forms:
                    if form.cleaned_data:  # a form left empty under « later » or « previous » waits
                        form.save(response)
                response.save(update_fields=["updated_at"])
            return _after_save(request, campaign, current, steps, action, response)
        context["forms"] = forms

    elif current.kind == TASKS:
        tools = in_french_order(campaign.tools.all())
        form = MainTasksForm(data, tools=tools, response=response)
        if data is not None and lenient and not form.has_changed():
            return _after_save(request, campaign, current, steps, action, response)
        if data is not None and form.is_valid():
            with transaction.atomic():
                response = _response_for(user, campaign)
                form.save(response)
                response.save(update_fields=["updated_at"])
            return _after_save(request, campaign, current, steps, action, response)
        context["form"] = form

    else:
        assert current.kind == SUBMIT
        form = CommentForm(data, initial={"comment": response.comment if response else ""})
        missing = missing_steps(response, steps)
        if data is not None and form.is_valid():
            if action == "submit" and missing:
                form.add_error(None, "Il reste des questions sans réponse : complétez les étapes signalées.")
            else:
                with transaction.atomic():
                    response = _response_for(user, campaign)
                    response.comment = form.cleaned_data["comment"]
                    fields = ["comment", "updated_at"]
                    first_time = not response.is_submitted
                    if action == "submit" and first_time:
                        response.submitted_at = timezone.now()
                        fields.append("submitted_at")
                    response.save(update_fields=fields)
                if action != "submit":
                    return _after_save(request, campaign, current, steps, action, response)
                until = date_format(campaign.ends_on, "j F Y")
                messages.success(
                    request,
                    f"Merci ! Vos réponses sont envoyées. Vous pouvez les modifier jusqu'au {until}."
                    if first_time
                    else "Vos modifications sont enregistrées.",
                )
                return redirect("usage:my_surveys")
        context |= {
            "form": form,
            "missing": missing,
            "recap": _recap(campaign, response),
        }

    if data is not None:
        messages.error(request, "Certaines réponses manquent ou sont à corriger : voyez les questions signalées.")
    return render(request, "usage/surveys/answer.html", context, status=400 if data is not None else 200)


def _recap(campaign, response):
    """The agent's own answers, tool by tool, to check them before sending."""
    answers = {a.tool_id: a for a in response.tool_answers.all()} if response else {}
    steps = {tool.pk: step.number for step in survey_steps(campaign) if step.kind == TOOLS for tool in step.tools}
    return [(tool, answers.get(tool.pk), steps[tool.pk]) for tool in campaign_tools(campaign)]
