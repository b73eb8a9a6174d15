"""« Mes appels analysés » in a real browser: paste a call, read the marks, filter, comment; the progress charts;
axe-core on every page; screenshots on a desktop and a phone (no sideways scroll)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ere.roleplay import transcripts
from ere.roleplay.models import Transcript
from tests.browser.test_screenshots import shoot
from tests.catalog.factories import GlossaryTermFactory
from tests.roleplay.factories import ObservationFactory, ParticipantFactory, PlaySessionFactory

LIST = "/mises-en-situation/appels/"
NEW = "/mises-en-situation/appels/nouveau/"
CALL = """Sophie : Euh, bonjour Monsieur Martin, je vous appelle pour votre offre. Vous avez fait la DPAE ?
M. Martin : Non, pas encore. C'est quoi ?
Sophie : Ben, du coup, c'est la déclaration avant l'embauche. Si je comprends bien, il vous faut un vendeur le matin ?
M. Martin : Oui, de six heures à midi.
Sophie : Qu'est-ce qui compte le plus pour vous chez ce vendeur ?
M. Martin : La ponctualité, et le sourire.
Sophie : Je vous envoie deux profils d'ici jeudi et je vous rappelle vendredi.
"""
EARLIER = """Sophie : Euh, bonjour. Euh, vous avez une offre ? Du coup c'est un CDI ?
M. Rossi : Oui.
Sophie : Ben, euh, vous connaissez la MRS ? Et la DPAE, c'est fait ?
M. Rossi : Non.
Sophie : Bon, euh, voilà, je vous rappelle.
"""


@pytest.fixture
def history(agent):
    """Two earlier calls of the agent, so that the list has curves."""
    GlossaryTermFactory(acronym="DPAE", meaning="déclaration préalable à l'embauche")
    GlossaryTermFactory(acronym="MRS", meaning="méthode de recrutement par simulation")
    for days, title, text in [(30, "Appel garage Rossi", EARLIER), (15, "Appel hôtel des Lilas", EARLIER[:120])]:
        transcript = transcripts.create_from_text(agent, text, title=title, advisor="Sophie")
        Transcript.objects.filter(pk=transcript.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def test_an_agent_pastes_a_call_reads_the_feedback_and_comments_a_line(
    page, log_in, agent, history, assert_no_axe_violations
):
    log_in(page, agent, next_url=NEW)
    expect(page.get_by_role("heading", level=1, name="Analyser un appel")).to_be_visible()
    expect(page.get_by_text("Aucun modèle de transcription locale n'est configuré")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Titre").fill("Appel boulangerie Martin")
    page.get_by_label("Coller la transcription").fill(CALL)
    with page.expect_navigation():
        page.get_by_role("button", name="Analyser").click()
    expect(page.get_by_role("heading", level=1, name="Appel boulangerie Martin")).to_be_visible()
    line_one = page.locator("#ligne-1")
    expect(line_one.locator("mark", has_text="DPAE")).to_be_visible()
    expect(line_one.locator("mark").first).to_have_text("Euh")
    expect(page.get_by_role("heading", name="Points forts")).to_be_visible()
    expect(page.get_by_role("table", name="Les chiffres de l'appel, par locuteur")).to_be_visible()
    assert_no_axe_violations(page)

    # The filter is a plain link: the page comes back with the jargon only.
    page.get_by_role("link", name="Jargon et sigles").click()
    expect(page.get_by_role("link", name="Jargon et sigles")).to_have_attribute("aria-current", "true")
    expect(page.locator(".ere-transcript > li")).to_have_count(1)
    expect(page.locator(".ere-transcript mark")).to_have_text(["DPAE"])

    page.get_by_role("link", name="Commenter la ligne 1").click()
    expect(page.get_by_label("Sur la ligne n°")).to_have_value("1")
    page.get_by_role("textbox", name="Commentaire").fill("Expliquer le sigle avant de poser la question.")
    with page.expect_navigation():
        page.get_by_role("button", name="Commenter").click()
    expect(page.locator("#ligne-1 .ere-comment")).to_contain_text("Expliquer le sigle avant de poser la question.")
    expect(page.get_by_text("Commentaire ajouté.")).to_be_visible()

    page.goto(LIST)
    expect(page.get_by_role("heading", name="Mes progrès")).to_be_visible()
    expect(page.locator(".ere-chart .main-svg").first).to_be_visible()
    expect(page.get_by_role("table", name="Mes chiffres à chaque appel").locator("tbody tr")).to_have_count(3)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_transcript_pages_look_right_on_a_desktop_and_on_a_phone(
    new_page, log_in, agent, trainer, champion, history, width
):
    page = new_page(width=width, height=900 if width > 576 else 800)
    log_in(page, agent, next_url=LIST)
    session = PlaySessionFactory(facilitator=trainer)
    ParticipantFactory(session=session, user=agent)
    for criterion, level in zip(session.scenario.criteria.all(), (4, 2, 3), strict=True):
        ObservationFactory(session=session, observer=champion, criterion=criterion, level=level, note="Vu en direct")
    transcript = transcripts.create_from_text(agent, CALL, title="Appel boulangerie Martin", session=session)
    transcript.comments.create(author=agent, line=3, text="Belle reformulation, à garder.")
    page.goto(LIST)
    page.locator(".ere-chart .main-svg").first.wait_for()
    shoot(page, "roleplay-transcript-list", width)
    page.goto(NEW)
    shoot(page, "roleplay-transcript-new", width)
    page.goto(transcript.get_absolute_url())
    shoot(page, "roleplay-transcript", width)
