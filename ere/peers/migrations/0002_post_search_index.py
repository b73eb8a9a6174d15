"""PostgreSQL only: the GIN index of the full-text search of tips and questions (ere/peers/post_search.py).

It holds the very expression `post_search.vector()` compiles to — the folded title (weight A) and the folded search
text (weight B) with the « french » configuration — so that `search_posts` reads the index instead of every post;
tests/peers/test_post_search.py checks on PostgreSQL that the query uses it. SQLite ranks in Python: nothing to do.
"""

from django.db import migrations

INDEX = "post_search_idx"
VECTOR = (
    "setweight(to_tsvector('french'::regconfig, COALESCE(translate(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(\"title\"), "
    "'œ', 'oe'), 'æ', 'ae'), 'Œ', 'oe'), 'Æ', 'ae'), "
    "'àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸ', "
    "'aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy'), '')), 'A') "
    "|| setweight(to_tsvector('french'::regconfig, COALESCE(\"search_text\", '')), 'B')"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "peers_post" USING gin (({VECTOR}))')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("peers", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
