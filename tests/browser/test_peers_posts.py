"""« Astuces et questions » in a real browser: an agent asks a question in Markdown, a colleague answers, the first
accepts the answer and finds it useful; someone flags a tip outdated and a champion reviews it from the queue.
axe-core on every page; screenshots on a desktop and a phone (no sideways scroll)."""

import urllib.request

import pytest
from playwright.sync_api import expect

from ere.peers import posts
from tests.browser.test_screenshots import shoot
from tests.org.factories import AgencyFactory, UserFactory
from tests.peers.factories import AnswerFactory, PostFactory

LIST = "/entraide/astuces/"
NEW = "/entraide/astuces/nouvelle/"
QUEUE = "/entraide/astuces/a-revoir/"
QUESTION = """Quand je veux **dupliquer** un rendez-vous récurrent, l'agenda me propose :

- soit de copier toute la série ;
- soit de ne copier que le premier.

Comment copier *une seule* occurrence ?"""


@pytest.fixture(autouse=True)
def agency_codes_apart():
    """AgencyFactory's codes (69000 + n) meet the `agency` fixture's « 69001 » at n = 1: start them further."""
    AgencyFactory.reset_sequence(1000)


@pytest.fixture(autouse=True)
def warm_server(live_server):
    """The live server's first request loads every URL module (scipy, ibis…): seconds on a busy machine, more than
    a page's timeout. Pay it here, once, before the browser."""
    urllib.request.urlopen(f"{live_server.url}/connexion/", timeout=120).close()


@pytest.fixture
def colleague(agency):
    return UserFactory(agency=agency, first_name="Chloé", last_name="Bernard", email="chloe@example.fr")


def test_a_question_is_asked_answered_accepted_and_found_useful(
    new_page, log_in, agent, colleague, catalog, assert_no_axe_violations
):
    agenda = catalog["agenda"]
    page = new_page()
    log_in(page, agent, next_url=LIST)
    expect(page.get_by_role("heading", level=1, name="Astuces et questions")).to_be_visible()
    expect(page.get_by_text("Pas encore d'astuce ni de question")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Poser une question").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partager une astuce ou poser une question")
    expect(page.get_by_label("Une question")).to_be_checked()
    page.get_by_label("Applicatif").select_option(label=agenda.name)
    # The tool's tasks replace the full list (htmx).
    expect(page.get_by_label("Organiser mon agenda")).to_be_visible()
    expect(page.get_by_label("Piloter l'agence")).to_have_count(0)
    # A DSFR label covers its checkbox: tick it by the label, as a person does.
    page.locator("label").filter(has_text="Organiser mon agenda").click()
    expect(page.get_by_label("Organiser mon agenda")).to_be_checked()
    page.get_by_label("Titre").fill("Dupliquer une seule occurrence d'un rendez-vous ?")
    page.get_by_role("textbox", name="Texte").fill(QUESTION)
    page.get_by_role("button", name="Prévisualiser").click()
    expect(page.locator(".ere-preview strong")).to_have_text("dupliquer")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Publier").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Dupliquer une seule occurrence d'un rendez-vous ?")
    expect(page.get_by_text("Votre question est publiée.")).to_be_visible()
    expect(page.locator(".ere-post-body li")).to_have_count(2)
    expect(page.locator(".ere-post-body em")).to_have_text("une seule")
    question_url = page.url

    # A colleague answers.
    other = new_page()
    log_in(other, colleague, next_url=question_url)
    other.get_by_label("Votre réponse").fill("Ouvrez l'occurrence, puis **Actions › Dupliquer cette date**.")
    other.get_by_role("button", name="Publier ma réponse").click()
    expect(other.get_by_text("Votre réponse est publiée.")).to_be_visible()
    expect(other.get_by_role("heading", name="1 réponse")).to_be_visible()
    expect(other.get_by_role("button", name="Retenir cette réponse")).to_have_count(0)

    # The first agent accepts it, then finds it useful.
    page.goto(question_url)
    answer = page.locator(".ere-answer")
    expect(answer).to_contain_text("Réponse de Chloé Bernard")
    answer.get_by_role("button", name="Retenir cette réponse").click()
    expect(page.get_by_text("Réponse retenue : elle s'affiche en premier.")).to_be_visible()
    expect(page.locator(".ere-answer--accepted")).to_contain_text("Réponse retenue")
    vote = page.locator(".ere-answer").get_by_role("button", name="Utile")
    expect(vote).to_have_attribute("aria-pressed", "false")
    vote.click()
    expect(page.locator(".ere-answer").get_by_role("button", name="Utile")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".ere-answer")).to_contain_text("Utile pour vous")
    # Not on one's own question: the count only.
    expect(page.locator(".ere-topic").get_by_role("button", name="Utile")).to_have_count(0)
    assert_no_axe_violations(page)

    # The colleague was told in the app; the list shows the accepted answer.
    page.goto(LIST)
    result = page.locator(".ere-post-item")
    expect(result).to_contain_text("Réponse retenue")
    expect(result).to_contain_text("1 réponse")
    page.get_by_role("searchbox", name="Rechercher").fill("occurrence")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("status").filter(has_text="pour « occurrence »")).to_be_visible()
    assert_no_axe_violations(page)


def test_a_tip_flagged_outdated_is_reviewed_by_a_champion(
    new_page, log_in, agent, champion, colleague, catalog, assert_no_axe_violations
):
    tip = PostFactory(
        tool=catalog["agenda"],
        author=colleague,
        title="Glisser un rendez-vous pour le déplacer",
        body="Dans la vue jour, **faites glisser** le rendez-vous vers le nouveau créneau.",
    )
    page = new_page()
    log_in(page, agent, next_url=tip.get_absolute_url())
    page.get_by_label("Ce qui a changé").fill("Depuis la vue semaine, il faut passer par « Modifier ».")
    page.get_by_role("button", name="Signaler comme obsolète").click()
    expect(page.get_by_text("Merci : l'auteur et les référents de l'applicatif sont prévenus.")).to_be_visible()
    expect(page.get_by_role("heading", name="Peut-être obsolète")).to_be_visible()

    reviewer = new_page()
    log_in(reviewer, champion, next_url=QUEUE)
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Astuces et questions à revoir")
    item = reviewer.locator(".ere-post-item")
    expect(item).to_contain_text("Glisser un rendez-vous pour le déplacer")
    expect(item).to_contain_text("par Alice Martin")
    expect(item).to_contain_text("il faut passer par « Modifier »")
    assert_no_axe_violations(reviewer)
    item.get_by_role("button", name="Toujours valable").click()
    expect(reviewer.get_by_text("toujours valable, retiré de la file « à revoir »")).to_be_visible()
    expect(reviewer.get_by_role("heading", name="Rien à revoir")).to_be_visible()
    assert_no_axe_violations(reviewer)

    # The champion's view of a topic, with the moderation tools.
    reviewer.goto(tip.get_absolute_url())
    expect(reviewer.get_by_role("heading", name="Modération")).to_be_visible()
    expect(reviewer.get_by_role("heading", name="Peut-être obsolète")).to_have_count(0)
    assert_no_axe_violations(reviewer)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_post_pages_look_right_on_a_desktop_and_on_a_phone(
    new_page, log_in, agent, champion, colleague, catalog, width
):
    agenda, editor = catalog["agenda"], catalog["offers_editor"]
    tip = PostFactory(
        tool=agenda,
        author=colleague,
        title="Voir la semaine entière d'un coup d'œil",
        body="Cliquez sur **Semaine** en haut à droite, puis repliez le week-end avec la flèche.",
        vote_count=4,
        tasks=[catalog["tasks"]["organise"]],
    )
    question = PostFactory(
        question=True,
        tool=editor,
        author=agent,
        title="Comment republier une offre expirée sans la ressaisir ?",
        body=QUESTION,
        tasks=[catalog["tasks"]["recruit"]],
    )
    accepted = AnswerFactory(
        parent=question,
        author=colleague,
        body="Dans **Mes offres**, filtrez sur « Expirées », puis *Actions › Republier*. Les candidatures restent.",
        vote_count=3,
    )
    AnswerFactory(parent=question, author=champion, body="Et pensez à vérifier la date de fin de contrat.")
    question.accepted_answer = accepted
    question.save()
    outdated = PostFactory(tool=agenda, author=agent, title="Bloquer une demi-journée", body="Menu **Absences**.")
    posts.flag_outdated(colleague, outdated, "Le menu Absences s'appelle désormais « Indisponibilités ».")
    PostFactory(question=True, tool=catalog["dossier"], title="Où voir l'historique des contacts ?")
    posts.weekly_tip()

    page = new_page(width=width, height=900 if width > 576 else 800)
    log_in(page, champion, next_url=LIST)
    shoot(page, "peers-post-list", width)
    page.goto(f"{NEW}?outil=agenda-partage")
    shoot(page, "peers-post-new", width)
    page.goto(question.get_absolute_url())
    shoot(page, "peers-post", width)
    page.goto(tip.get_absolute_url())
    shoot(page, "peers-post-tip", width)
    page.goto(QUEUE)
    shoot(page, "peers-review-queue", width)
    page.goto(f"/catalogue/applicatifs/{agenda.slug}/")
    shoot(page, "peers-tool-posts", width)
