from django import forms
from django.contrib.auth import forms as auth_forms
from django.template import loader

from ere.core.forms import BaseForm
from ere.core.tasks import send_email


class LoginForm(auth_forms.AuthenticationForm, BaseForm):
    username = auth_forms.UsernameField(
        label="Adresse e-mail professionnelle",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect. Vérifiez les deux champs et réessayez.",
        "inactive": "Ce compte est désactivé. Contactez l'administrateur de votre direction.",
    }


class PasswordResetForm(auth_forms.PasswordResetForm, BaseForm):
    email = forms.EmailField(
        label="Adresse e-mail professionnelle",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        """Render the message here, send it from the worker."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject, body, [to_email])


class SetPasswordForm(auth_forms.SetPasswordForm, BaseForm):
    pass


class PasswordChangeForm(auth_forms.PasswordChangeForm, BaseForm):
    pass
