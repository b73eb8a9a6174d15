from django.urls import path

from ere.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.catalog_list, name="list"),
    path("mes-outils/", views.my_tools, name="my_tools"),
    path("glossaire/", views.glossary, name="glossary"),
    path("applicatifs/nouveau/", views.tool_create, name="tool_create"),
    path("applicatifs/<slug:slug>/", views.tool_detail, name="tool"),
    path("applicatifs/<slug:slug>/modifier/", views.tool_edit, name="tool_edit"),
    path("applicatifs/<slug:slug>/favori/", views.toggle_favorite, name="toggle_favorite"),
    path("offres/nouvelle/", views.offer_create, name="offer_create"),
    path("offres/<slug:slug>/", views.offer_detail, name="offer"),
    path("offres/<slug:slug>/modifier/", views.offer_edit, name="offer_edit"),
    path("<str:kind>/<slug:slug>/historique/", views.history, name="history"),
    path("nouveautes/<int:pk>/masquer/", views.dismiss_update, name="dismiss_update"),
]
