from django.urls import path

from ere.roleplay import scenario_views as views

urlpatterns = [
    path("", views.library, name="home"),
    path("nouvelle/", views.scenario_create, name="scenario_create"),
    path("importer/", views.scenario_import, name="scenario_import"),
    path("scenarios/<slug:slug>/", views.scenario_detail, name="scenario"),
    path("scenarios/<slug:slug>/repeter/", views.rehearse, name="scenario_rehearse"),
    path("scenarios/<slug:slug>/script.twee", views.scenario_twee, name="scenario_twee"),
    path("scenarios/<slug:slug>/modifier/", views.scenario_edit, name="scenario_edit"),
    path("scenarios/<slug:slug>/publier/", views.scenario_publish, name="scenario_publish"),
]
