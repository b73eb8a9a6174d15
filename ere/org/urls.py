from django.urls import path

from ere.org import views

app_name = "org"

urlpatterns = [
    path("mon-compte/", views.profile, name="profile"),
    path("agences/", views.agencies, name="agencies"),
    path("agences/<str:code>/", views.agency, name="agency"),
]
