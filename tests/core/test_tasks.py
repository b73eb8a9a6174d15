import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from ere.core.tasks import send_email

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


def test_it_sends_the_email_at_once_with_the_immediate_backend(db):
    send_email.enqueue("Objet", "Corps du message", ["alice@example.fr"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Objet"
    assert mail.outbox[0].to == ["alice@example.fr"]


# Transactional: the worker closes the database connection when it stops, which a test transaction would not survive.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_sends_an_email_queued_in_the_database():
    result = send_email.using(backend="default").enqueue("Objet", "Corps", ["alice@example.fr"])
    assert DBTaskResult.objects.filter(id=result.id).exists()
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload")

    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
