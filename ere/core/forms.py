from django import forms
from django.db import models
from dsfr.forms import DsfrBaseForm


class BaseForm(DsfrBaseForm):
    """Every form of the project: DSFR rendering, and focus on the first field in error."""

    def get_context(self):
        # DsfrBaseForm.get_context warns on every render until django-dsfr's next major version, and tells forms to
        # override it. We keep its current behaviour (required fields marked), as fields rendered one by one do.
        context = super(DsfrBaseForm, self).get_context()
        context["DSFR_MARK_OPTIONAL_FIELDS"] = False
        return context

    def full_clean(self):
        # Not in __init__: validating there would run before subclasses (AuthenticationForm, ModelForm) finish
        # setting themselves up, e.g. before limit_choices_to narrows a queryset.
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["autofocus"] = True
                break


def formfield_callback(db_field, **kwargs):
    """Addresses typed without a scheme are taken as https (the Django 6 default)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class BaseModelForm(forms.ModelForm, BaseForm):
    """Every model form of the project; subclasses write `class Meta(BaseModelForm.Meta)`."""

    class Meta:
        formfield_callback = formfield_callback
