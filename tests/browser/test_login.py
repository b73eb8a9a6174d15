"""Logging in through the real form."""

from playwright.sync_api import expect

from tests.org.factories import TEST_PASSWORD


def test_an_agent_logs_in_through_the_form_and_lands_on_the_home_page(page, live_server, log_in, agent):
    log_in(page, agent)

    assert page.url == f"{live_server.url}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Alice")
    expect(page.get_by_role("link", name="Alice Martin · Conseiller")).to_be_visible()


def test_a_wrong_password_shows_a_french_error(page, live_server, agent):
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail professionnelle").fill(agent.email)
    page.get_by_label("Mot de passe").fill("ce n'est pas le bon")
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("alert")).to_have_text(
        "Adresse e-mail ou mot de passe incorrect. Vérifiez les deux champs et réessayez."
    )
    assert page.url == f"{live_server.url}/connexion/"
    expect(page.get_by_label("Adresse e-mail professionnelle")).to_have_value(agent.email)
    expect(page.get_by_label("Mot de passe")).to_have_value("")


def test_a_visitor_is_sent_to_the_login_form_then_back_to_the_page_they_asked_for(page, live_server, log_in, agent):
    page.goto("/catalogue/mes-outils/")
    assert page.url == f"{live_server.url}/connexion/?next=/catalogue/mes-outils/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à ERE Digitale")

    page.get_by_label("Adresse e-mail professionnelle").fill(agent.email)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mes outils")
    assert page.url == f"{live_server.url}/catalogue/mes-outils/"
