"""Demo catalogue, part 2: the public digital offers and the glossary of acronyms.

Offers describe France Travail's public digital services by what they do, with fictitious addresses. Glossary entries
are real acronyms of the field with their real meaning; an acronym we were not sure of was left out.
"""

from ere.catalog.enums import OfferAudience, ResourceKind, Status

ALL, EMPLOYERS, JOB_SEEKERS = OfferAudience.ALL, OfferAudience.EMPLOYERS, OfferAudience.JOB_SEEKERS
PILOT, GENERALISED = Status.PILOT, Status.GENERALISED
LINK, DOCUMENT, VIDEO, FAQ = ResourceKind.LINK, ResourceKind.DOCUMENT, ResourceKind.VIDEO, ResourceKind.FAQ

# `resources` lists (kind, title, answer): the answer is for questions (FAQ) only; the other resources get a
# fictitious address built from their title.
OFFERS = [
    {
        "slug": "espace-recruteur",
        "name": "Espace recruteur",
        "audience": EMPLOYERS,
        "categories": ["recrutement", "relation-entreprises"],
        "tasks": ["publier-offre", "rechercher-candidats"],
        "days": 2600,
        "owner": "Direction Entreprises",
        "summary": "L'espace en ligne des entreprises pour déposer une offre d'emploi, recevoir des candidatures et "
        "suivre leurs recrutements.",
        "description": "Le recruteur crée son espace avec le numéro SIRET de son entreprise. Il y dépose ses offres, "
        "reçoit et trie les candidatures, contacte les candidats et retrouve son conseiller. Une offre déposée ici "
        "est publiée après un contrôle rapide.",
        "related": ["suivi-offres", "assistant-redaction", "mise-en-relation"],
        "resources": [
            (VIDEO, "Déposer une offre en cinq minutes (vidéo pour l'employeur)", ""),
            (DOCUMENT, "Fiche à remettre au recruteur : créer son espace", ""),
        ],
    },
    {
        "slug": "entreprises-qui-recrutent",
        "name": "Trouver les entreprises qui recrutent",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["suivre-de"],
        "days": 2900,
        "owner": "Direction de l'offre de services",
        "summary": "Un service qui repère les entreprises susceptibles d'embaucher dans un métier et une ville, pour "
        "leur envoyer une candidature spontanée.",
        "description": "À partir des embauches passées, le service classe les entreprises selon leurs chances de "
        "recruter prochainement dans le métier cherché. La personne peut ainsi cibler ses candidatures spontanées au "
        "lieu d'attendre qu'une offre paraisse.",
        "related": ["potentiel-embauche", "fiches-rome"],
    },
    {
        "slug": "dpae-en-ligne",
        "name": "Déclaration préalable à l'embauche en ligne",
        "acronym": "DPAE",
        "audience": EMPLOYERS,
        "categories": ["relation-entreprises"],
        "tasks": ["echanger-entreprise"],
        "days": 3100,
        "owner": "Direction Entreprises",
        "summary": "Déclarer en ligne l'embauche d'un salarié, dans les huit jours qui précèdent son arrivée et au "
        "plus tard avant sa prise de poste.",
        "description": "Toute embauche doit être déclarée avant que le salarié commence à travailler. La "
        "déclaration en ligne prend quelques minutes et donne un accusé de réception immédiat. Le conseiller peut "
        "montrer la démarche au dirigeant d'une petite entreprise pour qu'il la fasse seul la fois suivante.",
        "related": ["tablette-rdv-entreprise"],
        "resources": [
            (
                FAQ,
                "Qui doit faire la déclaration préalable à l'embauche ?",
                "L'employeur, pour chaque salarié embauché, quel que soit le contrat. Le conseiller peut lui montrer "
                "la démarche, mais c'est l'employeur qui déclare.",
            ),
            (LINK, "Pas à pas : déclarer une embauche en ligne", ""),
        ],
    },
    {
        "slug": "simulateur-aides-embauche",
        "name": "Simulateur d'aides à l'embauche",
        "audience": EMPLOYERS,
        "categories": ["aides-prestations"],
        "tasks": ["prescrire", "echanger-entreprise"],
        "days": 1500,
        "owner": "Direction de l'offre de services",
        "summary": "En quelques questions, l'employeur découvre les aides auxquelles il peut prétendre pour un "
        "recrutement.",
        "description": "Le simulateur pose des questions simples sur l'entreprise, le poste et la personne "
        "recrutée, puis liste les aides possibles avec leur montant indicatif et la démarche à suivre.",
        "related": ["portail-aides-embauche"],
        "resources": [
            (
                FAQ,
                "Le résultat du simulateur vaut-il accord ?",
                "Non. Il indique les aides possibles ; l'accord dépend de l'étude de la demande.",
            )
        ],
    },
    {
        "slug": "mrs",
        "name": "Méthode de recrutement par simulation",
        "acronym": "MRS",
        "audience": EMPLOYERS,
        "categories": ["recrutement"],
        "tasks": ["rechercher-candidats", "evenement-recrutement"],
        "days": 3400,
        "owner": "Direction Entreprises",
        "summary": "Recruter sur les habiletés plutôt que sur le CV : les candidats passent des exercices qui "
        "reproduisent le poste.",
        "description": "La méthode élargit les recrutements à des personnes sans diplôme ni expérience du métier. "
        "Elle convient bien quand une entreprise a plusieurs postes à pourvoir et peine à trouver des candidats "
        "expérimentés.",
        "related": ["outil-mrs"],
        "resources": [
            (VIDEO, "Une session de recrutement par simulation en trois minutes", ""),
            (
                FAQ,
                "Quels postes se prêtent à la simulation ?",
                "Surtout les postes accessibles sans diplôme où les gestes et l'organisation comptent : logistique, "
                "industrie, relation client, aide à domicile…",
            ),
        ],
    },
    {
        "slug": "immersion-facilitee",
        "name": "Immersion facilitée",
        "acronym": "PMSMP",
        "audience": ALL,
        "categories": ["aides-prestations", "relation-entreprises"],
        "tasks": ["prescrire", "echanger-entreprise"],
        "days": 1200,
        "owner": "Direction de l'offre de services",
        "summary": "Une personne passe quelques jours dans une entreprise pour découvrir un métier ; l'entreprise "
        "fait connaissance avec un futur candidat.",
        "description": "La personne, l'entreprise d'accueil et le conseiller signent une convention en ligne. "
        "L'immersion dure en général de quelques jours à deux semaines et se termine par un bilan. L'entreprise peut "
        "aussi proposer elle-même d'accueillir des personnes.",
        "related": ["immersion-pro"],
        "resources": [
            (DOCUMENT, "Convention d'immersion : mode d'emploi", ""),
            (
                FAQ,
                "La personne en immersion est-elle rémunérée ?",
                "Non, elle garde son statut et ses éventuelles allocations pendant l'immersion.",
            ),
        ],
    },
    {
        "slug": "job-dating-en-ligne",
        "name": "Job dating en ligne",
        "audience": ALL,
        "categories": ["recrutement"],
        "tasks": ["evenement-recrutement", "rechercher-candidats"],
        "days": 1300,
        "owner": "Direction Entreprises",
        "summary": "Des entretiens courts en vidéo entre recruteurs et candidats, sur un créneau réservé à l'avance.",
        "description": "L'entreprise propose des postes et des créneaux ; les candidats s'inscrivent et passent un "
        "entretien de quelques minutes en vidéo. Le conseiller peut inviter des candidats ciblés.",
        "related": ["evenements-recrutement", "visio-conseil"],
    },
    {
        "slug": "salons-en-ligne",
        "name": "Salons en ligne",
        "audience": ALL,
        "categories": ["recrutement"],
        "tasks": ["evenement-recrutement"],
        "days": 1600,
        "owner": "Direction Entreprises",
        "summary": "Des salons de recrutement sur internet : plusieurs entreprises, des offres et des entretiens à "
        "distance pendant quelques jours.",
        "description": "Chaque salon réunit des entreprises d'un secteur ou d'un territoire. Les candidats postulent "
        "aux offres du salon et les recruteurs les reçoivent en entretien à distance.",
        "related": ["evenements-recrutement"],
    },
    {
        "slug": "espace-candidat",
        "name": "Espace candidat",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["suivre-de"],
        "days": 3300,
        "owner": "Direction de l'offre de services",
        "summary": "L'espace personnel du demandeur d'emploi : ses démarches, ses rendez-vous, ses messages et ses "
        "documents.",
        "description": "La personne y retrouve son projet, ses prochains rendez-vous, les messages de son conseiller "
        "et ses attestations. Elle peut y mettre à jour sa situation et déposer des documents.",
        "related": ["dossier-demandeur", "messagerie-securisee"],
    },
    {
        "slug": "application-mobile",
        "name": "Application mobile des candidats",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement", "communication"],
        "tasks": ["suivre-de", "planifier-rdv"],
        "days": 2400,
        "owner": "Direction de l'offre de services",
        "summary": "Chercher des offres, postuler, s'actualiser et échanger avec son conseiller depuis son téléphone.",
        "description": "L'application reprend l'essentiel de l'espace candidat : offres, candidatures, "
        "actualisation, messages et rendez-vous. Les notifications rappellent les échéances.",
        "related": ["rdv-en-ligne", "messagerie-securisee"],
        "resources": [(DOCUMENT, "Fiche à remettre : installer et ouvrir l'application", "")],
    },
    {
        "slug": "formation-avant-embauche",
        "name": "Formation avant embauche",
        "acronym": "POE",
        "audience": ALL,
        "categories": ["formation", "aides-prestations"],
        "tasks": ["prescrire"],
        "days": 3000,
        "owner": "Direction de l'offre de services",
        "summary": "Former un candidat avant son embauche pour qu'il ait les compétences du poste, avec un "
        "financement de la formation.",
        "description": "Quand une entreprise ne trouve pas de candidat tout à fait prêt, une formation courte peut "
        "combler l'écart avant l'embauche. La formation est financée, et l'entreprise s'engage à recruter la "
        "personne à l'issue.",
        "related": ["catalogue-formations", "portail-aides-embauche"],
    },
    {
        "slug": "cv-en-ligne",
        "name": "Créer son CV en ligne",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["suivre-de"],
        "days": 2000,
        "owner": "Direction de l'offre de services",
        "summary": "Un outil guidé pour rédiger un CV à partir de ses expériences et de ses compétences, et le "
        "rendre visible des recruteurs.",
        "description": "L'outil propose les compétences des fiches métiers, met en forme le CV et permet de le "
        "rendre visible des recruteurs qui cherchent des profils.",
        "related": ["recherche-profils", "fiches-rome"],
    },
    {
        "slug": "recherche-offres",
        "name": "Rechercher une offre d'emploi",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement", "recrutement"],
        "tasks": ["suivre-de"],
        "days": 3500,
        "owner": "Direction de l'offre de services",
        "summary": "Toutes les offres d'emploi publiées, à chercher par métier, lieu, contrat et temps de travail.",
        "description": "Le moteur de recherche réunit les offres déposées par les entreprises et celles de sites "
        "partenaires. La personne peut postuler directement et enregistrer ses recherches.",
        "related": ["suivi-offres"],
    },
    {
        "slug": "alertes-offres",
        "name": "Alertes offres d'emploi",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["suivre-de"],
        "days": 2200,
        "owner": "Direction de l'offre de services",
        "summary": "Recevoir par e-mail ou sur son téléphone les nouvelles offres qui correspondent à sa recherche.",
        "description": "Une recherche enregistrée devient une alerte : chaque nouvelle offre correspondante est "
        "envoyée à la personne, qui peut régler la fréquence des envois.",
        "related": [],
    },
    {
        "slug": "cvtheque",
        "name": "Rechercher des candidats en ligne",
        "audience": EMPLOYERS,
        "categories": ["recrutement"],
        "tasks": ["rechercher-candidats"],
        "days": 2700,
        "owner": "Direction Entreprises",
        "summary": "Les recruteurs consultent les CV que les candidats ont rendus visibles et les contactent "
        "directement.",
        "description": "Depuis son espace, le recruteur cherche des profils par métier, compétence et lieu, puis "
        "contacte les candidats. Seuls les CV rendus visibles par leurs titulaires apparaissent.",
        "related": ["recherche-profils"],
    },
    {
        "slug": "estimer-droits",
        "name": "Estimer ses droits à l'allocation",
        "audience": JOB_SEEKERS,
        "categories": ["aides-prestations"],
        "tasks": ["informer-droits"],
        "days": 1800,
        "owner": "Direction de l'indemnisation",
        "summary": "Une estimation du montant et de la durée de l'allocation chômage, avant ou après l'inscription.",
        "description": "La personne indique ses derniers emplois et salaires ; le simulateur estime son allocation "
        "et sa durée. C'est une estimation : la décision officielle arrive après l'étude du dossier.",
        "related": ["simulateur-droits"],
    },
    {
        "slug": "actualisation",
        "name": "Actualisation mensuelle en ligne",
        "audience": JOB_SEEKERS,
        "categories": ["aides-prestations"],
        "tasks": ["informer-droits"],
        "days": 3600,
        "owner": "Direction de l'indemnisation",
        "summary": "Chaque mois, le demandeur d'emploi confirme sa situation et déclare ses heures travaillées, en "
        "ligne ou sur l'application.",
        "description": "L'actualisation maintient l'inscription et permet le paiement des allocations. Elle se fait "
        "en quelques minutes, à la fin de chaque mois.",
        "related": ["dossier-demandeur"],
    },
    {
        "slug": "rdv-conseiller",
        "name": "Prendre rendez-vous avec son conseiller",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["planifier-rdv"],
        "days": 30,
        "owner": "DSI",
        "summary": "Réserver soi-même un rendez-vous avec son conseiller, en agence, par téléphone ou en vidéo.",
        "description": "La personne choisit un créneau parmi ceux ouverts par son conseiller, reçoit une "
        "confirmation et un rappel la veille. Elle peut déplacer ou annuler le rendez-vous en ligne.",
        "related": ["rdv-en-ligne", "agenda-partage"],
    },
    {
        "slug": "entretien-video",
        "name": "Entretien vidéo avec un conseiller",
        "audience": ALL,
        "categories": ["accompagnement", "communication"],
        "tasks": ["planifier-rdv", "suivre-de"],
        "days": 1400,
        "owner": "DSI",
        "summary": "Un rendez-vous à distance avec son conseiller, depuis un téléphone ou un ordinateur, sans rien "
        "installer.",
        "description": "La personne reçoit un lien par SMS ou par e-mail et rejoint l'entretien à l'heure prévue. "
        "Le conseiller peut lui montrer des documents à l'écran.",
        "related": ["visio-conseil"],
    },
    {
        "slug": "ateliers-webinaires",
        "name": "Ateliers et webinaires en ligne",
        "audience": ALL,
        "categories": ["accompagnement", "formation"],
        "tasks": ["prescrire", "suivre-de"],
        "days": 1100,
        "owner": "Direction de l'offre de services",
        "summary": "Des ateliers en direct sur internet : réussir un entretien, se servir des réseaux "
        "professionnels, recruter sans discriminer…",
        "description": "Les ateliers durent en général une heure, avec un animateur et un petit groupe. Il y en a "
        "pour les demandeurs d'emploi et pour les recruteurs.",
        "related": ["ateliers-collectifs", "prescription-services"],
    },
    {
        "slug": "marche-du-travail",
        "name": "Informations sur le marché du travail",
        "audience": ALL,
        "categories": ["accompagnement", "pilotage"],
        "tasks": ["suivre-de", "echanger-entreprise"],
        "days": 2500,
        "owner": "Direction des statistiques",
        "summary": "Pour un métier et un territoire : nombre d'offres, salaires, types de contrats et entreprises "
        "qui recrutent.",
        "description": "Ces chiffres aident une personne à choisir où et dans quel métier chercher, et un "
        "recruteur à situer son offre (salaire, difficulté à recruter).",
        "related": ["fiches-rome"],
    },
    {
        "slug": "enquete-bmo",
        "name": "Enquête Besoins en main-d'œuvre",
        "acronym": "BMO",
        "audience": ALL,
        "categories": ["relation-entreprises", "pilotage"],
        "tasks": ["piloter", "echanger-entreprise"],
        "days": 3650,
        "owner": "Direction des statistiques",
        "summary": "Chaque année, les intentions d'embauche des entreprises par métier et par bassin d'emploi.",
        "description": "Les entreprises répondent chaque année à l'enquête ; les résultats montrent les métiers qui "
        "vont recruter et ceux où le recrutement s'annonce difficile.",
        "related": ["potentiel-embauche"],
    },
    {
        "slug": "creer-entreprise",
        "name": "Créer ou reprendre une entreprise",
        "audience": JOB_SEEKERS,
        "categories": ["aides-prestations"],
        "tasks": ["prescrire", "informer-droits"],
        "days": 2800,
        "owner": "Direction de l'offre de services",
        "summary": "Les étapes, les ateliers et les aides pour un demandeur d'emploi qui veut créer ou reprendre une "
        "entreprise.",
        "description": "Le service présente les étapes d'un projet de création, les ateliers pour le préparer et "
        "les aides possibles, dont le versement d'une partie des allocations sous forme de capital.",
        "related": ["simulateur-droits", "prescription-services"],
    },
    {
        "slug": "cours-en-ligne",
        "name": "Cours en ligne pour la recherche d'emploi",
        "audience": JOB_SEEKERS,
        "categories": ["formation"],
        "tasks": ["prescrire", "suivre-de"],
        "days": 2300,
        "owner": "Direction de l'offre de services",
        "summary": "Des cours en ligne gratuits pour apprendre à chercher un emploi, à utiliser le numérique ou à "
        "préparer un projet.",
        "description": "Les cours se suivent à son rythme, avec des vidéos et des exercices. Le conseiller peut en "
        "recommander un et en parler au rendez-vous suivant.",
        "related": ["plateforme-formation-interne"],
    },
    {
        "slug": "financer-formation",
        "name": "Trouver et financer une formation",
        "audience": JOB_SEEKERS,
        "categories": ["formation", "aides-prestations"],
        "tasks": ["prescrire"],
        "days": 2000,
        "owner": "Direction de l'offre de services",
        "summary": "Chercher une formation près de chez soi et voir comment elle peut être financée.",
        "description": "Le service montre les formations disponibles et les financements possibles : compte "
        "personnel de formation, aides régionales, aide individuelle à la formation.",
        "related": ["catalogue-formations", "demande-aif"],
    },
    {
        "slug": "aides-mobilite",
        "name": "Aides à la mobilité",
        "audience": JOB_SEEKERS,
        "categories": ["aides-prestations"],
        "tasks": ["prescrire"],
        "days": 1900,
        "owner": "Direction de l'offre de services",
        "summary": "Une aide pour les frais de déplacement, de repas ou d'hébergement liés à un entretien, une "
        "formation ou une reprise d'emploi.",
        "description": "La demande se fait en ligne avec les justificatifs, avant ou juste après le déplacement. "
        "Le conseiller peut aider à vérifier les conditions.",
        "related": ["prescription-services"],
    },
    {
        "slug": "etre-rappele",
        "name": "Être rappelé par un conseiller entreprise",
        "audience": EMPLOYERS,
        "categories": ["relation-entreprises"],
        "tasks": ["echanger-entreprise"],
        "status": PILOT,
        "days": 200,
        "owner": "Direction Entreprises",
        "summary": "Un recruteur laisse ses coordonnées et son besoin ; un conseiller entreprise de l'agence le "
        "rappelle sous 48 heures.",
        "description": "La demande arrive dans Dialogue Entreprises, attribuée à l'agence la plus proche. Le "
        "conseiller rappelle, puis note l'échange et la suite donnée.",
        "related": ["dialogue-entreprises", "telephonie"],
    },
    {
        "slug": "guide-tpe",
        "name": "Guides pas à pas pour les très petites entreprises",
        "audience": EMPLOYERS,
        "categories": ["relation-entreprises"],
        "tasks": ["echanger-entreprise", "publier-offre"],
        "status": PILOT,
        "days": 15,
        "owner": "Direction Entreprises",
        "summary": "Des guides illustrés pour que le dirigeant d'une très petite entreprise fasse seul ses démarches "
        "en ligne : déposer une offre, trier les candidatures, déclarer une embauche.",
        "description": "Chaque guide tient sur une page, avec des captures d'écran et un QR code vers la démarche. "
        "Le conseiller le remet au dirigeant pendant une visite et fait la démarche avec lui une première fois.",
        "related": ["tablette-rdv-entreprise", "dialogue-entreprises"],
        "resources": [
            (DOCUMENT, "Guide imprimable : déposer sa première offre", ""),
            (DOCUMENT, "Guide imprimable : trier les candidatures reçues", ""),
            (LINK, "Tous les guides à imprimer", ""),
        ],
    },
    {
        "slug": "attestation-employeur",
        "name": "Attestation employeur en ligne",
        "audience": EMPLOYERS,
        "categories": ["relation-entreprises"],
        "tasks": ["echanger-entreprise", "informer-droits"],
        "days": 2600,
        "owner": "Direction de l'indemnisation",
        "summary": "L'employeur transmet en ligne l'attestation de fin de contrat d'un salarié, qui sert au calcul de "
        "ses droits.",
        "description": "Transmise en ligne, l'attestation arrive directement dans le dossier du salarié, sans "
        "papier ni délai d'envoi. L'employeur remet une copie au salarié.",
        "related": ["dialogue-entreprises"],
    },
    {
        "slug": "recruter-handicap",
        "name": "Recruter une personne en situation de handicap",
        "audience": EMPLOYERS,
        "categories": ["recrutement", "aides-prestations"],
        "tasks": ["rechercher-candidats", "prescrire"],
        "days": 1700,
        "owner": "Direction de l'offre de services",
        "summary": "Les candidats, les aides et les appuis pour recruter une personne en situation de handicap et "
        "adapter son poste.",
        "description": "Le service rassemble les informations sur l'obligation d'emploi, les aides à l'adaptation "
        "du poste et les partenaires spécialisés. Le conseiller entreprise peut proposer des candidats.",
        "related": ["portail-aides-embauche", "recherche-profils"],
    },
    {
        "slug": "contrat-engagement-jeune",
        "name": "Contrat d'engagement jeune",
        "acronym": "CEJ",
        "audience": JOB_SEEKERS,
        "categories": ["accompagnement"],
        "tasks": ["suivre-de"],
        "days": 1700,
        "owner": "Direction de l'offre de services",
        "summary": "Un accompagnement intensif pour les jeunes sans emploi ni formation, avec un programme chaque "
        "semaine et une allocation sous conditions.",
        "description": "Le jeune suit un programme de quinze à vingt heures par semaine (ateliers, immersions, "
        "formation) avec un conseiller dédié, et peut recevoir une allocation selon ses ressources.",
        "related": ["suivi-cej"],
        "resources": [(DOCUMENT, "Présenter le contrat d'engagement jeune en une page", "")],
    },
]

# (acronym, meaning, plain explanation, tool slug, offer slug)
# fmt: off
GLOSSARY = [
    ("AAH", "Allocation aux adultes handicapés", "Un revenu minimum versé par la CAF aux personnes en situation "
     "de handicap qui ont peu de ressources.", None, None),
    ("AFPR", "Action de formation préalable au recrutement", "Une formation courte financée pour préparer un "
     "candidat à un poste précis avant son embauche, pour un contrat de moins d'un an.", None,
     "formation-avant-embauche"),
    ("AGEFIPH", "Association de gestion du fonds pour l'insertion professionnelle des personnes handicapées",
     "L'organisme qui finance des aides pour l'emploi des personnes handicapées dans le secteur privé.", None,
     "recruter-handicap"),
    ("AIF", "Aide individuelle à la formation", "Un financement de France Travail pour une formation utile au "
     "projet d'un demandeur d'emploi, quand aucun autre financement ne suffit.", "demande-aif",
     "financer-formation"),
    ("AIJ", "Accompagnement intensif des jeunes", "Un suivi renforcé, sur quelques mois, pour aider les jeunes "
     "demandeurs d'emploi à trouver un emploi durable.", None, None),
    ("APEC", "Association pour l'emploi des cadres", "L'organisme qui accompagne les cadres, les jeunes "
     "diplômés et les entreprises qui les recrutent.", None, None),
    ("ARCE", "Aide à la reprise ou à la création d'entreprise", "Le versement d'une partie des allocations "
     "chômage sous forme de capital, pour un demandeur d'emploi qui crée ou reprend une entreprise.", None,
     "creer-entreprise"),
    ("ARE", "Allocation d'aide au retour à l'emploi", "L'allocation chômage versée aux personnes qui ont perdu "
     "leur emploi et ont assez travaillé avant.", "simulateur-droits", "estimer-droits"),
    ("ASS", "Allocation de solidarité spécifique", "Une allocation versée sous conditions de ressources aux "
     "demandeurs d'emploi qui n'ont plus droit à l'allocation chômage.", None, None),
    ("BMO", "Besoins en main-d'œuvre", "L'enquête annuelle sur les intentions d'embauche des entreprises, par "
     "métier et par territoire.", None, "enquete-bmo"),
    ("CAF", "Caisse d'allocations familiales", "L'organisme qui verse les prestations familiales, les aides au "
     "logement, le RSA et l'AAH.", None, None),
    ("CCI", "Chambre de commerce et d'industrie", "L'établissement public qui représente et accompagne les "
     "entreprises du commerce, de l'industrie et des services.", None, None),
    ("CDD", "Contrat à durée déterminée", "Un contrat de travail qui prend fin à une date prévue ou à la fin "
     "d'une mission précise.", None, None),
    ("CDDI", "Contrat à durée déterminée d'insertion", "Un CDD proposé par une structure d'insertion, avec un "
     "accompagnement pour retrouver ensuite un emploi classique.", None, None),
    ("CDI", "Contrat à durée indéterminée", "Le contrat de travail sans date de fin : la forme normale du "
     "contrat de travail.", None, None),
    ("CEJ", "Contrat d'engagement jeune", "Un accompagnement intensif des jeunes de moins de 26 ans sans emploi "
     "ni formation (moins de 30 ans en situation de handicap), avec une allocation sous conditions.",
     "suivi-cej", "contrat-engagement-jeune"),
    ("CMA", "Chambre de métiers et de l'artisanat", "L'établissement public qui accompagne les artisans : "
     "création d'entreprise, apprentissage, formalités.", None, None),
    ("CPF", "Compte personnel de formation", "Un crédit en euros, acquis en travaillant, que chacun utilise "
     "pour se former tout au long de sa vie.", None, "financer-formation"),
    ("CRCN", "Cadre de référence des compétences numériques", "Le cadre national qui décrit les compétences "
     "numériques et leurs niveaux, de la découverte à l'expertise.", None, None),
    ("CSP", "Contrat de sécurisation professionnelle", "Un accompagnement renforcé et une allocation pour les "
     "salariés licenciés pour motif économique dans certaines entreprises.", None, None),
    ("CUI", "Contrat unique d'insertion", "Un contrat aidé pour les personnes éloignées de l'emploi, avec une "
     "aide financière pour l'employeur.", None, None),
    ("DE", "Demandeur d'emploi", "Une personne inscrite à France Travail qui cherche un emploi.",
     "dossier-demandeur", None),
    ("DEFM", "Demandeurs d'emploi en fin de mois", "Le nombre de personnes inscrites comme demandeurs d'emploi "
     "le dernier jour du mois : c'est l'indicateur statistique habituel.", None, None),
    ("DPAE", "Déclaration préalable à l'embauche", "La déclaration que l'employeur fait avant l'arrivée de "
     "chaque nouveau salarié.", None, "dpae-en-ligne"),
    ("DR", "Direction régionale", "Le niveau régional de France Travail, qui coordonne les directions "
     "territoriales et les agences.", None, None),
    ("DSN", "Déclaration sociale nominative", "La déclaration mensuelle que les employeurs transmettent en "
     "ligne à partir de la paie, pour tous les organismes sociaux.", None, None),
    ("DT", "Direction territoriale", "L'échelon de France Travail qui anime les agences d'un territoire, "
     "souvent un département.", None, None),
    ("DUE", "Déclaration unique d'embauche", "L'ancien nom de la déclaration préalable à l'embauche (DPAE).",
     None, "dpae-en-ligne"),
    ("EA", "Entreprise adaptée", "Une entreprise dont la majorité des salariés sont des travailleurs "
     "handicapés, avec un accompagnement adapté.", None, None),
    ("ELD", "Équipe locale de direction", "L'équipe qui dirige une agence : le directeur ou la directrice "
     "d'agence et les responsables d'équipe.", None, None),
    ("ESAT", "Établissement et service d'aide par le travail", "Une structure médico-sociale où des personnes "
     "handicapées exercent une activité professionnelle avec un soutien adapté.", None, None),
    ("ETP", "Équivalent temps plein", "Une unité de mesure du travail : deux mi-temps font un équivalent temps "
     "plein.", None, None),
    ("ETT", "Entreprise de travail temporaire", "Une agence d'intérim : elle emploie des salariés et les met à "
     "disposition d'entreprises clientes.", None, None),
    ("ETTI", "Entreprise de travail temporaire d'insertion", "Une agence d'intérim qui propose des missions "
     "avec un accompagnement à des personnes éloignées de l'emploi.", None, None),
    ("FSE", "Fonds social européen", "Le fonds de l'Union européenne qui cofinance des actions pour l'emploi, "
     "la formation et l'inclusion.", None, None),
    ("GEIQ", "Groupement d'employeurs pour l'insertion et la qualification", "Des entreprises qui recrutent "
     "ensemble des personnes éloignées de l'emploi en alternance, avec un accompagnement.", None, None),
    ("IAE", "Insertion par l'activité économique", "Des emplois avec un accompagnement, proposés par des "
     "structures spécialisées, pour des personnes éloignées de l'emploi.", None, None),
    ("MDPH", "Maison départementale des personnes handicapées", "Le guichet unique qui instruit les demandes "
     "des personnes handicapées, dont la reconnaissance de travailleur handicapé.", None, None),
    ("MOOC", "Massive open online course (cours en ligne ouvert à tous)", "Un cours gratuit sur internet, "
     "suivi à son rythme, avec des vidéos et des exercices.", None, "cours-en-ligne"),
    ("MRS", "Méthode de recrutement par simulation", "Une façon de recruter sur des exercices qui reproduisent "
     "le poste, sans regarder le diplôme ni l'expérience.", "outil-mrs", "mrs"),
    ("NPEC", "Niveau de prise en charge", "Le montant versé par l'opérateur de compétences au centre de "
     "formation pour chaque contrat d'apprentissage, selon le diplôme préparé.", None, None),
    ("OETH", "Obligation d'emploi des travailleurs handicapés", "L'obligation pour les entreprises de 20 "
     "salariés ou plus d'employer au moins 6 % de travailleurs handicapés.", None, "recruter-handicap"),
    ("OPCO", "Opérateur de compétences", "L'organisme qui aide les entreprises d'une branche à financer la "
     "formation et l'alternance de leurs salariés.", None, None),
    ("PEC", "Parcours emploi compétences", "Un contrat aidé, surtout dans le secteur non marchand, associé à "
     "une formation et un accompagnement.", None, None),
    ("PME", "Petites et moyennes entreprises", "Les entreprises de moins de 250 salariés.", None, None),
    ("PMSMP", "Période de mise en situation en milieu professionnel", "Le nom officiel de l'immersion : "
     "quelques jours en entreprise pour découvrir un métier ou confirmer un projet.", "immersion-pro",
     "immersion-facilitee"),
    ("POE", "Préparation opérationnelle à l'emploi", "Une formation financée avant l'embauche pour donner à un "
     "candidat les compétences du poste. Individuelle (POEI) pour une offre précise, collective (POEC) pour "
     "plusieurs candidats d'un même secteur.", None, "formation-avant-embauche"),
    ("PPAE", "Projet personnalisé d'accès à l'emploi", "Le projet établi avec chaque demandeur d'emploi : "
     "métiers recherchés, zone, salaire attendu, actions prévues.", "suivi-ppae", None),
    ("QPV", "Quartier prioritaire de la politique de la ville", "Un quartier où les revenus sont faibles et qui "
     "bénéficie d'aides spécifiques, notamment pour l'emploi.", None, None),
    ("RGPD", "Règlement général sur la protection des données", "Le règlement européen qui encadre l'usage des "
     "données personnelles.", None, None),
    ("RNCP", "Répertoire national des certifications professionnelles", "La liste officielle des diplômes et "
     "titres professionnels reconnus.", None, None),
    ("ROME", "Répertoire opérationnel des métiers et des emplois", "La nomenclature des métiers utilisée par "
     "France Travail pour décrire les offres, les CV et les projets.", "fiches-rome", None),
    ("RQTH", "Reconnaissance de la qualité de travailleur handicapé", "La décision qui reconnaît un handicap "
     "au travail et ouvre droit à des aides et à des aménagements de poste.", None, "recruter-handicap"),
    ("RSA", "Revenu de solidarité active", "Un revenu minimum versé sous conditions de ressources, avec un "
     "accompagnement vers l'emploi.", None, None),
    ("SIAE", "Structure d'insertion par l'activité économique", "Une structure (chantier d'insertion, "
     "entreprise d'insertion, intérim d'insertion…) qui emploie et accompagne des personnes éloignées de "
     "l'emploi.", None, None),
    ("SIREN", "Système d'identification du répertoire des entreprises", "Le numéro à 9 chiffres qui identifie "
     "une entreprise.", None, None),
    ("SIRET", "Système d'identification du répertoire des établissements", "Le numéro à 14 chiffres qui "
     "identifie chaque établissement d'une entreprise : le SIREN suivi de 5 chiffres.", "dialogue-entreprises",
     None),
    ("SMIC", "Salaire minimum interprofessionnel de croissance", "Le salaire horaire minimum légal en France.",
     None, None),
    ("TPE", "Très petite entreprise", "Une entreprise de moins de 10 salariés, souvent sans service des "
     "ressources humaines.", None, "guide-tpe"),
    ("URSSAF", "Union de recouvrement des cotisations de sécurité sociale et d'allocations familiales",
     "L'organisme qui collecte les cotisations sociales des entreprises et des indépendants.", None, None),
    ("VAE", "Validation des acquis de l'expérience", "Une démarche pour obtenir un diplôme grâce à son "
     "expérience, sans suivre toute la formation.", None, None),
]
# fmt: on
