from django.urls import path

from ere.peers import champion_views

urlpatterns = [
    path("referents/", champion_views.directory, name="champions"),
    path("referent/", champion_views.dashboard, name="champion_dashboard"),
    path("demandes/<int:pk>/je-m-en-occupe/", champion_views.take, name="request_take"),
    path("activite/", champion_views.activity, name="activity"),
]
