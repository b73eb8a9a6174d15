"""The home page of Entraide: what waits for me, my requests, the tip of the week, where to go next."""

from django.shortcuts import render

from ere.catalog.models import Tool
from ere.org.access import can, require
from ere.peers import posts
from ere.peers.enums import ProposalStatus, RequestStatus
from ere.peers.models import HelpRequest, PeerProfile, Post, Proposal


@require("peers.use")
def home(request):
    user = request.user
    my_tools = Tool.objects.in_service().for_user(user)
    profile = PeerProfile.objects.filter(user=user).first()
    context = {
        "title": "Entraide",
        "to_answer": Proposal.objects.filter(candidate=user, status=ProposalStatus.PENDING)
        .select_related("request__tool", "request__requester__agency")
        .order_by("expires_at", "pk"),
        "helping": HelpRequest.objects.filter(helper=user, status=RequestStatus.ACCEPTED)
        .select_related("tool", "requester")
        .order_by("proposed_time", "-accepted_at"),
        "mine": HelpRequest.objects.filter(requester=user)
        .active()
        .select_related("tool", "helper")
        .prefetch_related("proposals__candidate")[:5],
        "weekly_tip": posts.weekly_tip(),
        "recent_tips": Post.objects.visible()
        .tips()
        .on_tools(my_tools)
        .select_related("tool", "author")
        .order_by("-created_at", "-pk")[:5],
        "profile": profile,
        "is_champion": can(user, "peers.champion"),
    }
    return render(request, "peers/home.html", context)
