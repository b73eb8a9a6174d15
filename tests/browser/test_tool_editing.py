"""A manager edits a tool and its kit through the form; agents see the change, the history keeps it."""

from playwright.sync_api import expect


def test_a_manager_edits_a_tool_and_sees_the_change_on_its_page_and_in_its_history(page, log_in, manager, catalog):
    log_in(page, manager)
    page.goto("/catalogue/applicatifs/agenda-partage/")
    page.get_by_role("link", name="Modifier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier « Agenda partagé »")

    page.get_by_label("Résumé en langage clair").fill("Planifier ses rendez-vous et partager ses créneaux.")
    new_resource = page.get_by_role("group", name="Nouvelle ressource")
    new_resource.get_by_label("Type").select_option(label="Question fréquente")
    new_resource.get_by_label("Titre").fill("Comment bloquer une demi-journée ?")
    new_resource.get_by_label("Contenu").fill("Créez un rendez-vous « Indisponible » sur la plage voulue.")
    page.get_by_label("Note de modification").fill("Résumé plus clair et FAQ")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda partagé")
    expect(page.get_by_role("status")).to_contain_text("« Agenda partagé » a été enregistré.")
    expect(page.get_by_text("Planifier ses rendez-vous et partager ses créneaux.")).to_be_visible()
    question = page.get_by_role("button", name="Comment bloquer une demi-journée ?")
    expect(question).to_have_attribute("aria-expanded", "false")
    question.click()
    expect(page.get_by_text("Créez un rendez-vous « Indisponible » sur la plage voulue.")).to_be_visible()

    page.get_by_role("link", name="Historique des modifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Historique de « Agenda partagé »")
    latest = page.get_by_role("row").nth(1)
    expect(latest).to_contain_text("Diane Leroy")
    expect(latest).to_contain_text("Résumé plus clair et FAQ")
    expect(latest).to_contain_text(
        "résumé en langage clair : Planifier ses rendez-vous et voir les disponibilités de l'équipe. → "
        "Planifier ses rendez-vous et partager ses créneaux."
    )
