"""Import of answers from a LimeSurvey CSV export: the file, the mapping of its columns, all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ere.usage import survey_import
from ere.usage.enums import Frequency
from ere.usage.models import SurveyResponse, SurveyToolAnswer
from tests.org.factories import UserFactory
from tests.usage.survey_factories import ResponseFactory

QUESTIONS = {
    "G2Q00001": "À quelle fréquence utilisez-vous ces outils ?",
    "G3Q00001": "Est-il facile à utiliser ?",
    "G4Q00001": "Vous est-il utile ?",
    "G5Q00001": "Souhaitez-vous une formation ?",
}


def limesurvey_csv(rows, delimiter=";", tools=("Agenda partagé", "Dialogue Entreprises"), bom=True):
    """A LimeSurvey export: its own columns, the e-mail question, one array per question with a line per tool."""
    headings = ["id", "submitdate", "lastpage", "startlanguage", "G1Q00001. Votre adresse e-mail professionnelle"]
    for code, text in QUESTIONS.items():
        headings += [f"{code}[SQ00{i}]. {text} [{tool}]" for i, tool in enumerate(tools, start=1)]
    headings.append("G6Q00001. Un commentaire ?")
    lines = [headings, *rows]
    text = "\r\n".join(delimiter.join(f'"{cell}"' for cell in line) for line in lines) + "\r\n"
    return ("\ufeff" if bom else "") + text


def row(number, email, agenda=("Chaque jour", "4", "5", "Non"), dialogue=("Jamais", "", "", "Oui"), **extra):
    values = [str(number), extra.get("submitdate", "2026-11-20 14:35:00"), "6", "fr", email]
    for i in range(4):
        values += [agenda[i], dialogue[i]]
    values.append(extra.get("comment", ""))
    return values


@pytest.fixture
def advisors(agency):
    return [UserFactory(agency=agency, email=f"conseiller{i}@example.fr") for i in range(3)]


def _mapping(campaign, text):
    parsed = survey_import.parse(text)
    return parsed, survey_import.suggest(parsed.columns, campaign)


def test_it_reads_limesurvey_headings(campaign):
    parsed = survey_import.parse(limesurvey_csv([row(1, "a@example.fr")]))

    assert parsed.delimiter == ";"
    column = parsed.columns[6]
    assert (column.code, column.sub, column.text, column.sub_text) == (
        "G2Q00001",
        "SQ002",
        "À quelle fréquence utilisez-vous ces outils ?",
        "Dialogue Entreprises",
    )
    assert parsed.columns[0].code == "id"
    assert parsed.columns[4].text == "Votre adresse e-mail professionnelle"
    assert parsed.columns[5].samples == ["Chaque jour"]


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_it_reads_either_separator_and_encoding(campaign, delimiter, encoding):
    content = limesurvey_csv([row(1, "a@example.fr")], delimiter=delimiter, bom=False).encode(encoding)

    parsed = survey_import.parse(survey_import.decode(content))

    assert parsed.delimiter == delimiter
    assert parsed.columns[5].sub_text == "Agenda partagé"
    assert len(parsed.rows) == 1


def test_it_guesses_what_each_column_holds(campaign, survey_tools):
    agenda, dialogue = survey_tools[0], survey_tools[1]
    _parsed, suggested = _mapping(campaign, limesurvey_csv([row(1, "a@example.fr")]))

    assert suggested == {
        1: "submitted",
        4: "email",
        5: f"frequency:{agenda.pk}",
        6: f"frequency:{dialogue.pk}",
        7: f"ease:{agenda.pk}",
        8: f"ease:{dialogue.pk}",
        9: f"usefulness:{agenda.pk}",
        10: f"usefulness:{dialogue.pk}",
        11: f"wants_training:{agenda.pk}",
        12: f"wants_training:{dialogue.pk}",
        13: "comment",
    }


def test_it_imports_the_responses_and_adds_nothing_the_second_time(campaign, advisors, survey_tools):
    text = limesurvey_csv(
        [
            row(1, advisors[0].email, comment="Très bien"),
            row(2, advisors[1].email.upper(), agenda=("Plusieurs fois par jour", "5 — très facile", "4", "oui")),
            row(3, advisors[2].email, submitdate=""),  # not sent in LimeSurvey
        ]
    )
    parsed, mapping = _mapping(campaign, text)

    outcome = survey_import.import_rows(campaign, parsed, mapping)

    assert (outcome.created, outcome.updated, outcome.skipped, outcome.errors) == (2, 0, 1, [])
    first = SurveyResponse.objects.get(respondent=advisors[0])
    assert first.is_submitted and first.comment == "Très bien"
    assert first.agency == advisors[0].agency
    agenda = SurveyToolAnswer.objects.get(response__respondent=advisors[1], tool=survey_tools[0])
    assert (agenda.frequency, agenda.ease, agenda.usefulness, agenda.wants_training) == (
        Frequency.SEVERAL_DAILY,
        5,
        4,
        True,
    )
    never = SurveyToolAnswer.objects.get(response__respondent=advisors[0], tool=survey_tools[1])
    assert (never.frequency, never.ease, never.wants_training) == (Frequency.NEVER, None, True)

    again = survey_import.import_rows(campaign, parsed, mapping)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert SurveyResponse.objects.count() == 2
    assert SurveyToolAnswer.objects.count() == 4


def test_it_completes_a_response_started_in_the_app(campaign, advisors, survey_tools):
    draft = ResponseFactory(campaign=campaign, respondent=advisors[0], draft=True)
    parsed, mapping = _mapping(campaign, limesurvey_csv([row(1, advisors[0].email)]))

    outcome = survey_import.import_rows(campaign, parsed, mapping)

    assert (outcome.created, outcome.updated) == (0, 1)
    draft.refresh_from_db()
    assert draft.is_submitted
    assert draft.tool_answers.count() == 2


@pytest.mark.parametrize(
    "bad_row,message",
    [
        (row(1, "inconnu@example.fr"), "Ligne 2, colonne « G1Q00001. Votre adresse e-mail professionnelle » : "
         "« inconnu@example.fr » n'est pas un agent interrogé par cette enquête."),
        (row(1, ""), "adresse e-mail manquante"),
        (row(1, "conseiller0@example.fr", agenda=("Souvent", "4", "4", "Non")),
         "« Souvent » n'est pas une fréquence reconnue"),
        (row(1, "conseiller0@example.fr", agenda=("Chaque jour", "9", "4", "Non")),
         "« 9 » n'est pas une note de 1 à 5"),
        (row(1, "conseiller0@example.fr", agenda=("Chaque jour", "4", "4", "Peut-être")), "n'est ni oui ni non"),
        (row(1, "conseiller0@example.fr", agenda=("Chaque jour", "", "4", "Non")),
         "Ligne 2 : « Agenda partagé » est utilisé mais sans note de facilité ou d'utilité (1 à 5)."),
        (row(1, "conseiller0@example.fr", submitdate="hier"), "« hier » n'est pas une date"),
    ],
)  # fmt: skip
def test_it_names_the_line_the_column_and_the_reason_and_writes_nothing(campaign, advisors, bad_row, message):
    text = limesurvey_csv([row(1, advisors[1].email), bad_row])
    parsed, mapping = _mapping(campaign, text)

    outcome = survey_import.import_rows(campaign, parsed, mapping)

    assert len(outcome.errors) == 1
    assert message in outcome.errors[0].replace("Ligne 3", "Ligne 2")
    assert not SurveyResponse.objects.exists()


def test_it_refuses_two_rows_for_one_agent(campaign, advisors):
    parsed, mapping = _mapping(campaign, limesurvey_csv([row(1, advisors[0].email), row(2, advisors[0].email)]))

    outcome = survey_import.import_rows(campaign, parsed, mapping)

    assert outcome.errors == ["Ligne 3 : conseiller0@example.fr a déjà une réponse à la ligne 2."]
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "Le fichier est vide."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Ce fichier n'est pas un fichier texte CSV"),
        (b"id;submitdate\r\n", "au moins une réponse"),
        (b"une seule colonne\nsans separateur\n", "au moins une réponse"),
    ],
)
def test_it_refuses_a_file_it_cannot_read(content, message):
    with pytest.raises(survey_import.ImportFileError, match=message):
        survey_import.parse(survey_import.decode(content))


# The two pages ------------------------------------------------------------------------------------------------------


def _upload(client, campaign, text, name="reponses.csv"):
    return client.post(
        reverse("usage:survey_import", args=[campaign.pk]),
        {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")},
    )


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "other_manager"])
def test_it_checks_access(client, login, request, role, campaign, advisors):
    for name in ("usage:survey_import", "usage:survey_import_columns"):
        url = reverse(name, args=[campaign.pk])
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    client = login(request.getfixturevalue(role))
    assert client.get(reverse("usage:survey_import", args=[campaign.pk])).status_code == 403
    assert _upload(client, campaign, limesurvey_csv([row(1, advisors[0].email)])).status_code == 403
    assert client.post(reverse("usage:survey_import_columns", args=[campaign.pk]), {"col_4": "email"}).status_code == (
        403
    )
    assert not SurveyResponse.objects.exists()


def test_a_manager_uploads_maps_and_imports(login, manager, campaign, advisors):
    client = login(manager)
    response = _upload(client, campaign, limesurvey_csv([row(1, advisors[0].email), row(2, advisors[1].email)]))
    columns_url = reverse("usage:survey_import_columns", args=[campaign.pk])
    assert response.status_code == 302
    assert response.url == columns_url

    page = client.get(columns_url)
    assert page.status_code == 200
    form = page.context["form"]
    assert "« reponses.csv » : 2 lignes de réponses, 14 colonnes." in page.content.decode()
    data = {name: form[name].value() or "" for name in form.fields}

    response = client.post(columns_url, data)

    assert response.status_code == 302
    assert response.url == reverse("usage:survey_results", args=[campaign.pk])
    assert SurveyResponse.objects.submitted().count() == 2
    assert "Import terminé : 2 réponse(s) ajoutée(s)" in client.get(response.url).content.decode()
    # The file is forgotten once imported.
    assert client.get(columns_url).url == reverse("usage:survey_import", args=[campaign.pk])


def test_the_mapping_needs_the_email_column_and_one_target_per_column(login, manager, campaign, advisors):
    client = login(manager)
    _upload(client, campaign, limesurvey_csv([row(1, advisors[0].email)]))
    columns_url = reverse("usage:survey_import_columns", args=[campaign.pk])

    response = client.post(columns_url, {"col_5": "comment", "col_13": "comment"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "Indiquez la colonne qui donne l&#x27;adresse e-mail du répondant." in content
    assert "Déjà choisi pour la colonne" in content
    assert not SurveyResponse.objects.exists()


def test_the_errors_of_the_file_are_listed_and_nothing_is_imported(login, manager, campaign, advisors):
    client = login(manager)
    _upload(client, campaign, limesurvey_csv([row(1, advisors[0].email), row(2, "inconnu@example.fr")]))
    columns_url = reverse("usage:survey_import_columns", args=[campaign.pk])
    form = client.get(columns_url).context["form"]

    response = client.post(columns_url, {name: form[name].value() or "" for name in form.fields})

    assert response.status_code == 400
    content = response.content.decode()
    assert "Le fichier contient des erreurs : rien n&#x27;a été importé" in content or (
        "Le fichier contient des erreurs : rien n'a été importé" in content
    )
    assert "Ligne 3, colonne" in content
    assert not SurveyResponse.objects.exists()


def test_a_file_it_cannot_read_is_refused_at_upload(login, manager, campaign):
    client = login(manager)
    response = client.post(
        reverse("usage:survey_import", args=[campaign.pk]),
        {"file": SimpleUploadedFile("export.xlsx", b"PK\x03\x04\x00\x00binary", content_type="application/zip")},
    )
    assert response.status_code == 400
    assert "Ce fichier n&#x27;est pas un fichier texte CSV" in response.content.decode()
    assert "survey_import" not in client.session
