"""Search of tips and questions, in French: accents, case and plural forms do not matter.

Two engines, one behaviour, the same tests (tests/peers/test_post_search.py runs on both databases):

- SQLite (development, small installations): the catalogue's pure ranking module (ere.catalog.search.Index) over
  the title, the tasks and the folded text of each candidate post, in Python. Terms also match the start of a word
  (« recru » finds « recrutement »), and the glossary's acronyms their meaning.
- PostgreSQL: full-text search with the « french » configuration (stemming: « épinglé » finds « épingler »), in the
  database, served by the GIN index of migration 0002. Documents are the already-folded `search_text` column (weight
  B) and the title folded in SQL (weight A), so accents do not matter without the `unaccent` extension; the query is
  folded the same way in Python. Queries use the web-search syntax (« "mot exact" », « -exclu », « ou »).

Both return a queryset of the posts given, best first, then the most useful, then the newest.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Value, When
from django.db.models.functions import Lower, Replace

from ere.catalog.search import Index, fold, terms
from ere.catalog.services import glossary_map

# The ranking of the pure index: a word of the title counts most, then the tasks, then the rest of the text.
WEIGHTS = {"title": 10.0, "tasks": 5.0, "body": 1.0}

# Accented letters folded by SQL's translate() (an immutable function, so the index can hold the expression), the
# same way ere.catalog.search.fold folds them in Python. Upper case ones too: lower() depends on the database locale.
ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸ"
PLAIN = "aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy"
CONFIG = "french"


def is_postgresql():
    return connection.vendor == "postgresql"


def folded_title():
    """The title without accents nor ligatures, in SQL: what ere.catalog.search.fold does in Python."""
    title = Lower("title")
    for ligature, letters in (("œ", "oe"), ("æ", "ae"), ("Œ", "oe"), ("Æ", "ae")):
        title = Replace(title, Value(ligature), Value(letters))
    return Func(title, Value(ACCENTED), Value(PLAIN), function="translate")


def vector():
    """The document of a post for PostgreSQL: its folded title (weight A) and its folded text (weight B).

    Migration 0002 indexes this very expression (GIN): change one, change the other (a test checks that the query
    uses the index).
    """
    return SearchVector(folded_title(), config=CONFIG, weight="A") + SearchVector(
        "search_text", config=CONFIG, weight="B"
    )


def _pg_query(query, glossary):
    """The web-search query, folded; an acronym of the glossary also finds its meaning, and the other way round
    (compared word by word without stop words, as the pure index does: « déclaration préalable embauche »)."""
    folded = fold(query)
    search = SearchQuery(folded, config=CONFIG, search_type="websearch")
    words = terms(folded)
    for acronym, meaning in glossary.items():
        acronym_words, meaning_words = terms(acronym), terms(meaning)
        if len(acronym_words) != 1 or not meaning_words:
            continue
        for old, new in ((acronym_words, meaning_words), (meaning_words, acronym_words)):
            at = _find(words, old)
            if at is not None:
                alternative = words[:at] + new + words[at + len(old) :]
                search |= SearchQuery(" ".join(alternative), config=CONFIG, search_type="websearch")
                break
    return search


def _find(words, phrase):
    """Where `phrase` (a list of words) starts in `words`, or None."""
    for at in range(len(words) - len(phrase) + 1):
        if words[at : at + len(phrase)] == phrase:
            return at
    return None


def _rank_in_database(queryset, query, glossary):
    search = _pg_query(query, glossary)
    document = vector()
    return (
        queryset.alias(document=document)
        .filter(document=search)
        .annotate(rank=SearchRank(document, search))
        .order_by("-rank", "-vote_count", "-created_at", "-pk")
    )


def _rank_in_python(queryset, query, glossary):
    candidates = queryset.order_by("-vote_count", "-created_at", "-pk").only("pk", "title", "search_text")
    documents = [
        (
            post.pk,
            {
                "title": post.title,
                "tasks": " ".join(task.name for task in post.tasks.all()),
                "body": post.search_text,
            },
        )
        for post in candidates.prefetch_related("tasks")
    ]
    ranked = [pk for pk, _score in Index(documents, glossary, weights=WEIGHTS).search(query)]
    if not ranked:
        return queryset.none()
    order = Case(*(When(pk=pk, then=Value(n)) for n, pk in enumerate(ranked)), output_field=IntegerField())
    return queryset.filter(pk__in=ranked).alias(position=order).order_by(F("position").asc())


def rank(queryset, query):
    """The posts of `queryset` that match `query`, best first; all of them, newest first, for an empty query."""
    query = (query or "").strip()
    if not query:
        return queryset.order_by("-created_at", "-pk")
    if not terms(query):
        # Only stop words (« de la »): nothing to look for, on either database.
        return queryset.none()
    glossary = glossary_map()
    if is_postgresql():
        return _rank_in_database(queryset, query, glossary)
    return _rank_in_python(queryset, query, glossary)
