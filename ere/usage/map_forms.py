import datetime

from django import forms
from django.utils import timezone

from ere.core.forms import BaseForm
from ere.org.access import managed_agencies
from ere.org.enums import Role
from ere.org.models import Agency, Territory
from ere.usage import analytics

DEFAULT_DAYS = 28
MAX_DAYS = 366


class MapFilterForm(BaseForm):
    """The usage map's filters, limited to what the user may look at (their agency, their territory…)."""

    start = forms.DateField(label="Du", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label="Au", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    agency = forms.ChoiceField(label="Agence", required=False)
    territory = forms.ChoiceField(label="Direction territoriale", required=False)
    role = forms.ChoiceField(label="Rôle", required=False, choices=[("", "Tous les rôles"), *Role.choices])

    def __init__(self, user, data=None):
        today = timezone.localdate()
        defaults = {"start": today - datetime.timedelta(days=DEFAULT_DAYS - 1), "end": today}
        super().__init__(data={**{k: v.isoformat() for k, v in defaults.items()}, **(data.dict() if data else {})})
        self.user = user
        self.agencies = managed_agencies(user).select_related("territory").order_by("name")
        agency_choices = [(a.code, a.name) for a in self.agencies]
        territories = Territory.objects.filter(agencies__in=self.agencies).distinct().order_by("name")
        self.fields["agency"].choices = [("", "Toutes les agences de mon périmètre"), *agency_choices]
        self.fields["territory"].choices = [("", "Tous les territoires"), *((t.code, t.name) for t in territories)]
        if len(agency_choices) == 1:
            # An agency manager sees their agency only.
            del self.fields["territory"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                self.add_error("end", "La date de fin doit suivre la date de début.")
            elif (end - start).days >= MAX_DAYS:
                self.add_error("end", f"La période ne peut pas dépasser {MAX_DAYS} jours.")
        return cleaned

    def filters(self):
        """The analytics filters: what was chosen, always within the user's scope."""
        data = self.cleaned_data
        codes = [a.code for a in self.agencies]
        if data.get("agency"):
            agencies = (data["agency"],)
        elif data.get("territory"):
            agencies = tuple(a.code for a in self.agencies if a.territory.code == data["territory"])
        elif len(codes) == Agency.objects.count():
            agencies = ()  # the whole region: no restriction, unregistered collectors' agents included
        else:
            agencies = tuple(codes)
        return analytics.Filters(
            start=data["start"],
            end=data["end"],
            agencies=agencies,
            roles=(data["role"],) if data.get("role") else (),
        )
