from django.urls import path

from ere.practice import quarter_views, sandbox_views

app_name = "practice"

urlpatterns = [
    # The weekly quart d'heure de pratique.
    path("", quarter_views.home, name="home"),
    path("quart-d-heure/", quarter_views.quarter, name="quarter"),
    path("quart-d-heure/<int:pk>/bilan/", quarter_views.summary, name="quarter_summary"),
    path("creneau/", quarter_views.slot, name="slot"),
    path("creneau.ics", quarter_views.slot_ics, name="slot_ics"),
    path("participation/", quarter_views.participation, name="participation"),
    # Applicatifs-écoles.
    path("applicatifs-ecoles/", sandbox_views.sandbox_list, name="sandbox_list"),
    path("applicatifs-ecoles/<slug:slug>/", sandbox_views.play, name="sandbox_play"),
    path("applicatifs-ecoles/<slug:slug>/tentatives/", sandbox_views.attempt, name="sandbox_attempt"),
]
