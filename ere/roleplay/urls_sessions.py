from django.urls import path

from ere.roleplay import session_views as views

urlpatterns = [
    path("rejoindre/", views.join, name="join"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/nouvelle/<slug:slug>/", views.session_create, name="session_create"),
    path("sessions/<str:code>/", views.session, name="session"),
    path("sessions/<str:code>/etat/", views.session_state, name="session_state"),
    path("sessions/<str:code>/role/", views.session_role, name="session_role"),
    path("sessions/<str:code>/demarrer/", views.session_start, name="session_start"),
    path("sessions/<str:code>/terminer/", views.session_finish, name="session_finish"),
    path("sessions/<str:code>/grille/", views.session_observe, name="session_observe"),
    path("sessions/<str:code>/scene/", views.session_scene, name="session_scene"),
    path("sessions/<str:code>/repliques/", views.session_line, name="session_line"),
    path("sessions/<str:code>/repliques/<int:pk>/vote/", views.session_vote, name="session_vote"),
    path("sessions/<str:code>/repliques/<int:pk>/garder/", views.session_keep, name="session_keep"),
    path("sessions/<str:code>/bilan/", views.session_results, name="session_results"),
]
