"""The home page of Entraide: what waits for me, my requests, the tip of the week, where to go next."""

from django.shortcuts import render

from ere.org.access import require


@require("peers.use")
def home(request):
    return render(request, "peers/home.html", {"title": "Entraide"})
