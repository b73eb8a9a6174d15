from django.urls import reverse


def crumb(current, *links):
    """The breadcrumb of a page under « Mises en situation »."""
    return {"links": [{"url": reverse("roleplay:home"), "title": "Mises en situation"}, *links], "current": current}
