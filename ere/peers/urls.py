"""The URLs of Entraide: help requests and notifications, tips and questions, champions and activity.

Each part keeps its routes next to its views (urls_requests, urls_posts, urls_champions)."""

from django.urls import path

from ere.peers import home_views, urls_champions, urls_posts, urls_requests

app_name = "peers"

urlpatterns = [
    path("", home_views.home, name="home"),
    *urls_requests.urlpatterns,
    *urls_posts.urlpatterns,
    *urls_champions.urlpatterns,
]
