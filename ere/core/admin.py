from django.contrib import admin
from dsfr.models import DsfrConfig

# The site's header and footer come from settings (ere.core.context_processors), not from django-dsfr's
# configuration model: hide its admin page so that nobody edits values that are never read.
admin.site.unregister(DsfrConfig)
