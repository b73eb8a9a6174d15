"""The background job of « l'astuce de la semaine », for a scheduler that queues tasks rather than commands.

`send_weekly_tip_digest` does what the `send_weekly_tip` command does: choose the week's tip and, once a week, send it
(a second run the same week sends nothing).
"""

from django_tasks import task

from ere.peers import posts


@task()
def send_weekly_tip_digest():
    """Choose and send this week's tip; returns the French summary line."""
    return posts.digest_summary(posts.send_weekly_tip())
