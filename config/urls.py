from django.contrib import admin
from django.urls import include, path

from config.api import api

admin.site.site_header = "ERE Digitale — administration"
admin.site.site_title = "ERE Digitale"
admin.site.index_title = "Données de référence"

urlpatterns = [
    path("", include("ere.core.urls")),
    path("", include("ere.org.auth_urls")),
    path("organisation/", include("ere.org.urls")),
    path("catalogue/", include("ere.catalog.urls")),
    path("usages/", include("ere.usage.urls")),
    path("competences/", include("ere.skills.urls")),
    path("pratique/", include("ere.practice.urls")),
    path("mises-en-situation/", include("ere.roleplay.urls")),
    path("entraide/", include("ere.peers.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "ere.core.views.permission_denied"
handler404 = "ere.core.views.page_not_found"
handler500 = "ere.core.views.server_error"
