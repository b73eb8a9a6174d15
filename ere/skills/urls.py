from django.urls import path

from ere.skills import assessment_views, authoring_views, profile_views

app_name = "skills"

urlpatterns = [
    # The agent's side: profile, diagnostic, learning path.
    path("", profile_views.profile, name="profile"),
    path("parcours/", profile_views.learning_path, name="path"),
    path("exercices/<slug:uid>/", profile_views.exercise, name="exercise"),
    path("diagnostic/", assessment_views.start, name="assessment_start"),
    path("diagnostic/<int:pk>/", assessment_views.question, name="assessment_question"),
    path("diagnostic/<int:pk>/resultats/", assessment_views.result, name="assessment_result"),
    path("diagnostic/<int:pk>/partage/", assessment_views.share, name="assessment_share"),
    # Managers: the team's shared profiles, aggregated.
    path("equipe/", profile_views.team, name="team"),
    # Trainers and champions: the framework and the item bank.
    path("referentiel/", authoring_views.framework, name="framework"),
    path("referentiel/domaines/<slug:code>/", authoring_views.area_edit, name="area_edit"),
    path("referentiel/profils/nouveau/", authoring_views.role_profile_create, name="role_profile_create"),
    path("referentiel/profils/<slug:slug>/", authoring_views.role_profile_edit, name="role_profile_edit"),
    path("questions/", authoring_views.item_list, name="item_list"),
    path("questions/nouvelle/", authoring_views.item_create, name="item_create"),
    path("questions/export.json", authoring_views.item_export, name="item_export"),
    path("questions/import/", authoring_views.item_import, name="item_import"),
    path("questions/<slug:uid>/", authoring_views.item_edit, name="item_edit"),
    path("questions/<slug:uid>/apercu/", authoring_views.item_preview, name="item_preview"),
]
