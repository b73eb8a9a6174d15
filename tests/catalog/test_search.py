"""The pure ranking module: no database, plain tables of inputs and expected outputs."""

import pytest

from ere.catalog.search import FIELD_WEIGHTS, PREFIX_FACTOR, SYNONYM_FACTOR, Index, fold, stem, stop_words, terms

GLOSSARY = {
    "DPAE": "Déclaration préalable à l'embauche",
    "MRS": "Méthode de recrutement par simulation",
    "RDV": "Rendez-vous",
    "PMSMP": "Période de mise en situation en milieu professionnel",
}


def _search(documents, query, glossary=None):
    """Keys of the documents found, best first."""
    index = Index([(key, fields) for key, fields in documents.items()], glossary)
    return [key for key, _score in index.search(query)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Récrutement", "recrutement"),
        ("ÉVÉNEMENTS", "evenements"),
        ("Œuvre à l'Été", "oeuvre a l'ete"),
        ("ex æquo", "ex aequo"),
        ("demandeur d’emploi", "demandeur d'emploi"),
        ("Ça déçoit", "ca decoit"),
        ("ﬁchier", "fichier"),  # the « fi » ligature
        ("", ""),
    ],
)
def test_fold_drops_case_accents_and_ligatures(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    "word,expected",
    [
        ("offres", "offre"),
        ("offre", "offre"),
        ("bureaux", "bureau"),
        ("nouveaux", "nouveau"),
        ("reseaux", "reseau"),
        ("locaux", "local"),
        ("journaux", "journal"),
        ("jeux", "jeu"),
        ("adresse", "adresse"),
        ("process", "process"),  # a double s is not a plural
        ("cas", "cas"),  # too short to be cut
        ("bus", "bus"),
        ("aux", "aux"),
    ],
)
def test_stem_folds_plurals_onto_the_singular(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize("singular,plural", [("bureau", "bureaux"), ("offre", "offres"), ("local", "locaux")])
def test_a_singular_and_its_plural_share_a_stem(singular, plural):
    assert stem(singular) == stem(plural)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Déclaration préalable à l'embauche", ["declaration", "prealable", "embauche"]),
        ("Le suivi des demandeurs d’emploi", ["suivi", "demandeur", "emploi"]),
        ("Publier et suivre une offre", ["publier", "suivre", "offre"]),
        ("Les réseaux sociaux", ["reseau", "social"]),
        ("CV-thèque 2026", ["cv", "theque", "2026"]),
        ("le la les de du", []),
        ("", []),
    ],
)
def test_terms_keeps_the_significant_stemmed_words_in_order(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize("word", ["le", "la", "les", "de", "des", "du", "et", "pour", "vous", "l", "d"])
def test_common_words_are_stop_words(word):
    assert word in stop_words()


@pytest.mark.parametrize("word", ["suivre", "prealable", "nouveau", "retour", "aide", "personne", "unique"])
def test_words_that_matter_in_the_catalogue_are_not_stop_words(word):
    assert word not in stop_words()


def test_stop_words_are_folded():
    assert all(word == fold(word) for word in stop_words())


@pytest.mark.parametrize("query", ["", "   ", "le la les", "de la", "?!"])
def test_an_empty_query_finds_nothing(query):
    assert _search({"a": {"name": "Le suivi de la recherche"}}, query) == []


@pytest.mark.parametrize(
    "query,expected",
    [
        ("recrutement", ["mrs"]),
        ("RECRUTEMENT", ["mrs"]),
        ("récrutement", ["mrs"]),
        ("evenements", ["salons"]),
        ("événement", ["salons"]),
        ("reseau social", ["reseaux"]),
        ("réseaux sociaux", ["reseaux"]),
        ("offres", ["offre"]),
    ],
)
def test_it_ignores_case_accents_and_plurals(query, expected):
    documents = {
        "mrs": {"name": "Méthode de recrutement par simulation"},
        "salons": {"name": "Événements emploi"},
        "reseaux": {"name": "Réseaux sociaux professionnels"},
        "offre": {"name": "Publier une offre d'emploi"},
    }
    assert _search(documents, query) == expected


@pytest.mark.parametrize(
    "query,found",
    [
        ("recru", True),  # the start of « recrutement »
        ("recrutem", True),
        ("rec", True),  # three letters are enough
        ("re", False),  # two are not
        ("crutement", False),  # the middle of a word is not a prefix
        ("recrutements", True),  # a plural query still finds the singular
    ],
)
def test_a_term_matches_the_start_of_a_word(query, found):
    assert (_search({"mrs": {"name": "Méthode de recrutement"}}, query) == ["mrs"]) is found


def test_every_term_of_the_query_must_be_found():
    documents = {
        "agenda": {"name": "Agenda partagé", "summary": "Les rendez-vous de l'agence"},
        "offres": {"name": "Publier une offre", "summary": "Pour les entreprises"},
    }
    assert _search(documents, "agenda agence") == ["agenda"]
    assert _search(documents, "agenda entreprise") == []


def test_a_name_match_ranks_above_a_description_match():
    documents = {
        "description": {"name": "Outil de diagnostic", "description": "Sert aussi à préparer un entretien."},
        "summary": {"name": "Agenda", "summary": "Planifier un entretien"},
        "tasks": {"name": "Visio", "tasks": "Mener un entretien"},
        "name": {"name": "Entretien à distance"},
    }
    assert _search(documents, "entretien") == ["name", "tasks", "summary", "description"]


@pytest.mark.parametrize(
    "field,weight",
    [(name, weight) for name, weight in FIELD_WEIGHTS.items()],
)
def test_the_score_is_the_weight_of_the_field_where_the_term_is_found(field, weight):
    index = Index([("doc", {field: "Immersion professionnelle"})])
    assert index.search("immersion") == [("doc", weight)]
    assert index.search("immers") == [("doc", pytest.approx(weight * PREFIX_FACTOR))]


def test_the_best_field_counts_once_per_term_and_terms_add_up():
    index = Index([("doc", {"name": "Immersion", "description": "Immersion en entreprise"})])
    assert index.search("immersion") == [("doc", FIELD_WEIGHTS["name"])]
    assert index.search("immersion entreprise") == [("doc", FIELD_WEIGHTS["name"] + FIELD_WEIGHTS["description"])]


def test_an_exact_word_beats_a_prefix():
    documents = {"prefix": {"name": "Offres d'emploi"}, "exact": {"name": "Offre"}}
    assert _search(documents, "off") == ["prefix", "exact"]  # both prefixes: a tie keeps the given order
    assert _search(documents, "offre") == ["prefix", "exact"]  # « offres » is stemmed to « offre »: a tie again
    assert _search({"prefix": {"name": "Offreur"}, "exact": {"name": "Offre"}}, "offre") == ["exact", "prefix"]


def test_ties_keep_the_order_of_the_documents():
    documents = {key: {"name": "Agenda"} for key in ["b", "c", "a"]}
    assert _search(documents, "agenda") == ["b", "c", "a"]


def test_missing_fields_are_allowed():
    assert _search({"doc": {"name": "Agenda", "description": None}}, "agenda") == ["doc"]


def test_an_acronym_finds_its_meaning():
    documents = {"dpae": {"name": "Déclaration préalable à l'embauche"}, "other": {"name": "Agenda"}}
    assert _search(documents, "DPAE", GLOSSARY) == ["dpae"]
    assert _search(documents, "dpae", GLOSSARY) == ["dpae"]


def test_a_meaning_finds_its_acronym():
    documents = {"dpae": {"name": "DPAE en ligne"}, "other": {"name": "Agenda"}}
    assert _search(documents, "déclaration préalable à l'embauche", GLOSSARY) == ["dpae"]
    assert _search(documents, "declaration prealable embauche", GLOSSARY) == ["dpae"]


def test_a_one_word_meaning_finds_its_acronym():
    documents = {"rdv": {"name": "RDV Planner"}, "other": {"name": "Agenda"}}
    assert _search(documents, "rendez-vous", GLOSSARY) == ["rdv"]


def test_a_meaning_inside_a_longer_query_still_expands():
    documents = {"dpae": {"name": "DPAE en ligne", "summary": "Pour l'employeur"}}
    assert _search(documents, "employeur déclaration préalable à l'embauche", GLOSSARY) == ["dpae"]


def test_a_part_of_a_meaning_does_not_stand_for_the_acronym():
    documents = {"dpae": {"name": "DPAE en ligne"}}
    assert _search(documents, "déclaration", GLOSSARY) == []


def test_the_written_term_ranks_above_its_expansion():
    documents = {
        "meaning": {"name": "Méthode de recrutement par simulation"},
        "acronym": {"name": "MRS"},
    }
    index = Index(list(documents.items()), GLOSSARY)
    assert index.search("MRS") == [
        ("acronym", FIELD_WEIGHTS["name"]),
        ("meaning", pytest.approx(FIELD_WEIGHTS["name"] * SYNONYM_FACTOR)),
    ]


def test_an_expansion_needs_every_word_of_the_meaning():
    documents = {"partial": {"name": "Mise en situation"}, "full": {"name": "Période de mise en situation"}}
    assert _search(documents, "PMSMP", GLOSSARY) == []
    documents["full"]["description"] = "En milieu professionnel"
    assert _search(documents, "PMSMP", GLOSSARY) == ["full"]


def test_an_acronym_of_several_words_is_not_expanded():
    index = Index([("doc", {"name": "Curriculum vitae en ligne"})], {"CV Doc": "Curriculum vitae"})
    assert index.search("cv") == []


def test_it_accepts_prepared_documents_and_keys_of_any_kind():
    key = object()
    index = Index([(key, {"name": "Agenda"})])
    assert index.search("agenda") == [(key, FIELD_WEIGHTS["name"])]
