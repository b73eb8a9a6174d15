from django.urls import path

from ere.roleplay import transcript_views as views

urlpatterns = [
    path("appels/", views.transcript_list, name="transcript_list"),
    path("appels/nouveau/", views.transcript_new, name="transcript_new"),
    path("appels/<int:pk>/", views.transcript_detail, name="transcript"),
    path("appels/<int:pk>/commenter/", views.transcript_comment, name="transcript_comment"),
    path("appels/<int:pk>/conseiller/", views.transcript_reanalyze, name="transcript_reanalyze"),
    path("appels/<int:pk>/corriger/", views.transcript_edit, name="transcript_edit"),
    path("appels/<int:pk>/supprimer/", views.transcript_delete, name="transcript_delete"),
]
