import pytest

from ere.roleplay.transcript import Line, TranscriptError, parse

TRS = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE Trans SYSTEM "trans-14.dtd">
<Trans scribe="observateur" audio_filename="appel" version="1" version_date="250101">
<Speakers>
<Speaker id="spk1" name="Sophie" check="no" dialect="native" accent="" scope="local"/>
<Speaker id="spk2" name="Mme Durand" check="no" dialect="native" accent="" scope="local"/>
</Speakers>
<Episode>
<Section type="report" startTime="0" endTime="14">
<Turn speaker="spk1" startTime="0" endTime="6.5">
<Sync time="0"/>
bonjour madame, euh, Sophie <Event desc="rire" type="noise" extent="instantaneous"/> de l'agence
<Sync time="3.25"/>
vous avez une minute ?
</Turn>
<Turn speaker="spk1 spk2" startTime="6.5" endTime="8">
<Sync time="6.5"/>
<Who nb="1"/>
c'est rapide
<Who nb="2"/>
oui, allez-y
</Turn>
<Turn speaker="spk2" startTime="8" endTime="14">
<Sync time="8"/>
je vous écoute, c'est pour l'été<Comment desc="bruit de four"/> qu'on cherche
</Turn>
</Section>
</Episode>
</Trans>
"""

VTT_TEAMS = """WEBVTT

1a2b3c/12-0
00:00:01.500 --> 00:00:04.250
<v Sophie Martin>Bonjour madame, je vous appelle de l'agence.</v>

1a2b3c/13-0
00:00:04.250 --> 00:00:06.000
<v Claire Durand>Oui, bonjour.</v>

1a2b3c/14-0
00:00:06.000 --> 00:00:09.125
<v Sophie Martin>Vous avez quelques minutes ?</v>
"""

VTT_ZOOM = """WEBVTT

1
00:00:00.000 --> 00:00:02.500
Sophie Martin: Bonjour madame.

2
00:00:02.500 --> 00:00:04.000
Claire Durand: Bonjour.

3
00:00:04.000 --> 00:00:05.000
Et merci d'avoir rappelé.
"""


def test_it_reads_name_colon_text_lines_and_skips_blank_lines():
    transcript = parse("Sophie : Bonjour madame.\n\nMme Durand: Bonjour.\n")
    assert transcript.format == "text"
    assert transcript.lines == [Line(1, "Sophie", "Bonjour madame."), Line(2, "Mme Durand", "Bonjour.")]
    assert transcript.speakers == ["Sophie", "Mme Durand"]
    assert not transcript.timed


def test_a_line_without_a_speaker_continues_the_previous_turn():
    transcript = parse("Sophie : Bonjour madame,\nje vous appelle de l'agence.\nMme Durand : Oui ?")
    assert [line.text for line in transcript.lines] == ["Bonjour madame, je vous appelle de l'agence.", "Oui ?"]


def test_a_colon_inside_a_sentence_does_not_start_a_new_speaker():
    transcript = parse("Sophie : Je vous donne l'adresse.\nNotez bien : 12 rue de la Gare.\nMme Durand : Merci.")
    assert transcript.speakers == ["Sophie", "Mme Durand"]
    assert transcript.lines[0].text == "Je vous donne l'adresse. Notez bien : 12 rue de la Gare."


def test_it_rejects_text_without_a_speaker_on_the_first_line():
    with pytest.raises(TranscriptError, match="Ligne 1 : « Nom : texte » attendu, trouvé « bonjour tout le monde »"):
        parse("bonjour tout le monde\nSophie : Bonjour.")


def test_the_error_names_the_first_line_that_is_not_blank():
    with pytest.raises(TranscriptError, match="^Ligne 3 :"):
        parse("\n\nbonjour\n")


def test_leading_timestamps_make_a_timed_transcript():
    transcript = parse(
        "[00:00:01] Sophie : Bonjour madame, je vous appelle.\n"
        "00:00:05 Mme Durand : Oui, bonjour.\n"
        "[00:01:00] Sophie : Merci."
    )
    assert [(line.start, line.end) for line in transcript.lines[:2]] == [(1.0, 5.0), (5.0, 60.0)]
    assert transcript.timed
    # The last line lasts its words at the call's pace: 7 words in 59 s before it.
    assert transcript.lines[2].end == pytest.approx(60 + 59 / 7, abs=0.01)


def test_a_time_range_gives_start_and_end():
    transcript = parse("[00:00:01 --> 00:00:03,5] Sophie : Bonjour.")
    assert (transcript.lines[0].start, transcript.lines[0].end) == (1.0, 3.5)
    assert transcript.timed


def test_lines_with_times_missing_are_not_timed():
    transcript = parse("[00:00:01] Sophie : Bonjour.\nMme Durand : Bonjour.")
    assert transcript.lines[0].start == 1.0
    assert transcript.lines[1].start is None
    assert not transcript.timed


def test_a_utf8_bom_is_stripped_from_bytes_and_from_str():
    for data in ("\ufeffSophie : Bonjour.".encode(), "\ufeffSophie : Bonjour."):
        assert parse(data).speakers == ["Sophie"]


def test_text_bytes_that_are_not_utf8_are_read_as_windows_1252():
    transcript = parse("Sophie : C’est noté, à lundi.".encode("cp1252"))
    assert transcript.lines[0].text == "C’est noté, à lundi."


def test_it_reads_teams_webvtt_with_voices_and_precise_times():
    transcript = parse(VTT_TEAMS.encode())
    assert transcript.format == "vtt"
    assert transcript.speakers == ["Sophie Martin", "Claire Durand"]
    assert transcript.lines[0] == Line(1, "Sophie Martin", "Bonjour madame, je vous appelle de l'agence.", 1.5, 4.25)
    assert transcript.lines[2].end == 9.125
    assert transcript.timed


def test_zoom_webvtt_puts_the_speaker_in_the_cue_text():
    transcript = parse(VTT_ZOOM)
    assert [(line.speaker, line.text) for line in transcript.lines] == [
        ("Sophie Martin", "Bonjour madame."),
        ("Claire Durand", "Bonjour."),
        ("Claire Durand", "Et merci d'avoir rappelé."),  # no speaker: the previous one
    ]


def test_webvtt_without_any_voice_is_said_by_an_unknown_speaker():
    transcript = parse("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nbonjour &amp; bienvenue\n")
    assert transcript.lines == [Line(1, "Inconnu", "bonjour & bienvenue", 0.0, 2.0)]


def test_a_cue_with_two_voices_gives_two_lines():
    transcript = parse("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Sophie>Oui.</v> <v Mme Durand>D'accord.</v>\n")
    assert [(line.speaker, line.text) for line in transcript.lines] == [
        ("Sophie", "Oui."),
        ("Mme Durand", "D'accord."),
    ]


def test_a_file_read_as_webvtt_without_its_header_gives_a_french_error():
    with pytest.raises(TranscriptError, match="^Fichier WebVTT illisible : il doit commencer par « WEBVTT »"):
        parse("Sophie : Bonjour.\n", format="vtt")


def test_it_reads_transcriber_segments_overlaps_and_ignores_events():
    transcript = parse(TRS.encode("iso-8859-1"))
    assert transcript.format == "trs"
    assert transcript.lines == [
        Line(1, "Sophie", "bonjour madame, euh, Sophie de l'agence", 0.0, 3.25),
        Line(2, "Sophie", "vous avez une minute ?", 3.25, 6.5),
        Line(3, "Sophie", "c'est rapide", 6.5, 8.0),
        Line(4, "Mme Durand", "oui, allez-y", 6.5, 8.0),
        Line(5, "Mme Durand", "je vous écoute, c'est pour l'été qu'on cherche", 8.0, 14.0),
    ]
    assert transcript.timed


def test_an_iso_8859_1_transcriber_file_keeps_its_accents_as_bytes_and_as_str():
    assert parse(TRS.encode("iso-8859-1")).lines[4].text.endswith("l'été qu'on cherche")
    assert parse(TRS).lines[4].text.endswith("l'été qu'on cherche")


def test_bad_xml_gives_a_french_error_with_its_line():
    with pytest.raises(TranscriptError, match=r"^Fichier Transcriber illisible : mismatched tag \(ligne 3\)\.$"):
        parse(b"<?xml version='1.0'?>\n<Trans>\n<Turn></Trans>")


def test_an_entity_bomb_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE Trans [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<Trans><Episode><Section><Turn>&c;</Turn></Section></Episode></Trans>"
    )
    with pytest.raises(TranscriptError, match="^Fichier Transcriber refusé : il déclare des entités"):
        parse(bomb)


def test_xml_that_is_not_transcriber_is_refused():
    with pytest.raises(TranscriptError, match="sans élément <Trans>"):
        parse(b"<?xml version='1.0'?><html><body>Bonjour</body></html>")


@pytest.mark.parametrize("data", ["", "   \n\n", b"", "WEBVTT\n\n", b"<Trans><Episode/></Trans>"])
def test_an_empty_transcript_is_refused(data):
    with pytest.raises(TranscriptError, match="vide"):
        parse(data)


def test_an_unknown_format_is_refused():
    with pytest.raises(TranscriptError, match="Format « docx » inconnu"):
        parse("Sophie : Bonjour.", format="docx")


def test_a_forced_format_wins_over_detection():
    transcript = parse("WEBVTT : le nom de notre format\nSophie : Bonjour.", format="text")
    assert transcript.speakers == ["WEBVTT", "Sophie"]
