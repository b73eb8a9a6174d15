from django.urls import path

from ere.usage import import_views, map_views, survey_views

app_name = "usage"

urlpatterns = [
    # The usage map: managers, analysts and admins see aggregates of their scope
    path("carte/", map_views.map_page, name="map"),
    path("carte/export/<slug:table>.csv", map_views.map_export, name="map_export"),
    # Imports of usage logs: admins and analysts
    path("imports/", import_views.imports, name="imports"),
    path("imports/<int:pk>/", import_views.import_detail, name="import_detail"),
    # Every agent: their own figures, and what is collected
    path("mon-usage/", map_views.mine, name="mine"),
    path("vos-donnees/", map_views.privacy, name="privacy"),
    # Surveys: managers, analysts and admins
    path("enquetes/", survey_views.campaign_list, name="survey_list"),
    path("enquetes/nouvelle/", survey_views.campaign_create, name="survey_create"),
    path("enquetes/<int:pk>/modifier/", survey_views.campaign_edit, name="survey_edit"),
    path("enquetes/<int:pk>/resultats/", survey_views.campaign_results_view, name="survey_results"),
    path("enquetes/<int:pk>/resultats.csv", survey_views.campaign_export, name="survey_export"),
    path("enquetes/<int:pk>/import/", survey_views.survey_import_upload, name="survey_import"),
    path("enquetes/<int:pk>/import/colonnes/", survey_views.survey_import_columns, name="survey_import_columns"),
    # Surveys: the agents they ask
    path("mes-enquetes/", survey_views.my_surveys, name="my_surveys"),
    path("mes-enquetes/<int:pk>/", survey_views.survey_resume, name="survey_resume"),
    path("mes-enquetes/<int:pk>/etape-<int:step>/", survey_views.survey_step, name="survey_step"),
]
