"""The demo commands as the tests call them: their output as a string."""

from io import StringIO

from django.core.management import call_command


def load_demo(**options):
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def demo_accounts():
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    return out.getvalue()
