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
        nav = [{"label": label, "url": reverse(name), "active": current in views} for label, name, views in nav]
    return {"SITE_CONFIG": SITE_CONFIG, "main_nav": nav}
