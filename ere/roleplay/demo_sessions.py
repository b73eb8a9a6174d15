"""Demo live sessions: a finished role-play with a filled grid, and a finished forum-theatre session with its lines.

The demo accounts play: Sophie (agent@ere.demo) is the advisor, Nadia (referent@ere.demo) the employer, Olivier
(formateur@ere.demo) facilitates and observes, Julien (conseiller@ere.demo) observes too — so that the results show
two grids and their mean. In the forum-theatre session, a few agents of the same agency make the audience.

Runs after the scenarios loader (ere/roleplay/demo.py); without a scenario or the demo accounts it loads nothing.
Idempotent: sessions are found by their fixed code, seats by (session, user), observations by (session, observer,
criterion), lines by (session, text).
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from ere.core.demo import DEMO_EMAIL_DOMAIN, Tally, add_missing, plural, sync_objects
from ere.org.models import User
from ere.practice.models import week_start
from ere.roleplay.enums import Mode, RoleKind, Status
from ere.roleplay.models import ForumLine, Observation, Participant, PlaySession, Scenario

PARIS = ZoneInfo("Europe/Paris")
ROLEPLAY_CODE, FORUM_CODE = "JEU234", "SCENE4"  # from the codes' alphabet (no O, 0, I, 1, L)
ADVISOR, EMPLOYER, TRAINER, PEER = "agent@ere.demo", "referent@ere.demo", "formateur@ere.demo", "conseiller@ere.demo"
AUDIENCE_SIZE = 4
# The scenario the grids and lines below were written for (any published one otherwise).
SCENARIO = "premier-recrutement-boulangerie"

# The levels the two observers give (per criterion, in order), and their notes: a story, not noise.
GRIDS = {
    TRAINER: [
        (3, "« Si je résume : quelqu'un pour la vente, surtout le matin ? » — validé par Mme Durand."),
        (2, "« DPAE » dit sans explication au début ; mieux ensuite."),
        (3, "Propose de rédiger l'offre ensemble et dit ce que ça lui évite."),
        (2, "« C'est clair ? » sans attendre la réponse."),
        (4, "Rendez-vous jeudi 14 h à l'agence, récapitulé et confirmé."),
    ],
    PEER: [
        (3, "Bonne question ouverte pour commencer."),
        (2, "Le jargon revient quand il parle des aides."),
        (3, ""),
        (3, "Lui fait redire les étapes du contrat."),
        (3, "La date est posée, l'heure reste à confirmer."),
    ],
}
SCENE = (
    "Le conseiller, quand la gérante dit qu'elle ne peut pas payer un temps plein : « Ah, alors ça va être "
    "compliqué de trouver quelqu'un. »"
)
# (line, author index in the audience, voters' indexes, kept)
LINES = [
    (
        "Beaucoup de candidats cherchent justement un temps partiel : regardons ensemble les horaires qui vous "
        "conviennent.",
        0,
        [1, 2, 3, 4],
        True,
    ),
    (
        "Un temps partiel, c'est tout à fait possible. Qu'est-ce qui compte le plus pour vous : les matinées, "
        "le samedi ?",
        1,
        [0, 2, 4],
        True,
    ),
    ("Il existe des aides à l'embauche, je vous envoie la liste par courriel.", 2, [3], False),
    ("Pas de souci, on va trouver.", 3, [], False),
]


def _when(days_before_this_week, hour, minute=0):
    """A fixed moment of the previous weeks, so that a second run the same week writes nothing."""
    day = week_start() - datetime.timedelta(days=days_before_this_week)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def _session(code, scenario, mode, facilitator, start, tally, scene=""):
    minutes = scenario.minutes
    row = {
        "code": code,
        "scenario": scenario,
        "mode": mode,
        "facilitator": facilitator,
        "agency": facilitator.agency,
        "status": Status.FINISHED,
        "duration": minutes,
        "scene": scene,
        "created_at": start - datetime.timedelta(minutes=5),
        "started_at": start,
        "ended_at": start + datetime.timedelta(minutes=minutes + 2),
    }
    return sync_objects(PlaySession, "code", [row], tally)[code]


def _seats(session, seats, tally):
    rows = [{"session": session, "user": user, "role": role, "joined_at": session.created_at} for user, role in seats]
    existing = Participant.objects.filter(session=session)
    sync_objects(Participant, ("session", "user"), rows, tally, existing=existing)


def _grids(session, people, tally):
    criteria = list(session.scenario.criteria.all())
    rows = []
    for email, levels in GRIDS.items():
        for criterion, (level, note) in zip(criteria, levels, strict=False):
            rows.append(
                {"session": session, "observer": people[email], "criterion": criterion, "level": level, "note": note}
            )
    existing = Observation.objects.filter(session=session)
    sync_objects(Observation, ("session", "observer", "criterion"), rows, tally, existing=existing)
    return len(rows)


def _lines(session, audience, tally):
    rows = [
        {
            "session": session,
            "text": text,
            "author": audience[author],
            "is_kept": kept,
            "created_at": session.started_at + datetime.timedelta(minutes=3 + index),
        }
        for index, (text, author, _voters, kept) in enumerate(LINES)
    ]
    existing = ForumLine.objects.filter(session=session)
    lines = sync_objects(ForumLine, ("session", "text"), rows, tally, existing=existing)
    votes = 0
    for text, _author, voters, _kept in LINES:
        wanted = [audience[index] for index in voters if index < len(audience)]
        votes += len(wanted)
        added = add_missing(lines[(session.pk, text)].voters, wanted)
        tally.created += added
    return votes


def load(rng, stdout):
    published = Scenario.objects.published()
    scenario = published.filter(slug=SCENARIO).first() or published.order_by("slug").first()
    if scenario is None:
        stdout.write("Sessions de démonstration : aucune mise en situation publiée, rien à charger")
        return
    people = {user.email: user for user in User.objects.filter(email__in=[ADVISOR, EMPLOYER, TRAINER, PEER])}
    missing = sorted({ADVISOR, EMPLOYER, TRAINER, PEER} - set(people))
    if missing:
        stdout.write(f"Sessions de démonstration : comptes absents ({', '.join(missing)}), rien à charger")
        return
    advisor, employer, trainer, peer = (people[email] for email in (ADVISOR, EMPLOYER, TRAINER, PEER))
    # The audience: the peer and a few agents of the advisor's agency, the same ones at every run.
    colleagues = User.objects.filter(
        agency=advisor.agency_id, email__endswith=f"@{DEMO_EMAIL_DOMAIN}", is_active=True
    ).order_by("email")[:AUDIENCE_SIZE]
    audience = [peer, *colleagues]
    tally = Tally()
    with transaction.atomic():
        played = _session(ROLEPLAY_CODE, scenario, Mode.ROLEPLAY, trainer, _when(5, 10), tally)
        _seats(
            played,
            [
                (advisor, RoleKind.ADVISOR),
                (employer, RoleKind.INTERLOCUTOR),
                (trainer, RoleKind.OBSERVER),
                (peer, RoleKind.OBSERVER),
            ],
            tally,
        )
        observations = _grids(played, people, tally)
        forum = _session(FORUM_CODE, scenario, Mode.FORUM, trainer, _when(4, 14, 30), tally, scene=SCENE)
        _seats(
            forum,
            [
                (advisor, RoleKind.ADVISOR),
                (employer, RoleKind.INTERLOCUTOR),
                *[(person, RoleKind.AUDIENCE) for person in audience],
            ],
            tally,
        )
        votes = _lines(forum, audience, tally)
    stdout.write(
        f"Sessions de démonstration : 2 sessions terminées sur « {scenario.title} », "
        f"{plural(observations, 'observation')}, {plural(len(LINES), 'réplique')} et {plural(votes, 'vote')} ({tally})"
    )
