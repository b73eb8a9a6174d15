"""Background work of Entraide: the dispatcher of help requests, for the worker.

Run `dispatch_requests` (or the command `match_help_requests`) every few minutes: it moves on the requests whose
colleague did not answer in time (PEERS_ANSWER_HOURS) and tries again those nobody could take.
"""

from django_tasks import task

from ere.peers import requests


@task()
def dispatch_requests():
    """Expire late proposals and propose every waiting request; returns the counts (proposed, unmatched, expired)."""
    return requests.dispatch().as_dict()
