"""Demo « Mes appels analysés »: six calls of the demo agent (Sophie Garnier, conseillère entreprises) to employers
over the last ten weeks, written to show progress — fewer hesitations, more open questions, less jargon, an action
agreed at the end — and analysed by the real analyzer at load time (no figure is written here).

Two of them were played in a session (facilitated by the demo trainer, observed by the demo champion), so that the
trainer and the champion may read them: they carry the observers' grid and their comments. The sessions need a
published scenario (the scenario library's demo loader comes first); without one, the calls are loaded alone and
uncommented.

Idempotent: transcripts are looked up by (owner, title), sessions by code, comments by (transcript, author, text),
observations by (session, observer, criterion). The dates are counted back from today, at fixed hours.
"""

# The calls are written as they were said, one reply a line: long lines are the data.
# ruff: noqa: E501

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from ere.core.demo import Tally, plural, sync_objects
from ere.org.models import User
from ere.roleplay import transcripts
from ere.roleplay.enums import RoleKind, Status, TranscriptStatus
from ere.roleplay.models import Observation, Participant, PlaySession, Scenario, Transcript, TranscriptComment

PARIS = ZoneInfo("Europe/Paris")
AGENT = "agent@ere.demo"
TRAINER = "formateur@ere.demo"
CHAMPION = "referent@ere.demo"
PARTNER = "conseiller@ere.demo"

# The scenario each session of the calls was played on (ere/roleplay/scenarios/).
SESSION_SCENARIOS = {"SGXA23": "premier-recrutement-boulangerie", "SGXA24": "candidats-insatisfaisants"}

# (days ago, title, session code or None, text, [(author, line or None, comment)], observer's levels per criterion)
CALLS = [
    (
        70,
        "Appel boulangerie Martin — premier recrutement",
        None,
        """Sophie : Euh, bonjour, Sophie Garnier de France Travail, euh, je vous appelle pour, euh, votre demande.
M. Martin : Oui, bonjour. J'ai rempli le formulaire sur le site, je cherche un vendeur.
Sophie : D'accord. Du coup, vous avez déjà fait une DPAE ? Euh, vous connaissez la MRS ?
M. Martin : La quoi ? Non, je ne connais pas.
Sophie : Ben, en fait, c'est, euh, la méthode de recrutement par simulation. Du coup on peut aussi faire une POEI ou une PMSMP, voilà, ça dépend.
M. Martin : Je ne suis pas sûr de comprendre. Moi je veux juste quelqu'un pour le matin.
Sophie : Oui, pas de souci. C'est un CDI ?
M. Martin : Je ne sais pas encore.
Sophie : Vous avez un budget ?
M. Martin : Pas énorme.
Sophie : Bon, euh, je ne peux pas vous dire tout de suite, du coup, il faut que je regarde, voilà.
M. Martin : D'accord.
Sophie : Bon ben, euh, voilà, je vous rappelle.
""",
        [],
        None,
    ),
    (
        56,
        "Appel garage Rossi — mécanicien automobile",
        None,
        """Sophie : Bonjour Monsieur Rossi, Sophie Garnier, conseillère entreprises à France Travail. Euh, vous avez déposé une offre de mécanicien ?
M. Rossi : Oui, depuis trois semaines, et rien.
Sophie : D'accord. Euh, l'offre est en CDI ?
M. Rossi : Oui, CDI, 39 heures.
Sophie : Et, du coup, vous demandez de l'expérience ?
M. Rossi : Cinq ans minimum, c'est un métier exigeant.
Sophie : Si je comprends bien, vous cherchez quelqu'un d'autonome tout de suite ?
M. Rossi : Voilà, je n'ai pas le temps de former.
Sophie : Euh, ben, en fait, on pourrait faire une AFPR, c'est une formation avant l'embauche, du coup ça aide.
M. Rossi : Ça coûte combien ?
Sophie : Rien pour vous, c'est pris en charge. Euh, voilà. Je regarde les profils et je reviens vers vous.
M. Rossi : D'accord, merci.
""",
        [],
        None,
    ),
    (
        42,
        "Mise en situation — une gérante qui recrute pour la première fois",
        "SGXA23",
        """Sophie : Bonjour Madame Durand, Sophie Garnier, France Travail. Qu'est-ce qui vous amène à nous appeler ?
Mme Durand : Ma boulangerie marche bien, je voudrais embaucher un vendeur, mais je ne l'ai jamais fait.
Sophie : C'est une belle étape. Comment imaginez-vous ce poste au quotidien ?
Mme Durand : Surtout le matin, de six heures à midi, et le samedi.
Sophie : Euh, d'accord. Donc un temps partiel ?
Mme Durand : Oui, je ne peux pas payer un temps plein.
Sophie : Si je comprends bien, vous cherchez quelqu'un le matin et le samedi, à temps partiel, pour commencer.
Mme Durand : C'est ça.
Sophie : Du coup, il y a la DPAE à faire avant l'arrivée, euh, la déclaration préalable à l'embauche, je vous expliquerai.
Mme Durand : Très bien.
Sophie : Qu'est-ce qui compte le plus pour vous chez ce futur vendeur ?
Mme Durand : Le sourire et la ponctualité. Le reste, je peux apprendre.
Sophie : Alors je vous propose de rédiger l'offre ensemble, euh, je vous envoie un projet demain.
Mme Durand : Parfait.
""",
        [
            (
                TRAINER,
                5,
                "Bonne question de relance, mais elle est fermée : « Comment envisagez-vous la durée ? » ouvrait davantage.",
            ),
            (CHAMPION, 7, "Très belle reformulation, Mme Durand s'est sentie comprise."),
            (
                TRAINER,
                None,
                "Nette progression sur les questions ouvertes. Encore quelques « euh » en début de réplique.",
            ),
        ],
        2,
    ),
    (
        28,
        "Appel hôtel des Lilas — réceptionniste de nuit",
        None,
        """Sophie : Bonjour Madame Caron, Sophie Garnier, conseillère entreprises. Vous cherchez un réceptionniste, pouvez-vous m'en dire plus ?
Mme Caron : Oui, pour la nuit, de vingt-deux heures à six heures, quatre nuits par semaine. Notre réceptionniste part à la retraite en mars, après douze ans chez nous, et je voudrais que la personne ait le temps d'apprendre avec lui.
Sophie : Qu'est-ce qui rend ce poste difficile à pourvoir, selon vous ?
Mme Caron : Les horaires, d'abord : beaucoup de candidats renoncent quand ils comprennent que c'est toute la nuit. Et il faut parler anglais, nous avons surtout une clientèle d'affaires étrangère en semaine.
Sophie : Si je comprends bien, vous avez besoin de quelqu'un d'autonome la nuit, qui parle anglais avec les clients.
Mme Caron : Exactement.
Sophie : Comment se passe l'accueil d'un nouveau réceptionniste chez vous ?
Mme Caron : Deux nuits en binôme avec le veilleur actuel, puis seul. Il y a toujours un numéro d'astreinte, mais en pratique, la personne gère les arrivées tardives, la caisse et les petits soucis des clients.
Sophie : Euh, on peut aussi proposer une immersion de quelques jours, pour que le candidat découvre les nuits avant de s'engager.
Mme Caron : Ça m'intéresse.
Sophie : Je vous envoie deux profils d'ici vendredi, et on fait le point lundi matin ?
Mme Caron : Lundi, c'est parfait.
""",
        [],
        None,
    ),
    (
        14,
        "Mise en situation — un restaurateur pressé",
        "SGXA24",
        """Sophie : Bonjour Monsieur Haddad, Sophie Garnier, France Travail. Vous m'avez laissé un message : que se passe-t-il ?
M. Haddad : J'ai un serveur qui part vendredi, il me faut quelqu'un tout de suite.
Sophie : Je comprends l'urgence. Comment s'organise le service, midi et soir ?
M. Haddad : Midi et soir, avec une coupure l'après-midi, cinq jours sur sept. Le samedi soir, on fait parfois quatre-vingts couverts, et c'est là que j'ai besoin de quelqu'un de solide, qui connaît déjà le métier.
Sophie : Si je résume, vous avez besoin d'un serveur dès la semaine prochaine, en coupure, cinq jours sur sept.
M. Haddad : Oui, et quelqu'un qui tient le rythme.
Sophie : Qu'est-ce qui a fait que votre dernier serveur a bien tenu ?
M. Haddad : Il avait déjà fait des saisons à la montagne, il ne paniquait pas quand la salle était pleine. Et il s'entendait bien avec la cuisine, ce qui n'est pas toujours le cas, croyez-moi.
Sophie : Alors je cherche en priorité des candidats qui ont fait des saisons. Je vous envoie trois profils demain midi, et vous me dites mercredi qui vous voulez rencontrer ?
M. Haddad : D'accord, merci, vous êtes efficace.
""",
        [
            (CHAMPION, 5, "Le résumé est clair et complet : M. Haddad a tout de suite confirmé."),
            (TRAINER, 9, "Conclusion exemplaire : une action, une date, un engagement de l'entreprise."),
            (CHAMPION, None, "Plus aucun sigle, et l'échange est bien équilibré. Bravo !"),
        ],
        4,
    ),
    (
        3,
        "Appel crèche Les Petits Pas — auxiliaire de puériculture",
        None,
        """Sophie : Bonjour Madame Nguyen, Sophie Garnier, conseillère entreprises à France Travail. Qu'est-ce qui vous amène ?
Mme Nguyen : Nous ouvrons une deuxième section en septembre, il nous faut deux auxiliaires de puériculture.
Sophie : Félicitations pour cette ouverture. Comment décririez-vous l'équipe que les nouvelles recrues vont rejoindre ?
Mme Nguyen : Une équipe jeune, six personnes, très soudée. Nous travaillons beaucoup sur l'accueil des parents le matin, et chacune prend en charge un petit groupe d'enfants, toujours le même, pour qu'ils aient des repères.
Sophie : Et qu'est-ce qui ferait, pour vous, une bonne recrue dans cette équipe ?
Mme Nguyen : Le diplôme, bien sûr, c'est obligatoire. Ensuite, l'envie de travailler en équipe et de parler avec les parents. J'ai déjà eu des personnes très compétentes avec les enfants, mais qui restaient seules dans leur coin.
Sophie : Si je comprends bien, le diplôme est indispensable, et l'esprit d'équipe compte autant que l'expérience.
Mme Nguyen : Tout à fait.
Sophie : Madame Nguyen, je vous propose d'organiser une matinée de recrutement à l'agence : vous rencontrez six candidates diplômées le même jour.
Mme Nguyen : Excellente idée.
Sophie : Je vous envoie deux dates possibles d'ici jeudi, et je vous rappelle vendredi pour valider la liste des candidates.
Mme Nguyen : Parfait, à vendredi.
""",
        [],
        None,
    ),
]


def _when(days_ago, today):
    day = today - datetime.timedelta(days=days_ago)
    return datetime.datetime.combine(day, datetime.time(10, 30), tzinfo=PARIS)


def load(rng, stdout):
    users = {user.email: user for user in User.objects.filter(email__in=[AGENT, TRAINER, CHAMPION, PARTNER])}
    agent = users.get(AGENT)
    if agent is None:
        stdout.write("Appels analysés : compte de démonstration agent@ere.demo absent, rien à charger")
        return
    today = timezone.localdate(timezone.now(), timezone=PARIS)
    glossary = transcripts.load_glossary()
    scenarios = Scenario.objects.published().in_bulk(SESSION_SCENARIOS.values(), field_name="slug")
    tally = Tally()
    sessions = _sessions(scenarios, users, today, tally) if scenarios and TRAINER in users else {}

    rows = []
    for days_ago, title, code, text, _comments, _level in CALLS:
        session = sessions.get(code)
        _parsed, analysis = transcripts.run_analysis(text, "text", "Sophie", session, glossary=glossary)
        rows.append(
            {
                "owner": agent,
                "title": title,
                "session": session,
                "source": text,
                "source_format": analysis.get("format") or "text",
                "advisor": analysis.get("advisor") or "Sophie",
                "status": TranscriptStatus.READY,
                "error": "",
                "analysis": analysis,
                "created_at": _when(days_ago, today),
            }
        )
    saved = sync_objects(Transcript, ("owner", "title"), rows, tally, existing=Transcript.objects.filter(owner=agent))

    comments = []
    for days_ago, title, code, _text, notes, _level in CALLS:
        if code not in sessions:
            continue
        for n, (email, line, text) in enumerate(notes):
            if email in users:
                comments.append(
                    {
                        "transcript": saved[(agent.pk, title)],
                        "author": users[email],
                        "text": text,
                        "line": line,
                        "created_at": _when(days_ago, today) + datetime.timedelta(hours=2, minutes=10 * n),
                    }
                )
    sync_objects(
        TranscriptComment,
        ("transcript", "author", "text"),
        comments,
        tally,
        existing=TranscriptComment.objects.filter(transcript__in=saved.values()),
    )
    shared = f", {plural(len(sessions), 'session')} commentée{'s' if len(sessions) > 1 else ''}" if sessions else ""
    stdout.write(f"Appels analysés : {plural(len(rows), 'appel')} de {agent}{shared} ({tally})")


def _sessions(scenarios, users, today, tally):
    """The finished sessions two of the calls were played in, their participants and the champion's grid."""
    trainer, champion, agent, partner = (users.get(e) for e in (TRAINER, CHAMPION, AGENT, PARTNER))
    rows, levels = [], {}
    for days_ago, _title, code, _text, _comments, level in CALLS:
        scenario = scenarios.get(SESSION_SCENARIOS.get(code))
        if scenario is None:
            continue
        start = _when(days_ago, today)
        rows.append(
            {
                "code": code,
                "scenario": scenario,
                "facilitator": trainer,
                "agency": agent.agency,
                "status": Status.FINISHED,
                "duration": scenario.minutes,
                "created_at": start - datetime.timedelta(minutes=15),
                "started_at": start,
                "ended_at": start + datetime.timedelta(minutes=scenario.minutes),
            }
        )
        levels[code] = level
    sessions = sync_objects(PlaySession, "code", rows, tally)
    seats = [(agent, RoleKind.ADVISOR), (partner, RoleKind.INTERLOCUTOR), (champion, RoleKind.OBSERVER)]
    participants = [
        {"session": session, "user": user, "role": role}
        for session in sessions.values()
        for user, role in seats
        if user is not None
    ]
    sync_objects(
        Participant,
        ("session", "user"),
        participants,
        tally,
        existing=Participant.objects.filter(session__in=sessions.values()),
    )
    if champion is not None:
        observations = [
            {
                "session": session,
                "observer": champion,
                "criterion": criterion,
                "level": min(4, levels[code] + (1 if "reformul" in criterion.label.lower() else 0)),
                "note": "",
            }
            for code, session in sessions.items()
            for criterion in session.scenario.criteria.all()
        ]
        sync_objects(
            Observation,
            ("session", "observer", "criterion"),
            observations,
            tally,
            existing=Observation.objects.filter(session__in=sessions.values()),
        )
    return sessions
