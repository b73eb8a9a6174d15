"""Help requests in Entraide: asking, the request's page for each person concerned, answering, thanking; the
helper's settings and the notifications.

A request is seen by its requester, the colleagues it was proposed to and its helper (rule « peers.request »);
anybody else gets a 404. What each of them sees differs (`_detail_context`): the requester sees who it is proposed
to and why, the candidate the request and why them, the helper the request and the thanks. A colleague to whom it is
no longer proposed sees the request only. The thanks are for the requester and the helper alone.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ere.catalog.models import Task, Tool
from ere.org.access import ensure, require
from ere.peers import notifications
from ere.peers import requests as services
from ere.peers.crumbs import crumb
from ere.peers.enums import ProposalStatus, RequestStatus
from ere.peers.models import HelpRequest, Notification, PeerProfile, Proposal
from ere.peers.pool import mastered_tool_ids
from ere.peers.request_forms import AcceptForm, DeclineForm, PeerProfileForm, RequestForm, ThanksForm

PER_PAGE = 20
LIST_CRUMB = "Mes demandes d'aide"


def _list_link():
    return {"url": reverse("peers:request_list"), "title": LIST_CRUMB}


def _paginate(request, queryset, param):
    """A page of `queryset` read from the query parameter `param`, with the links of its pagination."""
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get(param))

    def url(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.links = [
        {"number": n, "url": url(n) if n != page.paginator.ELLIPSIS else "", "current": n == page.number}
        for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    page.previous_url = url(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = url(page.next_page_number()) if page.has_next() else ""
    return page


def _request_for_user(user, pk):
    """The request if the user may see it; 404 when they may not even know it exists."""
    help_request = get_object_or_404(
        HelpRequest.objects.visible_to(user).select_related("requester", "helper", "tool", "task"), pk=pk
    )
    ensure(user, "peers.request", help_request)
    return help_request


def _my_proposal(user, help_request):
    """The latest proposal of this request to `user`; 403 for the requester or the helper who never got one."""
    proposal = help_request.proposals.filter(candidate=user).order_by("-created_at", "-pk").first()
    if proposal is None:
        raise PermissionDenied
    return proposal


# Lists and new request ---------------------------------------------------------------------------------------------


@require("peers.use")
def request_list(request):
    user = request.user
    mine = (
        HelpRequest.objects.filter(requester=user)
        .select_related("tool", "task", "helper")
        .order_by("-created_at", "-pk")
    )
    to_me = Proposal.objects.filter(request=OuterRef("pk"), candidate=user, status=ProposalStatus.PENDING)
    helping = (
        HelpRequest.objects.annotate(
            pending_for_me=Exists(to_me), answer_before=Subquery(to_me.values("expires_at")[:1])
        )
        .filter(Q(pending_for_me=True) | Q(helper=user))
        .select_related("tool", "task", "requester")
        .order_by(
            "-pending_for_me",
            Case(When(status=RequestStatus.ACCEPTED, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "-created_at",
            "-pk",
        )
    )
    context = {
        "title": LIST_CRUMB,
        "mine": _paginate(request, mine, "page"),
        "helping": _paginate(request, helping, "aider"),
        "breadcrumb_data": crumb(LIST_CRUMB),
    }
    return render(request, "peers/request_list.html", context)


def _new_initial(request):
    """The tool and the task pre-selected by `?outil=<slug>&tache=<slug>` (from a tool's page, a question…)."""
    initial = {}
    tool = Tool.objects.in_service().filter(slug=request.GET.get("outil", "")).first()
    if tool:
        initial["tool"] = tool
        task = tool.tasks.filter(slug=request.GET.get("tache", "")).first()
        if task:
            initial["task"] = task
    elif request.GET.get("tache"):
        initial["task"] = Task.objects.filter(slug=request.GET["tache"]).first()
    return initial


@require("peers.use")
def request_new(request):
    if request.htmx and request.method == "GET" and "tool" in request.GET:
        # The tool select changed: its tasks only.
        form = RequestForm(initial={"tool": request.GET["tool"]})
        return render(request, "peers/_request_task_field.html", {"form": form})
    form = RequestForm(request.POST or None, initial=_new_initial(request), task_url=request.path)
    if request.method == "POST" and form.is_valid():
        try:
            help_request = services.create_request(request.user, **form.cleaned_data)
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            proposal = help_request.pending_proposal()
            if proposal:
                messages.success(
                    request,
                    f"Votre demande est proposée à {proposal.candidate.get_full_name()}, qui reçoit une notification "
                    "et un e-mail. Vous serez prévenu·e de sa réponse.",
                )
            else:
                messages.warning(
                    request,
                    f"Votre demande est enregistrée, mais aucun collègue n'est disponible pour l'instant sur "
                    f"{help_request.tool}. Nous la proposerons dès que quelqu'un pourra vous aider ; en attendant, "
                    "vous pouvez poser votre question à tous ou contacter un référent numérique.",
                )
            return redirect(help_request)
    context = {
        "title": "Demander de l'aide",
        "form": form,
        "breadcrumb_data": crumb("Demander de l'aide", _list_link()),
    }
    return render(request, "peers/request_new.html", context, status=400 if form.errors else 200)


# The request's page ------------------------------------------------------------------------------------------------


def _timeline(help_request, proposals, is_requester):
    """What happened, in order, for the requester or the helper. Earlier colleagues are never named."""
    events = [(help_request.created_at, "Demande envoyée")]
    current = [p for p in proposals if p.status in (ProposalStatus.PENDING, ProposalStatus.ACCEPTED)]
    earlier = [p for p in proposals if p not in current]
    if is_requester:
        for n, proposal in enumerate(earlier):
            events.append(
                (proposal.created_at, "Proposée à un collègue" if n == 0 else "Proposée à un autre collègue")
            )
    for proposal in current:
        if not is_requester and proposal.candidate_id != help_request.helper_id:
            continue
        if is_requester:
            events.append((proposal.created_at, f"Proposée à {proposal.candidate.get_full_name()}"))
        else:
            events.append((proposal.created_at, "Vous a été proposée"))
    if help_request.accepted_at and help_request.helper:
        name = "Vous avez" if not is_requester else f"{help_request.helper.get_full_name()} a"
        events.append((help_request.accepted_at, f"{name} accepté d'aider"))
    if help_request.resolved_at:
        events.append((help_request.resolved_at, "Marquée comme résolue"))
    if help_request.thanked_at:
        events.append((help_request.thanked_at, "Remerciement envoyé"))
    if help_request.status == RequestStatus.CANCELLED and help_request.closed_at:
        events.append((help_request.closed_at, "Annulée"))
    return [{"at": at, "text": text} for at, text in sorted(events, key=lambda event: event[0])]


def _detail_context(request, help_request, accept_form=None, decline_form=None, thanks_form=None):
    user = request.user
    proposals = list(help_request.proposals.select_related("candidate").order_by("created_at", "pk"))
    is_requester = help_request.requester_id == user.pk
    is_helper = help_request.helper_id is not None and help_request.helper_id == user.pk
    mine = next((p for p in reversed(proposals) if p.candidate_id == user.pk), None)
    if is_requester:
        role = "requester"
    elif is_helper:
        role = "helper"
    elif mine and mine.status == ProposalStatus.PENDING and help_request.status == RequestStatus.PROPOSED:
        role = "candidate"
    else:
        role = "former"
    current = next((p for p in proposals if p.status == ProposalStatus.PENDING), None)
    if help_request.helper_id:
        current = next((p for p in proposals if p.candidate_id == help_request.helper_id), current)
    can_thank = (
        is_requester
        and help_request.status in (RequestStatus.ACCEPTED, RequestStatus.RESOLVED)
        and not help_request.thanked_at
    )
    title = f"Aide sur {help_request.tool}"
    return {
        "title": title,
        "help_request": help_request,
        "role": role,
        # Who it is proposed to (or who helps) and why: for the requester only; the helper sees their own reasons.
        "current": current if role in ("requester", "helper") else None,
        "my_proposal": mine,
        "timeline": _timeline(help_request, proposals, is_requester) if role in ("requester", "helper") else [],
        "show_thanks": role in ("requester", "helper") and bool(help_request.thanks),
        "of_requester": services.of_name(help_request.requester.first_name),
        "accept_form": (accept_form or AcceptForm()) if role == "candidate" else None,
        "decline_form": (decline_form or DeclineForm()) if role == "candidate" else None,
        "thanks_form": (thanks_form or ThanksForm()) if can_thank else None,
        "question_url": services.question_url(help_request) if is_requester else "",
        "champions_url": services.optional_url("peers:champions") if is_requester else "",
        "breadcrumb_data": crumb(title, _list_link()),
    }


@require("peers.use")
def request_detail(request, pk):
    help_request = _request_for_user(request.user, pk)
    return render(request, "peers/request_detail.html", _detail_context(request, help_request))


def _answer(request, pk, form_class, form_key):
    """The request, the user's proposal and the bound form of an answer, or a response (the state moved on)."""
    help_request = _request_for_user(request.user, pk)
    proposal = _my_proposal(request.user, help_request)
    error = services.answer_error(proposal, help_request)
    if error:
        messages.error(request, error)
        return help_request, proposal, None, redirect(help_request)
    form = form_class(request.POST)
    if not form.is_valid():
        context = _detail_context(request, help_request, **{form_key: form})
        return help_request, proposal, form, render(request, "peers/request_detail.html", context, status=400)
    return help_request, proposal, form, None


@require_POST
@require("peers.use")
def request_accept(request, pk):
    help_request, proposal, form, response = _answer(request, pk, AcceptForm, "accept_form")
    if response:
        return response
    try:
        services.accept(proposal, request.user, **form.cleaned_data)
    except services.RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Merci ! {help_request.requester.first_name} est prévenu·e que vous l'aidez. Une fois le problème "
            "réglé, l'un de vous deux marque la demande comme résolue.",
        )
    return redirect(help_request)


@require_POST
@require("peers.use")
def request_decline(request, pk):
    help_request, proposal, form, response = _answer(request, pk, DeclineForm, "decline_form")
    if response:
        return response
    try:
        services.decline(proposal, request.user, reason=form.cleaned_data["reason"])
    except services.RequestError as error:
        messages.error(request, str(error))
        return redirect(help_request)
    messages.success(request, "C'est noté, merci d'avoir répondu : la demande passe à un autre collègue.")
    return redirect("peers:request_list")


@require_POST
@require("peers.use")
def request_resolve(request, pk):
    help_request = _request_for_user(request.user, pk)
    try:
        services.resolve(help_request, request.user)
    except services.RequestError as error:
        messages.error(request, str(error))
    else:
        if help_request.requester_id == request.user.pk:
            messages.success(
                request,
                f"Tant mieux ! La demande est résolue. Vous pouvez remercier {help_request.helper.first_name}.",
            )
        else:
            messages.success(request, "Merci pour votre aide ! La demande est résolue.")
    return redirect(help_request)


@require_POST
@require("peers.use")
def request_thank(request, pk):
    help_request = _request_for_user(request.user, pk)
    if help_request.requester_id != request.user.pk:
        raise PermissionDenied
    form = ThanksForm(request.POST)
    if not form.is_valid():
        if help_request.status in (RequestStatus.ACCEPTED, RequestStatus.RESOLVED) and not help_request.thanked_at:
            context = _detail_context(request, help_request, thanks_form=form)
            return render(request, "peers/request_detail.html", context, status=400)
        messages.error(request, "Vous ne pouvez pas (ou plus) remercier pour cette demande.")
        return redirect(help_request)
    try:
        services.thank(help_request, request.user, form.cleaned_data["text"])
    except services.RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"Votre remerciement est envoyé à {help_request.helper.first_name}. Vous seuls le voyez."
        )
    return redirect(help_request)


@require_POST
@require("peers.use")
def request_cancel(request, pk):
    help_request = _request_for_user(request.user, pk)
    try:
        services.cancel(help_request, request.user)
    except services.RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Votre demande est annulée.")
    return redirect(help_request)


# The helper's settings ---------------------------------------------------------------------------------------------


@require("peers.use")
def peer_settings(request):
    user = request.user
    # Not created on a visit: saved (invisible unless ticked) when the form is first sent.
    profile = PeerProfile.objects.filter(user=user).first() or PeerProfile(
        user=user, is_visible=False, weekly_cap=settings.PEERS_WEEKLY_CAP
    )
    form = PeerProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        if profile.is_visible:
            messages.success(request, "Vos choix sont enregistrés : vous pouvez être proposé·e à des collègues.")
        else:
            messages.success(request, "Vos choix sont enregistrés : personne ne vous propose de demande.")
        return redirect("peers:settings")
    mastered = Tool.objects.in_service().filter(pk__in=mastered_tool_ids(user))
    context = {
        "title": "Mon profil d'entraide",
        "form": form,
        "mastered": mastered.order_by("name"),
        "championed": user.championed_tools.in_service().order_by("name"),
        "breadcrumb_data": crumb("Mon profil d'entraide"),
    }
    return render(request, "peers/settings.html", context, status=400 if form.errors else 200)


# Notifications -----------------------------------------------------------------------------------------------------


@require("peers.use")
def notification_list(request):
    """The user's notifications, newest first; those shown are marked read once the page has them."""
    page = _paginate(request, Notification.objects.filter(user=request.user), "page")
    page.object_list = list(page.object_list)
    notifications.mark_read(request.user, [n for n in page.object_list if n.read_at is None])
    context = {
        "title": "Notifications",
        "page_obj": page,
        "unread_elsewhere": Notification.objects.filter(user=request.user).unread().exists(),
        "breadcrumb_data": crumb("Notifications"),
    }
    return render(request, "peers/notifications.html", context)


@require_POST
@require("peers.use")
def notifications_read(request):
    notifications.mark_read(request.user)
    messages.success(request, "Toutes vos notifications sont marquées comme lues.")
    return redirect("peers:notifications")


@require("peers.use")
def notification_open(request, pk):
    """Mark one notification read and go to its page: only a path of this site (never another site's address)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications.mark_read(request.user, [notification])
    url = notification.url
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return redirect(url)
    return redirect("peers:notifications")
