"""Help where an agent gets stuck: after a failed applicatif-école, on a skill below target, on a tool's page.

Two kinds of suggestions for one tool: its most useful tips, and colleagues who chose to help on it, ranked by the
matcher as for a help request « en visio » (any agency, the nearest first). Colleagues are only ever the visible ones
(PeerProfile.is_visible), and a suggestion shows fewer of the matcher's reasons than a proposal (PUBLIC_REASONS).
"""

from ere.peers import matching, posts
from ere.peers import pool as peer_pool
from ere.peers.enums import HelpMode

SUGGESTED = 3
MASTERY = 3  # the diagnostic level (« Maîtrise ») from which the matcher proposes a colleague


def _masters(candidate, tool_id):
    """May the matcher propose this candidate on this tool at all (champion, declared, or level ≥ 3)?"""
    return (
        tool_id in candidate.champion_of
        or tool_id in candidate.declared
        or candidate.levels.get(tool_id, 0) >= MASTERY
    )


def colleagues_for(user, tool, limit=SUGGESTED, candidates=None):
    """[(User, Match)]: the visible helpers best placed to help `user` on `tool`, best first.

    `candidates` is what `pool.candidates()` returns, to read the helpers once for several tools."""
    found, users = candidates or peer_pool.candidates()
    relevant = [candidate for candidate in found if _masters(candidate, tool.pk)]
    if not relevant:
        return []
    agency = user.agency if user.agency_id else None
    need = matching.Need(
        id=0,
        requester=user.pk,
        tool=tool.pk,
        agency=agency.pk if agency else None,
        territory=agency.territory_id if agency else None,
        mode=HelpMode.VISIO,
    )
    return [(users[match.candidate], match) for match in matching.rank(matching.Pool(relevant), need, limit)]


def tips_for(tool, limit=SUGGESTED):
    """The tool's most useful visible tips."""
    return posts.tips_for_tool(tool, limit)


def questions_for(tool, limit=SUGGESTED):
    """The tool's open questions."""
    return posts.questions_for_tool(tool, limit)


# The matcher's reasons that a suggestion may show to anybody: a proposal goes to one requester, a suggestion to
# whoever is stuck, so a colleague's diagnostic level, load and help given stay out of it.
PUBLIC_REASONS = {
    "Référent numérique de cet applicatif",
    "S'est déclaré·e à l'aise avec cet applicatif",
    "Dans votre agence",
    "Dans votre direction territoriale",
    "Disponible en ce moment",
}


def public_reasons(match):
    return [reason for reason in match.reasons if reason in PUBLIC_REASONS]


def suggestions(user, tool, limit=SUGGESTED, candidates=None):
    """The context of `peers/_suggestions.html` for one tool: tips, and (colleague, reasons shown) pairs."""
    found = colleagues_for(user, tool, limit, candidates)
    colleagues = [(colleague, public_reasons(match)) for colleague, match in found]
    return {"tool": tool, "tips": tips_for(tool, limit), "colleagues": colleagues}


def for_tools(user, tools, limit=SUGGESTED):
    """The suggestions of several tools, the helpers read once."""
    tools = list(tools)
    if not tools:
        return []
    candidates = peer_pool.candidates()
    return [suggestions(user, tool, limit, candidates) for tool in tools]
