"""What the demo loaders share: their order, the fixed demo accounts, French names, and idempotent writers.

`manage.py load_demo` imports each module of `LOADERS` in turn and calls its `load(rng, stdout)`. A loader must be
idempotent (it looks objects up by a natural key: code, slug, e-mail…) and deterministic: every random draw comes from
`rng` and never depends on what the database already holds, so that a second run computes exactly the same data and
has nothing left to write.
"""

import unicodedata

from django.utils.text import slugify

from ere.core.text import plural
from ere.org.enums import Role, Specialty

# Loaders, in order: a module may rely on the objects built by the ones before it.
LOADERS = [
    "ere.org.demo",
    "ere.catalog.demo",
    "ere.usage.demo",
    "ere.usage.demo_usage",
    "ere.skills.demo",
    "ere.practice.demo_sandboxes",
    "ere.practice.demo_quarters",
    "ere.roleplay.demo",
    "ere.roleplay.demo_sessions",
    "ere.roleplay.demo_transcripts",
    "ere.peers.demo",
]

DEFAULT_SEED = 2026

# Generated agents get an address on this (fictitious) domain; the documented accounts below use `ere.demo`.
DEMO_EMAIL_DOMAIN = "francetravail-demo.fr"

# The documented accounts, printed by `manage.py demo_accounts` (and `make run`). They all use the password
# settings.ERE_DEMO_PASSWORD. `agency` and `territory_scope` are codes from ere/org/demo.py.
DEMO_ACCOUNTS = [
    {
        "email": "agent@ere.demo",
        "first_name": "Sophie",
        "last_name": "Garnier",
        "role": Role.AGENT,
        "specialty": Specialty.EMPLOYERS,
        "agency": "69001",
        "territory_scope": None,
        "label": "Conseillère à dominante entreprises",
    },
    {
        "email": "conseiller@ere.demo",
        "first_name": "Julien",
        "last_name": "Mercier",
        "role": Role.AGENT,
        "specialty": Specialty.JOB_SEEKERS,
        "agency": "69001",
        "territory_scope": None,
        "label": "Conseiller à dominante demandeurs d'emploi",
    },
    {
        "email": "referent@ere.demo",
        "first_name": "Nadia",
        "last_name": "Benali",
        "role": Role.CHAMPION,
        "specialty": Specialty.EMPLOYERS,
        "agency": "69001",
        "territory_scope": None,
        "label": "Référente numérique (conseillère entreprises)",
    },
    {
        "email": "formateur@ere.demo",
        "first_name": "Olivier",
        "last_name": "Perrin",
        "role": Role.TRAINER,
        "specialty": "",
        "agency": "69001",
        "territory_scope": None,
        "label": "Formateur",
    },
    {
        "email": "manager@ere.demo",
        "first_name": "Isabelle",
        "last_name": "Roche",
        "role": Role.MANAGER,
        "specialty": "",
        "agency": "69001",
        "territory_scope": None,
        "label": "Directrice d'agence",
    },
    {
        "email": "manager.dt@ere.demo",
        "first_name": "Patrick",
        "last_name": "Lemoine",
        "role": Role.MANAGER,
        "specialty": "",
        "agency": "69001",
        "territory_scope": "DT69",
        "label": "Directeur territorial",
    },
    {
        "email": "analyste@ere.demo",
        "first_name": "Claire",
        "last_name": "Vasseur",
        "role": Role.ANALYST,
        "specialty": "",
        "agency": None,
        "territory_scope": None,
        "label": "Analyste régionale",
    },
    {
        "email": "admin@ere.demo",
        "first_name": "Marc",
        "last_name": "Delaunay",
        "role": Role.ADMIN,
        "specialty": "",
        "agency": None,
        "territory_scope": None,
        "label": "Administrateur",
        "is_staff": True,
        "is_superuser": True,
    },
]

DEMO_ACCOUNT_EMAILS = [account["email"] for account in DEMO_ACCOUNTS]

# Common French first and last names, combined at random. Pairs that would name a well-known person are skipped
# (FAMOUS_PAIRS): demo people must never be real public figures.
# fmt: off
FIRST_NAMES = [
    "Adrien", "Agnès", "Alexandre", "Amélie", "Anaïs", "Antoine", "Arnaud", "Aurélie", "Awa", "Baptiste", "Béatrice",
    "Benoît", "Bruno", "Camille", "Caroline", "Cédric", "Céline", "Chloé", "Christelle", "Coralie", "Corinne",
    "Damien", "David", "Delphine", "Élodie", "Émilie", "Éric", "Estelle", "Fabien", "Fanny", "Fatima", "Florence",
    "Florian", "Franck", "Frédéric", "Gaëlle", "Guillaume", "Hélène", "Hugo", "Inès", "Isabelle", "Jérôme", "Julie",
    "Julien", "Karim", "Karima", "Kévin", "Laetitia", "Laura", "Laurent", "Léa", "Linh", "Loïc", "Lucas", "Lucie",
    "Malik", "Mamadou", "Manon", "Marion", "Mathieu", "Maxime", "Mehdi", "Mélanie", "Nadia", "Nathalie", "Nicolas",
    "Noémie", "Océane", "Pascal", "Pauline", "Philippe", "Quentin", "Romain", "Sabrina", "Samia", "Samuel", "Sarah",
    "Sébastien", "Séverine", "Sophie", "Stéphane", "Stéphanie", "Sylvain", "Thibault", "Thomas", "Valérie",
    "Véronique", "Vincent", "Virginie", "Xavier", "Yannick", "Yasmine", "Youssef",
]
LAST_NAMES = [
    "Arnaud", "Aubert", "Bailly", "Barbier", "Baron", "Benard", "Benhamou", "Berger", "Bertin", "Besson", "Blanchard",
    "Bonnet", "Boucher", "Bouvier", "Boyer", "Brun", "Brunet", "Caron", "Carpentier", "Carré", "Chauvin", "Chevalier",
    "Cherif", "Clément", "Colin", "Collet", "Cordier", "Cousin", "Da Costa", "Da Silva", "Diallo", "Dufour", "Dumont",
    "Dupuis", "Durand", "Duval", "Fabre", "Faure", "Ferreira", "Fleury", "Fournier", "Gaillard", "Garcia", "Gauthier",
    "Germain", "Gilbert", "Gillet", "Girard", "Giraud", "Guérin", "Guillot", "Haddad", "Hubert", "Huet", "Jacquet",
    "Joly", "Julien", "Kaya", "Klein", "Lacombe", "Langlois", "Laporte", "Le Gall", "Le Goff", "Lebrun", "Leclerc",
    "Lecomte", "Lefèvre", "Léger", "Legrand", "Lejeune", "Leroux", "Leroy", "Lopez", "Mallet", "Mansouri", "Marchand",
    "Masson", "Mathieu", "Meunier", "Meyer", "Millet", "Monnier", "Morin", "Moreau", "Muller", "Nguyen", "Noël",
    "Pelletier", "Perrier", "Petit", "Picard", "Poirier", "Poulain", "Prévost", "Renard", "Rey", "Rivière", "Robin",
    "Roger", "Roussel", "Roux", "Royer", "Schmitt", "Tessier", "Traoré", "Vidal", "Weber",
]
# fmt: on
FAMOUS_PAIRS = {
    ("Amélie", "Poulain"),
    ("Caroline", "Garcia"),
    ("Éric", "Besson"),
    ("Fabien", "Roussel"),
    ("Guillaume", "Durand"),
    ("Isabelle", "Carré"),
    ("Laurent", "Berger"),
    ("Thomas", "Meunier"),
    ("Valérie", "Boyer"),
}


def ascii_slug(text):
    """« Hélène Le Gall » → « helene-le-gall »: lower-case ASCII, for e-mail addresses and identifiers."""
    return slugify(unicodedata.normalize("NFKD", text))


def generated_email(first_name, last_name, taken):
    """A unique `prenom.nom@domain` address; adds 2, 3… when the name is already taken (and records it)."""
    base = f"{ascii_slug(first_name)}.{ascii_slug(last_name)}"
    email, n = f"{base}@{DEMO_EMAIL_DOMAIN}", 1
    while email in taken:
        n += 1
        email = f"{base}{n}@{DEMO_EMAIL_DOMAIN}"
    taken.add(email)
    return email


def is_demo_email(email):
    return email in DEMO_ACCOUNT_EMAILS or email.endswith(f"@{DEMO_EMAIL_DOMAIN}")


class Tally:
    """Counts the objects a loader created and updated, for its progress line."""

    def __init__(self):
        self.created = 0
        self.updated = 0

    def __str__(self):
        if not self.created and not self.updated:
            return "rien à changer"
        return f"{plural(self.created, 'création')}, {plural(self.updated, 'mise à jour', 'mises à jour')}"


def _column(model, field, value):
    """The raw column value: a foreign key compares on its id, so that no related object is fetched."""
    concrete = model._meta.get_field(field)
    if concrete.is_relation and concrete.many_to_one:
        return concrete.attname, (value.pk if value is not None else None)
    return field, value


# Recorded as the reason of the historical records (django-simple-history) that the loaders write.
CHANGE_REASON = "Données de démonstration"


def sync_objects(model, key, rows, tally, existing=None, created=None):
    """Create or update one object per row, looked up by `key`; return {key value: object}.

    `key` is a field name, or a tuple of field names for a composite natural key (then pass `existing`, the
    queryset where to look the objects up); `created`, a list, receives the new objects. Only what differs is
    written (`save(update_fields=…)`), so a second run writes nothing — not even a historical record. Objects are
    saved one by one rather than in bulk so that django-simple-history records their creation; the catalogue is
    small enough for that.
    """
    fields = key if isinstance(key, tuple) else (key,)

    def shape(values):
        return tuple(values) if isinstance(key, tuple) else values[0]

    def row_key(row):
        return shape([_column(model, field, row[field])[1] for field in fields])

    def object_key(obj):
        return shape([getattr(obj, _column(model, field, None)[0]) for field in fields])

    if existing is None:
        existing = model.objects.filter(**{f"{key}__in": [row[key] for row in rows]})
    found = {object_key(obj): obj for obj in existing}
    result = {}
    for row in rows:
        obj = found.get(row_key(row))
        if obj is None:
            obj = model(**row)
            obj._change_reason = CHANGE_REASON
            obj.save()
            tally.created += 1
            if created is not None:
                created.append(obj)
        else:
            changed = []
            for field, value in row.items():
                if field in fields:
                    continue
                attname, raw = _column(model, field, value)
                if getattr(obj, attname) != raw:
                    setattr(obj, field, value)
                    changed.append(field)
            if changed:
                obj._change_reason = CHANGE_REASON
                obj.save(update_fields=changed)
                tally.updated += 1
        obj._change_reason = CHANGE_REASON  # also for the historical records of later many-to-many changes
        result[row_key(row)] = obj
    return result


def add_missing(manager, wanted):
    """Add to a many-to-many relation the objects it lacks; never remove (others may have added their own)."""
    current = {obj.pk for obj in manager.all()}
    missing = [obj for obj in wanted if obj.pk not in current]
    if missing:
        manager.add(*missing)
    return len(missing)
