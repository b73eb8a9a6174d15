"""Demo survey: a campaign over the Rhône agencies, open today, that about 60 % of the agents asked have answered.

Answers follow each advisor's job: employer advisors live in the CRM, the agenda and the phone; job-seeker advisors in
the job seeker's file and the secure messaging. The documented accounts are left for the visitor: « agent@ere.demo »
has the survey waiting on her home page, « conseiller@ere.demo » has saved the first step and can resume.

Every draw comes from `rng`, over the targeted people sorted by e-mail, so that a second run computes the same
answers and writes nothing.
"""

import datetime

from django.utils import timezone

from ere.catalog.models import Task, Tool
from ere.catalog.services import by_name
from ere.core.demo import Tally, add_missing, plural, sync_objects
from ere.org.enums import Role, Specialty
from ere.org.models import Agency, User
from ere.usage.enums import Frequency
from ere.usage.models import SurveyCampaign, SurveyResponse, SurveyTaskAnswer, SurveyToolAnswer
from ere.usage.survey_services import TOOLS_PER_STEP

TITLE = "Vos outils au quotidien — Rhône"
DESCRIPTION = (
    "Quels applicatifs utilisez-vous, à quelle fréquence, et qu'en pensez-vous ? Vos réponses aideront la direction "
    "territoriale à choisir les formations de l'an prochain et à signaler aux équipes nationales ce qui vous freine. "
    "Une dizaine de minutes ; vous pouvez vous arrêter et reprendre plus tard."
)
TERRITORY = "DT69"
AUTHOR = "manager.dt@ere.demo"
STARTED_DAYS_AGO = 18
DAYS_LEFT = 12
RESPONSE_RATE = 0.63
DRAFT_RATE = 0.12  # of those who did not send: saved a first step and stopped
COMMENT_RATE = 0.25
# The visitor answers with these accounts; the second one has already saved the first step.
LEFT_FOR_THE_VISITOR = {"agent@ere.demo", "referent@ere.demo"}
STARTED_BY_THE_VISITOR = {"conseiller@ere.demo"}

FREQUENCIES = [value for value, _label in Frequency.choices]  # from never (0) to several times a day (5)

# Tool → (usual frequency for employer advisors, for job-seeker advisors, ease, usefulness), frequencies as indexes
# of FREQUENCIES and opinions on 1–5.
TOOLS = {
    "dialogue-entreprises": (5, 0, 3.3, 4.6),
    "agenda-partage": (4, 4, 4.2, 4.3),
    "messagerie-securisee": (3, 4, 3.8, 4.2),
    "visio-conseil": (3, 3, 3.7, 3.8),
    "suivi-offres": (4, 1, 3.4, 4.4),
    "recherche-profils": (3, 1, 3.0, 4.1),
    "dossier-demandeur": (1, 5, 3.1, 4.7),
    "diagnostic-parcours": (0, 3, 2.7, 3.9),
    "prescription-services": (1, 3, 2.8, 4.0),
    "fiches-rome": (3, 3, 4.0, 3.6),
    "telephonie": (5, 4, 3.5, 4.3),
    "suite-bureautique": (4, 4, 3.9, 3.9),
}

# Tasks each kind of advisor may name among their three main ones, with the tools they tend to use together.
TASKS = {
    Specialty.EMPLOYERS: [
        ("echanger-entreprise", 5, ["dialogue-entreprises", "telephonie", "agenda-partage", "messagerie-securisee"]),
        ("publier-offre", 4, ["suivi-offres", "dialogue-entreprises", "fiches-rome"]),
        ("rechercher-candidats", 4, ["recherche-profils", "fiches-rome", "suivi-offres"]),
        ("planifier-rdv", 2, ["agenda-partage", "visio-conseil", "telephonie"]),
        ("evenement-recrutement", 1, ["dialogue-entreprises", "agenda-partage", "suite-bureautique"]),
    ],
    Specialty.JOB_SEEKERS: [
        ("suivre-de", 6, ["dossier-demandeur", "messagerie-securisee", "visio-conseil", "agenda-partage"]),
        ("prescrire", 4, ["prescription-services", "dossier-demandeur", "fiches-rome"]),
        ("planifier-rdv", 3, ["agenda-partage", "visio-conseil", "telephonie"]),
        ("informer-droits", 2, ["dossier-demandeur", "telephonie", "messagerie-securisee"]),
        ("travailler-equipe", 1, ["suite-bureautique", "messagerie-securisee", "agenda-partage"]),
    ],
}

COMMENTS = {
    Specialty.EMPLOYERS: [
        "Je ressaisis les mêmes informations dans le CRM et dans le suivi des offres : un lien entre les deux ferait "
        "gagner un temps précieux.",
        "La recherche de profils est puissante mais je n'en utilise que la moitié. Une courte formation serait utile.",
        "Le téléphone sur l'ordinateur coupe parfois pendant les appels aux entreprises.",
        "Trop d'onglets ouverts en même temps : j'aimerais retrouver l'agenda dans le CRM.",
    ],
    Specialty.JOB_SEEKERS: [
        "Le diagnostic de parcours est long à remplir pendant l'entretien ; je le complète souvent après.",
        "La messagerie sécurisée marche bien, les demandeurs répondent plus vite qu'au téléphone.",
        "Je ne sais pas toujours quelle prestation prescrire : un guide dans l'outil aiderait.",
        "Le dossier du demandeur est lent le lundi matin.",
    ],
}


def _clamp(value, low, high):
    return max(low, min(high, value))


def _at(day, rng):
    """A working-hours moment of `day`, Europe/Paris."""
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.choice([0, 10, 20, 30, 40, 50])))
    return timezone.make_aware(moment)


def _tool_answer(slug, specialty, rng):
    employers, job_seekers, ease, usefulness = TOOLS[slug]
    usual = employers if specialty == Specialty.EMPLOYERS else job_seekers
    frequency = _clamp(usual + rng.choice([-1, 0, 0, 0, 1]), 0, 5)
    draws = rng.gauss(0, 0.8), rng.gauss(0, 0.7), rng.random()
    if frequency == 0:
        return {"frequency": FREQUENCIES[0], "ease": None, "usefulness": None, "wants_training": draws[2] < 0.1}
    # Frequent users find a tool easier and more useful than occasional ones.
    rated_ease = _clamp(round(ease + (frequency - 3) * 0.25 + draws[0]), 1, 5)
    rated_usefulness = _clamp(round(usefulness + (frequency - 3) * 0.3 + draws[1]), 1, 5)
    return {
        "frequency": FREQUENCIES[frequency],
        "ease": rated_ease,
        "usefulness": rated_usefulness,
        "wants_training": draws[2] < 0.06 + 0.12 * (5 - rated_ease),
    }


def _main_tasks(specialty, rng):
    """Three distinct tasks, drawn by weight, each with the tools used together for it (at least one)."""
    pool = list(TASKS[specialty])
    chosen = []
    for _ in range(3):
        slug, _weight, tools = rng.choices(pool, weights=[weight for _slug, weight, _tools in pool])[0]
        pool = [entry for entry in pool if entry[0] != slug]
        used = [tool for tool in tools if rng.random() < 0.7] or [tools[0]]
        chosen.append((slug, used))
    return chosen


def plan(people, start, first_step, rng):
    """The response of each targeted person who answered, by e-mail; `first_step` lists the slugs of the first step.

    Every person gets the same draws whether they answered or not: the plan depends on `rng` and the people only.
    """
    plans = {}
    elapsed = (timezone.localdate() - start).days
    for person in people:
        specialty = person.specialty or Specialty.JOB_SEEKERS
        draws = rng.random(), rng.random(), rng.random()
        started_on = start + datetime.timedelta(days=rng.randint(0, max(elapsed - 1, 0)))
        started_at = _at(started_on, rng)
        answers = {slug: _tool_answer(slug, specialty, rng) for slug in TOOLS}
        tasks = _main_tasks(specialty, rng)
        comment = rng.choice(COMMENTS[specialty]) if draws[2] < COMMENT_RATE else ""
        submitted_at = started_at + datetime.timedelta(minutes=rng.randint(6, 25))
        if person.email in LEFT_FOR_THE_VISITOR:
            continue
        if person.email in STARTED_BY_THE_VISITOR or (draws[0] >= RESPONSE_RATE and draws[1] < DRAFT_RATE):
            saved = {slug: answers[slug] for slug in first_step}
            plans[person.email] = {"started_at": started_at, "submitted_at": None, "answers": saved, "tasks": []}
        elif draws[0] < RESPONSE_RATE:
            plans[person.email] = {
                "started_at": started_at,
                "submitted_at": submitted_at,
                "answers": answers,
                "tasks": tasks,
                "comment": comment,
            }
    return plans


def _sync_tool_answers(responses, plans, tools, tally):
    """Create the missing answers in bulk and update the ones that differ (there are over a thousand)."""
    existing = {
        (answer.response_id, answer.tool_id): answer
        for answer in SurveyToolAnswer.objects.filter(response__in=responses.values())
    }
    missing = []
    for email, response in responses.items():
        for slug, values in plans[email]["answers"].items():
            answer = existing.get((response.pk, tools[slug].pk))
            if answer is None:
                missing.append(SurveyToolAnswer(response=response, tool=tools[slug], **values))
                continue
            changed = [field for field, value in values.items() if getattr(answer, field) != value]
            if changed:
                for field in changed:
                    setattr(answer, field, values[field])
                answer.save(update_fields=changed)
                tally.updated += 1
    SurveyToolAnswer.objects.bulk_create(missing)
    tally.created += len(missing)


def _sync_task_answers(responses, plans, tools, tally):
    tasks = Task.objects.in_bulk(field_name="slug")
    rows = [
        {"response": response, "position": position, "task": tasks[slug]}
        for email, response in responses.items()
        for position, (slug, _tools) in enumerate(plans[email]["tasks"], start=1)
    ]
    answers = sync_objects(
        SurveyTaskAnswer,
        ("response", "position"),
        rows,
        tally,
        existing=SurveyTaskAnswer.objects.filter(response__in=responses.values()),
    )
    through = SurveyTaskAnswer.tools.through
    current = set(
        through.objects.filter(surveytaskanswer__in=answers.values()).values_list("surveytaskanswer", "tool")
    )
    wanted = {
        (answers[(response.pk, position)].pk, tools[slug].pk)
        for email, response in responses.items()
        for position, (_task, used) in enumerate(plans[email]["tasks"], start=1)
        for slug in used
    }
    missing = sorted(wanted - current)
    through.objects.bulk_create([through(surveytaskanswer_id=a, tool_id=t) for a, t in missing])
    tally.created += len(missing)


def load(rng, stdout):
    tally = Tally()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=STARTED_DAYS_AGO)
    agencies = list(Agency.objects.filter(territory__code=TERRITORY).order_by("code"))
    tools = Tool.objects.in_bulk(list(TOOLS), field_name="slug")
    roles = [Role.AGENT, Role.CHAMPION]
    (campaign,) = sync_objects(
        SurveyCampaign,
        "title",
        [
            {
                "title": TITLE,
                "description": DESCRIPTION,
                "starts_on": start,
                "ends_on": today + datetime.timedelta(days=DAYS_LEFT),
                "target_roles": [role.value for role in roles],
                "created_by": User.objects.filter(email=AUTHOR).first(),
            }
        ],
        tally,
    ).values()
    tally.created += add_missing(campaign.agencies, agencies)
    tally.created += add_missing(campaign.tools, list(tools.values()))

    people = list(campaign.targeted_users().select_related("agency").order_by("email"))
    first_step = [tool.slug for tool in sorted(tools.values(), key=by_name)][:TOOLS_PER_STEP]
    plans = plan(people, start, first_step, rng)
    by_email = {person.email: person for person in people}
    responses = sync_objects(
        SurveyResponse,
        ("campaign", "respondent"),
        [
            {
                "campaign": campaign,
                "respondent": by_email[email],
                "agency": by_email[email].agency,
                "started_at": planned["started_at"],
                "submitted_at": planned["submitted_at"],
                "comment": planned.get("comment", ""),
            }
            for email, planned in plans.items()
        ],
        tally,
        existing=campaign.responses.all(),
    )
    responses = {person.email: responses[(campaign.pk, person.pk)] for person in people if person.email in plans}
    _sync_tool_answers(responses, plans, tools, tally)
    _sync_task_answers(responses, plans, tools, tally)

    sent = sum(planned["submitted_at"] is not None for planned in plans.values())
    drafts = len(plans) - sent
    asked = plural(len(people), "agent interrogé", "agents interrogés")
    rate = round(100 * sent / max(len(people), 1))
    stdout.write(
        f"Enquêtes : « {TITLE} » sur {plural(len(agencies), 'agence')}, {asked}, "
        f"{plural(sent, 'réponse envoyée', 'réponses envoyées')} ({rate} %), "
        f"{plural(drafts, 'questionnaire commencé', 'questionnaires commencés')} ({tally})"
    )
