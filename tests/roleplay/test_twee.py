"""Twee 3: reading, writing, links, escapes, and the French errors that name the line."""

import pytest

from ere.roleplay import twee

STORY = """\
:: StoryTitle
Premier recrutement

:: StoryData
{
  "ifid": "D674C58C-DEFA-4F70-B7A2-27742230C0FC",
  "format": "Harlowe",
  "format-version": "3.3.9",
  "start": "Accueil",
  "tag-colors": {"bonne-fin": "green"},
  "zoom": 1
}

:: Accueil [ouverture] {"position":"100,100","size":"100,100"}
Bonjour, je voudrais embaucher.
//Elle hésite.//
[[Racontez-moi->Besoin]]
[[Offre<-Je crée l'offre]]

:: Besoin [reformule-le-besoin]
Une vendeuse, le matin.
[[Fin heureuse|Bonne fin]]
[[Bonne fin]]

:: Offre
Déjà ?
[[Bonne fin]]

:: Bonne fin [bonne-fin]
Merci !
"""


def test_it_reads_a_story():
    story = twee.parse(STORY)
    assert story.title == "Premier recrutement"
    assert story.start == "Accueil"
    assert story.data["ifid"] == "D674C58C-DEFA-4F70-B7A2-27742230C0FC"
    assert story.data["tag-colors"] == {"bonne-fin": "green"}
    assert [passage.name for passage in story.passages] == ["Accueil", "Besoin", "Offre", "Bonne fin"]
    welcome = story.passage("Accueil")
    assert welcome.tags == ["ouverture"]
    assert welcome.metadata == {"position": "100,100", "size": "100,100"}
    assert welcome.text.startswith("Bonjour, je voudrais embaucher.\n//Elle hésite.//")
    assert welcome.line == 14
    assert story.passage("Nulle part") is None


def test_it_reads_the_four_forms_of_links():
    story = twee.parse(STORY)
    assert [(link.text, link.target) for link in twee.links(story.passage("Accueil"))] == [
        ("Racontez-moi", "Besoin"),
        ("Je crée l'offre", "Offre"),
    ]
    assert [(link.text, link.target) for link in twee.links(story.passage("Besoin"))] == [
        ("Fin heureuse", "Bonne fin"),
        ("Bonne fin", "Bonne fin"),
    ]


def test_a_setter_after_a_link_is_not_part_of_its_target():
    passage = twee.Passage(name="A", text="[[Oui|B][$accord to true]]")
    assert [(link.text, link.target) for link in twee.links(passage)] == [("Oui", "B")]


def test_an_arrow_link_takes_the_rightmost_arrow():
    passage = twee.Passage(name="A", text="[[a->b->C]] [[D<-e<-f]]")
    assert [(link.text, link.target) for link in twee.links(passage)] == [("a->b", "C"), ("e<-f", "D")]


def test_the_prose_of_a_passage_leaves_out_its_links():
    story = twee.parse(STORY)
    assert twee.prose(story.passage("Accueil")) == "Bonjour, je voudrais embaucher.\n//Elle hésite.//"


def test_an_ending_is_tagged_or_has_no_link():
    story = twee.parse(STORY)
    assert story.passage("Bonne fin").is_ending
    assert not story.passage("Accueil").is_ending
    assert twee.Passage(name="Silence", text="…").is_ending


def test_it_writes_back_what_it_read():
    story = twee.parse(STORY)
    text = twee.serialize(story)
    assert twee.parse(text) == story
    assert twee.serialize(twee.parse(text)) == text
    assert ':: Accueil [ouverture] {"position":"100,100","size":"100,100"}' in text


def test_it_escapes_and_unescapes_names_and_tags():
    story = twee.Story(
        title="Crochets",
        passages=[
            twee.Passage(name="Début [1] {a} \\", tags=["a[b]"], text="[[Suite]]\n:: pas un titre"),
            twee.Passage(name="Suite", text="Fin."),
        ],
        start="Début [1] {a} \\",
    )
    text = twee.serialize(story)
    assert ":: Début \\[1\\] \\{a\\} \\\\ [a\\[b\\]]" in text
    assert "\n\\:: pas un titre" in text
    again = twee.parse(text)
    assert again.passage("Début [1] {a} \\").tags == ["a[b]"]
    assert again.passage("Début [1] {a} \\").text == "[[Suite]]\n:: pas un titre"
    assert twee.serialize(again) == text


def test_it_reads_windows_line_endings_and_a_byte_order_mark():
    story = twee.parse("\ufeff" + STORY.replace("\n", "\r\n"))
    assert story.title == "Premier recrutement"
    assert story.passage("Offre").text == "Déjà ?\n[[Bonne fin]]"


def test_without_start_in_story_data_it_starts_at_start():
    story = twee.parse(":: StoryTitle\nT\n\n:: Start\nBonjour.\n")
    assert story.start == "Start"
    assert story.data == {"start": "Start"}
    assert twee.parse(twee.serialize(story)) == story


def test_it_ignores_text_before_the_first_passage():
    assert twee.parse("Notes de l'auteur\n" + STORY).title == "Premier recrutement"


def error(text):
    with pytest.raises(twee.TweeError) as caught:
        twee.parse(text)
    return caught.value


def test_it_rejects_a_story_without_a_title():
    problem = error(":: Start\nBonjour.\n")
    assert "StoryTitle" in str(problem)
    assert problem.line is None


def test_it_rejects_a_duplicate_passage_naming_both_lines():
    problem = error(":: StoryTitle\nT\n\n:: Start\nA\n\n:: Start\nB\n")
    assert problem.line == 7
    assert str(problem).startswith("Ligne 7 : le passage « Start » existe déjà (ligne 4)")


def test_it_rejects_a_link_to_a_missing_passage_naming_the_line_of_the_link():
    problem = error(":: StoryTitle\nT\n\n:: Start\nBonjour.\n\n[[Au revoir->Fin]]\n")
    assert problem.line == 7
    assert "« Au revoir »" in str(problem) and "« Fin », qui n'existe pas" in str(problem)


def test_it_rejects_bad_passage_metadata():
    problem = error(':: StoryTitle\nT\n\n:: Start {"position": 100,}\nBonjour.\n')
    assert problem.line == 4
    assert "métadonnées" in str(problem) and "JSON" in str(problem)


def test_it_rejects_text_after_the_tags_that_is_not_metadata():
    with pytest.raises(twee.TweeError, match="Ligne 4 : texte inattendu"):
        twee.parse(":: StoryTitle\nT\n\n:: Start [a] 12\nBonjour.\n")


def test_it_rejects_bad_story_data_naming_the_line():
    problem = error(':: StoryTitle\nT\n\n:: StoryData\n{\n  "start": "Start",\n}\n\n:: Start\nA\n')
    assert problem.line == 7
    assert "StoryData" in str(problem)


def test_it_rejects_a_missing_start_passage():
    problem = error(':: StoryTitle\nT\n\n:: StoryData\n{"start": "Accueil"}\n\n:: Début\nA\n')
    assert problem.line == 4
    assert "« Accueil »" in str(problem)
    assert "départ" in error(":: StoryTitle\nT\n\n:: Début\nA\n").message


def test_it_rejects_an_unclosed_tag_list_and_a_stray_bracket():
    assert error(":: StoryTitle\nT\n\n:: Start [a b\nA\n").line == 4
    assert "\\]" in str(error(":: StoryTitle\nT\n\n:: Sta]rt\nA\n"))


def test_it_rejects_a_passage_without_a_name():
    assert error(":: StoryTitle\nT\n\n::   [tag]\nA\n").line == 4


def test_an_ifid_is_an_upper_case_uuid():
    ifid = twee.new_ifid()
    assert ifid == ifid.upper() and len(ifid) == 36 and ifid[14] == "4"
