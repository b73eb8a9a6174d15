"""Demo Entraide: who helps, six months of help requests, tips and questions on the demo tools, the tip of the week,
and a few unread notifications for the documented accounts — so that every screen of Entraide has something to show.

- Peer profiles: every champion is visible, and about a quarter of the advisors, with a few declared tools, an
  availability, ways of helping and a weekly cap drawn from `rng`.
- Help requests: a few a month per agency over the last six months (bigger agencies ask more), in every status. The
  colleague proposed for each is the real matcher's choice (`matching.rank` on the visible helpers), with its
  reasons; to stay deterministic the matcher reads the helpers' fixed traits only (levels, tools, availability,
  modes), never their load in the database, and the loader spreads the requests over them itself. Old requests are
  resolved (many with private thanks) or cancelled; the last week's are still open, proposed or being handled.
- The documented accounts: agent@ere.demo (Sophie Garnier) has one request accepted by the champion and one resolved
  and thanked; referent@ere.demo (Nadia Benali) has a proposal to answer and, on her dashboard, requests of the
  territory waiting on her tools, unanswered questions and two tips flagged as outdated.
- Tips and questions (demo_content.py), with answers, votes, accepted answers; « L'astuce de la semaine ».

Idempotent: profiles by user, requests by (requester, context), proposals by (request, candidate), posts by (tool,
title) and answers by (question, text), votes by (post, user), weekly tips by week, notifications by (user, kind,
title). Dates are counted back from today at fixed hours, never from the current time.
"""

import dataclasses
import datetime
from collections import Counter
from zoneinfo import ZoneInfo

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ere.catalog.enums import Status, ToolAudience
from ere.catalog.models import Task, Tool
from ere.core.demo import DEMO_ACCOUNT_EMAILS, Tally, add_missing, plural, sync_objects
from ere.org.enums import Role, Specialty
from ere.org.models import User
from ere.peers import demo_content as content
from ere.peers import matching
from ere.peers import pool as peer_pool
from ere.peers.enums import (
    Availability,
    HelpMode,
    NotificationKind,
    PostKind,
    ProposalStatus,
    RequestStatus,
    Urgency,
)
from ere.peers.models import HelpRequest, Notification, PeerProfile, Post, Proposal, Vote, WeeklyTip

PARIS = ZoneInfo("Europe/Paris")
AGENT = "agent@ere.demo"
CHAMPION = "referent@ere.demo"
PARTNER = "conseiller@ere.demo"

DAYS = 180  # the history of requests
VISIBLE_SHARE = 0.25  # advisors who chose to help
REQUESTS_PER_STAFF = 1 / 7  # requests a month per member of an agency
SPECIALTY_AUDIENCE = {Specialty.EMPLOYERS: ToolAudience.EMPLOYERS, Specialty.JOB_SEEKERS: ToolAudience.JOB_SEEKERS}
# Hours before a colleague accepts, by urgency (low, high): the median time of the activity page.
ACCEPT_HOURS = {Urgency.HIGH: (0.1, 1.5), Urgency.NORMAL: (0.5, 8), Urgency.LOW: (3, 40)}


def _at(days_ago, hour, minute=0):
    """A moment `days_ago` days before today (negative: after), at a fixed local time."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # a page of Entraide not wired yet
        return ""


def _frontline():
    """Active advisors and champions of an agency, by e-mail (the order every draw relies on)."""
    return list(
        User.objects.filter(role__in=[Role.AGENT, Role.CHAMPION], agency__isnull=False, is_active=True)
        .select_related("agency")
        .order_by("email")
    )


def _tools_for(user, tools):
    audiences = {ToolAudience.ALL, SPECIALTY_AUDIENCE.get(user.specialty)}
    return [tool for tool in tools if tool.audience in audiences]


# Profiles -----------------------------------------------------------------------------------------------------------


def _plan_profiles(rng, people, tools):
    """{user: (profile fields, declared tools)} for the colleagues who chose to help."""
    champion = next((p for p in people if p.email == CHAMPION), None)
    partner = next((p for p in people if p.email == PARTNER), None)
    by_slug = {tool.slug: tool for tool in tools}
    plans = {}
    for person in people:
        draw = rng.random()  # one draw per person, whoever they are, so that a change below shifts nobody
        if person.email == AGENT:
            continue  # Sophie asks for help: she has not chosen to help yet
        if person.role != Role.CHAMPION and draw >= VISIBLE_SHARE and person != partner:
            continue
        choices = _tools_for(person, tools)
        declared = rng.sample(choices, min(len(choices), rng.randint(0 if person.role == Role.CHAMPION else 1, 3)))
        availability = rng.choices(list(Availability), weights=[7, 2, 1])[0]
        modes = sorted(rng.sample(list(HelpMode.values), rng.randint(1, 3)))
        fields = {
            "is_visible": True,
            "availability": availability,
            "modes": modes if person.role != Role.CHAMPION else list(HelpMode.values),
            "weekly_cap": rng.choice([2, 3, 3, 3, 5]),
            "beyond_cap": rng.random() < 0.15,
            "note": content.NOTES.get(declared[0].slug, "") if declared and rng.random() < 0.6 else "",
            "weekly_digest": rng.random() < 0.8,
        }
        plans[person] = (fields, declared)
    if champion is not None:
        plans[champion] = (
            {
                "is_visible": True,
                "availability": Availability.AVAILABLE,
                "modes": list(HelpMode.values),
                "weekly_cap": 5,
                "beyond_cap": True,
                "note": "La tablette en visite et les fiches entreprises : je peux venir à votre poste.",
                "weekly_digest": True,
            },
            [],
        )
    if partner is not None:
        plans[partner] = (
            {
                "is_visible": True,
                "availability": Availability.LIMITED,
                "modes": [HelpMode.MESSAGE, HelpMode.VISIO],
                "weekly_cap": 2,
                "beyond_cap": False,
                "note": content.NOTES["simulateur-droits"],
                "weekly_digest": True,
            },
            [by_slug[slug] for slug in ("simulateur-droits", "dossier-demandeur") if slug in by_slug],
        )
    return plans


def _write_profiles(plans, tally):
    # By user id: sync_objects compares a one-to-one key as an object, which would fetch every user.
    rows = [{"user_id": person.pk, **fields} for person, (fields, _) in plans.items()]
    profiles = sync_objects(PeerProfile, "user_id", rows, tally)
    links = 0
    for person, (_, declared) in plans.items():
        links += add_missing(profiles[person.pk].tools, declared)
    return profiles, links


# Help requests ------------------------------------------------------------------------------------------------------


class Matcher:
    """The real matcher on the helpers' fixed traits; the loader keeps the count of what each was given."""

    def __init__(self, people_by_id, excluded=()):
        found, self.users = peer_pool.candidates()
        fixed = [
            dataclasses.replace(candidate, open_load=0, week_count=0, helped=0, thanked=0)
            for candidate in found
            if candidate.id not in excluded
        ]
        self.pool = matching.Pool(fixed)
        self.people = people_by_id
        self.given = Counter()

    def rank(self, requester, tool, urgency, mode, n=0, limit=4):
        agency = requester.agency
        need = matching.Need(
            id=n,
            requester=requester.pk,
            tool=tool.pk,
            agency=agency.pk,
            territory=agency.territory_id,
            urgency=urgency,
            mode=mode,
        )
        return matching.rank(self.pool, need, limit=limit)

    def pick(self, matches):
        """The best-placed colleague among the first ranked who has been given the fewest requests so far."""
        if not matches:
            return None
        best = min(matches, key=lambda match: self.given[match.candidate])
        self.given[best.candidate] += 1
        return best


def _later(moment, hours, latest):
    return min(moment + datetime.timedelta(hours=hours), latest)


def _plan_history(rng, people, tools, tasks, matcher):
    """Requests of the generated advisors over the last DAYS days: [(request fields, [proposal fields])]."""
    by_agency = {}
    for person in people:
        if person.email not in DEMO_ACCOUNT_EMAILS:
            by_agency.setdefault(person.agency, []).append(person)
    by_slug = {tool.slug: tool for tool in tools}
    asked_about = [by_slug[slug] for slug in content.CONTEXTS if slug in by_slug]
    latest = _at(1, 23)
    planned, seen = [], set()
    for agency in sorted(by_agency, key=lambda a: a.code):
        members = by_agency[agency]
        count = round(len(members) * REQUESTS_PER_STAFF * DAYS / 30)
        for _ in range(count):
            requester = rng.choice(members)
            days_ago = rng.randint(1, DAYS)
            created = _at(days_ago, rng.randint(8, 16), rng.choice([0, 10, 20, 30, 40, 50]))
            choices = _tools_for(requester, asked_about) or asked_about
            tool = rng.choice(choices)
            task_slug, context = rng.choice(content.CONTEXTS[tool.slug])
            urgency = rng.choices(list(Urgency), weights=[3, 6, 1])[0]
            mode = rng.choices(list(HelpMode), weights=[5, 3, 2])[0]
            status_draw, helper_draw, thanks_draw = rng.random(), rng.random(), rng.random()
            hours, more_hours = rng.uniform(*ACCEPT_HOURS[urgency]), rng.uniform(0.5, 30)
            thanks, decline = rng.choice(content.THANKS), rng.choice(content.DECLINE_REASONS)
            if (requester.pk, context) in seen:
                continue
            seen.add((requester.pk, context))
            n = len(planned) + 1
            matches = matcher.rank(requester, tool, urgency, mode, n)
            if not matches and mode == HelpMode.BESIDE:  # nobody in the agency: the requester accepts a visio
                mode = HelpMode.VISIO
                matches = matcher.rank(requester, tool, urgency, mode, n)
            task = tasks.get(task_slug) if task_slug in tool.task_slugs else None
            row = {
                "requester": requester,
                "agency": agency,
                "tool": tool,
                "task": task,
                "urgency": urgency,
                "mode": mode,
                "context": context,
                "created_at": created,
            }
            recent = days_ago <= 7
            if recent:
                status = [RequestStatus.OPEN, RequestStatus.PROPOSED, RequestStatus.ACCEPTED, RequestStatus.RESOLVED][
                    min(3, int(status_draw * 4))
                ]
            else:
                status = RequestStatus.RESOLVED if status_draw < 0.84 else RequestStatus.CANCELLED
            if not matches:
                status = RequestStatus.UNMATCHED if recent else RequestStatus.CANCELLED
            row |= _closed(status, created, latest)
            proposals = []
            planned.append((row, proposals))
            if status in (RequestStatus.OPEN, RequestStatus.UNMATCHED) or not matches:
                continue
            asked = _later(created, 0.02, latest)
            if len(matches) > 1 and helper_draw < 0.2 and status != RequestStatus.CANCELLED:
                # The first colleague asked could not help: the next one did.
                declined = _later(asked, 1, latest)
                proposals.append(_proposal(matches[0], ProposalStatus.DECLINED, asked, declined, decline))
                matches, asked = matches[1:], declined
            match = matcher.pick(matches)
            if status == RequestStatus.PROPOSED:
                proposals.append(_proposal(match, ProposalStatus.PENDING, asked, None, expires=_at(-1, 12)))
            elif status == RequestStatus.CANCELLED:
                proposals.append(_proposal(match, ProposalStatus.WITHDRAWN, asked, _later(created, 2, latest)))
            else:
                accepted = _later(asked, hours, latest)
                proposals.append(_proposal(match, ProposalStatus.ACCEPTED, asked, accepted))
                row |= {"helper": matcher.people[match.candidate], "accepted_at": accepted}
                if status == RequestStatus.RESOLVED:
                    resolved = _later(accepted, more_hours, latest)
                    row |= {"resolved_at": resolved, "closed_at": resolved}
                    if thanks_draw < 0.55:
                        row |= {"thanks": thanks, "thanked_at": _later(resolved, 0.2, latest)}
    return planned


def _closed(status, created=None, latest=None):
    """The fields a request in `status` has beyond its creation (the others at their defaults)."""
    fields = {
        "status": status,
        "helper": None,
        "accepted_at": None,
        "resolved_at": None,
        "closed_at": None,
        "thanks": "",
        "thanked_at": None,
        "proposed_time": None,
        "helper_message": "",
    }
    if status == RequestStatus.CANCELLED:
        fields["closed_at"] = _later(created, 4, latest)
    return fields


def _proposal(match, status, created, responded, decline_reason="", expires=None):
    return {
        "candidate": match.candidate,
        "score": round(match.score, 4),
        "reasons": list(match.reasons),
        "status": status,
        "created_at": created,
        "responded_at": responded,
        "expires_at": expires,
        "decline_reason": decline_reason if status == ProposalStatus.DECLINED else "",
    }


def _reasons_for(matcher, requester, tool, urgency, mode, candidate):
    """The matcher's match for this candidate, or a plausible one when it would not propose them."""
    for match in matcher.rank(requester, tool, urgency, mode, limit=len(matcher.pool)):
        if match.candidate == candidate.pk:
            return match
    same_agency = requester.agency_id == candidate.agency_id
    reasons = (
        "Référent numérique de cet applicatif",
        "Dans votre agence" if same_agency else "Disponible en ce moment",
    )
    return matching.Match(0, candidate.pk, 0.8, reasons)


def _plan_stories(people, tools, tasks, matcher):
    """The requests of the documented accounts' screens."""
    emails = {person.email: person for person in people}
    sophie, nadia, julien = emails.get(AGENT), emails.get(CHAMPION), emails.get(PARTNER)
    by_slug = {tool.slug: tool for tool in tools}
    if sophie is None or nadia is None or not {"dialogue-entreprises", "tablette-rdv-entreprise"} <= set(by_slug):
        return []
    latest = _at(1, 23)

    def others(agency_codes, specialty=Specialty.EMPLOYERS):
        return [
            p
            for p in people
            if p.agency.code in agency_codes
            and p.email not in DEMO_ACCOUNT_EMAILS
            and p.role == Role.AGENT
            and p.specialty == specialty
        ]

    def task(tool, slug):
        return tasks.get(slug) if slug in tool.task_slugs else None

    stories = []

    def story(requester, tool, task_slug, context, created, status, urgency=Urgency.NORMAL, mode=HelpMode.VISIO):
        row = {
            "requester": requester,
            "agency": requester.agency,
            "tool": tool,
            "task": task(tool, task_slug),
            "urgency": urgency,
            "mode": mode,
            "context": context,
            "created_at": created,
        } | _closed(status, created, latest)
        stories.append((row, []))
        return row, stories[-1][1]

    # Sophie: one request taken by Nadia (her champion, same agency) yesterday, one resolved and thanked last week.
    crm = by_slug["dialogue-entreprises"]
    created = _at(1, 10, 15)
    row, proposals = story(
        sophie,
        crm,
        "echanger-entreprise",
        "Une entreprise a deux fiches dans Dialogue Entreprises (l'enseigne et la raison sociale) et mes échanges "
        "sont répartis sur les deux : comment les regrouper avant ma visite de jeudi ?",
        created,
        RequestStatus.ACCEPTED,
        mode=HelpMode.BESIDE,
    )
    match = _reasons_for(matcher, sophie, crm, Urgency.NORMAL, HelpMode.BESIDE, nadia)
    accepted = created + datetime.timedelta(minutes=25)
    proposals.append(_proposal(match, ProposalStatus.ACCEPTED, created, accepted))
    row |= {
        "status": RequestStatus.ACCEPTED,
        "helper": nadia,
        "accepted_at": accepted,
        "proposed_time": _at(-1, 14),
        "helper_message": "Je passe à ton poste demain à 14 h : garde les deux liens des fiches sous la main.",
    }

    offers = by_slug.get("suivi-offres", crm)
    created = _at(9, 9, 40)
    row, proposals = story(
        sophie,
        offers,
        "publier-offre",
        "L'offre de vendeur·se qu'une boulangerie a déposée hier est bloquée en « À valider » et je ne vois pas "
        "pourquoi : l'employeur m'appelle cet après-midi.",
        created,
        RequestStatus.RESOLVED,
        urgency=Urgency.HIGH,
    )
    match = matcher.pick(matcher.rank(sophie, offers, Urgency.HIGH, HelpMode.VISIO)) or _reasons_for(
        matcher, sophie, offers, Urgency.HIGH, HelpMode.VISIO, nadia
    )
    accepted, resolved = created + datetime.timedelta(minutes=35), created + datetime.timedelta(hours=2)
    proposals.append(_proposal(match, ProposalStatus.ACCEPTED, created, accepted))
    row |= {
        "status": RequestStatus.RESOLVED,
        "helper": matcher.people[match.candidate],
        "accepted_at": accepted,
        "resolved_at": resolved,
        "closed_at": resolved,
        "thanks": "Merci beaucoup ! Il manquait juste la fourchette de salaire : l'offre est repartie en validation "
        "en cinq minutes et l'employeur était ravi.",
        "thanked_at": resolved + datetime.timedelta(minutes=10),
    }

    # Nadia: thanked by Julien three weeks ago, and a proposal to answer from a colleague of her agency.
    visio = by_slug.get("visio-conseil")
    if julien is not None and visio is not None:
        created = _at(20, 14, 5)
        row, proposals = story(
            julien,
            visio,
            "suivre-de",
            "Quand je partage mon écran dans Visio Conseil, l'usager ne voit qu'une fenêtre noire : j'ai un "
            "entretien à distance à 15 h où je dois lui montrer une offre.",
            created,
            RequestStatus.RESOLVED,
            urgency=Urgency.HIGH,
            mode=HelpMode.BESIDE,
        )
        match = _reasons_for(matcher, julien, visio, Urgency.HIGH, HelpMode.BESIDE, nadia)
        accepted, resolved = created + datetime.timedelta(minutes=12), created + datetime.timedelta(minutes=50)
        proposals.append(_proposal(match, ProposalStatus.ACCEPTED, created, accepted))
        row |= {
            "status": RequestStatus.RESOLVED,
            "helper": nadia,
            "accepted_at": accepted,
            "resolved_at": resolved,
            "closed_at": resolved,
            "thanks": "Merci Nadia ! Il fallait partager l'onglet et pas la fenêtre : l'entretien s'est très bien "
            "passé.",
            "thanked_at": resolved + datetime.timedelta(minutes=30),
        }

    tablet = by_slug["tablette-rdv-entreprise"]
    colleagues = others({"69001"})
    if colleagues:
        requester = colleagues[0]
        created = _at(1, 15, 30)
        _, proposals = story(
            requester,
            tablet,
            "echanger-entreprise",
            "Demain matin je fais ma première visite avec la tablette, chez un garage : comment avoir la fiche de "
            "l'entreprise hors connexion, et est-ce que la saisie d'offre marche sans réseau ?",
            created,
            RequestStatus.PROPOSED,
            urgency=Urgency.LOW,
            mode=HelpMode.BESIDE,
        )
        stories[-1][0]["status"] = RequestStatus.PROPOSED
        match = _reasons_for(matcher, requester, tablet, Urgency.LOW, HelpMode.BESIDE, nadia)
        proposals.append(_proposal(match, ProposalStatus.PENDING, created, None, expires=_at(-1, 12)))

    # Requests of the territory waiting on Nadia's tools, that nobody has taken yet.
    waiting = [
        (
            {"69002"},
            visio,
            "planifier-rdv",
            "Depuis la mise à jour d'hier, Visio Conseil ne détecte plus ma caméra : j'ai trois entretiens à distance "
            "cet après-midi.",
            _at(1, 9, 20),
            RequestStatus.UNMATCHED,
            Urgency.HIGH,
        ),
        (
            {"69003"},
            by_slug.get("assistant-redaction"),
            "publier-offre",
            "L'assistant de rédaction me propose un texte de quinze lignes pour une offre de serveur : comment lui "
            "demander une version courte qui garde les horaires ?",
            _at(1, 14, 5),
            RequestStatus.OPEN,
            Urgency.NORMAL,
        ),
        (
            {"69004"},
            crm,
            "echanger-entreprise",
            "Je voudrais retrouver toutes les entreprises de mon portefeuille que personne n'a appelées depuis six "
            "mois, pour préparer une campagne de relance.",
            _at(2, 11, 0),
            RequestStatus.PROPOSED,
            Urgency.LOW,
        ),
    ]
    for codes, tool, task_slug, context, created, status, urgency in waiting:
        requesters = others(codes)
        if tool is None or not requesters:
            continue
        requester = requesters[0]
        _, proposals = story(requester, tool, task_slug, context, created, status, urgency=urgency)
        stories[-1][0]["status"] = status
        if status == RequestStatus.PROPOSED:
            ranked = [m for m in matcher.rank(requester, tool, urgency, HelpMode.VISIO) if m.candidate != nadia.pk]
            if ranked:
                proposals.append(_proposal(ranked[0], ProposalStatus.PENDING, created, None, expires=_at(-1, 12)))
            else:
                stories[-1][0]["status"] = RequestStatus.OPEN
        elif status == RequestStatus.UNMATCHED:
            ranked = [m for m in matcher.rank(requester, tool, urgency, HelpMode.VISIO) if m.candidate != nadia.pk]
            if ranked:
                late = created + datetime.timedelta(hours=1)
                proposals.append(_proposal(ranked[0], ProposalStatus.EXPIRED, created, None, expires=late))
    return stories


def _sync_bulk(model, fields, rows, tally, existing):
    """Like sync_objects, for the big tables without history: the new rows are written in one query."""

    def value(raw):
        return raw.pk if isinstance(raw, models.Model) else raw

    attnames = {name: model._meta.get_field(name).attname for name in rows[0]} if rows else {}
    found = {tuple(getattr(obj, attnames[f]) for f in fields): obj for obj in existing}
    result, new = {}, []
    for row in rows:
        key = tuple(value(row[f]) for f in fields)
        obj = found.get(key)
        if obj is None:
            obj = model(**row)
            new.append(obj)
        else:
            changed = [f for f, raw in row.items() if f not in fields and getattr(obj, attnames[f]) != value(raw)]
            if changed:
                for f in changed:
                    setattr(obj, f, row[f])
                obj.save(update_fields=changed)
                tally.updated += 1
        result[key] = obj
    model.objects.bulk_create(new, batch_size=500)
    tally.created += len(new)
    return result


def _write_requests(planned, people_by_id, tally):
    requesters = {row["requester"].pk for row, _ in planned}
    requests = _sync_bulk(
        HelpRequest,
        ("requester", "context"),
        [row for row, _ in planned],
        tally,
        existing=HelpRequest.objects.filter(requester__in=requesters),
    )
    rows = []
    for row, proposals in planned:
        help_request = requests[(row["requester"].pk, row["context"])]
        for proposal in proposals:
            rows.append({**proposal, "request": help_request, "candidate": people_by_id[proposal["candidate"]]})
    proposals = _sync_bulk(
        Proposal,
        ("request", "candidate"),
        rows,
        tally,
        existing=Proposal.objects.filter(request__in=[r.pk for r in requests.values()]),
    )
    return requests, proposals


# Tips and questions -------------------------------------------------------------------------------------------------


def _plan_posts(rng, people, profiles, tools, tasks):
    """Rows of the topics (tips and questions) and their answers, and the voters of each."""
    by_slug = {tool.slug: tool for tool in tools}
    emails = {person.email: person for person in people}
    helpers = [person for person in people if person.pk in profiles and person.email not in DEMO_ACCOUNT_EMAILS]
    askers = [person for person in people if person.role == Role.AGENT and person.email not in DEMO_ACCOUNT_EMAILS]
    champion = emails.get(CHAMPION)
    named = {"agent": emails.get(AGENT), "referent": champion}
    referent_tools = {tool.slug for tool in champion.championed_tools.all()} if champion else set()
    topics, answers = [], []
    for key, slug, task_slug, title, body, days in content.TIPS:
        author = rng.choice(helpers) if helpers else None
        voters = rng.sample(people, rng.randint(0, 14))
        tool = by_slug.get(slug)
        if tool is None:
            continue
        if slug in referent_tools and champion is not None and key in {"crm-historique", "tablette-synchro"}:
            author = champion
        topics.append(
            (
                key,
                {
                    "kind": PostKind.TIP,
                    "tool": tool,
                    "title": title,
                    "body": body,
                    "author": author,
                    "created_at": _at(days, 11, 30),
                },
                [tasks[task_slug]] if task_slug in tool.task_slugs else [],
                voters,
            )
        )
    for key, slug, title, body, days, author_key, replies, accepted in content.QUESTIONS:
        author = rng.choice(askers) if askers else None
        reply_authors = [rng.choice(helpers) if helpers else None for _ in replies]
        voters = [rng.sample(people, rng.randint(0, 6)) for _ in replies]
        tool = by_slug.get(slug)
        if tool is None:
            continue
        author = named.get(author_key) or author
        created = _at(days, 10, 0)
        topics.append(
            (
                key,
                {
                    "kind": PostKind.QUESTION,
                    "tool": tool,
                    "title": title,
                    "body": body,
                    "author": author,
                    "created_at": created,
                },
                [],
                [],
            )
        )
        for n, (reply_author, text, hours) in enumerate(replies):
            answers.append(
                (
                    key,
                    n == accepted,
                    {
                        "kind": PostKind.ANSWER,
                        "tool": tool,
                        "body": text,
                        "author": named.get(reply_author) or reply_authors[n],
                        "created_at": created + datetime.timedelta(hours=hours),
                    },
                    voters[n],
                )
            )
    return topics, answers


def _write_posts(topics, answers, people, tally):
    outdated = dict(content.OUTDATED)
    flagger = next((p for p in people if p.email == PARTNER), None)
    rows = []
    for key, row, _, voters in topics:
        row = {**row, "vote_count": len({v.pk for v in voters if v != row["author"]})}
        if key in outdated:
            row |= {"outdated_at": _at(3, 16), "outdated_by": flagger, "outdated_note": outdated[key]}
        rows.append(row)
    posts = sync_objects(Post, ("tool", "title"), rows, tally, existing=Post.objects.topics())
    by_key = {key: posts[(row["tool"].pk, row["title"])] for key, row, _, _ in topics}
    for key, _, tasks, _ in topics:
        add_missing(by_key[key].tasks, tasks)
    answer_rows = [
        {**row, "parent": by_key[key], "vote_count": len({v.pk for v in voters if v != row["author"]})}
        for key, _, row, voters in answers
    ]
    replies = sync_objects(
        Post,
        ("parent", "body"),
        answer_rows,
        tally,
        existing=Post.objects.filter(kind=PostKind.ANSWER, parent__in=list(by_key.values())),
    )
    for key, accepted, row, _ in answers:
        question, reply = by_key[key], replies[(by_key[key].pk, row["body"])]
        if accepted and question.accepted_answer_id != reply.pk:
            question.accepted_answer = reply
            question.save(update_fields=["accepted_answer"])
            tally.updated += 1
    vote_rows = [
        {"post": by_key[key], "user": voter, "created_at": row["created_at"] + datetime.timedelta(days=1)}
        for key, row, _, voters in topics
        for voter in voters
        if voter != row["author"]
    ]
    vote_rows += [
        {"post": replies[(by_key[key].pk, row["body"])], "user": voter, "created_at": row["created_at"]}
        for key, _, row, voters in answers
        for voter in voters
        if voter != row["author"]
    ]
    every_post = [*by_key.values(), *replies.values()]
    _sync_bulk(Vote, ("post", "user"), vote_rows, tally, existing=Vote.objects.filter(post__in=every_post))
    return by_key, replies


def _write_weekly_tips(posts, tally):
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    rows = []
    for n, key in enumerate(content.WEEKLY_TIPS):
        if key in posts:
            week = monday - datetime.timedelta(weeks=n)
            sent = datetime.datetime.combine(week, datetime.time(8, 0), tzinfo=PARIS)
            rows.append({"week": week, "post": posts[key], "sent_at": sent})
    return sync_objects(WeeklyTip, "week", rows, tally)


# Notifications ------------------------------------------------------------------------------------------------------


def _write_notifications(people, requests, posts, tally):
    """A few unread notifications for Sophie and Nadia that match the stories above."""
    emails = {person.email: person for person in people}
    sophie, nadia = emails.get(AGENT), emails.get(CHAMPION)
    if sophie is None or nadia is None:
        return 0
    rows = []
    for help_request in requests.values():
        if (
            sophie.pk not in (help_request.requester_id, help_request.helper_id)
            and nadia.pk
            not in (
                help_request.requester_id,
                help_request.helper_id,
            )
            and help_request.status != RequestStatus.PROPOSED
        ):
            continue
        url = _url("peers:request", help_request.pk)
        if help_request.requester_id == sophie.pk and help_request.status == RequestStatus.ACCEPTED:
            rows.append(
                {
                    "user": sophie,
                    "kind": NotificationKind.ACCEPTED,
                    "title": f"{nadia.get_full_name()} accepte de vous aider sur {help_request.tool}",
                    "body": f"Créneau proposé : {help_request.helper_message}",
                    "url": url,
                    "created_at": help_request.accepted_at,
                }
            )
        elif help_request.requester_id == sophie.pk and help_request.status == RequestStatus.RESOLVED:
            rows.append(
                {
                    "user": sophie,
                    "kind": NotificationKind.RESOLVED,
                    "title": f"{help_request.helper.get_full_name()} a marqué votre demande comme résolue",
                    "body": f"Merci d'avoir demandé de l'aide sur {help_request.tool}.",
                    "url": url,
                    "created_at": help_request.resolved_at,
                    "read_at": help_request.thanked_at,
                }
            )
        elif help_request.helper_id == nadia.pk and help_request.thanked_at:
            rows.append(
                {
                    "user": nadia,
                    "kind": NotificationKind.THANKS,
                    "title": f"{help_request.requester.get_full_name()} vous remercie",
                    "body": help_request.thanks,
                    "url": url,
                    "created_at": help_request.thanked_at,
                }
            )
        elif help_request.status == RequestStatus.PROPOSED and help_request.proposals.filter(
            candidate=nadia, status=ProposalStatus.PENDING
        ):
            rows.append(
                {
                    "user": nadia,
                    "kind": NotificationKind.PROPOSAL,
                    "title": f"{help_request.requester.get_full_name()} a besoin d'aide sur {help_request.tool}",
                    "body": f"« {help_request.context} »",
                    "url": url,
                    "created_at": help_request.created_at,
                }
            )
    question = posts.get("aides-cumul")
    if question is not None:
        rows.append(
            {
                "user": sophie,
                "kind": NotificationKind.ANSWER,
                "title": f"Nouvelle réponse à votre question « {question.title} »",
                "body": f"{nadia.get_full_name()} vous a répondu.",
                "url": _url("peers:post", question.pk),
                "created_at": question.created_at + datetime.timedelta(hours=20),
            }
        )
    tip = posts.get(content.WEEKLY_TIPS[0])
    if tip is not None:
        monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
        rows.append(
            {
                "user": sophie,
                "kind": NotificationKind.DIGEST,
                "title": f"L'astuce de la semaine : {tip.title}",
                "url": _url("peers:post", tip.pk),
                "created_at": datetime.datetime.combine(monday, datetime.time(8, 0), tzinfo=PARIS),
            }
        )
    for key, note in content.OUTDATED:
        post = posts.get(key)
        if post is not None and nadia.championed_tools.filter(pk=post.tool_id).exists():
            rows.append(
                {
                    "user": nadia,
                    "kind": NotificationKind.OUTDATED,
                    "title": f"Une astuce sur {post.tool} est signalée comme obsolète",
                    "body": f"« {post.title} » : {note}",
                    "url": _url("peers:review_queue"),
                    "created_at": _at(3, 16),
                }
            )
    found = sync_objects(
        Notification,
        ("user", "kind", "title"),
        rows,
        tally,
        existing=Notification.objects.filter(user__in=[sophie, nadia]),
    )
    return len(found)


def load(rng, stdout):
    tally = Tally()
    people = _frontline()
    tools = list(Tool.objects.exclude(status=Status.RETIRED).prefetch_related("tasks").order_by("slug"))
    for tool in tools:
        tool.task_slugs = {task.slug for task in tool.tasks.all()}
    tasks = {task.slug: task for task in Task.objects.all()}
    if not people or not tools:
        stdout.write("Entraide : pas d'agents ou pas d'applicatifs, rien à charger")
        return

    profiles, links = _write_profiles(_plan_profiles(rng, people, tools), tally)
    people_by_id = {person.pk: person for person in people}
    # The history spreads over the generated advisors; the documented accounts have their own stories.
    demo_ids = {person.pk for person in people if person.email in DEMO_ACCOUNT_EMAILS}
    history = _plan_history(rng, people, tools, tasks, Matcher(people_by_id, excluded=demo_ids))
    stories = _plan_stories(people, tools, tasks, Matcher(people_by_id))
    requests, proposals = _write_requests(history + stories, people_by_id, tally)

    topics, answers = _plan_posts(rng, people, profiles, tools, tasks)
    posts, replies = _write_posts(topics, answers, people, tally)
    weeks = _write_weekly_tips(posts, tally)
    notified = _write_notifications(people, requests, posts, tally)

    statuses = Counter(help_request.status for help_request in requests.values())
    resolved = statuses[RequestStatus.RESOLVED]
    stdout.write(
        f"Entraide : {plural(len(profiles), 'profil visible', 'profils visibles')} ({links} applicatifs déclarés "
        f"ajoutés), {plural(len(requests), 'demande d’aide', 'demandes d’aide')} dont {plural(resolved, 'résolue')}, "
        f"{plural(len(proposals), 'proposition')}, {plural(len(posts), 'astuce ou question', 'astuces et questions')}"
        f", {plural(len(replies), 'réponse')}, {plural(len(weeks), 'astuce de la semaine', 'astuces de la semaine')}"
        f", {plural(notified, 'notification')} ({tally})"
    )
