"""The background job of « Mes appels analysés »: the local transcription of a recording (ere/roleplay/speech.py)."""

from django_tasks import task

from ere.roleplay.enums import TranscriptStatus
from ere.roleplay.models import Transcript


@task()
def transcribe_recording(transcript_id, stereo=False):
    """Transcribe the recording of a transcript, analyse the text, delete the recording.

    Returns the transcript's status at the end (« ready », « failed »), or « gone » when it was deleted meanwhile
    or is no longer waiting for its transcription (a task queued twice runs once)."""
    from ere.roleplay import transcripts

    transcript = Transcript.objects.select_related("session__scenario").filter(pk=transcript_id).first()
    if transcript is None or transcript.status != TranscriptStatus.TRANSCRIBING:
        return "gone"
    return transcripts.transcribe(transcript, stereo=stereo)
