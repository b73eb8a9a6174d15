"""The item kinds: content validation, reading answers from a form, scoring and feedback (pure, no database)."""

import pytest
from django.http import QueryDict

from ere.skills import items
from tests.skills.factories import hotspot_data, matching_data, multiple_data, ordering_data, single_data


def form(**fields):
    query = QueryDict(mutable=True)
    for key, value in fields.items():
        query.setlist(key.replace("_", "-"), value if isinstance(value, list) else [value])
    return query


@pytest.mark.parametrize(
    "kind,data",
    [
        ("single", single_data()),
        ("multiple", multiple_data()),
        ("ordering", ordering_data()),
        ("matching", matching_data()),
        ("hotspot", hotspot_data()),
        ("sandbox", {"sandbox": "publier-offre"}),
    ],
)
def test_valid_content_of_every_kind_has_no_problem(kind, data):
    assert items.validate(kind, data) == []


def test_a_single_choice_needs_exactly_one_right_answer():
    data = single_data()
    data["choices"][1]["correct"] = True
    assert items.validate("single", data) == ["Une question à choix unique a exactement une bonne réponse."]


def test_a_multiple_choice_needs_a_right_answer():
    data = multiple_data()
    for choice in data["choices"]:
        choice["correct"] = False
    assert items.validate("multiple", data) == ["Une question à choix multiple a au moins une bonne réponse."]


def test_empty_texts_and_duplicate_ids_are_named():
    data = single_data()
    data["choices"][2]["text"] = " "
    data["choices"][1]["id"] = "a"
    assert items.validate("single", data) == [
        "Choix n° 3 : le champ « text » est vide.",
        "Deux choix ont le même identifiant.",
    ]


def test_an_ordering_needs_three_steps():
    assert items.validate("ordering", {"steps": [{"id": "1", "text": "a"}, {"id": "2", "text": "b"}]}) == [
        "Il faut au moins 3 étapes."
    ]


def test_a_matching_with_two_identical_answers_is_ambiguous():
    data = matching_data()
    data["pairs"][1]["right"] = data["pairs"][0]["right"]
    assert "ambiguë" in items.validate("matching", data)[0]


def test_a_hotspot_region_must_fit_in_the_picture():
    data = hotspot_data()
    data["regions"][1]["x"] = 90
    assert items.validate("hotspot", data) == ["Zone n° 2 : la zone doit tenir dans l'image (de 0 à 100 %)."]


def test_a_hotspot_needs_a_description_for_screen_readers():
    data = hotspot_data()
    data["alt"] = ""
    assert "lecteurs d'écran" in items.validate("hotspot", data)[0]


def test_a_sandbox_item_names_an_existing_sandbox():
    assert items.validate("sandbox", {"sandbox": "inconnu"}, sandbox_exists=lambda slug: False) == [
        "L'applicatif-école « inconnu » n'existe pas."
    ]


def test_an_unknown_kind_is_refused():
    assert items.validate("essay", {}) == ["Type de question inconnu : « essay »."]


def test_a_single_choice_is_scored_with_the_feedback_of_the_chosen_answer():
    data = single_data()
    answer = items.read_answer("single", data, form(choice="b"))
    outcome = items.score("single", data, answer)
    assert answer == {"choice": "b"}
    assert not outcome.correct
    assert outcome.feedback == ["L'accueil ne publie rien."]
    assert outcome.expected == "Depuis l'onglet « Offres »"
    assert items.score("single", data, {"choice": "a"}).correct


def test_a_multiple_choice_is_right_only_with_all_the_right_answers():
    data = multiple_data()
    outcome = items.score("multiple", data, items.read_answer("multiple", data, form(choice=["a", "c"])))
    assert not outcome.correct
    # The missed right answer and the wrong one ticked both explain themselves.
    assert outcome.feedback == ["Le lieu est obligatoire.", "Ce n'est pas demandé."]
    assert items.score("multiple", data, {"choices": ["a", "b"]}).correct


def test_an_ordering_names_the_first_two_steps_out_of_order():
    data = ordering_data()
    answer = items.read_answer("ordering", data, form(position_s1="1", position_s2="3", position_s3="2"))
    outcome = items.score("ordering", data, answer)
    assert answer == {"order": ["s1", "s3", "s2"]}
    assert not outcome.correct
    assert outcome.feedback == [
        "On vérifie avant d'enregistrer.",
        "« Vérifier les informations » vient avant « Enregistrer ».",
    ]
    assert items.score("ordering", data, {"order": ["s1", "s2", "s3"]}).feedback == ["Bien vu."]


def test_an_ordering_with_two_steps_at_the_same_rank_is_unreadable():
    with pytest.raises(items.AnswerError, match="deux étapes ont le même rang"):
        items.read_answer("ordering", ordering_data(), form(position_s1="1", position_s2="1", position_s3="2"))


def test_a_matching_gives_the_feedback_of_each_wrong_pair():
    data = matching_data()
    answer = items.read_answer("matching", data, form(match_a="a", match_b="c", match_c="b"))
    outcome = items.score("matching", data, answer)
    assert not outcome.correct
    assert outcome.feedback == ["Le ROME liste les métiers."]
    assert items.score("matching", data, {"matches": {"a": "a", "b": "b", "c": "c"}}).correct


def test_a_click_outside_every_region_gives_the_miss_feedback():
    data = hotspot_data()
    outcome = items.score("hotspot", data, items.read_answer("hotspot", data, form(region="miss")))
    assert not outcome.correct
    assert outcome.feedback == ["Cherchez le menu."]
    assert outcome.expected == "Menu"
    assert items.score("hotspot", data, {"region": "a"}).correct


@pytest.mark.parametrize(
    "kind,data,fields,message",
    [
        ("single", single_data(), {}, "Choisissez une réponse."),
        ("single", single_data(), {"choice": "z"}, "Cette réponse ne fait pas partie des choix proposés."),
        ("multiple", multiple_data(), {}, "Cochez au moins une réponse."),
        ("ordering", ordering_data(), {"position_s1": "1"}, "Donnez un rang à chaque étape."),
        ("ordering", ordering_data(), {"position_s1": "x", "position_s2": "1", "position_s3": "2"}, "nombre"),
        ("matching", matching_data(), {"match_a": "a"}, "Associez chaque élément"),
        ("hotspot", hotspot_data(), {}, "Cliquez sur une zone de l'écran."),
        ("hotspot", hotspot_data(), {"region": "zz"}, "Cette zone ne fait pas partie de l'écran."),
        ("sandbox", {"sandbox": "x"}, {}, "Terminez la mission"),
    ],
)
def test_an_unreadable_answer_gets_a_french_message(kind, data, fields, message):
    with pytest.raises(items.AnswerError, match=message):
        items.read_answer(kind, data, form(**fields))


def test_the_presentation_never_shows_the_steps_in_the_right_order_and_is_stable_for_a_seed():
    data = ordering_data()
    shown = items.presentation("ordering", data, seed="a")
    assert [s["id"] for s in shown["steps"]] != ["s1", "s2", "s3"]
    assert shown == items.presentation("ordering", data, seed="a")
    assert "correct" not in str(items.presentation("single", single_data(), seed=1))


def test_the_answer_is_described_in_words_for_the_review():
    assert items.describe_answer("ordering", ordering_data(), {"order": ["s2", "s1", "s3"]}) == (
        "Vérifier les informations → Ouvrir le dossier → Enregistrer"
    )
    assert items.describe_answer("hotspot", hotspot_data(), {"region": "miss"}) == "En dehors des zones actives"


def test_an_answer_to_a_choice_since_removed_is_counted_wrong_and_says_why():
    data = single_data()
    outcome = items.score("single", data, {"choice": "removed"})
    assert not outcome.correct
    assert outcome.feedback == [items.CHANGED]
    assert items.describe_answer("ordering", ordering_data(), {"order": ["s9"]}).startswith(
        "une réponse à une version"
    )


def test_hotspot_coordinates_are_written_with_a_dot_whatever_the_language(db):
    from django.template.loader import render_to_string

    from tests.skills.factories import ItemFactory

    data = hotspot_data()
    data["regions"][0]["x"] = 12.5
    data["regions"][0]["w"] = 7.5
    item = ItemFactory.build(kind="hotspot", data=data)
    html = render_to_string(
        "skills/items/_fields.html", {"item": item, "shown": items.presentation("hotspot", data, 1), "error": ""}
    )
    assert "left: 12.5%" in html


@pytest.mark.parametrize(
    "image,message",
    [
        ("https://tracker.example/pixel.png", "doit être un fichier de skills/screens/"),
        ("skills/screens/../../config/settings.py", "doit être un fichier de skills/screens/"),
        ("skills/screens/absent.svg", "n'existe pas"),
    ],
)
def test_a_hotspot_picture_must_be_one_of_our_screens(image, message):
    data = hotspot_data() | {"image": image}
    problems = items.validate("hotspot", data, image_exists=lambda path: path != "skills/screens/absent.svg")
    assert len(problems) == 1 and message in problems[0]


def test_the_form_names_give_the_answer_away_nowhere_and_are_read_back():
    data = ordering_data()
    shown = items.presentation("ordering", data, seed="s")
    names = [step["id"] for step in shown["steps"]]
    assert not {"s1", "s2", "s3"} & set(names)
    by_text = {step["text"]: step["id"] for step in shown["steps"]}
    form_data = {f"position-{by_text[s['text']]}": str(n) for n, s in enumerate(data["steps"], start=1)}
    assert items.read_answer(
        "ordering", data, form(**{k.replace("-", "_"): v for k, v in form_data.items()}), "s"
    ) == {"order": ["s1", "s2", "s3"]}
    with pytest.raises(items.AnswerError):
        items.read_answer("single", single_data(), form(choice="a"), seed="s")
