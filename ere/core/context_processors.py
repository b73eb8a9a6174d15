from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse

from ere.org.access import can

# What django-dsfr's templates read from SITE_CONFIG, built once from settings rather than queried per request.
SITE_CONFIG = SimpleNamespace(
    site_title=settings.ERE_SITE_TITLE,
    site_tagline=settings.ERE_SITE_TAGLINE,
    header_brand_html="République<br>française",
    footer_brand_html="République<br>française",
    footer_description="ERE Digitale aide les conseillers à maîtriser leurs applicatifs et rend lisible l'offre "
    "numérique du service public de l'emploi.",
    beta_tag=True,
    mourning=False,
    notice_title="",
    notice_description="",
)


def _entries(entries, current):
    """Menu entries from (label, URL name, the views under which the entry is the current one)."""
    return [{"label": label, "url": reverse(name), "active": current in views} for label, name, views in entries]


def site(request):
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        current = request.resolver_match.view_name if request.resolver_match else ""
        nav = [
            # (label, URL name, the views under which the entry is the current one)
            ("Accueil", "core:home", {"core:home"}),
            ("Mes outils", "catalog:my_tools", {"catalog:my_tools"}),
            (
                "Catalogue",
                "catalog:list",
                {
                    "catalog:list",
                    "catalog:tool",
                    "catalog:offer",
                    "catalog:tool_edit",
                    "catalog:offer_edit",
                    "catalog:tool_create",
                    "catalog:offer_create",
                    "catalog:history",
                },
            ),
            ("Glossaire", "catalog:glossary", {"catalog:glossary"}),
        ]
        if can(user, "agency.overview"):
            nav.append(("Agences", "org:agencies", {"org:agencies", "org:agency"}))
        if can(user, "usage.map"):
            nav.append(("Cartographie", "usage:map", {"usage:map", "usage:imports", "usage:import_detail"}))
        if can(user, "survey.manage"):
            surveys = {"usage:survey_list", "usage:survey_create", "usage:survey_edit", "usage:survey_results"}
            surveys |= {"usage:survey_import", "usage:survey_import_columns"}
            nav.append(("Enquêtes", "usage:survey_list", surveys))
        nav = _entries(nav, current)
        skills = [
            ("Mes compétences", "skills:profile", {"skills:profile"}),
            ("Diagnostic", "skills:assessment_start", {"skills:assessment_start", "skills:assessment_question"}),
            ("Mon parcours", "skills:path", {"skills:path", "skills:exercise"}),
            ("Quart d'heure de pratique", "practice:home", {"practice:home", "practice:quarter", "practice:slot"}),
            ("Applicatifs-écoles", "practice:sandbox_list", {"practice:sandbox_list", "practice:sandbox_play"}),
        ]
        if can(user, "skills.team"):
            skills.append(("Compétences de l'équipe", "skills:team", {"skills:team"}))
        if can(user, "practice.participation"):
            skills.append(("Participation à la pratique", "practice:participation", {"practice:participation"}))
        if can(user, "skills.edit"):
            skills.append(("Référentiel", "skills:framework", {"skills:framework", "skills:area_edit"}))
            skills.append(("Banque de questions", "skills:item_list", {"skills:item_list", "skills:item_edit"}))
        children = [
            {"label": label, "url": reverse(name), "active": current in views} for label, name, views in skills
        ]
        active = any(child["active"] for child in children) or current.startswith(("skills:", "practice:"))
        nav.insert(2, {"label": "Compétences et pratique", "children": children, "active": active, "id": "nav-skills"})
        if can(user, "roleplay.use"):
            roleplay = [
                ("Scénarios", "roleplay:home", {"roleplay:home", "roleplay:scenario", "roleplay:scenario_rehearse"}),
                ("Rejoindre une session", "roleplay:join", {"roleplay:join"}),
                ("Mes sessions", "roleplay:session_list", {"roleplay:session_list", "roleplay:session"}),
                (
                    "Mes appels analysés",
                    "roleplay:transcript_list",
                    {"roleplay:transcript_list", "roleplay:transcript"},
                ),
            ]
            children = _entries(roleplay, current)
            active = any(child["active"] for child in children) or current.startswith("roleplay:")
            nav.insert(
                3, {"label": "Mises en situation", "children": children, "active": active, "id": "nav-roleplay"}
            )
        if can(user, "peers.use"):
            peers = [
                ("Demander de l'aide", "peers:request_new", {"peers:request_new"}),
                ("Mes demandes", "peers:request_list", {"peers:request_list", "peers:request"}),
                ("Astuces et questions", "peers:post_list", {"peers:post_list", "peers:post", "peers:post_new"}),
                ("Qui peut m'aider ?", "peers:champions", {"peers:champions"}),
                ("Mon profil d'entraide", "peers:settings", {"peers:settings"}),
            ]
            if can(user, "peers.champion"):
                peers.append(("Tableau de bord référent", "peers:champion_dashboard", {"peers:champion_dashboard"}))
                peers.append(("Astuces à revoir", "peers:review_queue", {"peers:review_queue"}))
            if can(user, "peers.activity"):
                peers.append(("Activité de l'entraide", "peers:activity", {"peers:activity"}))
            children = _entries(peers, current)
            active = any(child["active"] for child in children) or current.startswith("peers:")
            position = 4 if can(user, "roleplay.use") else 3
            nav.insert(position, {"label": "Entraide", "children": children, "active": active, "id": "nav-peers"})
        elif can(user, "peers.activity"):
            nav.extend(_entries([("Entraide", "peers:activity", {"peers:activity"})], current))
    context = {"SITE_CONFIG": SITE_CONFIG, "main_nav": nav}
    if user is not None and can(user, "peers.use"):
        from ere.peers.notifications import unread_count

        # Read from the cache when the header renders, not here.
        context["unread_notifications"] = lambda: unread_count(user)
    return context
