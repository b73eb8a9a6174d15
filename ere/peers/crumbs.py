from django.urls import reverse


def crumb(current, *links):
    """The breadcrumb of a page under Entraide."""
    return {"links": [{"url": reverse("peers:home"), "title": "Entraide"}, *links], "current": current}
