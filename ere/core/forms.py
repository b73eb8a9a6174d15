from django import forms
from django.db import models
from dsfr.forms import DsfrBaseForm


class BaseForm(DsfrBaseForm):
    """Every form of the project: DSFR rendering, and focus on the first field in error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and self.errors:
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
