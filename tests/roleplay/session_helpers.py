"""What the session view tests share: decoded page text, a session with its players seated."""

import html
import itertools

from ere.roleplay.enums import Mode, RoleKind
from tests.org.factories import AgencyFactory, UserFactory
from tests.roleplay.factories import ParticipantFactory, PlaySessionFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
# Roles refused by « roleplay.use »: they never see a session.
REFUSED = ["manager", "analyst"]
_agency_codes = itertools.count(1)


def outsider(**kwargs):
    """Somebody with no seat in the session, in an agency of their own (AgencyFactory's sequence would give the
    code 69001 of the `agency` fixture)."""
    return UserFactory(agency=AgencyFactory(code=f"99{next(_agency_codes):03d}"), **kwargs)


def text(response):
    """The page's HTML with the entities decoded, to compare with plain French text."""
    return html.unescape(response.content.decode())


def seated(facilitator, advisor=None, interlocutor=None, observer=None, audience=(), mode=Mode.ROLEPLAY, **kwargs):
    """A session run by `facilitator`, with the players given in their roles."""
    session = PlaySessionFactory(facilitator=facilitator, mode=mode, **kwargs)
    for user, role in [
        (advisor, RoleKind.ADVISOR),
        (interlocutor, RoleKind.INTERLOCUTOR),
        (observer, RoleKind.OBSERVER),
    ]:
        if user is not None:
            ParticipantFactory(session=session, user=user, role=role)
    for user in audience:
        ParticipantFactory(session=session, user=user, role=RoleKind.AUDIENCE)
    return session
