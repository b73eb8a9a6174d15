from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

register = template.Library()


class TableNode(template.Node):
    def __init__(self, nodelist, modifiers):
        self.nodelist = nodelist
        self.modifiers = modifiers

    def render(self, context):
        modifiers = " ".join(f"fr-table--{m.resolve(context)}" for m in self.modifiers)
        body = mark_safe(self.nodelist.render(context))
        return render_to_string("includes/table.html", {"modifiers": modifiers, "body": body})


@register.tag("table")
def do_table(parser, token):
    """A DSFR table: `{% table "sm" %}<caption>…</caption><thead>…</thead><tbody>…</tbody>{% endtable %}`.

    The arguments are DSFR modifiers (`"sm"`, `"no-caption"`…); the tag writes the wrappers DSFR needs around the
    `<table>` (scrolling on narrow screens), so that templates only hold the table's own content.
    """
    modifiers = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endtable",))
    parser.delete_first_token()
    return TableNode(nodelist, modifiers)
