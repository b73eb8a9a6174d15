"""Entraide's champions in a real browser: the directory, a champion's dashboard and « Je m'en occupe », the
managers' activity with its chart, the tool page's tips and help, the help shown after a failed applicatif-école;
axe-core on every page; screenshots on a desktop and a phone (no sideways scroll)."""

import datetime
import io
import random

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ere.catalog.demo_data import TOOLS
from ere.peers.enums import Availability, HelpMode, RequestStatus, Urgency
from ere.practice import demo_sandboxes
from tests.browser.test_screenshots import shoot
from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory, UserFactory
from tests.peers.factories import AnswerFactory, HelpRequestFactory, PeerProfileFactory, PostFactory, ProposalFactory

DIRECTORY = "/entraide/referents/"
DASHBOARD = "/entraide/referent/"
ACTIVITY = "/entraide/activite/"
TOOL = "/catalogue/applicatifs/editeur-offres/"
SANDBOX = "/pratique/applicatifs-ecoles/publier-offre-boulangerie/"
WIDTHS = [1280, 375]


@pytest.fixture
def entraide(catalog, agent, champion, agency):
    """Helpers around the agency, requests waiting on the champion's tools, tips and questions, six months of
    activity."""
    AgencyFactory.reset_sequence(2000)
    editor, agenda = catalog["offers_editor"], catalog["agenda"]
    PeerProfileFactory(user=champion, note="Les offres et l'agenda : je viens à votre poste.")
    neighbour = AgencyFactory(name="Agence Villeurbanne", territory=agency.territory)
    helpers = []
    for first_name, last_name, where, availability, modes, tools in [
        ("Inès", "Moreau", agency, Availability.AVAILABLE, ["visio", "message"], [editor, agenda]),
        ("Karim", "Haddad", agency, Availability.LIMITED, ["beside"], [catalog["dossier"]]),
        ("Léa", "Fournier", neighbour, Availability.AWAY, ["visio"], [editor]),
    ]:
        user = UserFactory(first_name=first_name, last_name=last_name, agency=where)
        PeerProfileFactory(user=user, availability=availability, modes=modes, tools=tools)
        helpers.append(user)
    asking = [UserFactory(first_name="Demandeur", last_name=f"N{n}", agency=agency) for n in range(7)]
    HelpRequestFactory(
        requester=asking[0],
        tool=agenda,
        urgency=Urgency.HIGH,
        status=RequestStatus.UNMATCHED,
        context="Je n'arrive pas à réserver la salle 2 pour un atelier jeudi : elle n'apparaît pas quand je l'invite.",
    )
    HelpRequestFactory(
        requester=UserFactory(agency=neighbour),
        tool=editor,
        mode=HelpMode.VISIO,
        context="Je voudrais modifier le salaire d'une offre déjà publiée sans la republier entièrement.",
    )
    ProposalFactory(
        request__requester=asking[1],
        request__tool=editor,
        request__context="Une offre déposée ce matin n'est toujours pas dans « À valider ».",
        candidate=champion,
        reasons=["Référent numérique de cet applicatif", "Dans votre agence", "Disponible en ce moment"],
    )
    now = timezone.now()
    for months_ago in range(6):
        when = now - datetime.timedelta(days=30 * months_ago)
        for n, requester in enumerate(asking[: 7 - months_ago % 3]):
            HelpRequestFactory(
                requester=requester,
                tool=editor if n % 2 else agenda,
                status=RequestStatus.RESOLVED,
                helper=helpers[n % 2],
                created_at=when,
                accepted_at=when + datetime.timedelta(hours=1 + n),
                resolved_at=when + datetime.timedelta(hours=3 + n),
                context=f"Demande {months_ago}-{n}",
            )
    for title, votes in [
        ("Relire une offre avant de la publier : trois vérifications", 7),
        ("Retrouver une offre enregistrée en brouillon", 3),
    ]:
        PostFactory(tool=editor, author=helpers[0], title=title, vote_count=votes)
    PostFactory(tool=editor, author=agent, question=True, title="Peut-on dupliquer une offre pourvue ?")
    question = PostFactory(tool=editor, author=asking[2], question=True, title="Pourquoi mon offre reste à valider ?")
    AnswerFactory(parent=question, author=champion)
    PostFactory(tool=agenda, author=helpers[0], title="Un modèle pour les rendez-vous", outdated_at=now)
    return {"helpers": helpers, "asking": asking}


@pytest.mark.parametrize("width", WIDTHS)
def test_an_agent_finds_who_can_help_on_a_tool(new_page, log_in, agent, entraide, assert_no_axe_violations, width):
    page = new_page(width=width)
    log_in(page, agent, next_url=DIRECTORY)
    expect(page.get_by_role("heading", level=1, name="Qui peut m'aider ?")).to_be_visible()
    expect(page.get_by_role("heading", name="Bruno Petit")).to_be_visible()
    expect(page.get_by_role("heading", name="Karim Haddad")).to_be_visible()
    expect(page.get_by_role("heading", name="Léa Fournier")).to_have_count(0)  # another agency
    assert_no_axe_violations(page)
    shoot(page, "peers-champions", width)

    page.get_by_label("Applicatif").select_option(label="Éditeur d'offres")
    page.get_by_label("Où").select_option("dt")
    with page.expect_navigation():
        page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", name="Référents numériques pour Éditeur d'offres")).to_be_visible()
    expect(page.get_by_role("heading", name="Léa Fournier")).to_be_visible()
    expect(page.get_by_text("Absent·e en ce moment")).to_be_visible()
    expect(page.get_by_role("heading", name="Karim Haddad")).to_have_count(0)  # not on this tool
    assert_no_axe_violations(page)
    shoot(page, "peers-champions-filtered", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_champion_takes_a_request_from_their_dashboard(
    new_page, log_in, champion, entraide, assert_no_axe_violations, width
):
    page = new_page(width=width)
    log_in(page, champion, next_url=DASHBOARD)
    expect(page.get_by_role("heading", level=1, name="Mon tableau de bord de référent")).to_be_visible()
    expect(page.get_by_role("heading", name="En attente de votre réponse")).to_be_visible()
    expect(page.get_by_text("Pourquoi mon offre reste à valider ?")).to_be_visible()
    expect(page.get_by_text("Peut-on dupliquer une offre pourvue ?")).to_be_visible()
    expect(page.get_by_text("1 message sur vos applicatifs a été signalé comme obsolète")).to_be_visible()
    assert_no_axe_violations(page)
    shoot(page, "peers-champion-dashboard", width)

    with page.expect_navigation():
        page.get_by_role("button", name="Je m'en occupe : demande sur Agenda partagé").click()
    expect(page.get_by_text("Vous vous occupez de cette demande")).to_be_visible()
    expect(page.get_by_text("salle 2 pour un atelier jeudi").first).to_be_visible()
    page.goto(DASHBOARD)
    expect(page.get_by_role("link", name="Demandeur N0 — Agenda partagé")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_manager_reads_the_activity_without_any_name(
    new_page, log_in, manager, entraide, assert_no_axe_violations, width
):
    page = new_page(width=width)
    log_in(page, manager, next_url=ACTIVITY)
    expect(page.get_by_role("heading", level=1, name="Activité de l'entraide")).to_be_visible()
    expect(page.locator("[data-figure='fig-peers-months'] .main-svg").first).to_be_visible()
    table = page.get_by_role("table", name="Demandes d'aide par mois")
    expect(table.get_by_role("row")).to_have_count(7)
    content = page.content()
    for person in (*entraide["helpers"], *entraide["asking"]):
        assert person.get_full_name() not in content
    assert_no_axe_violations(page)
    shoot(page, "peers-activity", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_tool_page_offers_tips_questions_and_help(
    new_page, log_in, agent, entraide, assert_no_axe_violations, width
):
    page = new_page(width=width)
    log_in(page, agent, next_url=TOOL)
    expect(page.get_by_role("heading", name="Astuces et questions des collègues")).to_be_visible()
    expect(page.get_by_role("link", name="Relire une offre avant de la publier : trois vérifications")).to_be_visible()
    expect(page.get_by_role("link", name="Demander de l'aide sur Éditeur d'offres")).to_be_visible()
    expect(page.get_by_role("link", name="Voir les référents et volontaires pour Éditeur d'offres")).to_be_visible()
    assert_no_axe_violations(page)
    shoot(page, "peers-tool", width)


@pytest.fixture
def sandbox(db):
    wanted = {definition["tool"] for definition in demo_sandboxes.definitions()}
    tools = {
        tool["slug"]: ToolFactory(slug=tool["slug"], name=tool["name"]) for tool in TOOLS if tool["slug"] in wanted
    }
    demo_sandboxes.load(random.Random(0), io.StringIO())
    return tools["suivi-offres"]


def test_a_failed_mission_reveals_tips_and_colleagues(page, log_in, agent, agency, sandbox, assert_no_axe_violations):
    helper = UserFactory(first_name="Inès", last_name="Moreau", agency=agency)
    PeerProfileFactory(user=helper, tools=[sandbox])
    PostFactory(tool=sandbox, author=helper, title="Relire une offre avant de la publier")
    log_in(page, agent, next_url=SANDBOX)
    help_block = page.locator("[data-peers-suggestions]")
    expect(help_block).to_be_hidden()
    page.get_by_role("button", name="J'ai terminé la mission").click()
    expect(page.locator(".sbx__result")).to_contain_text("Mission à reprendre")
    expect(help_block).to_be_visible()
    expect(
        help_block.get_by_role("heading", name="Besoin d'un coup de main sur Suivi des offres d'emploi ?")
    ).to_be_visible()
    expect(help_block.get_by_text("Inès Moreau")).to_be_visible()
    expect(help_block.get_by_role("link", name="Relire une offre avant de la publier")).to_be_visible()
    assert_no_axe_violations(page)
    shoot(page, "peers-sandbox-failed", 1280)
