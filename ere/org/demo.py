"""Demo organisation: one region, three territories, twelve agencies and about four hundred agents.

The documented accounts (ere.core.demo.DEMO_ACCOUNTS) are placed first; the other people are drawn from the name
lists. The whole population is planned in memory from `rng` alone, then written by e-mail address, so that the same
seed always gives the same people and a second run writes nothing.
"""

from collections import Counter

from django.conf import settings
from django.contrib.auth.hashers import make_password

from ere.core.demo import (
    DEMO_ACCOUNTS,
    FAMOUS_PAIRS,
    FIRST_NAMES,
    LAST_NAMES,
    Tally,
    generated_email,
    plural,
    sync_objects,
)
from ere.org.enums import Role, Specialty
from ere.org.models import Agency, Region, Territory, User

REGION = {"code": "ARA", "name": "Direction régionale Auvergne-Rhône-Alpes"}

TERRITORIES = [
    {"code": "DT69", "name": "Direction territoriale du Rhône"},
    {"code": "DT38", "name": "Direction territoriale de l'Isère"},
    {"code": "DT42", "name": "Direction territoriale de la Loire"},
]

# The first agency of each territory is its main one (where the territory's manager and trainer sit). `staff` counts
# the agency's manager, champions and advisors.
AGENCIES = [
    {"code": "69001", "name": "Agence Lyon Part-Dieu", "city": "Lyon", "territory": "DT69", "staff": 44},
    {"code": "69002", "name": "Agence Villeurbanne", "city": "Villeurbanne", "territory": "DT69", "staff": 38},
    {"code": "69003", "name": "Agence Lyon Vaise", "city": "Lyon", "territory": "DT69", "staff": 32},
    {"code": "69004", "name": "Agence Vénissieux", "city": "Vénissieux", "territory": "DT69", "staff": 35},
    {"code": "69005", "name": "Agence Vaulx-en-Velin", "city": "Vaulx-en-Velin", "territory": "DT69", "staff": 31},
    {"code": "38001", "name": "Agence Grenoble Europole", "city": "Grenoble", "territory": "DT38", "staff": 40},
    {"code": "38002", "name": "Agence Échirolles", "city": "Échirolles", "territory": "DT38", "staff": 33},
    {"code": "38003", "name": "Agence Bourgoin-Jallieu", "city": "Bourgoin-Jallieu", "territory": "DT38", "staff": 29},
    {"code": "38004", "name": "Agence Vienne", "city": "Vienne", "territory": "DT38", "staff": 27},
    {
        "code": "42001",
        "name": "Agence Saint-Étienne Centre",
        "city": "Saint-Étienne",
        "territory": "DT42",
        "staff": 39,
    },
    {"code": "42002", "name": "Agence Roanne", "city": "Roanne", "territory": "DT42", "staff": 30},
    {"code": "42003", "name": "Agence Montbrison", "city": "Montbrison", "territory": "DT42", "staff": 24},
]

# Share of frontline staff (advisors and champions) who work mainly with employers.
EMPLOYERS_SHARE = 0.4

ROLE_NAMES = {
    Role.AGENT: ("conseiller", "conseillers"),
    Role.CHAMPION: ("référent numérique", "référents numériques"),
    Role.TRAINER: ("formateur", "formateurs"),
    Role.MANAGER: ("manager", "managers"),
    Role.ANALYST: ("analyste", "analystes"),
    Role.ADMIN: ("administrateur", "administrateurs"),
}


def champions_for(staff):
    """Bigger agencies have more digital champions: 1 to 3."""
    return 3 if staff >= 38 else 2 if staff >= 30 else 1


def main_agency(territory_code):
    return next(agency["code"] for agency in AGENCIES if agency["territory"] == territory_code)


def plan_people(rng):
    """Every demo person as a dict of User fields (agency and territory as codes). Depends on `rng` only."""
    people = [
        {
            "email": account["email"],
            "first_name": account["first_name"],
            "last_name": account["last_name"],
            "role": account["role"],
            "specialty": account["specialty"],
            "agency": account["agency"],
            "territory_scope": account["territory_scope"],
            "is_staff": account.get("is_staff", False),
            "is_superuser": account.get("is_superuser", False),
        }
        for account in DEMO_ACCOUNTS
    ]
    taken_emails = {person["email"] for person in people}
    taken_names = {(person["first_name"], person["last_name"]) for person in people}

    def person(role, agency=None, territory_scope=None, specialty=""):
        while True:
            name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if name[0] != name[1] and name not in taken_names and name not in FAMOUS_PAIRS:
                break
        first_name, last_name = name
        taken_names.add(name)
        return {
            "email": generated_email(first_name, last_name, taken_emails),
            "first_name": first_name,
            "last_name": last_name,
            "role": role,
            "specialty": specialty,
            "agency": agency,
            "territory_scope": territory_scope,
            "is_staff": False,
            "is_superuser": False,
        }

    for agency in AGENCIES:
        code = agency["code"]
        # The documented accounts that belong to this agency's own staff (not the territory's people sitting there).
        fixed = [
            p
            for p in people
            if p["agency"] == code
            and p["territory_scope"] is None
            and p["role"] in (Role.AGENT, Role.CHAMPION, Role.MANAGER)
        ]
        fixed_roles = Counter(p["role"] for p in fixed)
        champions = champions_for(agency["staff"])
        new_champions = champions - fixed_roles[Role.CHAMPION]
        new_agents = agency["staff"] - 1 - champions - fixed_roles[Role.AGENT]
        frontline_roles = [Role.CHAMPION] * new_champions + [Role.AGENT] * new_agents
        fixed_employers = sum(p["specialty"] == Specialty.EMPLOYERS for p in fixed)
        employers = round(EMPLOYERS_SHARE * (champions + new_agents + fixed_roles[Role.AGENT])) - fixed_employers
        employer_slots = set(rng.sample(range(len(frontline_roles)), employers))
        if not fixed_roles[Role.MANAGER]:
            people.append(person(Role.MANAGER, agency=code))
        for i, role in enumerate(frontline_roles):
            specialty = Specialty.EMPLOYERS if i in employer_slots else Specialty.JOB_SEEKERS
            people.append(person(role, agency=code, specialty=specialty))

    for territory in TERRITORIES:
        code, seat = territory["code"], main_agency(territory["code"])
        if not any(p["territory_scope"] == code and p["role"] == Role.MANAGER for p in people):
            people.append(person(Role.MANAGER, agency=seat, territory_scope=code))
        if not any(p["role"] == Role.TRAINER and p["agency"] == seat for p in people):
            people.append(person(Role.TRAINER, agency=seat))
    # A regional trainer, and an analyst for one territory (the documented analyst covers the whole region).
    people.append(person(Role.TRAINER))
    people.append(person(Role.ANALYST, territory_scope="DT38"))
    return people


def _write_people(people, agencies, territories, tally):
    """Create the missing people in bulk, update the ones that differ, and restore the documented accounts' password.

    The password is hashed once and the hash shared: hashing four hundred times would take minutes.
    """
    password_hash = None
    existing = {user.email: user for user in User.objects.filter(email__in=[p["email"] for p in people])}
    to_create, to_update, changed_fields = [], [], set()
    for p in people:
        values = {
            "first_name": p["first_name"],
            "last_name": p["last_name"],
            "role": p["role"],
            "specialty": p["specialty"],
            "agency_id": agencies[p["agency"]].pk if p["agency"] else None,
            "territory_scope_id": territories[p["territory_scope"]].pk if p["territory_scope"] else None,
            "is_staff": p["is_staff"],
            "is_superuser": p["is_superuser"],
            "is_active": True,
        }
        user = existing.get(p["email"])
        if user is None:
            password_hash = password_hash or make_password(settings.ERE_DEMO_PASSWORD)
            to_create.append(User(email=p["email"], password=password_hash, **values))
            continue
        changed = [field for field, value in values.items() if getattr(user, field) != value]
        if changed:
            for field in changed:
                setattr(user, field, values[field])
            to_update.append(user)
            changed_fields.update(changed)
    User.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        User.objects.bulk_update(to_update, sorted(changed_fields), batch_size=500)
    tally.created += len(to_create)
    tally.updated += len(to_update)

    # The documented accounts must always open with the documented password, even if someone changed it during a
    # demo. Only these few are checked: each check costs a full hash.
    for account in DEMO_ACCOUNTS:
        user = existing.get(account["email"])
        if user is not None and not user.check_password(settings.ERE_DEMO_PASSWORD):
            password_hash = password_hash or make_password(settings.ERE_DEMO_PASSWORD)
            user.password = password_hash
            user.save(update_fields=["password"])
            tally.updated += 1


def load(rng, stdout):
    tally = Tally()
    region = sync_objects(Region, "code", [REGION], tally)[REGION["code"]]
    territories = sync_objects(Territory, "code", [{**t, "region": region} for t in TERRITORIES], tally)
    agencies = sync_objects(
        Agency,
        "code",
        [
            {"code": a["code"], "name": a["name"], "city": a["city"], "territory": territories[a["territory"]]}
            for a in AGENCIES
        ],
        tally,
    )
    people = plan_people(rng)
    _write_people(people, agencies, territories, tally)

    roles = Counter(p["role"] for p in people)
    stdout.write(
        f"Organisation : 1 région, {plural(len(territories), 'territoire')}, {plural(len(agencies), 'agence')}, "
        f"{plural(len(people), 'agent')} ({tally})"
    )
    stdout.write("  dont " + ", ".join(plural(roles[role], *names) for role, names in ROLE_NAMES.items()))
