"""Help requests, the helper's settings and the notifications (under /entraide/)."""

from django.urls import path

from ere.peers import request_views

urlpatterns = [
    path("demandes/", request_views.request_list, name="request_list"),
    path("demandes/nouvelle/", request_views.request_new, name="request_new"),
    path("demandes/<int:pk>/", request_views.request_detail, name="request"),
    path("demandes/<int:pk>/accepter/", request_views.request_accept, name="request_accept"),
    path("demandes/<int:pk>/decliner/", request_views.request_decline, name="request_decline"),
    path("demandes/<int:pk>/resolue/", request_views.request_resolve, name="request_resolve"),
    path("demandes/<int:pk>/remercier/", request_views.request_thank, name="request_thank"),
    path("demandes/<int:pk>/annuler/", request_views.request_cancel, name="request_cancel"),
    path("mon-profil/", request_views.peer_settings, name="settings"),
    path("notifications/", request_views.notification_list, name="notifications"),
    path("notifications/lues/", request_views.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/", request_views.notification_open, name="notification_open"),
]
