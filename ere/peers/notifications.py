"""In-app notifications, sent by e-mail as well when they ask for an action.

The header shows the number of unread notifications: it is cached per user (a key the writes below clear), so that
no page pays a query for it.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from ere.core.tasks import send_email
from ere.peers.models import Notification

UNREAD_KEY = "peers:unread:{}"
UNREAD_SECONDS = 300


def _forget(user_id):
    """Clear the cached counter now, and again once the transaction commits: a page counting in between would
    otherwise cache, for UNREAD_SECONDS, a number without this change."""
    key = UNREAD_KEY.format(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def notify(user, kind, title, body="", url="", email=False):
    """Tell `user` something: a notification in the app, and an e-mail from the worker when `email`."""
    notification = Notification.objects.create(user=user, kind=kind, title=title, body=body, url=url)
    _forget(user.pk)
    if email and user.email:
        link = f"{settings.SITE_URL}{url}" if url else ""
        text = "\n\n".join(part for part in (f"Bonjour {user.first_name},", body, link) if part)
        text += "\n\n— ERE Digitale (vous pouvez répondre depuis vos notifications dans l'application)"
        transaction.on_commit(lambda: send_email.enqueue(f"[ERE Digitale] {title}", text, [user.email]))
    return notification


def unread_count(user):
    """The number of unread notifications of `user`, cached."""
    if not user.is_authenticated:
        return 0
    key = UNREAD_KEY.format(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user).unread().count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


def mark_read(user, notifications=None):
    """Mark these notifications of `user` (all of them when None) as read."""
    queryset = Notification.objects.filter(user=user).unread()
    if notifications is not None:
        queryset = queryset.filter(pk__in=[n.pk for n in notifications])
    queryset.update(read_at=timezone.now())
    _forget(user.pk)
