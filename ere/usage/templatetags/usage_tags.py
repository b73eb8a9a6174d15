from django import template
from django.utils.formats import number_format

from ere.usage.enums import Frequency

register = template.Library()


@register.filter
def get_label(labels, tool):
    """The catalogue name of a tool identifier, or the identifier of a raw application."""
    return labels.get(tool, tool)


@register.filter
def percent(value):
    if value is None:
        return "—"
    return f"{number_format(100 * value, 0)} %"


@register.filter
def community_of(communities, tool):
    for number, group in enumerate(communities, start=1):
        if tool in group:
            return f"groupe {number}" if len(group) > 1 else "isolé"
    return "—"


@register.filter
def frequency_level(value):
    """A mean frequency level (0 « jamais » … 5 « plusieurs fois par jour ») with the nearest answer, in words."""
    if value is None:
        return "—"
    labels = [label for _, label in Frequency.choices]
    nearest = labels[max(0, min(len(labels) - 1, round(value)))].lower()
    return f"{number_format(value, 1)} (≈ {nearest})"
