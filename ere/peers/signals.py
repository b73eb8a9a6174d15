"""Entraide listens to the catalogue: when a tool changes, its tips written before are to be reviewed.

Connected when this module is imported: PeersConfig.ready() imports it.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from ere.catalog.models import ToolUpdate


@receiver(post_save, sender=ToolUpdate, dispatch_uid="peers_flag_tool_posts_for_review")
def flag_tips_of_changed_tool(sender, instance, created, raw=False, **kwargs):
    """A new announcement of kind « change » puts the tool's earlier tips in the review queue."""
    if created and not raw:
        from ere.peers import posts

        posts.flag_tool_posts_for_review(instance)
