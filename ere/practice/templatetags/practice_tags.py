from django import template
from django.middleware.csrf import get_token
from django.urls import reverse

from ere.practice import sandbox as engine
from ere.practice.models import Sandbox

register = template.Library()


@register.simple_tag
def sandbox_for(slug):
    """The published sandbox of this slug, or None: `{% sandbox_for shown.sandbox as sandbox %}`."""
    return Sandbox.objects.published().filter(slug=slug).first() if slug else None


@register.inclusion_tag("practice/_player.html", takes_context=True)
def sandbox_player(context, sandbox, heading_level=3):
    """The player of `sandbox`, its attempts recorded as on the sandbox's own page: `{% sandbox_player sandbox %}`.

    Works in a partial included with `only` (an item's fields): the CSRF token comes from the request itself.
    """
    request = getattr(context, "request", None)
    return {
        "definition": engine.for_player(sandbox.definition),
        "attempt_url": reverse("practice:sandbox_attempt", args=[sandbox.slug]),
        "csrf_token": get_token(request) if request is not None else "",
        "user_id": request.user.pk if request is not None and request.user.is_authenticated else "",
        "heading_level": heading_level,
    }
