"""Browser tests: a real Chromium driven by Playwright against pytest-django's live server.

Every test in this folder is marked `browser`. Chromium comes from Debian (/usr/bin/chromium, `make chromium`);
Playwright's own browsers are never downloaded. When Chromium is missing or does not start, the tests are skipped
with the reason printed by `pytest -rs`, never silently.

Each pytest-xdist worker runs its own session: its own live server, its own in-memory database, its own Chromium.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

from ere.catalog.enums import OfferAudience, ResourceKind, Status, ToolAudience, UpdateKind
from tests.catalog.factories import (
    CategoryFactory,
    GlossaryTermFactory,
    OfferFactory,
    ResourceFactory,
    TaskFactory,
    ToolFactory,
    ToolUpdateFactory,
)
from tests.org.factories import TEST_PASSWORD

# Playwright's sync API runs an asyncio loop in the main thread, where the tests also use the ORM.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DEFAULT_VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            f"Chromium introuvable ({CHROMIUM}) : tests navigateur ignorés. Installez-le avec `make chromium` "
            "(apt-get install chromium)."
        )
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright

    # The same patience for assertions as for actions: a loaded CI machine can be slow.
    expect.set_options(timeout=TIMEOUT_MS)

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    except PlaywrightError as error:
        playwright.stop()
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        pytest.skip(f"Chromium ({CHROMIUM}) ne démarre pas : tests navigateur ignorés. Cause : {first_line}")
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (no cookie): `new_page(width=375)`.

    JavaScript errors thrown by a page fail the test.
    """
    contexts, errors = [], []

    def open_page(width=DEFAULT_VIEWPORT["width"], height=DEFAULT_VIEWPORT["height"]):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale="fr-FR",
            timezone_id="Europe/Paris",
            reduced_motion="reduce",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, f"Erreurs JavaScript dans la page : {errors}"


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def log_in():
    """Log a user in through the real login form: `log_in(page, agent)`; ends on the page after login."""

    def do_log_in(page, user, password=TEST_PASSWORD, next_url=None):
        page.goto(f"/connexion/?next={next_url}" if next_url else "/connexion/")
        page.get_by_label("Adresse e-mail professionnelle").fill(user.email)
        page.get_by_label("Mot de passe").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Se connecter").click()
        return page

    return do_log_in


@pytest.fixture
def assert_no_axe_violations():
    """Run axe-core on the page as it is now; fail with axe's readable report when it finds a violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


@pytest.fixture
def catalog(agent, champion, manager):
    """A small realistic catalogue: the tools of an advisor's day, grouped by task, with kits and champions."""
    today = timezone.localdate()
    recruit = TaskFactory(name="Recruter pour une entreprise", slug="recruter", position=1)
    follow = TaskFactory(name="Accompagner un demandeur d'emploi", slug="accompagner", position=2)
    organise = TaskFactory(name="Organiser mon agenda", slug="organiser", position=3)
    steer = TaskFactory(name="Piloter l'agence", slug="piloter", position=4)
    employers = CategoryFactory(name="Relation entreprises", slug="relation-entreprises")
    support = CategoryFactory(name="Accompagnement", slug="accompagnement")

    offers_editor = ToolFactory(
        name="Éditeur d'offres",
        slug="editeur-offres",
        summary="Rédiger, publier et suivre les offres d'emploi des entreprises.",
        description="Saisie guidée de l'offre, contrôle de légalité, diffusion sur les sites partenaires.",
        how_to_start="Ouvrez l'éditeur depuis le portail agent, puis « Nouvelle offre ».",
        audience=ToolAudience.EMPLOYERS,
        owner_department="Direction des services aux entreprises",
        tasks=[recruit],
        categories=[employers],
        champions=[champion],
    )
    mrs = ToolFactory(
        name="Recrutement par simulation",
        slug="recrutement-simulation",
        acronym="MRS",
        summary="Organiser des sessions de recrutement par habiletés pour les entreprises.",
        audience=ToolAudience.EMPLOYERS,
        tasks=[recruit],
        categories=[employers],
        champions=[champion],
    )
    dossier = ToolFactory(
        name="Dossier unique du demandeur",
        slug="dossier-unique",
        acronym="DUNE",
        summary="Consulter et mettre à jour le dossier d'un demandeur d'emploi.",
        tasks=[follow],
        categories=[support],
        champions=[champion],
    )
    agenda = ToolFactory(
        name="Agenda partagé",
        slug="agenda-partage",
        summary="Planifier ses rendez-vous et voir les disponibilités de l'équipe.",
        tasks=[organise, follow],
        champions=[champion],
    )
    visio = ToolFactory(
        new=True,
        status=Status.PILOT,
        name="Visio-entretien",
        slug="visio-entretien",
        summary="Recevoir un demandeur ou un recruteur en visioconférence, sans installation.",
        tasks=[follow, recruit],
    )
    ToolFactory(
        name="Tableau de bord agence",
        slug="tableau-de-bord",
        summary="Suivre l'activité de l'agence et la charge des portefeuilles.",
        audience=ToolAudience.MANAGERS,
        tasks=[steer],
    )
    ToolFactory(
        name="Prestations en ligne",
        slug="prestations-en-ligne",
        summary="Prescrire un atelier ou une prestation à un demandeur d'emploi.",
        audience=ToolAudience.JOB_SEEKERS,
        tasks=[follow],
    )
    ToolFactory(
        retired=True,
        name="Ancien portail recruteurs",
        slug="ancien-portail",
        summary="Remplacé par l'éditeur d'offres.",
        audience=ToolAudience.EMPLOYERS,
        tasks=[recruit],
    )
    agenda.related_tools.set([visio, dossier])

    ResourceFactory(tool=offers_editor, title="Guide de saisie d'une offre", kind=ResourceKind.DOCUMENT)
    ResourceFactory(tool=offers_editor, title="Tutoriel vidéo : publier en 5 minutes", kind=ResourceKind.VIDEO)
    ResourceFactory(
        tool=offers_editor,
        kind=ResourceKind.FAQ,
        url="",
        title="Puis-je modifier une offre déjà publiée ?",
        body="Oui : ouvrez l'offre, cliquez sur « Modifier », elle est republiée aussitôt.",
    )
    ResourceFactory(tool=agenda, title="Fiche pratique de l'agenda")

    job_board = OfferFactory(
        name="Plateforme de recrutement en ligne",
        slug="plateforme-recrutement",
        summary="Les entreprises déposent leurs offres et reçoivent des candidatures en ligne.",
        audience=OfferAudience.EMPLOYERS,
        tasks=[recruit],
    )
    job_board.related_tools.set([offers_editor, mrs])
    ResourceFactory(tool=None, offer=job_board, title="Présenter la plateforme à un recruteur")
    OfferFactory(
        name="Espace personnel du demandeur",
        slug="espace-demandeur",
        summary="Le demandeur d'emploi suit ses démarches et ses rendez-vous.",
        audience=OfferAudience.JOB_SEEKERS,
        tasks=[follow],
    )

    GlossaryTermFactory(acronym="DPAE", meaning="déclaration préalable à l'embauche")
    GlossaryTermFactory(acronym="MRS", meaning="méthode de recrutement par simulation", tool=mrs)
    GlossaryTermFactory(acronym="DUNE", meaning="dossier unique du demandeur d'emploi", tool=dossier)
    GlossaryTermFactory(acronym="PMSMP", meaning="période de mise en situation en milieu professionnel")

    ToolUpdateFactory(
        tool=agenda,
        kind=UpdateKind.CHANGE,
        title="Nouvelle vue semaine",
        body="L'agenda affiche désormais la semaine entière, week-end replié.",
        published_on=today - datetime.timedelta(days=2),
    )
    ToolUpdateFactory(
        tool=visio,
        kind=UpdateKind.LAUNCH,
        title="Ouverture du pilote",
        body="Votre agence fait partie du pilote.",
        published_on=today - datetime.timedelta(days=3),
    )
    return {
        "offers_editor": offers_editor,
        "mrs": mrs,
        "dossier": dossier,
        "agenda": agenda,
        "visio": visio,
        "job_board": job_board,
        "tasks": {"recruit": recruit, "follow": follow, "organise": organise, "steer": steer},
    }
