"""« Mes appels analysés »: the list with the progress charts, a new transcript, the transcript page, comments,
re-analysis, correction and deletion."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ere.roleplay import transcripts
from ere.roleplay.enums import RoleKind, TranscriptStatus
from ere.roleplay.models import Transcript, TranscriptComment
from tests.catalog.factories import GlossaryTermFactory
from tests.org.factories import UserFactory
from tests.roleplay.factories import (
    ObservationFactory,
    ParticipantFactory,
    PlaySessionFactory,
    TranscriptCommentFactory,
    TranscriptFactory,
)

CALL = """Sophie : Euh, bonjour, je vous appelle pour votre offre. Vous avez fait la DPAE ?
M. Martin : Non, pas encore.
Sophie : Si je comprends bien, vous recrutez un vendeur pour le matin. Qu'est-ce qui compte le plus pour vous ?
M. Martin : La ponctualité.
Sophie : Je vous envoie deux profils d'ici jeudi.
"""
BETTER = """Sophie : Bonjour Madame Durand, qu'est-ce qui vous amène ?
Mme Durand : Je veux recruter.
Sophie : Comment imaginez-vous le poste ? Qu'est-ce qui compte pour vous ?
Mme Durand : Le sourire.
Sophie : Si je comprends bien, le contact client d'abord. Je vous envoie une offre demain.
"""


@pytest.fixture(autouse=True)
def dpae(db):
    return GlossaryTermFactory(acronym="DPAE", meaning="déclaration préalable à l'embauche")


@pytest.fixture
def call(agent):
    return transcripts.create_from_text(agent, CALL, title="Appel Martin")


@pytest.fixture
def session_call(agent, trainer, champion):
    """A call played in a session run by the trainer, observed by the champion."""
    session = PlaySessionFactory(facilitator=trainer)
    ParticipantFactory(session=session, user=agent, role=RoleKind.ADVISOR)
    ParticipantFactory(session=session, user=champion, role=RoleKind.OBSERVER)
    return transcripts.create_from_text(agent, CALL, title="Mise en situation", session=session)


def detail(transcript, **params):
    url = reverse("roleplay:transcript", args=[transcript.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


# ---------------------------------------------------------------------------------------------------------------
# Access


@pytest.mark.parametrize("role", ["manager", "analyst", "other_manager"])
def test_it_checks_access(client, login, request, role, call):
    urls = [
        reverse("roleplay:transcript_list"),
        reverse("roleplay:transcript_new"),
        reverse("roleplay:transcript", args=[call.pk]),
        reverse("roleplay:transcript_edit", args=[call.pk]),
        reverse("roleplay:transcript_delete", args=[call.pk]),
    ]
    posts = [
        reverse("roleplay:transcript_comment", args=[call.pk]),
        reverse("roleplay:transcript_reanalyze", args=[call.pk]),
    ]
    for url in urls + posts:
        response = client.get(url) if url in urls else client.post(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    user_client = login(request.getfixturevalue(role))
    for url in urls:
        assert user_client.get(url).status_code == 403, url
    for url in posts:
        assert user_client.post(url, {"text": "Bravo", "advisor": "Sophie"}).status_code == 403, url
    assert not TranscriptComment.objects.exists()


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "admin_user"])
def test_every_frontline_role_and_trainer_opens_the_list_and_the_form(login, request, role):
    user_client = login(request.getfixturevalue(role))
    assert user_client.get(reverse("roleplay:transcript_list")).status_code == 200
    assert user_client.get(reverse("roleplay:transcript_new")).status_code == 200


def test_another_agent_does_not_even_see_that_a_transcript_exists(login, call, agency):
    other = UserFactory(agency=agency)
    other_client = login(other)
    for name in ("roleplay:transcript", "roleplay:transcript_edit", "roleplay:transcript_delete"):
        assert other_client.get(reverse(name, args=[call.pk])).status_code == 404
    for name in ("roleplay:transcript_comment", "roleplay:transcript_reanalyze"):
        assert (
            other_client.post(reverse(name, args=[call.pk]), {"text": "x", "advisor": "M. Martin"}).status_code == 404
        )
    assert "Appel Martin" not in other_client.get(reverse("roleplay:transcript_list")).content.decode()
    call.refresh_from_db()
    assert call.advisor == "Sophie"
    assert not call.comments.exists()


@pytest.mark.parametrize("role", ["trainer", "champion"])
def test_the_session_s_people_read_and_comment_but_only_the_owner_changes_it(login, request, role, session_call):
    peer_client = login(request.getfixturevalue(role))
    assert peer_client.get(detail(session_call)).status_code == 200
    response = peer_client.post(
        reverse("roleplay:transcript_comment", args=[session_call.pk]), {"text": "Belle reformulation", "line": 3}
    )
    assert response.status_code == 302
    assert response.url.endswith("#ligne-3")
    comment = session_call.comments.get()
    assert (comment.author, comment.line, comment.text) == (request.getfixturevalue(role), 3, "Belle reformulation")

    for name in ("roleplay:transcript_edit", "roleplay:transcript_delete"):
        assert peer_client.get(reverse(name, args=[session_call.pk])).status_code == 403
        assert peer_client.post(reverse(name, args=[session_call.pk]), {"source": "x"}).status_code == 403
    response = peer_client.post(
        reverse("roleplay:transcript_reanalyze", args=[session_call.pk]), {"advisor": "M. Martin"}
    )
    assert response.status_code == 403
    assert Transcript.objects.filter(pk=session_call.pk, advisor="Sophie").exists()

    listed = peer_client.get(reverse("roleplay:transcript_list"))
    assert "Mise en situation" in listed.content.decode()
    assert "Partagé par Alice Martin" in listed.content.decode()
    # The peer's progress is theirs only: the agent's call is not in it.
    assert listed.context["points"] == []


# ---------------------------------------------------------------------------------------------------------------
# The list and the progress


def test_the_list_has_an_empty_state(login, agent):
    response = login(agent).get(reverse("roleplay:transcript_list"))
    content = response.content.decode()
    assert "Aucun appel pour l'instant" in content
    assert "Mes progrès" not in content
    assert response.context["figures"] == []


def test_the_list_paginates(login, agent):
    for n in range(transcripts_per_page() + 3):
        TranscriptFactory(owner=agent, title=f"Appel {n:02d}", analysis={})
    client = login(agent)
    first = client.get(reverse("roleplay:transcript_list"))
    assert len(first.context["page_obj"].object_list) == transcripts_per_page()
    second = client.get(reverse("roleplay:transcript_list") + "?page=2")
    assert len(second.context["page_obj"].object_list) == 3


def transcripts_per_page():
    from ere.roleplay.transcript_views import PER_PAGE

    return PER_PAGE


def test_the_list_charts_the_owner_s_progress_with_a_table_of_the_same_figures(login, agent):
    earlier = transcripts.create_from_text(agent, CALL, title="Avant")
    Transcript.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - datetime.timedelta(days=14))
    transcripts.create_from_text(agent, BETTER, title="Après")

    response = login(agent).get(reverse("roleplay:transcript_list"))
    assert [point.transcript.title for point in response.context["points"]] == ["Avant", "Après"]
    figures = {chart["id"]: json.loads(chart["figure"]) for chart in response.context["figures"]}
    assert set(figures) == {
        "progress-filler_rate",
        "progress-open_share",
        "progress-jargon_rate",
        "progress-talk_share",
    }
    fillers = figures["progress-filler_rate"]["data"][0]
    assert fillers["text"] == ["Avant", "Après"]
    before, after = (point.values["filler_rate"] for point in response.context["points"])
    assert fillers["y"] == [before, after]
    content = response.content.decode()
    assert 'data-figure="fig-progress-filler_rate"' in content
    assert "Mes chiffres à chaque appel" in content
    assert "vendor/plotly.min.js" in content


def test_one_call_shows_its_figures_but_no_curve(login, call, agent):
    response = login(agent).get(reverse("roleplay:transcript_list"))
    assert response.context["figures"] == []
    assert "Les courbes apparaîtront à partir de deux appels" in response.content.decode()
    assert "plotly.min.js" not in response.content.decode()


# ---------------------------------------------------------------------------------------------------------------
# A new transcript


def test_pasting_a_transcript_analyses_it_and_opens_it(login, agent):
    response = login(agent).post(reverse("roleplay:transcript_new"), {"text": CALL, "format": "auto", "title": ""})
    transcript = Transcript.objects.get()
    assert response.status_code == 302
    assert response.url == transcript.get_absolute_url()
    assert transcript.owner == agent
    assert transcript.advisor == "Sophie"
    assert transcript.session is None


def test_uploading_a_file_uses_its_extension(login, agent):
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Sophie>Euh, bonjour, qu'est-ce qui vous amène ?\n\n"
        "00:00:04.500 --> 00:00:06.000\n<v Mme Durand>Je veux recruter.\n"
    )
    upload = SimpleUploadedFile("appel.vtt", vtt.encode(), content_type="text/vtt")
    response = login(agent).post(
        reverse("roleplay:transcript_new"), {"file": upload, "format": "auto", "advisor": "Sophie"}
    )
    assert response.status_code == 302
    transcript = Transcript.objects.get()
    assert transcript.source_format == "vtt"
    page = login(agent).get(transcript.get_absolute_url()).content.decode()
    assert "00:00:01" in page
    assert "Mots par minute" in page


def test_a_session_the_user_took_part_in_is_preselected_and_attached(login, agent, trainer):
    session = PlaySessionFactory(facilitator=trainer)
    ParticipantFactory(session=session, user=agent)
    foreign = PlaySessionFactory(facilitator=trainer)
    client = login(agent)
    form = client.get(reverse("roleplay:transcript_new") + f"?session={session.code.lower()}").context["form"]
    assert form.initial["session"] == session.code
    assert client.get(reverse("roleplay:transcript_new") + f"?session={foreign.code}").context["form"].initial == {}

    refused = client.post(
        reverse("roleplay:transcript_new"), {"text": CALL, "format": "auto", "session": foreign.code}
    )
    assert refused.status_code == 400
    assert not Transcript.objects.exists()
    client.post(reverse("roleplay:transcript_new"), {"text": CALL, "format": "auto", "session": session.code})
    assert Transcript.objects.get().session == session


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": ""}, "text", "Collez la transcription ou déposez un fichier."),
        ({"text": "   \n  "}, "text", "La transcription est vide."),
        ({"text": CALL, "advisor": "Julien"}, "advisor", "Aucune réplique de « Julien »"),
        ({"text": "WEBVTT\n\nce n'est pas un sous-titre", "format": "vtt"}, "text", ""),
        ({"text": CALL, "format": "trs"}, "text", ""),
    ],
)
def test_bad_input_gets_a_french_message_on_its_field_and_saves_nothing(login, agent, data, field, message):
    response = login(agent).post(reverse("roleplay:transcript_new"), {"format": "auto", **data})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Transcript.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vide.txt", b"", "vide"),
        ("rapport.txt", b"PK\x03\x04\x00\x00word/document.xml", "pas un texte lisible"),
        ("appel.txt", b"Sophie : \x81\x8d\x8f\x90\x9d", "ni en UTF-8"),
    ],
)
def test_a_bad_file_gets_a_french_message_and_saves_nothing(login, agent, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="text/plain")
    response = login(agent).post(reverse("roleplay:transcript_new"), {"file": upload, "format": "auto"})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert not Transcript.objects.exists()


def test_a_file_over_the_limit_is_refused(login, agent, settings):
    settings.ROLEPLAY_MAX_TRANSCRIPT_KB = 1
    upload = SimpleUploadedFile("long.txt", (CALL * 20).encode(), content_type="text/plain")
    response = login(agent).post(reverse("roleplay:transcript_new"), {"file": upload, "format": "auto"})
    assert "dépasse 1 ko" in " ".join(response.context["form"].errors["file"])
    pasted = login(agent).post(reverse("roleplay:transcript_new"), {"text": CALL * 20, "format": "auto"})
    assert "dépasse 1 ko" in " ".join(pasted.context["form"].errors["text"])
    assert not Transcript.objects.exists()


def test_pasting_and_uploading_at_once_is_refused(login, agent):
    upload = SimpleUploadedFile("appel.txt", CALL.encode(), content_type="text/plain")
    response = login(agent).post(reverse("roleplay:transcript_new"), {"text": CALL, "file": upload, "format": "auto"})
    assert response.status_code == 400
    assert "Une seule source à la fois" in " ".join(response.context["form"].errors["file"])


def test_without_a_local_model_the_page_says_so_and_has_no_audio_field(login, agent, settings):
    settings.ROLEPLAY_WHISPER_MODEL = ""
    response = login(agent).get(reverse("roleplay:transcript_new"))
    content = response.content.decode()
    assert "Aucun modèle de transcription locale n'est configuré" in content
    assert "audio" not in response.context["form"].fields
    assert 'name="audio"' not in content
    # A recording posted anyway is ignored, never stored.
    upload = SimpleUploadedFile("appel.mp3", b"ID3fake", content_type="audio/mpeg")
    login(agent).post(reverse("roleplay:transcript_new"), {"audio": upload, "format": "auto"})
    assert not Transcript.objects.exists()


# ---------------------------------------------------------------------------------------------------------------
# The transcript page


def test_the_page_marks_the_exact_words_with_their_numbered_note(login, agent, call):
    response = login(agent).get(detail(call))
    content = response.content.decode()
    assert '<mark class="ere-mark ere-mark--jargon">DPAE</mark>' in content
    assert 'ere-mark--filler">Euh</mark>' in content
    jargon = next(note for line in response.context["lines"] for note in line.notes if note.kind == "jargon")
    assert f'href="#note-{jargon.number}"' in content
    assert f'id="note-{jargon.number}"' in content
    assert "déclaration préalable à l&#x27;embauche" in content  # the suggestion spells the acronym out
    assert "Point fort" in content and "À travailler" in content
    assert "Les chiffres de l'appel" in content
    assert "À travailler en priorité" in content
    assert "Comparer avec la grille" not in content


@pytest.mark.parametrize(
    ("show", "kinds"),
    [("jargon", {"jargon"}), ("hesitations", {"filler"}), ("forces", {"reformulation", "next_step", "name_use"})],
)
def test_the_filters_work_without_javascript(login, agent, call, show, kinds):
    response = login(agent).get(detail(call, voir=show))
    shown = {note.kind for line in response.context["lines"] for note in line.notes}
    assert shown and shown <= kinds
    assert 'aria-current="true"' in response.content.decode()


def test_an_unknown_filter_shows_everything(login, agent, call):
    response = login(agent).get(detail(call, voir="<script>"))
    assert response.status_code == 200
    assert len(response.context["lines"]) == 5


def test_comments_are_shown_on_their_line_and_on_the_whole_call(login, agent, call, champion):
    TranscriptCommentFactory(transcript=call, author=agent, line=2, text="Ici il hésite")
    TranscriptCommentFactory(transcript=call, author=agent, line=None, text="Bon appel dans l'ensemble")
    response = login(agent).get(detail(call))
    lines = response.context["lines"]
    assert [c.text for c in lines[1].comments] == ["Ici il hésite"]
    assert [c.text for c in response.context["comments"]] == ["Bon appel dans l'ensemble"]


def test_a_comment_link_prefills_the_line(login, agent, call):
    response = login(agent).get(detail(call, ligne=4))
    assert response.context["comment_form"].initial["line"] == "4"


@pytest.mark.parametrize(
    ("data", "field"),
    [({"text": ""}, "text"), ({"text": "Bravo", "line": 99}, "line"), ({"text": "Bravo", "line": "abc"}, "line")],
)
def test_a_bad_comment_is_refused_with_a_message(login, agent, call, data, field):
    response = login(agent).post(reverse("roleplay:transcript_comment", args=[call.pk]), data)
    assert response.status_code == 400
    assert field in response.context["comment_form"].errors
    assert not call.comments.exists()


def test_the_owner_changes_the_advisor_and_the_analysis_runs_again(login, agent, call):
    client = login(agent)
    response = client.post(reverse("roleplay:transcript_reanalyze", args=[call.pk]), {"advisor": "M. Martin"})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.advisor == "M. Martin"
    refused = client.post(reverse("roleplay:transcript_reanalyze", args=[call.pk]), {"advisor": "Quelqu'un"})
    assert refused.status_code == 400
    call.refresh_from_db()
    assert call.advisor == "M. Martin"


def test_the_owner_corrects_the_text(login, agent, call):
    client = login(agent)
    assert client.get(reverse("roleplay:transcript_edit", args=[call.pk])).context["form"].initial["source"] == CALL
    response = client.post(
        reverse("roleplay:transcript_edit", args=[call.pk]),
        {"title": "Appel corrigé", "source": BETTER, "advisor": "Sophie"},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.title, call.source) == ("Appel corrigé", BETTER)
    assert call.analysis["lines"][1]["speaker"] == "Mme Durand"

    bad = client.post(reverse("roleplay:transcript_edit", args=[call.pk]), {"title": "X", "source": "   "})
    assert bad.status_code == 400
    call.refresh_from_db()
    assert call.source == BETTER


def test_the_owner_deletes_after_confirming(login, agent, call):
    client = login(agent)
    TranscriptCommentFactory(transcript=call, author=agent)
    page = client.get(reverse("roleplay:transcript_delete", args=[call.pk]))
    assert "1 commentaire" in page.content.decode()
    assert Transcript.objects.exists()
    response = client.post(reverse("roleplay:transcript_delete", args=[call.pk]))
    assert response.status_code == 302
    assert response.url == reverse("roleplay:transcript_list")
    assert not Transcript.objects.exists()
    assert not TranscriptComment.objects.exists()


def test_a_session_call_is_compared_with_the_observer_s_grid(login, agent, champion, session_call):
    reformulate, jargon, _conclude = session_call.session.scenario.criteria.all()
    ObservationFactory(session=session_call.session, observer=champion, criterion=jargon, level=2, note="Un sigle")
    ObservationFactory(session=session_call.session, observer=champion, criterion=reformulate, level=4)
    response = login(agent).get(detail(session_call))
    content = response.content.decode()
    assert "Comparer avec la grille de l'observateur" in content
    assert "Bruno Petit" in content
    assert "En partie</strong> (2/4)" in content
    assert "« Un sigle »" in content
    assert "Exemplaire</strong> (4/4)" in content
    rows = {row.criterion.label: row for row in response.context["grid"]}
    assert {note.kind for note in rows["Évite le jargon"].findings} == {"jargon"}


# ---------------------------------------------------------------------------------------------------------------
# A recording being transcribed, or failed


def test_while_transcribing_the_page_polls_its_progress(login, agent):
    transcript = TranscriptFactory(
        owner=agent, source="", status=TranscriptStatus.TRANSCRIBING, analysis={"progress": 35}
    )
    client = login(agent)
    content = client.get(detail(transcript)).content.decode()
    assert 'hx-trigger="every 2s"' in content
    assert "Transcription en cours : 35 %" in content
    assert 'value="35"' in content

    partial = client.get(detail(transcript), headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="transcript-status"')

    Transcript.objects.filter(pk=transcript.pk).update(status=TranscriptStatus.READY, analysis={})
    done = client.get(detail(transcript), headers={"HX-Request": "true"})
    assert done.headers["HX-Refresh"] == "true"


def test_a_failed_transcription_shows_the_error_and_the_way_forward(login, agent):
    transcript = TranscriptFactory(
        owner=agent, source="", status=TranscriptStatus.FAILED, error="Aucune parole reconnue dans l'enregistrement."
    )
    content = login(agent).get(detail(transcript)).content.decode()
    assert "Aucune parole reconnue dans l&#x27;enregistrement." in content
    assert "déposer une transcription écrite" in content
    assert reverse("roleplay:transcript_new") in content
