"""« Mes outils »: tools grouped by task, favourites and news, toggled with htmx."""

from playwright.sync_api import expect


def mark_page(page):
    """Leave a mark on the window: it survives htmx swaps and disappears if the page reloads."""
    page.evaluate("window.notReloaded = true")


def assert_not_reloaded(page):
    assert page.evaluate("window.notReloaded === true"), "la page a été rechargée"


def task_section(page, name):
    return page.get_by_role("region", name=name, exact=True)


def tool_names(page, task):
    headings = task_section(page, task).get_by_role("heading", level=4)
    expect(headings.first).to_be_visible()
    return sorted(text.strip() for text in headings.all_inner_texts())


def test_an_agent_sees_their_tools_grouped_by_task(page, log_in, agent, catalog):
    log_in(page, agent)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Mes outils").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mes outils")
    # Sorted here: the database's collation decides where « É » goes.
    assert tool_names(page, "Recruter pour une entreprise") == [
        "Recrutement par simulation",
        "Visio-entretien",
        "Éditeur d'offres",
    ]
    assert tool_names(page, "Accompagner un demandeur d'emploi") == [
        "Agenda partagé",
        "Dossier unique du demandeur",
        "Visio-entretien",
    ]
    assert tool_names(page, "Organiser mon agenda") == ["Agenda partagé"]
    # Tools for managers, for the other specialty, and retired ones are not the agent's.
    for name in ["Tableau de bord agence", "Prestations en ligne", "Ancien portail recruteurs"]:
        expect(page.get_by_text(name)).to_have_count(0)
    # The task shortcuts lead to their section.
    page.get_by_role("link", name="Organiser mon agenda (1)").click()
    assert page.url.endswith("#task-organiser")


def test_an_agent_adds_a_favourite_without_reloading_and_finds_it_in_my_favourites(page, log_in, agent, catalog):
    log_in(page, agent)
    page.goto("/catalogue/mes-outils/")
    favorites = page.get_by_role("region", name="Mes favoris")
    expect(favorites).to_contain_text("Vous n'avez pas encore de favori.")
    mark_page(page)

    section = task_section(page, "Organiser mon agenda")
    section.get_by_role("button", name="Ajouter aux favoris : Agenda partagé").click()

    toggled = section.get_by_role("button", name="Retirer des favoris : Agenda partagé")
    expect(toggled).to_have_attribute("aria-pressed", "true")
    assert_not_reloaded(page)
    assert agent.favorites.filter(tool=catalog["agenda"]).exists()

    page.reload()
    expect(favorites.get_by_role("heading", name="Agenda partagé")).to_be_visible()
    expect(favorites.get_by_role("button", name="Retirer des favoris : Agenda partagé")).to_have_attribute(
        "aria-pressed", "true"
    )


def test_an_agent_dismisses_a_news_item_without_reloading_and_it_stays_dismissed(page, log_in, agent, catalog):
    log_in(page, agent)
    page.goto("/catalogue/mes-outils/")
    news = page.get_by_role("region", name="Nouveautés")
    expect(news.get_by_role("listitem")).to_have_count(2)
    mark_page(page)

    news.get_by_role("button", name="Masquer : Nouvelle vue semaine").click()

    expect(news.get_by_role("button", name="Masquer : Nouvelle vue semaine")).to_have_count(0)
    expect(news.get_by_text("Nouvelle vue semaine")).to_have_count(0)
    expect(news.get_by_role("listitem")).to_have_count(1)
    assert_not_reloaded(page)

    page.reload()
    expect(news.get_by_role("button", name="Masquer : Ouverture du pilote")).to_be_visible()
    expect(news.get_by_text("Nouvelle vue semaine")).to_have_count(0)
    # Dismissed for the whole account: the home page does not show it either.
    page.goto("/")
    home_news = page.get_by_role("region", name="Nouveautés")
    expect(home_news.get_by_role("button", name="Masquer : Ouverture du pilote")).to_be_visible()
    expect(home_news.get_by_text("Nouvelle vue semaine")).to_have_count(0)
