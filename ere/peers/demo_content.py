"""Demo Entraide, the words: what agents ask for help on, their thanks, and the tips, questions and answers about the
demo tools (ere/catalog/demo_data.py). Invented, concrete, never about a real person or a real usager."""

# Contexts are written as agents type them: long lines are the data.
# ruff: noqa: E501

# What agents ask help for, per tool slug: (task slug or None, context).
CONTEXTS = {
    "dialogue-entreprises": [
        (
            "echanger-entreprise",
            "Je ne retrouve pas la note de contact que j'ai saisie hier après mon appel avec une entreprise du BTP : elle n'apparaît pas dans l'historique.",
        ),
        (
            "echanger-entreprise",
            "Deux fiches existent pour la même entreprise (l'enseigne et la raison sociale) : comment savoir laquelle garder et y rattacher les échanges ?",
        ),
        (
            "echanger-entreprise",
            "Je voudrais programmer une relance dans trois semaines sur une entreprise, mais je ne vois pas où la poser.",
        ),
        (None, "Comment filtrer les entreprises de mon portefeuille qui n'ont pas été contactées depuis six mois ?"),
    ],
    "agenda-partage": [
        (
            "planifier-rdv",
            "Je n'arrive pas à réserver la salle 2 pour un atelier jeudi : elle n'apparaît pas quand je l'invite.",
        ),
        (
            "travailler-equipe",
            "Mon collègue voit le détail de mes rendez-vous alors que je voulais partager seulement mes disponibilités.",
        ),
        (
            "planifier-rdv",
            "Comment créer un modèle pour mes entretiens de suivi d'une heure, avec le bon lieu et le bon texte ?",
        ),
        (
            None,
            "Un rendez-vous récurrent s'est dupliqué trois fois dans mon agenda, je ne sais pas lequel supprimer sans tout casser.",
        ),
    ],
    "messagerie-securisee": [
        ("suivre-de", "Je dois envoyer une attestation en pièce jointe mais le bouton « Joindre » reste grisé."),
        ("suivre-de", "Un usager dit qu'il n'a pas reçu mon message d'hier : comment vérifier qu'il est bien parti ?"),
        (None, "Je cherche le modèle de message pour confirmer une inscription en atelier, je ne le trouve plus."),
    ],
    "visio-conseil": [
        ("suivre-de", "Le partage d'écran ne montre qu'une fenêtre noire à l'usager quand j'ouvre une offre."),
        ("planifier-rdv", "J'ai un entretien en visio dans vingt minutes et la caméra n'est pas détectée."),
        ("suivre-de", "L'usager entend mal : comment passer en audio seul sans couper l'entretien ?"),
        (None, "Comment inviter un interprète ou un collègue dans un entretien en visio déjà planifié ?"),
    ],
    "suivi-offres": [
        ("publier-offre", "Une offre déposée par une boulangerie ce matin n'est toujours pas dans « À valider »."),
        ("publier-offre", "Je voudrais modifier le salaire d'une offre déjà publiée sans la republier entièrement."),
        ("publier-offre", "Comment clôturer une offre pourvue par un candidat qui n'est pas passé par nous ?"),
    ],
    "recherche-profils": [
        (
            "rechercher-candidats",
            "Ma recherche de caristes ne donne aucun résultat à 10 km, même en élargissant aux métiers proches.",
        ),
        ("rechercher-candidats", "Je ne trouve pas comment enregistrer une présélection pour la reprendre demain."),
    ],
    "tablette-rdv-entreprise": [
        (
            "echanger-entreprise",
            "La tablette ne synchronise plus depuis hier : la fiche de l'entreprise que je visite demain n'est pas à jour.",
        ),
        (
            "publier-offre",
            "Pendant une visite, l'offre saisie sur la tablette n'est pas arrivée dans le suivi des offres.",
        ),
    ],
    "portail-aides-embauche": [
        (
            "prescrire",
            "Un employeur me demande quelles aides il peut avoir pour embaucher un jeune en alternance : le portail me renvoie une liste vide.",
        ),
        ("prescrire", "Comment envoyer la synthèse des aides à l'employeur par e-mail plutôt que de l'imprimer ?"),
    ],
    "outil-mrs": [
        (
            "evenement-recrutement",
            "Je prépare ma première session de recrutement par simulation : comment choisir les exercices pour un poste d'agent de production ?",
        ),
        (
            "rechercher-candidats",
            "Les résultats d'une session de la semaine dernière ne sont toujours pas remontés dans l'offre.",
        ),
    ],
    "assistant-redaction": [
        (
            "publier-offre",
            "L'assistant me propose un texte trop long pour une offre de serveur : comment lui demander une version courte ?",
        ),
        ("publier-offre", "Le bouton « Proposer un texte » n'apparaît pas sur l'offre que je saisis."),
    ],
    "dossier-demandeur": [
        ("suivre-de", "Je ne retrouve pas où noter la prochaine étape à la fin de l'entretien : l'onglet a changé."),
        ("suivre-de", "Comment corriger une décision saisie par erreur dans le plan d'action ?"),
        ("suivre-de", "La synthèse du dossier ne montre pas la prestation que la personne a suivie le mois dernier."),
    ],
    "simulateur-droits": [
        (
            "informer-droits",
            "Je dois simuler une reprise d'emploi à mi-temps avec l'usager cet après-midi, je ne sais pas où saisir les heures.",
        ),
        ("informer-droits", "Le simulateur affiche une erreur quand j'ajoute une entrée en formation."),
    ],
    "prescription-services": [
        ("prescrire", "L'atelier CV de jeudi affiche des places mais la prescription est refusée."),
        ("suivre-de", "Comment savoir si la personne s'est présentée à la prestation que j'ai prescrite ?"),
    ],
    "immersion-pro": [
        ("prescrire", "La convention d'immersion est bloquée : le tuteur n'a pas reçu le lien pour signer."),
        (None, "Comment remplir le bilan d'immersion avec la personne à la fin ?"),
    ],
    "signature-electronique": [
        (None, "Le signataire ne reçoit pas le code par SMS, j'ai déjà renvoyé deux fois."),
    ],
    "rdv-en-ligne": [
        ("planifier-rdv", "Je voudrais limiter à quatre les réservations par jour sur ma plage du mardi."),
        (
            "planifier-rdv",
            "Des usagers réservent la veille pour le lendemain matin : comment imposer un délai minimum ?",
        ),
    ],
    "catalogue-formations": [
        (
            "prescrire",
            "Je cherche une formation de cariste avec des places en juin près de Vienne, les filtres ne donnent rien.",
        ),
    ],
    "demande-aif": [
        (
            "prescrire",
            "Je monte ma première demande d'aide individuelle à la formation : quelles pièces faut-il joindre ?",
        ),
    ],
    "suivi-cej": [
        (
            "suivre-de",
            "Les heures d'activité d'un jeune en contrat d'engagement ne se cumulent pas correctement cette semaine.",
        ),
    ],
    "suite-bureautique": [
        (None, "Comment partager un tableur avec l'équipe en lecture seule, sans qu'on puisse le modifier ?"),
    ],
}

THANKS = [
    "Merci beaucoup, c'était tout bête mais je n'aurais pas trouvé seul·e !",
    "Merci pour ta patience, je saurai le refaire la prochaine fois.",
    "Super, merci ! J'ai pu finir avant mon rendez-vous de 14 h.",
    "Merci d'avoir pris le temps de me montrer, c'est beaucoup plus clair.",
    "Un grand merci, l'usager est reparti avec sa réponse.",
    "Merci, ta fiche mémo est maintenant épinglée sur mon écran.",
]

DECLINE_REASONS = [
    "En rendez-vous tout l'après-midi, désolé·e.",
    "Je suis en formation cette semaine.",
    "Je ne connais pas assez cette partie de l'outil.",
    "",
]

HELPER_MESSAGES = [
    "Je passe à ton poste après ma pause.",
    "On s'appelle en visio à 14 h ?",
    "Envoie-moi une capture de l'écran par message, je regarde.",
    "",
]

# Notes of the helpers' profiles, by tool slug: what they say they explain well.
NOTES = {
    "dialogue-entreprises": "Les fiches entreprises et l'historique des échanges",
    "agenda-partage": "Les modèles de rendez-vous et le partage d'agenda",
    "messagerie-securisee": "Les modèles de messages et les pièces jointes",
    "visio-conseil": "Les entretiens en visio, même quand la connexion est faible",
    "suivi-offres": "La validation et la clôture des offres",
    "recherche-profils": "Les recherches de candidats qui ne donnent rien",
    "tablette-rdv-entreprise": "Préparer une visite avec la tablette",
    "portail-aides-embauche": "Trouver les aides possibles pour un recrutement",
    "dossier-demandeur": "Le plan d'action et la synthèse du dossier",
    "simulateur-droits": "Le simulateur d'indemnisation, pas à pas",
    "prescription-services": "Prescrire un atelier et suivre la présence",
    "immersion-pro": "Les conventions d'immersion de A à Z",
    "rdv-en-ligne": "Ouvrir des plages de rendez-vous en ligne",
    "suite-bureautique": "Les tableurs partagés et les formules simples",
}

# Tips: (key, tool slug, task slug or None, title, Markdown body, days ago).
TIPS = [
    (
        "agenda-modele",
        "agenda-partage",
        "planifier-rdv",
        "Un modèle pour les rendez-vous qui reviennent",
        """Vous posez chaque semaine les mêmes entretiens de suivi ? Enregistrez-les une fois pour toutes :

1. Créez le rendez-vous comme d'habitude : durée, lieu, texte d'invitation.
2. Avant d'enregistrer, cliquez sur **Enregistrer comme modèle** et donnez-lui un nom court (« Suivi 1 h »).
3. La prochaine fois, choisissez **Nouveau à partir d'un modèle** : tout est déjà rempli.

Gain : deux minutes par rendez-vous, et plus d'oubli du lieu dans l'invitation.""",
        12,
    ),
    (
        "agenda-salle",
        "agenda-partage",
        "planifier-rdv",
        "Réserver une salle : invitez-la comme un participant",
        """Les salles de l'agence ont leur propre agenda. Pour en réserver une :

- ajoutez-la dans **Participants**, comme un collègue (tapez « Salle » pour voir la liste) ;
- si elle s'affiche en rouge, elle est déjà prise : l'assistant de planification propose le créneau libre le plus proche.

Une salle qui n'apparaît pas ? Elle n'est peut-être pas ouverte à la réservation : demandez à l'accueil.""",
        40,
    ),
    (
        "crm-historique",
        "dialogue-entreprises",
        "echanger-entreprise",
        "Lire l'historique avant d'appeler : 30 secondes qui évitent un doublon",
        """Avant d'appeler une entreprise, ouvrez l'onglet **Historique** de sa fiche :

- qui l'a appelée en dernier, et pour quoi ;
- les offres en cours et les relances prévues.

Rien de plus gênant pour un recruteur que deux conseillers qui l'appellent le même jour pour la même offre.""",
        75,
    ),
    (
        "crm-note",
        "dialogue-entreprises",
        "echanger-entreprise",
        "Une note de contact en deux lignes : le modèle qui marche",
        """Après chaque échange, deux lignes suffisent :

> **Objet** : relance offre vendeur·se (publiée le 3).
> **Suite** : l'entreprise reçoit deux candidats mardi ; je rappelle jeudi.

Pas d'appréciation sur la personne au téléphone : toute l'agence lit ces notes.""",
        33,
    ),
    (
        "crm-siret",
        "dialogue-entreprises",
        "echanger-entreprise",
        "Retrouver une entreprise sans son numéro SIRET",
        """Le recruteur ne connaît pas son SIRET ? Cherchez par **enseigne** dans la barre de recherche, puis filtrez par commune.

Si rien ne sort, essayez la **raison sociale** (souvent différente de l'enseigne : « SAS Martin et fils » pour « Boulangerie du Parc »).""",
        120,
    ),
    (
        "visio-test",
        "visio-conseil",
        "planifier-rdv",
        "Tester micro et caméra cinq minutes avant l'entretien",
        """Ouvrez le rendez-vous **cinq minutes avant** et cliquez sur **Tester mon matériel** :

1. la caméra s'affiche en petit en bas à droite ;
2. parlez : la barre du micro doit bouger ;
3. si le casque n'est pas reconnu, débranchez-le et rebranchez-le, puis choisissez-le dans la liste.

L'usager qui arrive en avance attend dans la salle d'attente : il ne vous voit pas tant que vous ne l'avez pas fait entrer.""",
        20,
    ),
    (
        "visio-audio",
        "visio-conseil",
        "suivre-de",
        "Si l'image se fige, passez en audio sans raccrocher",
        """Connexion faible chez l'usager ? Plutôt que de couper :

- cliquez sur **Audio seul** dans la barre du bas ;
- l'image se coupe, la voix reste, et l'entretien continue.

Vous pouvez revenir à la vidéo à tout moment.""",
        95,
    ),
    (
        "msg-modele",
        "messagerie-securisee",
        "suivre-de",
        "Partir d'un modèle de message, puis le personnaliser",
        """Dans **Nouveau message**, le menu **Modèles** propose les messages les plus courants (convocation, confirmation d'atelier, pièces à fournir).

Choisissez-en un, puis **ajoutez une phrase personnelle** : l'usager lit plus volontiers un message qui lui parle de sa situation.""",
        58,
    ),
    (
        "msg-pdf",
        "messagerie-securisee",
        "suivre-de",
        "Pièces jointes : toujours en PDF, et moins de 10 Mo",
        """Un bouton **Joindre** grisé ? Le fichier dépasse souvent la taille permise (10 Mo).

- Enregistrez le document en **PDF** depuis la suite bureautique (Fichier › Télécharger › PDF).
- Pour un scan, choisissez la qualité « Document » plutôt que « Photo ».""",
        8,
    ),
    (
        "offres-relire",
        "suivi-offres",
        "publier-offre",
        "Relire une offre avant de la publier : trois vérifications",
        """Avant de cliquer sur **Publier** :

1. **L'intitulé** : le métier tel que les candidats le cherchent (« Vendeur en boulangerie », pas « Employé polyvalent »).
2. **Le salaire** : une fourchette, jamais vide ; l'outil refuse un montant sous le minimum légal.
3. **Les compétences** : trois ou quatre, tirées de la fiche métier.""",
        27,
    ),
    (
        "profils-distance",
        "recherche-profils",
        "rechercher-candidats",
        "Élargir d'abord la distance, ensuite les métiers proches",
        """Peu de résultats ? Dans cet ordre :

1. passez de 10 à **20 km** : c'est souvent suffisant ;
2. cochez **Métiers proches** : l'outil ajoute ceux de la fiche métier ;
3. retirez en dernier le **permis** ou le **type de contrat**.

Enregistrez la recherche : vous recevrez les nouveaux profils chaque lundi.""",
        50,
    ),
    (
        "tablette-synchro",
        "tablette-rdv-entreprise",
        "echanger-entreprise",
        "Synchroniser la tablette la veille d'une visite",
        """La tablette travaille hors connexion, à condition d'avoir **synchronisé avant de partir** :

- branchez-la au wifi de l'agence la veille ;
- ouvrez **Mes visites du jour** et touchez **Synchroniser** ;
- vérifiez que la fiche de l'entreprise affiche la date du jour.

Ce que vous saisissez chez l'entreprise part tout seul au retour du réseau.""",
        15,
    ),
    (
        "tablette-presentation",
        "tablette-rdv-entreprise",
        "echanger-entreprise",
        "Le mode « Présentation » pour montrer les services à l'employeur",
        """Pendant une visite, touchez **Présentation** : la tablette masque vos notes et n'affiche que les services et les aides, en grand.

Pratique pour tourner l'écran vers le recruteur sans qu'il voie l'historique de l'entreprise.""",
        64,
    ),
    (
        "aides-synthese",
        "portail-aides-embauche",
        "prescrire",
        "Envoyer la synthèse des aides par la messagerie sécurisée",
        """Plutôt que d'imprimer la synthèse des aides :

1. cliquez sur **Exporter en PDF** en bas de la liste des aides ;
2. joignez-la à un message de la **messagerie sécurisée** depuis la fiche de l'entreprise.

L'employeur la retrouve dans son espace, et l'envoi est tracé dans Dialogue Entreprises.""",
        36,
    ),
    (
        "dossier-plan",
        "dossier-demandeur",
        "suivre-de",
        "Écrire le plan d'action comme si l'usager le lisait (il le lit)",
        """Le plan d'action s'affiche dans l'espace personnel de l'usager. Écrivez-le **pour lui** :

- « Vous envoyez votre CV à l'entreprise X avant vendredi » plutôt que « Envoi CV » ;
- pas de sigle sans explication ;
- une date pour chaque étape.""",
        44,
    ),
    (
        "simu-estimation",
        "simulateur-droits",
        "informer-droits",
        "Toujours dire « estimation » en montrant le résultat",
        """Le simulateur donne une **estimation**, pas une décision. En montrant l'écran à l'usager :

- dites-le avec ce mot : « c'est une estimation » ;
- notez dans le dossier la situation simulée et la date ;
- pour un cas complexe (plusieurs employeurs, activité non salariée), orientez vers un conseiller indemnisation.""",
        70,
    ),
    (
        "redaction-court",
        "assistant-redaction",
        "publier-offre",
        "Demander une version courte à l'assistant de rédaction",
        """Le premier texte proposé est souvent long. Dans la zone **Affiner**, tapez simplement :

> Plus court, cinq lignes au plus, en gardant les horaires et le salaire.

Relisez toujours avec le recruteur : vous restez responsable de ce qui est publié.""",
        10,
    ),
    (
        "signature-numero",
        "signature-electronique",
        None,
        "Vérifier le numéro avant d'envoyer : le code part par SMS",
        """La moitié des signatures bloquées viennent d'un **numéro de téléphone faux ou ancien**.

Avant **Envoyer pour signature**, relisez le numéro avec la personne. Si le code n'arrive pas : **Renvoyer le code**, puis, en dernier recours, l'envoi par e-mail.""",
        22,
    ),
    (
        "rdv-limite",
        "rdv-en-ligne",
        "planifier-rdv",
        "Limiter le nombre de réservations par jour",
        """Dans les réglages de la plage **Ouverte à la réservation** :

- **Nombre maximum par jour** : par exemple 4 ;
- **Délai minimum** : 24 h, pour ne pas découvrir un rendez-vous le matin même.

Les créneaux restent visibles, mais ne sont plus réservables une fois le maximum atteint.""",
        5,
    ),
    (
        "immersion-tuteur",
        "immersion-pro",
        "prescrire",
        "Préparer la convention d'immersion avec le tuteur au téléphone",
        """Cinq minutes d'appel au tuteur avant de créer la convention évitent les allers-retours :

- le **métier** découvert et les **horaires** exacts ;
- son **adresse e-mail** et son **numéro de portable** (pour la signature) ;
- le nom de la personne à prévenir en cas d'absence.""",
        88,
    ),
]

# Questions: (key, tool slug, title, Markdown body, days ago, author key or None, [answers], index of the accepted
# answer or None). An answer: (author key or None, Markdown body, hours after the question).
QUESTIONS = [
    (
        "agenda-equipe",
        "agenda-partage",
        "Comment voir les disponibilités de toute l'équipe sur une seule vue ?",
        "Je dois caler une réunion avec six collègues et j'ouvre leurs agendas un par un. Il y a plus simple ?",
        30,
        None,
        [
            (
                None,
                "Utilisez l'**assistant de planification** (bouton en haut du rendez-vous) : il superpose les agendas des participants et grise les créneaux pris.",
                2,
            ),
            (
                None,
                "Et si vous le faites souvent, créez un **groupe d'agendas** « Équipe » dans le volet de gauche : un clic et tout s'affiche côte à côte.",
                26,
            ),
        ],
        0,
    ),
    (
        "crm-fusion",
        "dialogue-entreprises",
        "Peut-on fusionner deux fiches d'une même entreprise ?",
        "Une entreprise existe deux fois (enseigne et raison sociale), et les échanges sont répartis sur les deux fiches.",
        25,
        None,
        [
            (
                "referent",
                "Oui, mais seuls les référents numériques ont le bouton **Fusionner** : envoyez-moi les deux liens, je m'en charge. Les échanges et les offres sont tous rattachés à la fiche gardée.",
                3,
            ),
        ],
        0,
    ),
    (
        "visio-telephone",
        "visio-conseil",
        "L'usager n'a qu'un vieux téléphone : la visio peut-elle marcher ?",
        "Un usager a un téléphone de plus de huit ans et le lien ne s'ouvre pas.",
        6,
        None,
        [
            (
                None,
                "Essayez de lui faire ouvrir le lien dans le **navigateur** (pas dans l'application de messagerie). Sinon, proposez un entretien par téléphone : c'est prévu.",
                5,
            ),
        ],
        None,
    ),
    (
        "visio-enregistrer",
        "visio-conseil",
        "Peut-on enregistrer un entretien en visio ?",
        "Pour le revoir ensuite, ou pour un collègue absent.",
        52,
        None,
        [
            (
                "referent",
                "Non : l'enregistrement est désactivé, et c'est voulu (protection des données des usagers). Notez plutôt les décisions dans le dossier pendant l'entretien.",
                1,
            ),
        ],
        0,
    ),
    (
        "msg-retirer",
        "messagerie-securisee",
        "Un message envoyé par erreur peut-il être retiré ?",
        "J'ai envoyé un message au mauvais usager (même nom de famille).",
        9,
        None,
        [
            (
                None,
                "On ne peut pas le retirer une fois lu. S'il ne l'est pas encore, **Rappeler le message** apparaît pendant 10 minutes. Sinon, prévenez votre manager : c'est une erreur de destinataire à signaler.",
                4,
            ),
        ],
        None,
    ),
    (
        "offres-valider",
        "suivi-offres",
        "Pourquoi mon offre reste « À valider » depuis hier ?",
        "L'entreprise l'a déposée hier matin en ligne et je la vois toujours en attente.",
        18,
        None,
        [
            (
                None,
                "Le contrôle automatique l'a sans doute arrêtée : ouvrez-la, un bandeau orange indique la mention à corriger (souvent un âge ou un salaire manquant).",
                2,
            ),
        ],
        0,
    ),
    (
        "tablette-immersion",
        "tablette-rdv-entreprise",
        "La tablette peut-elle faire signer une convention d'immersion ?",
        "Je visite demain une entreprise qui accueillerait une immersion : pourrais-je la faire signer sur place ?",
        2,
        None,
        [],
        None,
    ),
    (
        "redaction-donnees",
        "assistant-redaction",
        "L'assistant garde-t-il les textes qu'on lui donne ?",
        "Un recruteur m'a demandé si ce qu'il me dit part « dans une intelligence artificielle ».",
        4,
        None,
        [
            (
                "referent",
                "Les textes restent dans nos serveurs et ne servent pas à entraîner l'outil. N'y mettez de toute façon aucun nom ni donnée personnelle : seulement le poste et les conditions.",
                6,
            ),
        ],
        None,
    ),
    (
        "dossier-absent",
        "dossier-demandeur",
        "Où noter un rendez-vous manqué ?",
        "La personne ne s'est pas présentée et n'a pas prévenu.",
        40,
        None,
        [
            (
                None,
                "Dans l'onglet **Rendez-vous**, ouvrez le rendez-vous et choisissez **Absent**. Le motif s'ajoute ensuite si la personne vous recontacte.",
                1,
            ),
        ],
        0,
    ),
    (
        "simu-creation",
        "simulateur-droits",
        "Le simulateur tient-il compte d'une création d'entreprise ?",
        "Une usagère veut créer sa micro-entreprise et me demande ce que deviendra son allocation.",
        14,
        None,
        [
            (
                None,
                "Oui : ajoutez la situation **Création d'entreprise**, puis choisissez entre le maintien de l'allocation et l'aide à la création. L'écran compare les deux.",
                5,
            ),
        ],
        None,
    ),
    (
        "aides-cumul",
        "portail-aides-embauche",
        "Une aide à l'embauche peut-elle se cumuler avec une formation avant embauche ?",
        "Un employeur veut former un candidat avant de l'embaucher et demande s'il garde droit à l'aide.",
        3,
        "agent",
        [
            (
                "referent",
                "Souvent oui : le portail l'indique dans la colonne **Cumul possible** de chaque aide. Saisissez les deux situations et regardez la synthèse : elle signale les aides incompatibles.",
                20,
            ),
        ],
        None,
    ),
    (
        "rdv-rappel",
        "rdv-en-ligne",
        "Les usagers reçoivent-ils un rappel la veille ?",
        "Beaucoup de rendez-vous manqués le lundi matin dans mon portefeuille.",
        35,
        None,
        [
            (
                None,
                "Oui, un SMS et une notification partent la veille à 18 h, et un autre deux heures avant pour les rendez-vous du matin.",
                3,
            ),
        ],
        0,
    ),
]

# Two tips flagged as outdated since a tool update: (tip key, note).
OUTDATED = [
    (
        "crm-siret",
        "Depuis la mise à jour, la recherche par enseigne est dans le menu « Filtres », plus dans la barre du haut.",
    ),
    ("visio-audio", "Le bouton « Audio seul » a bougé : il est maintenant dans le menu « … » de la barre du bas."),
]

WEEKLY_TIPS = ["agenda-modele", "msg-pdf", "offres-relire", "tablette-synchro"]  # this week first, then before
