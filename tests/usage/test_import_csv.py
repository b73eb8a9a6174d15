"""CSV imports: French Excel dialects, Paris times, and bad files named line by line."""

import datetime

from ere.usage import lake
from ere.usage.enums import ImportStatus
from ere.usage.models import RawApplication
from ere.usage.services import import_file

UTC = datetime.UTC


def write(tmp_path, content, name="events.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def imported(path, **kwargs):
    usage_import = import_file(path, **kwargs)
    assert usage_import.status == ImportStatus.DONE, usage_import.errors
    return usage_import


def rejected(path, **kwargs):
    usage_import = import_file(path, **kwargs)
    assert usage_import.status == ImportStatus.FAILED
    assert lake.read_events() == []
    assert not RawApplication.objects.exists()
    return usage_import.errors


def test_it_reads_french_excel_semicolons_in_windows_1252(db, tmp_path):
    content = (
        "agent;tool;start;duration_s\r\n"
        "élodie@example.fr;Lecteur œuvres € ;03/11/2026 09:15;12,5\r\n"
        "élodie@example.fr;Logiciel d’accueil;2026-11-03 10:00:00;3\r\n"
    )
    path = write(tmp_path, content, encoding="cp1252")

    usage_import = imported(path)

    assert usage_import.rows == 2
    events = lake.read_events()
    assert [(e["tool"], e["start"], e["duration_s"]) for e in events] == [
        ("lecteur œuvres €", datetime.datetime(2026, 11, 3, 8, 15, tzinfo=UTC), 12.5),
        ("logiciel d’accueil", datetime.datetime(2026, 11, 3, 9, 0, tzinfo=UTC), 3.0),
    ]


def test_it_reads_utf8_with_a_bom_and_commas(db, tmp_path):
    path = write(tmp_path, "\ufeffagent,tool,start,end\na,Éditeur,2026-11-03T09:00:00Z,2026-11-03T09:01:30Z\n")
    imported(path)
    [event] = lake.read_events()
    assert (event["tool"], event["duration_s"]) == ("éditeur", 90.0)


def test_it_reads_windows_1252_that_starts_like_utf8(db, tmp_path):
    ascii_rows = "".join(f"a,app{i},2026-11-03T09:00:00,{i}\n" for i in range(5000))
    path = write(
        tmp_path, "agent,tool,start,duration_s\n" + ascii_rows + "a,Opéra,2026-11-03T09:00:00,1\n", "e.csv", "cp1252"
    )
    imported(path)
    assert RawApplication.objects.filter(name="opéra").exists()


def test_it_reads_tab_separated_values_and_quoted_separators(db, tmp_path):
    path = write(tmp_path, 'agent\ttool\tstart\tduration_s\na\t"Outil\tà onglet"\t2026-11-03T09:00\t1\n')
    imported(path)
    assert lake.read_events()[0]["tool"] == "outil\tà onglet"


def test_the_agent_option_names_whose_file_it_is(db, tmp_path, settings):
    from ere.usage.imports.pseudonymise import pseudonymise

    path = write(tmp_path, "tool,start,duration_s\nword,2026-11-03T09:00:00,1\n")
    imported(path, agent="Bob@Example.fr ")
    assert lake.read_events()[0]["agent"] == pseudonymise("bob@example.fr", settings.USAGE_HMAC_KEY)


def test_times_without_offset_are_paris_time_across_the_october_change(db, tmp_path):
    path = write(
        tmp_path,
        "agent,tool,start,duration_s\n"
        "a,x,2026-10-25T01:30:00,1\n"  # summer time, UTC+2
        "a,x,2026-10-25T03:30:00,1\n"  # winter time, UTC+1
        "a,x,2026-10-31T23:30:00,1\n"  # just before midnight: October in Paris
        "a,x,2026-11-01T00:30:00,1\n"  # just after midnight: November in Paris, still October in UTC
        "a,x,2026-11-01T00:30:00+00:00,1\n",  # an explicit offset wins
    )
    imported(path)
    assert [(e["start"], e["month"]) for e in lake.read_events()] == [
        (datetime.datetime(2026, 10, 24, 23, 30, tzinfo=UTC), "2026-10"),
        (datetime.datetime(2026, 10, 25, 2, 30, tzinfo=UTC), "2026-10"),
        (datetime.datetime(2026, 10, 31, 22, 30, tzinfo=UTC), "2026-10"),
        (datetime.datetime(2026, 10, 31, 23, 30, tzinfo=UTC), "2026-11"),
        (datetime.datetime(2026, 11, 1, 0, 30, tzinfo=UTC), "2026-11"),
    ]
    assert sorted(path.parent.joinpath("lake", "events").iterdir()) == [
        path.parent / "lake" / "events" / "month=2026-10",
        path.parent / "lake" / "events" / "month=2026-11",
    ]


def test_duplicates_within_a_file_are_counted(db, tmp_path):
    path = write(tmp_path, "agent,tool,start,duration_s\na,x,2026-11-03T09:00,1\nA,X,2026-11-03T09:00,1.0\n")
    usage_import = imported(path)
    assert (usage_import.rows, usage_import.inserted, usage_import.duplicates) == (2, 1, 1)


def test_it_rejects_a_file_with_a_bad_date(db, tmp_path):
    path = write(tmp_path, "agent,tool,start,duration_s\n" + "a,x,2026-11-03T09:00,1\n" * 10 + "a,x,2026-13-45,1\n")
    assert rejected(path) == ["ligne 12, champ start : date illisible « 2026-13-45 »"]


def test_line_numbers_count_blank_lines_and_quoted_line_breaks(db, tmp_path):
    path = write(
        tmp_path,
        'agent,tool,start,duration_s,title\na,x,2026-11-03T09:00,1,"deux\nlignes"\n\na,x,hier,1,\n',
    )
    assert rejected(path) == ["ligne 5, champ start : date illisible « hier »"]


def test_it_rejects_an_unknown_column(db, tmp_path):
    errors = rejected(write(tmp_path, "agent,tool,start,duration_s,couleur\na,x,2026-11-03T09:00,1,bleu\n"))
    assert errors[0] == "ligne 1 : colonne inconnue « couleur »"
    assert errors[-1].startswith("Colonnes admises : agent, tool, start")


def test_it_rejects_a_missing_column(db, tmp_path):
    errors = rejected(write(tmp_path, "agent,tool,duration_s\na,x,1\n"))
    assert errors[0] == "ligne 1 : colonne obligatoire absente « start »"


def test_it_rejects_a_file_with_neither_end_nor_duration(db, tmp_path):
    errors = rejected(write(tmp_path, "agent,tool,start\na,x,2026-11-03T09:00\n"))
    assert errors[0] == "ligne 1 : colonne obligatoire absente : « end » ou « duration_s »"


def test_it_asks_for_the_agent_when_there_is_no_agent_column(db, tmp_path):
    errors = rejected(write(tmp_path, "tool,start,duration_s\nx,2026-11-03T09:00,1\n"))
    assert errors[0] == (
        "ligne 1 : colonne obligatoire absente « agent » (ou indiquez l'agent à qui appartient le fichier)"
    )


def test_it_rejects_a_negative_duration(db, tmp_path):
    errors = rejected(write(tmp_path, "agent;tool;start;duration_s\na;x;2026-11-03T09:00;-5\n"))
    assert errors == ["ligne 2, champ duration_s : durée négative « -5 »"]


def test_it_rejects_an_end_before_the_start(db, tmp_path):
    errors = rejected(write(tmp_path, "agent,tool,start,end\na,x,2026-11-03T09:00,2026-11-03T08:00\n"))
    assert errors == ["ligne 2, champ end : la fin est avant le début « 2026-11-03T08:00 »"]


def test_it_names_each_field_of_a_bad_line(db, tmp_path):
    errors = rejected(write(tmp_path, "agent,tool,start,duration_s\n,,,abc\n,.exe,infinity,\n"))
    assert errors == [
        "ligne 2, champ agent : valeur manquante",
        "ligne 2, champ tool : valeur manquante",
        "ligne 2, champ start : valeur manquante",
        "ligne 2, champ duration_s : nombre illisible « abc »",
        "ligne 3, champ agent : valeur manquante",
        "ligne 3, champ tool : nom d'application vide « .exe »",
        "ligne 3, champ start : date hors de la période admise (1990 à 2100) « infinity »",
        "ligne 3, champ duration_s : durée manquante : renseignez end ou duration_s",
    ]


def test_it_reports_twenty_errors_and_counts_the_others(db, tmp_path):
    errors = rejected(write(tmp_path, "agent,tool,start,duration_s\n" + "a,x,demain,1\n" * 25))
    assert len(errors) == 21
    assert errors[19] == "ligne 21, champ start : date illisible « demain »"
    assert errors[20] == "… et 5 autres erreurs."


def test_it_rejects_a_line_with_too_many_fields(db, tmp_path):
    errors = rejected(write(tmp_path, "agent;tool;start;duration_s\na;x;2026-11-03T09:00;1\na;x;y;2026-11-03;1\n"))
    assert errors == [
        "ligne 3 : 5 colonnes au lieu de 4 (séparateur « ; » ; un texte qui contient le séparateur doit être entre "
        "guillemets)"
    ]


def test_it_rejects_an_empty_file(db, tmp_path):
    assert rejected(write(tmp_path, b"")) == ["Le fichier est vide : il ne contient aucun événement."]


def test_it_rejects_a_file_with_only_a_header(db, tmp_path):
    errors = rejected(write(tmp_path, "\ufeffagent;tool;start;duration_s\r\n"))
    assert errors == ["Le fichier ne contient aucun événement : seulement la ligne d'en-tête."]


def test_it_rejects_a_binary_file(db, tmp_path):
    errors = rejected(write(tmp_path, bytes(range(256)) * 4, name="events.csv"))
    assert errors[0].startswith("Le fichier n'est pas un fichier texte")


def test_it_rejects_an_excel_workbook_with_advice(db, tmp_path):
    errors = rejected(write(tmp_path, b"PK\x03\x04" + b"\x00" * 100, name="usages.xlsx"))
    assert "enregistrez-le au format « CSV UTF-8" in errors[0]


def test_it_reads_utf16_text_from_excel(db, tmp_path):
    path = write(tmp_path, "agent\ttool\tstart\tduration_s\r\na\tÉcho\t2026-11-03T09:00:00\t1\r\n", encoding="utf-16")
    imported(path)
    assert lake.read_events()[0]["tool"] == "écho"


def test_it_rejects_a_repeated_column(db, tmp_path):
    errors = rejected(write(tmp_path, "agent,tool,start,start,duration_s\na,x,2026-11-03,2026-11-03,1\n"))
    assert errors[0] == "ligne 1 : colonne en double « start »"


def test_it_rejects_an_unclosed_quote(db, tmp_path):
    errors = rejected(write(tmp_path, 'agent,tool,start,duration_s\na,x,2026-11-03,1\na,"x,2026-11-03,1\n'))
    assert errors == ["ligne 3 : guillemet mal placé ou non refermé"]


def test_it_says_when_the_file_is_missing(db, tmp_path):
    usage_import = import_file(tmp_path / "absent.csv")
    assert usage_import.status == ImportStatus.FAILED
    assert usage_import.errors == [f"Fichier introuvable : {tmp_path / 'absent.csv'}."]
