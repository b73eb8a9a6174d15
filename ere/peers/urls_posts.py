"""Tips and questions (« astuces et questions »): the list, writing, the topic page, votes, moderation, review."""

from django.urls import path

from ere.peers import post_views

urlpatterns = [
    path("astuces/", post_views.post_list, name="post_list"),
    path("astuces/nouvelle/", post_views.post_new, name="post_new"),
    path("astuces/a-revoir/", post_views.review_queue, name="review_queue"),
    path("astuces/<int:pk>/", post_views.post_detail, name="post"),
    path("astuces/<int:pk>/modifier/", post_views.post_edit, name="post_edit"),
    path("astuces/<int:pk>/repondre/", post_views.post_answer, name="post_answer"),
    path("astuces/<int:pk>/utile/", post_views.post_vote, name="post_vote"),
    path("astuces/<int:pk>/retenir/", post_views.post_accept, name="post_accept"),
    path("astuces/<int:pk>/obsolete/", post_views.post_outdated, name="post_outdated"),
    path("astuces/<int:pk>/relue/", post_views.post_reviewed, name="post_reviewed"),
    path("astuces/<int:pk>/masquer/", post_views.post_hide, name="post_hide"),
    path("astuces/<int:pk>/afficher/", post_views.post_unhide, name="post_unhide"),
    path("astuces/<int:pk>/fusionner/", post_views.post_merge, name="post_merge"),
]
