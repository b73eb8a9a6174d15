"""Demo catalogue, part 1: categories, tasks, internal tools and their announcements.

Tool names and acronyms are invented (plausible, not France Travail's real internal names). Dates are given in days
before today, so that « Nouveautés » always has something to show.
"""

from ere.catalog.enums import Status, ToolAudience, UpdateKind

ALL, EMPLOYERS, JOB_SEEKERS, MANAGERS = (
    ToolAudience.ALL,
    ToolAudience.EMPLOYERS,
    ToolAudience.JOB_SEEKERS,
    ToolAudience.MANAGERS,
)
PILOT, GENERALISED, RETIRED = Status.PILOT, Status.GENERALISED, Status.RETIRED

CATEGORIES = [
    {"slug": "relation-entreprises", "name": "Relation entreprises"},
    {"slug": "accompagnement", "name": "Accompagnement"},
    {"slug": "recrutement", "name": "Recrutement"},
    {"slug": "aides-prestations", "name": "Aides et prestations"},
    {"slug": "communication", "name": "Communication"},
    {"slug": "formation", "name": "Formation"},
    {"slug": "pilotage", "name": "Pilotage"},
    {"slug": "bureautique", "name": "Bureautique"},
]

TASKS = [
    {
        "slug": "publier-offre",
        "name": "Publier et suivre une offre d'emploi",
        "description": "Recueillir le besoin d'une entreprise, rédiger l'offre, la publier et la suivre jusqu'au "
        "recrutement.",
    },
    {
        "slug": "rechercher-candidats",
        "name": "Rechercher des candidats",
        "description": "Trouver des profils pour une offre, les présélectionner et les proposer à l'entreprise.",
    },
    {
        "slug": "planifier-rdv",
        "name": "Planifier un rendez-vous",
        "description": "Poser un entretien, une visite ou un atelier, en agence, par téléphone ou en vidéo.",
    },
    {
        "slug": "echanger-entreprise",
        "name": "Échanger avec une entreprise",
        "description": "Appeler, écrire, rendre visite à un recruteur et garder la trace des échanges.",
    },
    {
        "slug": "prescrire",
        "name": "Prescrire un service ou une aide",
        "description": "Orienter une personne ou une entreprise vers une prestation, une formation ou une aide "
        "financière.",
    },
    {
        "slug": "evenement-recrutement",
        "name": "Organiser un événement de recrutement",
        "description": "Job dating, forum, session de recrutement : inviter, accueillir, faire le bilan.",
    },
    {
        "slug": "suivre-de",
        "name": "Suivre un demandeur d'emploi",
        "description": "Faire le point, mettre à jour le projet, proposer les prochaines étapes.",
    },
    {
        "slug": "informer-droits",
        "name": "Informer sur les droits et l'indemnisation",
        "description": "Expliquer une allocation, estimer des droits, répondre aux questions sur l'actualisation.",
    },
    {
        "slug": "se-former",
        "name": "Se former et s'informer",
        "description": "Apprendre un outil, suivre l'actualité réglementaire, trouver une réponse fiable.",
    },
    {
        "slug": "travailler-equipe",
        "name": "Travailler en équipe",
        "description": "Partager des documents, s'entraider, demander de l'aide technique.",
    },
    {
        "slug": "piloter",
        "name": "Piloter l'activité",
        "description": "Suivre les résultats de l'agence et la satisfaction des usagers, décider des priorités.",
    },
    {
        "slug": "gerer-agence",
        "name": "Gérer le quotidien de l'agence",
        "description": "Organiser l'accueil, les plannings et les moyens de l'agence.",
    },
]

# One dict per tool. `days` is the launch date in days before today; `related` lists other tools (the relation is
# symmetric); `faq` gives questions and answers for the rollout kit.
TOOLS = [
    {
        "slug": "dialogue-entreprises",
        "name": "Dialogue Entreprises",
        "acronym": "CRM",
        "audience": EMPLOYERS,
        "categories": ["relation-entreprises"],
        "tasks": ["echanger-entreprise", "publier-offre"],
        "status": GENERALISED,
        "days": 1900,
        "owner": "Direction Entreprises",
        "summary": "Le fichier commun des entreprises suivies par l'agence : interlocuteurs, échanges, offres et "
        "prochaines actions.",
        "description": "Dialogue Entreprises rassemble ce que l'agence sait d'une entreprise : ses "
        "interlocuteurs, ses recrutements passés et en cours, les visites et les appels de chaque conseiller. "
        "Chaque échange saisi est visible par les collègues, ce qui évite d'appeler deux fois une entreprise pour la "
        "même chose. Les relances et les rendez-vous à venir s'affichent sur la page d'accueil du conseiller.",
        "how_to_start": [
            "Ouvrez Dialogue Entreprises depuis le bureau virtuel, rubrique « Entreprises ».",
            "Cherchez une entreprise par son nom ou son numéro SIRET.",
            "Lisez l'onglet « Historique » avant chaque appel.",
            "Après un échange, ajoutez une note de contact de deux lignes.",
        ],
        "related": ["agenda-partage", "suivi-offres", "tablette-rdv-entreprise", "potentiel-embauche"],
        "faq": [
            (
                "Je ne trouve pas une entreprise : puis-je la créer ?",
                "Oui, avec le bouton « Nouvelle entreprise » et son numéro SIRET. Vérifiez d'abord qu'elle n'existe "
                "pas sous un autre nom (enseigne ou raison sociale).",
            ),
            (
                "Mes collègues voient-ils mes notes ?",
                "Oui, toute l'agence les voit : c'est le but. N'y écrivez que des informations utiles au suivi de "
                "l'entreprise, jamais d'appréciation personnelle sur un interlocuteur.",
            ),
        ],
    },
    {
        "slug": "agenda-partage",
        "name": "Agenda partagé",
        "audience": ALL,
        "categories": ["communication", "bureautique"],
        "tasks": ["planifier-rdv", "travailler-equipe"],
        "status": GENERALISED,
        "days": 2600,
        "owner": "DSI",
        "summary": "L'agenda de chaque agent et des salles de l'agence, pour poser un rendez-vous et voir qui est "
        "disponible.",
        "description": "L'agenda partagé sert à planifier les entretiens, les ateliers et les visites en entreprise. "
        "Les disponibilités de l'équipe et les salles de l'agence se réservent au même endroit. Les rendez-vous pris "
        "ici remontent dans Dialogue Entreprises et dans le dossier du demandeur d'emploi.",
        "how_to_start": [
            "Ouvrez l'agenda depuis la messagerie, icône calendrier.",
            "Ajoutez les agendas de votre équipe avec « Ouvrir un agenda partagé ».",
            "Pour réserver une salle, invitez-la comme un participant.",
            "Astuce : enregistrez un modèle pour vos rendez-vous qui reviennent souvent.",
        ],
        "related": ["messagerie-securisee", "visio-conseil", "rdv-en-ligne", "planning-agence"],
        "faq": [
            (
                "Comment donner accès à mon agenda à un collègue ?",
                "Clic droit sur votre agenda, « Partage et autorisations », puis choisissez : disponibilités "
                "seulement, ou détail des rendez-vous.",
            )
        ],
    },
    {
        "slug": "messagerie-securisee",
        "name": "Messagerie sécurisée",
        "audience": ALL,
        "categories": ["communication"],
        "tasks": ["suivre-de", "echanger-entreprise"],
        "status": GENERALISED,
        "days": 3000,
        "owner": "DSI",
        "summary": "Pour écrire aux demandeurs d'emploi et aux entreprises, avec des pièces jointes, en toute "
        "sécurité.",
        "description": "La messagerie sécurisée remplace le courriel classique pour les échanges avec les usagers. "
        "Les messages sont rangés dans le dossier de la personne, lisibles par l'équipe en cas d'absence et conservés "
        "selon les règles de protection des données. L'usager reçoit une notification et lit le message dans son "
        "espace personnel.",
        "how_to_start": [
            "Ouvrez le dossier de l'usager, onglet « Échanges ».",
            "Cliquez sur « Nouveau message » et partez d'un modèle si besoin.",
            "Joignez les documents en PDF de préférence.",
            "Les réponses arrivent dans votre corbeille « À traiter ».",
        ],
        "related": ["dossier-demandeur", "dialogue-entreprises"],
        "faq": [
            (
                "L'usager dit ne pas avoir reçu mon message : que vérifier ?",
                "Le message s'affiche dans son espace personnel, pas dans sa boîte mail. Vérifiez avec lui qu'il "
                "regarde la rubrique « Mes échanges » et que son adresse de notification est la bonne.",
            )
        ],
    },
    {
        "slug": "visio-conseil",
        "name": "Visio Conseil",
        "audience": ALL,
        "categories": ["communication", "accompagnement"],
        "tasks": ["planifier-rdv", "suivre-de", "echanger-entreprise"],
        "status": GENERALISED,
        "days": 1400,
        "owner": "DSI",
        "summary": "Les entretiens en vidéo avec un demandeur d'emploi ou un recruteur, à partir d'un simple lien "
        "envoyé par SMS ou par e-mail.",
        "description": "Visio Conseil permet de mener un entretien à distance sans que l'usager installe quoi que ce "
        "soit : il clique sur le lien reçu et rejoint l'entretien depuis son téléphone ou son ordinateur. Le "
        "conseiller peut partager son écran pour montrer une offre ou un site, et passer en audio seul si la "
        "connexion est faible.",
        "how_to_start": [
            "Dans l'agenda, choisissez le type de rendez-vous « Visio ».",
            "Le lien part tout seul à l'usager.",
            "Cinq minutes avant, ouvrez le rendez-vous et testez micro et caméra.",
            "Si l'image se fige, proposez de continuer en audio.",
        ],
        "related": ["agenda-partage", "rdv-en-ligne", "co-navigation"],
        "faq": [
            (
                "L'usager n'arrive pas à se connecter : que faire ?",
                "Renvoyez le lien par SMS et proposez-lui de l'ouvrir dans le navigateur de son téléphone plutôt "
                "que dans une application. Si rien ne marche, passez à un entretien par téléphone.",
            )
        ],
    },
    {
        "slug": "reseau-social-interne",
        "name": "Réseau social interne",
        "audience": ALL,
        "categories": ["communication"],
        "tasks": ["travailler-equipe", "se-former"],
        "status": GENERALISED,
        "days": 2200,
        "owner": "Direction de la communication",
        "summary": "Des communautés d'agents pour poser une question, partager une astuce ou suivre l'actualité d'un "
        "outil.",
        "description": "Le réseau social interne réunit les agents par métier, par territoire ou par outil. On y "
        "trouve les réponses des collègues aux questions de tous les jours, les retours des agences pilotes et les "
        "annonces des directions. Beaucoup de référents numériques y animent une communauté.",
        "how_to_start": [
            "Connectez-vous avec votre compte habituel, depuis l'intranet.",
            "Rejoignez la communauté de votre agence et celle de votre métier.",
            "N'activez les notifications que pour les communautés utiles.",
            "Avant de poser une question, cherchez-la : elle a peut-être déjà une réponse.",
        ],
        "related": ["intranet", "base-connaissances"],
        "faq": [
            (
                "Puis-je y parler de la situation d'un usager ?",
                "Pas avec son nom ni aucune information qui permette de le reconnaître. Décrivez la situation de "
                "façon anonyme.",
            )
        ],
    },
    {
        "slug": "suivi-offres",
        "name": "Suivi des offres d'emploi",
        "audience": EMPLOYERS,
        "categories": ["recrutement", "relation-entreprises"],
        "tasks": ["publier-offre"],
        "status": GENERALISED,
        "days": 2400,
        "owner": "Direction Entreprises",
        "summary": "Pour saisir, publier et suivre les offres d'emploi confiées par les entreprises, jusqu'au "
        "recrutement.",
        "description": "Pour chaque offre, l'outil montre son état (à valider, publiée, pourvue), les candidatures "
        "reçues et les mises en relation faites par l'agence. Le conseiller y reprend les offres déposées par les "
        "recruteurs dans leur espace en ligne, les complète si besoin et programme les relances.",
        "how_to_start": [
            "Ouvrez « Mes offres » : les offres à valider sont en haut.",
            "Relisez l'intitulé et les compétences attendues avant de publier.",
            "Suivez les candidatures dans l'onglet « Mises en relation ».",
            "Clôturez l'offre dès que le poste est pourvu.",
        ],
        "related": ["recherche-profils", "dialogue-entreprises", "assistant-redaction", "mise-en-relation"],
        "faq": [
            (
                "Une offre déposée par l'entreprise n'apparaît pas : pourquoi ?",
                "Les offres déposées en ligne passent d'abord un contrôle automatique (mentions discriminatoires, "
                "salaire minimum…). Elles arrivent dans « À valider » après ce contrôle, en général en moins d'une "
                "heure.",
            )
        ],
    },
    {
        "slug": "recherche-profils",
        "name": "Recherche de profils",
        "audience": EMPLOYERS,
        "categories": ["recrutement"],
        "tasks": ["rechercher-candidats"],
        "status": GENERALISED,
        "days": 1700,
        "owner": "Direction Entreprises",
        "summary": "Trouver des candidats pour une offre par métier, compétences, lieu et disponibilité, parmi les "
        "demandeurs d'emploi inscrits.",
        "description": "La recherche de profils interroge les CV et les compétences déclarées par les demandeurs "
        "d'emploi. Les résultats se filtrent par distance, permis ou type de contrat souhaité. Le conseiller "
        "présélectionne des candidats et les propose à l'entreprise, avec leur accord.",
        "how_to_start": [
            "Partez de l'offre : « Chercher des profils » remplit les critères pour vous.",
            "Élargissez d'abord la distance, puis les métiers proches proposés.",
            "Ajoutez les profils intéressants à une présélection.",
            "Appelez les candidats avant de transmettre leur profil à l'entreprise.",
        ],
        "related": ["suivi-offres", "fiches-rome", "mise-en-relation", "outil-mrs"],
        "faq": [],
    },
    {
        "slug": "bilan-carbone-agence",
        "name": "Bilan carbone agence",
        "audience": MANAGERS,
        "categories": ["pilotage"],
        "tasks": ["gerer-agence", "piloter"],
        "status": PILOT,
        "days": 45,
        "owner": "Direction de la RSE",
        "summary": "Suivre l'empreinte carbone de l'agence (déplacements, énergie, impressions) et l'effet des "
        "actions engagées.",
        "description": "En test dans quelques agences, cet outil calcule chaque mois l'empreinte carbone de l'agence "
        "à partir de données déjà disponibles : frais de déplacement, consommation d'énergie du site, volume "
        "d'impressions. L'équipe de direction choisit des actions (visio plutôt que déplacement, impression recto "
        "verso…) et voit leur effet de mois en mois.",
        "how_to_start": [
            "Accès réservé aux équipes de direction des agences pilotes.",
            "Au premier accès, vérifiez la surface du site et l'effectif de l'agence.",
            "Regardez le tableau « Les trois premiers postes d'émission ».",
            "Choisissez une ou deux actions et suivez-les chaque mois.",
        ],
        "related": ["suivi-activite", "visio-conseil"],
        "faq": [
            (
                "D'où viennent les chiffres ?",
                "Des notes de frais, des factures d'énergie du site et des compteurs des imprimantes. Aucune donnée "
                "individuelle n'est affichée : tout est calculé pour l'agence entière.",
            )
        ],
    },
    {
        "slug": "tablette-rdv-entreprise",
        "name": "Tablette de rendez-vous entreprise",
        "audience": EMPLOYERS,
        "categories": ["relation-entreprises"],
        "tasks": ["echanger-entreprise", "publier-offre"],
        "status": GENERALISED,
        "days": 540,
        "owner": "Direction Entreprises",
        "summary": "L'application sur tablette pour préparer et mener une visite en entreprise : fiche entreprise, "
        "saisie d'offre, présentation des services.",
        "description": "Pendant une visite, le conseiller retrouve sur la tablette la fiche de l'entreprise, ses "
        "offres et l'historique des échanges. Il peut saisir une offre avec le recruteur, lui présenter les services "
        "en ligne et les aides à l'embauche, et faire signer une demande. Tout se synchronise avec Dialogue "
        "Entreprises dès que le réseau revient.",
        "how_to_start": [
            "Avant de partir, synchronisez la tablette pour avoir la fiche hors connexion.",
            "Ouvrez le rendez-vous depuis « Mes visites du jour ».",
            "Utilisez le mode « Présentation » pour montrer les services à l'employeur.",
            "Entraînez-vous d'abord sur l'entreprise fictive « Boulangerie Démo ».",
        ],
        "related": ["dialogue-entreprises", "portail-aides-embauche", "signature-electronique"],
        "faq": [
            (
                "Je n'ai pas de réseau chez l'entreprise : est-ce bloquant ?",
                "Non. La fiche et la saisie d'offre fonctionnent hors connexion si vous avez synchronisé avant de "
                "partir. L'envoi se fait tout seul au retour du réseau.",
            ),
            (
                "Je ne me sens pas à l'aise avec la tablette devant un client : que faire ?",
                "Entraînez-vous sur l'entreprise fictive, puis faites une première visite en binôme avec votre "
                "référent numérique. Le quart d'heure de pratique hebdomadaire est fait pour ça.",
            ),
        ],
    },
    {
        "slug": "portail-aides-embauche",
        "name": "Portail des aides à l'embauche",
        "audience": EMPLOYERS,
        "categories": ["aides-prestations", "relation-entreprises"],
        "tasks": ["prescrire", "echanger-entreprise"],
        "status": GENERALISED,
        "days": 900,
        "owner": "Direction de l'offre de services",
        "summary": "Toutes les aides à l'embauche au même endroit, avec leurs conditions, leurs montants et la "
        "marche à suivre pour l'employeur.",
        "description": "Le portail recense les aides nationales et locales : contrats aidés, aides à l'embauche de "
        "publics prioritaires, formation avant embauche… Pour une entreprise et un candidat donnés, il indique les "
        "aides possibles et les démarches à faire, puis permet d'enregistrer la demande.",
        "how_to_start": [
            "Saisissez le SIRET de l'entreprise et la situation du candidat.",
            "La liste des aides possibles s'affiche avec leurs conditions.",
            "Imprimez ou envoyez la synthèse à l'employeur.",
            "Enregistrez la demande pour suivre son traitement.",
        ],
        "related": ["tablette-rdv-entreprise", "prescription-services"],
        "faq": [
            (
                "Les montants sont-ils à jour ?",
                "Oui : ils sont mis à jour à chaque changement de réglementation. La date de dernière mise à jour "
                "figure en bas de chaque fiche.",
            )
        ],
    },
    {
        "slug": "prescription-services",
        "name": "Outil de prescription de services",
        "audience": ALL,
        "categories": ["aides-prestations", "accompagnement"],
        "tasks": ["prescrire", "suivre-de"],
        "status": GENERALISED,
        "days": 1600,
        "owner": "Direction de l'offre de services",
        "summary": "Pour inscrire une personne à un atelier, une prestation ou un accompagnement, et savoir si elle "
        "s'y est rendue.",
        "description": "L'outil propose les prestations disponibles près de chez l'usager (ateliers, "
        "accompagnements, services de partenaires) avec leurs dates et les places restantes. La prescription part "
        "directement chez le prestataire ; le conseiller voit ensuite si l'usager s'est présenté et lit le compte "
        "rendu.",
        "how_to_start": [
            "Depuis le dossier de l'usager, cliquez sur « Prescrire ».",
            "Filtrez par thème et par distance.",
            "Vérifiez les places restantes, puis validez.",
            "L'usager reçoit sa convocation dans son espace personnel.",
        ],
        "related": ["ateliers-collectifs", "catalogue-formations", "dossier-demandeur"],
        "faq": [],
    },
    {
        "slug": "evenements-recrutement",
        "name": "Gestion des événements de recrutement",
        "audience": EMPLOYERS,
        "categories": ["recrutement"],
        "tasks": ["evenement-recrutement"],
        "status": GENERALISED,
        "days": 1100,
        "owner": "Direction Entreprises",
        "summary": "Organiser un job dating, un forum ou une session de recrutement : inscriptions, invitations, "
        "présence et résultats.",
        "description": "L'outil suit un événement de bout en bout : création avec les entreprises participantes, "
        "invitation de candidats ciblés, inscriptions en ligne, pointage le jour même et bilan des recrutements. "
        "Les événements publiés apparaissent aussi sur le site public.",
        "how_to_start": [
            "Créez l'événement, puis ajoutez les entreprises et leurs postes.",
            "Ciblez les candidats avec la recherche de profils et invitez-les.",
            "Le jour même, pointez les présents depuis la tablette.",
            "Saisissez les recrutements dans les quinze jours pour le bilan.",
        ],
        "related": ["recherche-profils", "outil-mrs", "dialogue-entreprises"],
        "faq": [
            (
                "Un événement peut-il se faire entièrement en ligne ?",
                "Oui : choisissez le format « En ligne ». Les entretiens se font alors en vidéo et les candidats "
                "s'inscrivent à un créneau depuis leur espace.",
            )
        ],
    },
    {
        "slug": "outil-mrs",
        "name": "Recrutement par simulation",
        "acronym": "MRS",
        "audience": EMPLOYERS,
        "categories": ["recrutement"],
        "tasks": ["rechercher-candidats", "evenement-recrutement"],
        "status": GENERALISED,
        "days": 2000,
        "owner": "Direction Entreprises",
        "summary": "Pour organiser les sessions de la méthode de recrutement par simulation : exercices, "
        "convocations et résultats des candidats.",
        "description": "La méthode de recrutement par simulation évalue les candidats sur des exercices qui "
        "reproduisent le poste, sans tenir compte du diplôme ni de l'expérience. L'outil planifie les sessions, "
        "convoque les candidats et transmet les résultats au conseiller et à l'entreprise.",
        "how_to_start": [
            "Vérifiez avec l'entreprise que le poste se prête à la simulation.",
            "Créez la session depuis l'offre et choisissez les exercices.",
            "Invitez les candidats : la convocation part automatiquement.",
            "Les résultats arrivent dans l'offre sous 48 heures.",
        ],
        "related": ["evenements-recrutement", "recherche-profils", "suivi-offres"],
        "faq": [],
    },
    {
        "slug": "dossier-demandeur",
        "name": "Dossier du demandeur d'emploi",
        "acronym": "DUDE",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["suivre-de"],
        "status": GENERALISED,
        "days": 3200,
        "owner": "Direction de l'offre de services",
        "summary": "Le dossier de chaque demandeur d'emploi : situation, projet, démarches, rendez-vous et échanges, "
        "au même endroit.",
        "description": "Le dossier réunit l'inscription, le projet personnalisé, l'historique des entretiens, les "
        "prestations suivies et les échanges écrits. C'est le point de départ de chaque entretien : le conseiller y "
        "note les décisions prises et les prochaines étapes, que l'usager retrouve dans son espace personnel.",
        "how_to_start": [
            "Cherchez l'usager par son nom ou son identifiant.",
            "Commencez par la synthèse : situation, projet, dernières actions.",
            "Pendant l'entretien, notez les décisions dans « Plan d'action ».",
            "Terminez en fixant la prochaine étape et sa date.",
        ],
        "related": ["messagerie-securisee", "prescription-services", "suivi-ppae", "diagnostic-parcours"],
        "faq": [
            (
                "L'usager peut-il lire ce que j'écris ?",
                "Il voit le plan d'action et les prochaines étapes dans son espace. Écrivez-les comme si vous "
                "vous adressiez à lui, en langage clair.",
            )
        ],
    },
    {
        "slug": "diagnostic-parcours",
        "name": "Diagnostic de parcours",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["suivre-de"],
        "status": GENERALISED,
        "days": 1300,
        "owner": "Direction de l'offre de services",
        "summary": "Un questionnaire guidé pour faire le point avec le demandeur d'emploi sur ses atouts, ses freins "
        "et l'accompagnement qui lui convient.",
        "description": "Le diagnostic aide à structurer le premier entretien : projet professionnel, compétences, "
        "mobilité, santé, logement, aisance avec le numérique. Il propose ensuite un type d'accompagnement et des "
        "services adaptés, que le conseiller valide ou modifie avec l'usager.",
        "how_to_start": [
            "Lancez le diagnostic depuis le dossier, rubrique « Parcours ».",
            "Posez les questions dans l'ordre qui vous convient : rien n'est à faire d'un seul coup.",
            "Relisez la proposition d'accompagnement avec l'usager.",
            "Validez pour mettre à jour son projet personnalisé.",
        ],
        "related": ["dossier-demandeur", "suivi-ppae"],
        "faq": [],
    },
    {
        "slug": "suivi-ppae",
        "name": "Projet personnalisé en ligne",
        "acronym": "PPAE",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["suivre-de"],
        "status": GENERALISED,
        "days": 2900,
        "owner": "Direction de l'offre de services",
        "summary": "Pour rédiger et mettre à jour le projet personnalisé d'accès à l'emploi établi avec le demandeur "
        "d'emploi.",
        "description": "Le projet personnalisé fixe les métiers recherchés, la zone de recherche, le salaire attendu "
        "et les actions prévues. L'outil garde les versions successives, les envoie à l'usager dans son espace et "
        "rappelle au conseiller les projets à revoir.",
        "how_to_start": [
            "Ouvrez le projet depuis le dossier de l'usager.",
            "Choisissez les métiers avec l'aide des fiches métiers.",
            "Notez deux ou trois actions concrètes, datées.",
            "Envoyez le projet à l'usager pour qu'il le retrouve dans son espace.",
        ],
        "related": ["dossier-demandeur", "diagnostic-parcours", "fiches-rome"],
        "faq": [],
    },
    {
        "slug": "simulateur-droits",
        "name": "Simulateur d'indemnisation",
        "audience": JOB_SEEKERS,
        "categories": ["aides-prestations"],
        "tasks": ["informer-droits"],
        "status": GENERALISED,
        "days": 1200,
        "owner": "Direction de l'indemnisation",
        "summary": "Estimer avec un demandeur d'emploi le montant et la durée de son allocation, et l'effet d'une "
        "reprise d'emploi.",
        "description": "Le simulateur reprend les informations du dossier et permet de tester des situations : "
        "reprise d'un emploi à temps partiel, entrée en formation, création d'entreprise. Il donne une estimation, "
        "pas une décision : le calcul officiel reste celui du service indemnisation.",
        "how_to_start": [
            "Ouvrez le simulateur depuis le dossier : la situation actuelle est déjà remplie.",
            "Ajoutez la situation à tester (emploi repris, formation…).",
            "Montrez le résultat à l'usager en précisant qu'il s'agit d'une estimation.",
            "Pour un cas complexe, orientez vers un conseiller indemnisation.",
        ],
        "related": ["base-connaissances", "dossier-demandeur"],
        "faq": [
            (
                "Le montant affiché est-il garanti ?",
                "Non, c'est une estimation. Seule la notification envoyée après étude du dossier fait foi.",
            )
        ],
    },
    {
        "slug": "fiches-rome",
        "name": "Fiches métiers",
        "acronym": "ROME",
        "audience": ALL,
        "categories": ["accompagnement", "recrutement"],
        "tasks": ["rechercher-candidats", "suivre-de", "se-former"],
        "status": GENERALISED,
        "days": 2800,
        "owner": "Direction de l'offre de services",
        "summary": "La description de chaque métier : activités, compétences, accès, et les métiers proches vers "
        "lesquels se reconvertir.",
        "description": "Les fiches métiers s'appuient sur le répertoire national des métiers. Elles aident à "
        "rédiger une offre avec les bons mots, à élargir une recherche de candidats aux métiers proches et à "
        "construire un projet de reconversion à partir des compétences déjà acquises.",
        "how_to_start": [
            "Tapez un métier avec vos mots : l'outil trouve la fiche correspondante.",
            "Regardez l'onglet « Compétences » pour rédiger une offre ou un CV.",
            "L'onglet « Métiers proches » propose des pistes de mobilité.",
        ],
        "related": ["recherche-profils", "suivi-ppae", "assistant-redaction"],
        "faq": [],
    },
    {
        "slug": "catalogue-formations",
        "name": "Catalogue des formations",
        "audience": JOB_SEEKERS,
        "categories": ["formation", "aides-prestations"],
        "tasks": ["prescrire", "suivre-de"],
        "status": GENERALISED,
        "days": 2100,
        "owner": "Direction de l'offre de services",
        "summary": "Rechercher une formation par métier, lieu et date, avec les places disponibles et les "
        "financements possibles.",
        "description": "Le catalogue recense les formations financées ou cofinancées sur le territoire. Pour chaque "
        "session : dates, lieu, prérequis, places restantes et modes de financement. Le conseiller peut "
        "positionner un demandeur d'emploi sur une session et suivre la réponse de l'organisme.",
        "how_to_start": [
            "Cherchez par métier visé et par distance.",
            "Filtrez sur « Places disponibles » et « Financement possible ».",
            "Positionnez l'usager sur la session choisie.",
            "Suivez la réponse de l'organisme dans le dossier.",
        ],
        "related": ["demande-aif", "prescription-services"],
        "faq": [],
    },
    {
        "slug": "demande-aif",
        "name": "Demande d'aide individuelle à la formation",
        "acronym": "AIF",
        "audience": JOB_SEEKERS,
        "categories": ["aides-prestations", "formation"],
        "tasks": ["prescrire"],
        "status": GENERALISED,
        "days": 2300,
        "owner": "Direction de l'offre de services",
        "summary": "Monter et suivre une demande de financement pour une formation qui n'est pas déjà financée.",
        "description": "Quand une formation utile au projet n'est pas dans les achats collectifs, l'aide "
        "individuelle peut la financer en tout ou partie. L'outil guide la saisie (devis de l'organisme, lien avec "
        "le projet, autres financements), puis suit la décision.",
        "how_to_start": [
            "Demandez à l'usager le devis de l'organisme de formation.",
            "Vérifiez d'abord ses droits au compte personnel de formation.",
            "Saisissez la demande en expliquant le lien avec le projet.",
            "Suivez la décision dans l'onglet « Financements ».",
        ],
        "related": ["catalogue-formations"],
        "faq": [],
    },
    {
        "slug": "immersion-pro",
        "name": "Immersions professionnelles",
        "acronym": "PMSMP",
        "audience": ALL,
        "categories": ["aides-prestations", "relation-entreprises"],
        "tasks": ["prescrire", "echanger-entreprise"],
        "status": GENERALISED,
        "days": 1000,
        "owner": "Direction de l'offre de services",
        "summary": "Préparer, signer et suivre une immersion : quelques jours en entreprise pour découvrir un "
        "métier ou confirmer un projet.",
        "description": "L'outil rédige la convention d'immersion entre la personne, l'entreprise d'accueil et "
        "France Travail, la fait signer en ligne et recueille le bilan à la fin. Il sert aussi bien au conseiller "
        "qui suit un demandeur d'emploi qu'au conseiller entreprise qui cherche des lieux d'accueil.",
        "how_to_start": [
            "Créez la convention depuis le dossier de la personne ou la fiche de l'entreprise.",
            "Précisez le métier découvert, les dates et le tuteur.",
            "Envoyez la convention à signer : chacun signe en ligne.",
            "À la fin, remplissez le bilan avec la personne.",
        ],
        "related": ["signature-electronique", "dialogue-entreprises"],
        "faq": [],
    },
    {
        "slug": "plateforme-formation-interne",
        "name": "Plateforme de formation interne",
        "audience": ALL,
        "categories": ["formation"],
        "tasks": ["se-former"],
        "status": GENERALISED,
        "days": 2500,
        "owner": "Direction de la formation",
        "summary": "Les formations en ligne des agents : modules courts, classes virtuelles, parcours métier et "
        "attestations.",
        "description": "La plateforme regroupe les modules en ligne, les inscriptions aux classes virtuelles et les "
        "attestations de formation. Chaque nouvel outil y publie un module de prise en main ; les plus courts "
        "durent moins d'un quart d'heure.",
        "how_to_start": [
            "Connectez-vous depuis l'intranet, rubrique « Me former ».",
            "Filtrez les modules par durée : commencez par les plus courts.",
            "Inscrivez-vous aux classes virtuelles depuis l'onglet « Sessions ».",
        ],
        "related": ["intranet", "base-connaissances"],
        "faq": [],
    },
    {
        "slug": "intranet",
        "name": "Intranet national",
        "audience": ALL,
        "categories": ["communication"],
        "tasks": ["se-former", "travailler-equipe"],
        "status": GENERALISED,
        "days": 3600,
        "owner": "Direction de la communication",
        "summary": "Les actualités de l'établissement, les notes de service et l'annuaire des agents.",
        "description": "L'intranet publie les actualités nationales et régionales, les notes et instructions, "
        "l'annuaire et les pages des directions. C'est aussi la porte d'entrée vers la plupart des applicatifs.",
        "how_to_start": [
            "Personnalisez votre page d'accueil avec vos raccourcis.",
            "Abonnez-vous aux actualités de votre région.",
            "Utilisez l'annuaire pour trouver un interlocuteur dans une autre direction.",
        ],
        "related": ["reseau-social-interne", "plateforme-formation-interne"],
        "faq": [],
    },
    {
        "slug": "base-connaissances",
        "name": "Base de connaissances réglementaire",
        "audience": ALL,
        "categories": ["formation"],
        "tasks": ["se-former", "informer-droits"],
        "status": GENERALISED,
        "days": 2000,
        "owner": "Direction de la réglementation",
        "summary": "Les règles à jour (indemnisation, aides, contrats) expliquées par fiches courtes, avec des "
        "exemples.",
        "description": "La base de connaissances répond aux questions réglementaires de tous les jours par des "
        "fiches courtes, mises à jour à chaque changement de texte. Chaque fiche donne la règle, des exemples "
        "chiffrés et la conduite à tenir.",
        "how_to_start": [
            "Tapez votre question en langage courant dans la recherche.",
            "Vérifiez la date de mise à jour en haut de la fiche.",
            "Ajoutez en favoris les fiches que vous consultez souvent.",
        ],
        "related": ["simulateur-droits", "reseau-social-interne"],
        "faq": [],
    },
    {
        "slug": "suivi-activite",
        "name": "Tableau de bord d'activité",
        "audience": MANAGERS,
        "categories": ["pilotage"],
        "tasks": ["piloter"],
        "status": GENERALISED,
        "days": 1500,
        "owner": "Direction de la performance",
        "summary": "Les indicateurs de l'agence chaque semaine : entretiens, offres, retours à l'emploi, délais.",
        "description": "Le tableau de bord rassemble les indicateurs de l'agence et les compare au territoire. Il "
        "sert à préparer les réunions d'équipe et à repérer ce qui demande une action. Les chiffres sont présentés "
        "par équipe, jamais par agent.",
        "how_to_start": [
            "Choisissez votre agence et la période.",
            "Commencez par l'onglet « Points d'attention ».",
            "Exportez une vue en PDF pour la réunion d'équipe.",
        ],
        "related": ["barometre-satisfaction", "bilan-carbone-agence", "planning-agence"],
        "faq": [],
    },
    {
        "slug": "planning-agence",
        "name": "Planning de l'agence",
        "audience": MANAGERS,
        "categories": ["pilotage"],
        "tasks": ["gerer-agence", "planifier-rdv"],
        "status": GENERALISED,
        "days": 1800,
        "owner": "Direction du réseau",
        "summary": "Organiser l'accueil, les permanences et les absences de l'équipe sur la semaine.",
        "description": "Le planning répartit les postes d'accueil, les permanences téléphoniques et les ateliers "
        "en tenant compte des absences connues. Les agents voient leur propre planning dans l'agenda partagé.",
        "how_to_start": [
            "Partez du modèle de semaine type de l'agence.",
            "Vérifiez les absences importées depuis l'outil RH.",
            "Publiez le planning : chaque agent le voit dans son agenda.",
        ],
        "related": ["agenda-partage", "suivi-activite"],
        "faq": [],
    },
    {
        "slug": "barometre-satisfaction",
        "name": "Baromètre de satisfaction",
        "audience": MANAGERS,
        "categories": ["pilotage"],
        "tasks": ["piloter"],
        "status": GENERALISED,
        "days": 1250,
        "owner": "Direction de la performance",
        "summary": "Ce que pensent les demandeurs d'emploi et les entreprises du service rendu par l'agence.",
        "description": "Chaque trimestre, des usagers de l'agence répondent à une courte enquête. Le baromètre "
        "présente les résultats, leur évolution et les commentaires libres, pour choisir des actions "
        "d'amélioration avec l'équipe.",
        "how_to_start": [
            "Ouvrez le dernier trimestre et comparez-le au précédent.",
            "Lisez les commentaires libres : ils disent souvent le plus.",
            "Partagez deux ou trois enseignements en réunion d'équipe.",
        ],
        "related": ["suivi-activite"],
        "faq": [],
    },
    {
        "slug": "suite-bureautique",
        "name": "Suite bureautique en ligne",
        "audience": ALL,
        "categories": ["bureautique"],
        "tasks": ["travailler-equipe"],
        "status": GENERALISED,
        "days": 950,
        "owner": "DSI",
        "summary": "Traitement de texte, tableur et présentations dans le navigateur, pour écrire à plusieurs sur "
        "le même document.",
        "description": "La suite bureautique en ligne permet de travailler à plusieurs sur le même document, sans "
        "s'envoyer des versions par messagerie. Les documents sont enregistrés automatiquement dans l'espace "
        "documentaire de l'équipe.",
        "how_to_start": [
            "Créez un document depuis l'espace de votre équipe plutôt que sur votre poste.",
            "Partagez-le avec le bouton « Partager », pas par pièce jointe.",
            "Utilisez les commentaires pour relire à plusieurs.",
        ],
        "related": ["espace-documentaire", "agenda-partage"],
        "faq": [],
    },
    {
        "slug": "espace-documentaire",
        "name": "Espace documentaire partagé",
        "audience": ALL,
        "categories": ["bureautique"],
        "tasks": ["travailler-equipe"],
        "status": GENERALISED,
        "days": 1350,
        "owner": "DSI",
        "summary": "Les dossiers partagés de l'agence et des équipes : modèles de courriers, supports d'ateliers, "
        "procédures.",
        "description": "L'espace documentaire remplace les anciens lecteurs réseau. Chaque équipe a son espace, "
        "avec des droits gérés par le manager. Les modèles et supports validés y sont rangés au même endroit "
        "pour toute l'agence.",
        "how_to_start": [
            "Ajoutez l'espace de votre équipe à vos favoris.",
            "Cherchez un modèle avant d'en créer un nouveau.",
            "Rangez les documents d'usagers dans leur dossier, jamais ici.",
        ],
        "related": ["suite-bureautique"],
        "faq": [],
    },
    {
        "slug": "assistance-informatique",
        "name": "Assistance informatique",
        "audience": ALL,
        "categories": ["bureautique"],
        "tasks": ["travailler-equipe"],
        "status": GENERALISED,
        "days": 2700,
        "owner": "DSI",
        "summary": "Déclarer une panne, demander un accès à un applicatif et suivre sa demande.",
        "description": "Le portail d'assistance enregistre les demandes (panne, accès, matériel) et indique leur "
        "avancement. Les réponses aux problèmes les plus courants y sont proposées dès la saisie.",
        "how_to_start": [
            "Décrivez le problème en une phrase et joignez une capture d'écran.",
            "Regardez les solutions proposées avant d'envoyer.",
            "Suivez votre demande dans « Mes demandes ».",
        ],
        "related": ["intranet"],
        "faq": [
            (
                "Comment obtenir l'accès à un nouvel applicatif ?",
                "Faites une demande d'accès dans le portail : elle est validée par votre manager, puis traitée en "
                "général sous deux jours ouvrés.",
            )
        ],
    },
    {
        "slug": "telephonie",
        "name": "Téléphonie sur ordinateur",
        "audience": ALL,
        "categories": ["communication"],
        "tasks": ["echanger-entreprise", "suivre-de"],
        "status": GENERALISED,
        "days": 1150,
        "owner": "DSI",
        "summary": "Appeler et recevoir des appels depuis l'ordinateur avec un casque, et transférer un appel à un "
        "collègue.",
        "description": "La téléphonie sur ordinateur remplace le poste fixe. Elle affiche qui appelle, garde "
        "l'historique des appels et permet de transférer un appel ou de rejoindre une file d'attente de "
        "l'agence.",
        "how_to_start": [
            "Branchez le casque avant d'ouvrir l'application.",
            "Indiquez votre statut (disponible, en entretien) pour les transferts.",
            "Retrouvez les appels manqués dans l'historique.",
        ],
        "related": ["dialogue-entreprises", "agenda-partage"],
        "faq": [],
    },
    {
        "slug": "signature-electronique",
        "name": "Signature électronique",
        "audience": ALL,
        "categories": ["bureautique", "aides-prestations"],
        "tasks": ["prescrire", "echanger-entreprise"],
        "status": GENERALISED,
        "days": 20,
        "owner": "DSI",
        "summary": "Faire signer en ligne une convention, une demande d'aide ou un engagement, sans imprimer ni "
        "scanner.",
        "description": "La signature électronique envoie un document à signer par SMS ou par e-mail à chaque "
        "signataire, puis range le document signé dans le bon dossier. Elle remplace l'impression, la signature "
        "à la main et le scan, aussi bien en agence qu'en visite d'entreprise.",
        "how_to_start": [
            "Depuis le document à faire signer, cliquez sur « Envoyer pour signature ».",
            "Vérifiez le numéro de téléphone de chaque signataire.",
            "Suivez les signatures dans l'onglet « En attente ».",
            "Le document signé est rangé tout seul dans le dossier.",
        ],
        "related": ["immersion-pro", "tablette-rdv-entreprise"],
        "faq": [
            (
                "Le signataire n'a pas reçu le code par SMS : que faire ?",
                "Vérifiez son numéro, puis cliquez sur « Renvoyer le code ». Si le problème continue, choisissez "
                "l'envoi du code par e-mail.",
            )
        ],
    },
    {
        "slug": "assistant-redaction",
        "name": "Assistant de rédaction d'offres",
        "audience": EMPLOYERS,
        "categories": ["recrutement"],
        "tasks": ["publier-offre"],
        "status": PILOT,
        "days": 8,
        "owner": "Direction Entreprises",
        "summary": "Une aide pour rédiger une offre d'emploi claire et attractive, à partir de quelques mots du "
        "recruteur.",
        "description": "En test dans les agences du Rhône, l'assistant propose un texte d'offre à partir du métier, "
        "des conditions et de ce que le recruteur a dit. Il signale les mentions à éviter et suggère les "
        "compétences de la fiche métier. Le conseiller relit, corrige et reste responsable du texte publié.",
        "how_to_start": [
            "Depuis une offre en cours de saisie, cliquez sur « Proposer un texte ».",
            "Complétez les trois questions sur le poste et l'entreprise.",
            "Relisez la proposition et corrigez-la avec le recruteur.",
            "Donnez votre avis avec le pouce : l'outil est en test.",
        ],
        "related": ["suivi-offres", "fiches-rome"],
        "faq": [
            (
                "Puis-je publier le texte proposé tel quel ?",
                "Non : relisez toujours. Le texte est une proposition ; vous restez responsable de ce qui est publié "
                "et le recruteur doit le valider.",
            )
        ],
    },
    {
        "slug": "potentiel-embauche",
        "name": "Potentiel d'embauche des entreprises",
        "audience": EMPLOYERS,
        "categories": ["relation-entreprises"],
        "tasks": ["echanger-entreprise", "rechercher-candidats"],
        "status": PILOT,
        "days": 240,
        "owner": "Direction Entreprises",
        "summary": "Repérer les entreprises du secteur susceptibles de recruter bientôt, pour préparer la "
        "prospection.",
        "description": "L'outil croise les recrutements passés, l'activité économique et les offres publiées pour "
        "estimer les entreprises qui vont probablement recruter dans les prochains mois. Le conseiller s'en sert "
        "pour choisir les entreprises à appeler ou à visiter.",
        "how_to_start": [
            "Choisissez votre zone et les métiers qui vous intéressent.",
            "Triez la liste par « Probabilité de recrutement ».",
            "Ajoutez les entreprises retenues à votre plan de prospection.",
        ],
        "related": ["dialogue-entreprises"],
        "faq": [],
    },
    {
        "slug": "mise-en-relation",
        "name": "Mise en relation",
        "audience": EMPLOYERS,
        "categories": ["recrutement"],
        "tasks": ["rechercher-candidats", "publier-offre"],
        "status": GENERALISED,
        "days": 2300,
        "owner": "Direction Entreprises",
        "summary": "Proposer un candidat sur une offre et suivre la réponse de l'entreprise.",
        "description": "La mise en relation enregistre qu'un candidat a été proposé sur une offre, prévient le "
        "candidat et l'entreprise, puis recueille le résultat : entretien, embauche ou refus motivé.",
        "how_to_start": [
            "Depuis l'offre ou le profil, cliquez sur « Mettre en relation ».",
            "Ajoutez un mot pour l'entreprise : pourquoi ce candidat.",
            "Relancez l'entreprise si le résultat n'est pas saisi sous dix jours.",
        ],
        "related": ["suivi-offres", "recherche-profils"],
        "faq": [],
    },
    {
        "slug": "suivi-cej",
        "name": "Suivi du contrat d'engagement jeune",
        "acronym": "CEJ",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["suivre-de", "planifier-rdv"],
        "status": GENERALISED,
        "days": 1700,
        "owner": "Direction de l'offre de services",
        "summary": "Suivre le programme de chaque jeune en contrat d'engagement : heures d'activité, rendez-vous, "
        "allocation.",
        "description": "L'outil tient le programme hebdomadaire du jeune, compte les heures d'activité et prépare "
        "les éléments de l'allocation. Le jeune suit son programme sur une application mobile dédiée.",
        "how_to_start": [
            "Ouvrez la liste « Mes jeunes » pour voir les programmes de la semaine.",
            "Ajoutez les activités prévues avec leur durée.",
            "Vérifiez les heures réalisées avant la fin du mois.",
        ],
        "related": ["dossier-demandeur", "agenda-partage"],
        "faq": [],
    },
    {
        "slug": "rdv-en-ligne",
        "name": "Rendez-vous en ligne",
        "audience": ALL,
        "categories": ["accompagnement", "communication"],
        "tasks": ["planifier-rdv"],
        "status": PILOT,
        "days": 33,
        "owner": "DSI",
        "summary": "Les usagers réservent eux-mêmes un créneau avec leur conseiller, en agence, par téléphone ou en "
        "vidéo.",
        "description": "Le conseiller ouvre des créneaux dans son agenda ; les demandeurs d'emploi et les "
        "entreprises les réservent depuis leur espace ou l'application. Les rappels partent automatiquement la "
        "veille, ce qui réduit les rendez-vous manqués. Il remplace l'ancien module de rendez-vous téléphonique.",
        "how_to_start": [
            "Dans l'agenda, créez une plage « Ouverte à la réservation ».",
            "Choisissez les types d'entretien proposés (agence, téléphone, vidéo).",
            "Vérifiez le lendemain les réservations reçues.",
            "Présentez le service aux usagers lors de votre prochain entretien.",
        ],
        "related": ["agenda-partage", "visio-conseil", "rdv-telephonique"],
        "faq": [
            (
                "Puis-je limiter le nombre de réservations par jour ?",
                "Oui, dans les réglages de la plage : nombre maximum de rendez-vous et délai minimum avant "
                "réservation.",
            )
        ],
    },
    {
        "slug": "ateliers-collectifs",
        "name": "Gestion des ateliers collectifs",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["planifier-rdv", "suivre-de"],
        "status": GENERALISED,
        "days": 1600,
        "owner": "Direction de l'offre de services",
        "summary": "Programmer les ateliers de l'agence (CV, entretien d'embauche, numérique), inscrire les "
        "participants et noter leur présence.",
        "description": "L'outil publie le calendrier des ateliers de l'agence, gère les inscriptions faites par les "
        "conseillers ou par les usagers eux-mêmes, et garde la trace de la participation dans le dossier de "
        "chacun.",
        "how_to_start": [
            "Créez l'atelier à partir d'un modèle existant.",
            "Ouvrez-le à l'inscription en ligne si vous le souhaitez.",
            "Le jour même, notez les présents.",
        ],
        "related": ["prescription-services", "agenda-partage"],
        "faq": [],
    },
    {
        "slug": "traduction-instantanee",
        "name": "Traduction instantanée",
        "audience": ALL,
        "categories": ["communication"],
        "tasks": ["suivre-de", "echanger-entreprise"],
        "status": PILOT,
        "days": 54,
        "owner": "DSI",
        "summary": "Traduire à l'écran ou à voix haute un échange avec une personne qui parle peu le français.",
        "description": "En test dans quelques agences, l'outil traduit en direct ce que disent le conseiller et "
        "l'usager, dans une trentaine de langues. Il aide pour l'accueil et les démarches simples ; pour un "
        "entretien important, un interprète reste préférable.",
        "how_to_start": [
            "Ouvrez l'outil sur le poste ou la tablette et choisissez la langue.",
            "Parlez par phrases courtes et vérifiez la traduction affichée.",
            "Ne dictez aucune donnée personnelle (numéro, adresse).",
        ],
        "related": ["visio-conseil"],
        "faq": [],
    },
    {
        "slug": "co-navigation",
        "name": "Co-navigation",
        "audience": ALL,
        "categories": ["accompagnement", "communication"],
        "tasks": ["suivre-de", "echanger-entreprise"],
        "status": PILOT,
        "days": 150,
        "owner": "DSI",
        "summary": "Voir l'écran de l'usager, avec son accord, pour le guider pas à pas dans son espace en ligne.",
        "description": "Pendant un appel, l'usager partage son navigateur avec le conseiller, qui voit ce qu'il "
        "voit et peut lui montrer où cliquer. C'est l'outil pour rendre les personnes autonomes sur leurs "
        "démarches en ligne, plutôt que de les faire à leur place.",
        "how_to_start": [
            "Pendant l'appel, demandez l'accord de l'usager.",
            "Donnez-lui le code à six chiffres affiché à l'écran.",
            "Guidez-le en lui laissant faire les clics lui-même.",
        ],
        "related": ["visio-conseil", "telephonie"],
        "faq": [],
    },
    # Retired tools: kept in the catalogue so that agents find where their old habits went.
    {
        "slug": "rdv-telephonique",
        "name": "Rendez-vous téléphonique (ancien module)",
        "audience": ALL,
        "categories": ["accompagnement"],
        "tasks": ["planifier-rdv"],
        "status": RETIRED,
        "days": 3300,
        "owner": "DSI",
        "summary": "L'ancien module de prise de rendez-vous téléphonique, remplacé par « Rendez-vous en ligne ».",
        "description": "Ce module n'est plus disponible. Les rendez-vous téléphoniques se posent désormais dans "
        "« Rendez-vous en ligne », qui gère aussi les entretiens en agence et en vidéo.",
        "how_to_start": ["Utilisez « Rendez-vous en ligne » à la place."],
        "related": ["rdv-en-ligne"],
        "faq": [],
    },
    {
        "slug": "annuaire-entreprises-local",
        "name": "Annuaire local des entreprises",
        "audience": EMPLOYERS,
        "categories": ["relation-entreprises"],
        "tasks": ["echanger-entreprise"],
        "status": RETIRED,
        "days": 4100,
        "owner": "Direction Entreprises",
        "summary": "L'ancien fichier des entreprises tenu par chaque agence, remplacé par Dialogue Entreprises.",
        "description": "Cet annuaire n'est plus alimenté. Ses fiches ont été reprises dans Dialogue Entreprises.",
        "how_to_start": ["Utilisez Dialogue Entreprises à la place."],
        "related": ["dialogue-entreprises"],
        "faq": [],
    },
    {
        "slug": "messagerie-instantanee-v1",
        "name": "Messagerie instantanée (ancienne version)",
        "audience": ALL,
        "categories": ["communication"],
        "tasks": ["travailler-equipe"],
        "status": RETIRED,
        "days": 3800,
        "owner": "DSI",
        "summary": "L'ancienne messagerie instantanée entre agents, remplacée par les discussions du réseau social "
        "interne.",
        "description": "Cette messagerie a été arrêtée. Les discussions entre collègues se font dans le réseau "
        "social interne et dans la suite bureautique.",
        "how_to_start": ["Utilisez les discussions du réseau social interne."],
        "related": ["reseau-social-interne"],
        "faq": [],
    },
]

# The documented champion (referent@ere.demo) looks after these tools, one of them just launched.
REFERENT_TOOLS = ["dialogue-entreprises", "tablette-rdv-entreprise", "assistant-redaction", "visio-conseil"]

# Announcements. Each launch is published on the tool's launch date; the others `days` before today.
TOOL_UPDATES = [
    {
        "tool": "assistant-redaction",
        "kind": UpdateKind.LAUNCH,
        "title": "Nouveau : un assistant pour rédiger les offres d'emploi",
        "body": "Les agences du Rhône testent un assistant qui propose un texte d'offre à partir de quelques mots "
        "du recruteur. Votre avis compte : notez chaque proposition avec le pouce.",
        "author": "formateur@ere.demo",
    },
    {
        "tool": "signature-electronique",
        "kind": UpdateKind.LAUNCH,
        "title": "La signature électronique arrive dans toutes les agences",
        "body": "Conventions d'immersion, demandes d'aide, engagements : tout peut désormais se signer en ligne, en "
        "agence comme en visite d'entreprise. Plus besoin d'imprimer ni de scanner.",
        "author": "manager.dt@ere.demo",
    },
    {
        "tool": "rdv-en-ligne",
        "kind": UpdateKind.LAUNCH,
        "title": "Rendez-vous en ligne : les usagers réservent eux-mêmes",
        "body": "Ouvrez des créneaux dans votre agenda : demandeurs d'emploi et entreprises les réservent depuis "
        "leur espace. Les rappels partent automatiquement la veille.",
        "author": "formateur@ere.demo",
    },
    {
        "tool": "bilan-carbone-agence",
        "kind": UpdateKind.LAUNCH,
        "title": "Bilan carbone : six agences pilotes suivent leur empreinte",
        "body": "Les équipes de direction des agences pilotes voient chaque mois l'empreinte carbone de leur site "
        "et l'effet des actions choisies.",
        "author": "manager.dt@ere.demo",
    },
    {
        "tool": "traduction-instantanee",
        "kind": UpdateKind.LAUNCH,
        "title": "Test : la traduction instantanée à l'accueil",
        "body": "Quelques agences testent un outil de traduction en direct pour l'accueil des personnes qui parlent "
        "peu le français.",
        "author": "formateur@ere.demo",
    },
    {
        "tool": "dialogue-entreprises",
        "kind": UpdateKind.CHANGE,
        "days": 3,
        "title": "Dialogue Entreprises : une nouvelle vue « Mes relances »",
        "body": "Les relances prévues s'affichent maintenant sur une seule page, triées par date. Un clic ouvre la "
        "fiche de l'entreprise.",
        "author": "manager.dt@ere.demo",
    },
    {
        "tool": "visio-conseil",
        "kind": UpdateKind.CHANGE,
        "days": 10,
        "title": "Visio Conseil : partage d'écran depuis la tablette",
        "body": "Vous pouvez maintenant partager l'écran de la tablette pendant un entretien en vidéo, par exemple "
        "pour montrer une offre à un recruteur.",
        "author": "manager.dt@ere.demo",
    },
    {
        "tool": "dossier-demandeur",
        "kind": UpdateKind.CHANGE,
        "days": 16,
        "title": "Dossier du demandeur d'emploi : la synthèse passe en haut",
        "body": "La situation, le projet et les trois dernières actions s'affichent en tête du dossier, pour "
        "préparer un entretien en un coup d'œil.",
        "author": "manager.dt@ere.demo",
    },
    {
        "tool": "suivi-offres",
        "kind": UpdateKind.CHANGE,
        "days": 27,
        "title": "Offres d'emploi : le contrôle automatique va plus vite",
        "body": "Les offres déposées par les recruteurs arrivent désormais dans « À valider » en quelques minutes.",
        "author": "manager.dt@ere.demo",
    },
    {
        "tool": "recherche-profils",
        "kind": UpdateKind.CHANGE,
        "days": 41,
        "title": "Recherche de profils : un filtre par compétences",
        "body": "Cherchez des candidats par compétence, et pas seulement par métier, pour trouver des profils venus "
        "d'autres secteurs.",
        "author": "manager.dt@ere.demo",
    },
    {
        "tool": "suivi-activite",
        "kind": UpdateKind.CHANGE,
        "days": 50,
        "title": "Tableau de bord : export en PDF pour la réunion d'équipe",
        "body": "Chaque vue du tableau de bord s'exporte maintenant en PDF d'une page.",
        "author": "manager.dt@ere.demo",
    },
    {
        "tool": "rdv-telephonique",
        "kind": UpdateKind.RETIREMENT,
        "days": 12,
        "title": "Fin de l'ancien module de rendez-vous téléphonique",
        "body": "Le module est arrêté. Les rendez-vous téléphoniques se posent désormais dans « Rendez-vous en "
        "ligne ». Les rendez-vous déjà pris ont été repris automatiquement.",
        "author": "manager.dt@ere.demo",
    },
    # Older announcements, outside the « Nouveautés » window: they make the tool pages' history meaningful.
    {
        "tool": "agenda-partage",
        "kind": UpdateKind.CHANGE,
        "days": 95,
        "title": "Agenda partagé : réservation des salles",
        "body": "Les salles de l'agence se réservent désormais comme un participant au rendez-vous.",
        "author": "manager.dt@ere.demo",
    },
    {
        "tool": "tablette-rdv-entreprise",
        "kind": UpdateKind.CHANGE,
        "days": 130,
        "title": "Tablette : le mode hors connexion",
        "body": "La fiche entreprise et la saisie d'offre fonctionnent sans réseau ; l'envoi se fait au retour de "
        "la connexion.",
        "author": "manager.dt@ere.demo",
    },
]
