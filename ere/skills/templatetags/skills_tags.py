from django import template

register = template.Library()


@register.inclusion_tag("skills/components/level.html")
def level_bar(area, level, target=None):
    """A level out of its area's scale (4 steps for a tool, 8 for a CRCN domain), with the target marked."""
    return {
        "steps": range(1, area.level_count + 1),
        "level": level,
        "target": target,
        "count": area.level_count,
        "label": area.level_label(level),
    }


@register.filter
def percent(value):
    """0.873 → « 87 % » (French spacing); empty for None."""
    if value is None:
        return ""
    return f"{round(100 * value)}\u00a0%"


@register.filter
def level_range(count):
    """1 … count, for the columns of a level table."""
    return range(1, int(count) + 1)


@register.filter
def get_count(counts, level):
    return counts.get(level, 0)
