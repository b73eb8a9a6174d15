from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(subject, body, to):
    """Send one e-mail from the background worker, so that no page waits for the mail server."""
    EmailMessage(subject, body, to=to).send()
