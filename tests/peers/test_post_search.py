"""Search of tips and questions: the same expectations on SQLite (the pure ranking index) and on PostgreSQL (full-text
search with the « french » configuration). Run them on PostgreSQL too: DATABASE_URL=postgres://… pytest tests/peers."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from ere.peers import post_search, posts
from ere.peers.models import Post
from tests.catalog.factories import GlossaryTermFactory, TaskFactory, ToolFactory
from tests.org.factories import AgencyFactory
from tests.peers.factories import PostFactory

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL seulement")


@pytest.fixture(autouse=True)
def agency_codes_apart():
    """AgencyFactory's codes (69000 + n) meet the `agency` fixture's « 69001 » at n = 1: start them further."""
    AgencyFactory.reset_sequence(1000)


@pytest.fixture
def tool(db):
    return ToolFactory(name="Éditeur de courriers", slug="editeur-courriers")


def titles(results):
    return [post.title for post in results]


def test_accents_and_case_do_not_matter(tool):
    PostFactory(tool=tool, title="Faire la declaration en ligne", body="Depuis le portail.")
    PostFactory(tool=tool, title="Autre chose", body="Rien à voir.")

    assert titles(posts.search_posts("Déclaration")) == ["Faire la declaration en ligne"]
    assert titles(posts.search_posts("DÉCLARATION")) == ["Faire la declaration en ligne"]


def test_accents_in_the_text_match_a_query_without_them(tool):
    PostFactory(tool=tool, title="Le brouillon", body="Après l'enregistrement, l'offre reste « à vérifier ».")
    assert titles(posts.search_posts("verifier")) == ["Le brouillon"]


def test_a_plural_finds_the_singular_and_the_other_way_round(tool):
    PostFactory(tool=tool, title="Publier une offre", body="En trois clics.")
    PostFactory(tool=tool, title="Trier les candidatures", body="Par date de réception.")

    assert titles(posts.search_posts("offres")) == ["Publier une offre"]
    assert titles(posts.search_posts("candidature")) == ["Trier les candidatures"]


def test_a_past_participle_finds_the_verb(tool):
    # PostgreSQL stems both to « epingl »; the pure index matches « epingle » as the start of « epingler ».
    PostFactory(tool=tool, title="Épingler un dossier", body="Il reste en haut de la liste.")
    assert titles(posts.search_posts("épinglé")) == ["Épingler un dossier"]


def test_every_word_of_the_query_must_be_found(tool):
    PostFactory(tool=tool, title="Dupliquer une offre", body="Menu Actions.")
    PostFactory(tool=tool, title="Supprimer une offre", body="Menu Actions.")
    assert titles(posts.search_posts("dupliquer offre")) == ["Dupliquer une offre"]
    assert titles(posts.search_posts("dupliquer rendez-vous")) == []


def test_a_word_of_the_title_ranks_above_one_of_the_text(tool):
    PostFactory(tool=tool, title="Astuce du lundi", body="Pensez au brouillon avant de fermer.", vote_count=9)
    PostFactory(tool=tool, title="Retrouver un brouillon", body="Dans l'onglet dédié.")
    assert titles(posts.search_posts("brouillon")) == ["Retrouver un brouillon", "Astuce du lundi"]


def test_ties_go_to_the_most_useful(tool):
    PostFactory(tool=tool, title="Brouillon : le retrouver", body="Onglet.", vote_count=1)
    PostFactory(tool=tool, title="Brouillon : le supprimer", body="Onglet.", vote_count=4)
    assert titles(posts.search_posts("brouillon")) == ["Brouillon : le supprimer", "Brouillon : le retrouver"]


def test_the_tool_and_the_tasks_are_searched(tool):
    task = TaskFactory(name="Recruter pour une entreprise")
    post = posts.create_post(
        PostFactory(tool=tool).author, kind="tip", tool=tool, title="Gagner du temps", body="Modèles.", tasks=[task]
    )
    assert list(posts.search_posts("recruter")) == [post]
    assert post in posts.search_posts("éditeur")


def test_an_acronym_of_the_glossary_finds_its_meaning(tool):
    GlossaryTermFactory(acronym="DPAE", meaning="déclaration préalable à l'embauche")
    PostFactory(tool=tool, title="Avant le premier jour", body="Faites la déclaration préalable à l'embauche.")
    PostFactory(tool=tool, title="La DPAE en urgence", body="Le samedi aussi.")

    assert set(titles(posts.search_posts("DPAE"))) == {"Avant le premier jour", "La DPAE en urgence"}
    assert set(titles(posts.search_posts("declaration prealable embauche"))) == {
        "Avant le premier jour",
        "La DPAE en urgence",
    }


def test_hidden_merged_and_answers_are_never_found(tool):
    target = PostFactory(question=True, tool=tool, title="Retrouver une offre supprimée ?")
    PostFactory(question=True, tool=tool, title="Offre supprimée : la retrouver ?", duplicate_of=target)
    PostFactory(tool=tool, title="Offre supprimée : astuce masquée", is_hidden=True)
    PostFactory(kind="answer", parent=target, tool=tool, title="", body="Une offre supprimée se retrouve ici.")

    assert titles(posts.search_posts("supprimée")) == ["Retrouver une offre supprimée ?"]


def test_filters_narrow_the_search(tool):
    other = ToolFactory(name="Agenda")
    task = TaskFactory()
    tip = PostFactory(tool=tool, title="Brouillon d'offre", tasks=[task])
    question = PostFactory(question=True, tool=tool, title="Où est mon brouillon ?")
    PostFactory(tool=other, title="Brouillon de rendez-vous")

    assert list(posts.search_posts("brouillon", tool=tool, kind="tip")) == [tip]
    assert list(posts.search_posts("brouillon", kind="question")) == [question]
    assert list(posts.search_posts("brouillon", task=task)) == [tip]
    assert list(posts.search_posts("brouillon", kind="unanswered")) == [question]
    assert list(posts.search_posts("brouillon", tool=tool, kind="review")) == []


def test_an_empty_query_lists_everything_newest_first(tool):
    first = PostFactory(tool=tool)
    second = PostFactory(tool=tool)
    assert list(posts.search_posts("")) == [second, first]
    assert list(posts.search_posts("  ", kind="tip")) == [second, first]


def test_a_query_of_stop_words_finds_nothing(tool):
    PostFactory(tool=tool, title="De la", body="Des")
    assert list(posts.search_posts("de la des")) == []


def test_the_result_is_a_queryset_on_both_databases(tool):
    PostFactory(tool=tool, title="Brouillon")
    results = posts.search_posts("brouillon")
    assert results.count() == 1
    assert posts.with_counts(results).get().answer_count == 0


@on_postgresql
def test_on_postgresql_the_search_uses_the_gin_index(tool):
    PostFactory(tool=tool, title="Brouillon")
    # The search's own expression, without its other filters (which a planner may prefer on a small table).
    queryset = Post.objects.alias(document=post_search.vector()).filter(
        document=SearchQuery("brouillon", config="french", search_type="websearch")
    )
    assert queryset.count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "post_search_idx" in plan, plan


def test_sqlite_and_postgresql_fold_titles_the_same_way():
    # The characters SQL's translate() folds are those Python's fold folds to the same letters.
    from ere.catalog.search import fold

    assert fold(post_search.ACCENTED) == post_search.PLAIN
