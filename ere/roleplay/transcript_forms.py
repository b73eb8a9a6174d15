"""The forms of « Mes appels analysés »: a new transcript (pasted, a file, or a recording), the advisor, a comment."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy

from ere.core.forms import BaseForm
from ere.roleplay import speech, transcripts
from ere.roleplay.models import PlaySession, TranscriptComment


class TranscriptForm(BaseForm):
    """Exactly one of: the pasted text, a transcript file, a recording (when local speech-to-text is configured)."""

    title = forms.CharField(
        label="Titre",
        required=False,
        max_length=200,
        help_text="Facultatif, par exemple « Appel Mme Durand, boulangerie ». Par défaut : « Appel du » et la date.",
    )
    session = forms.ModelChoiceField(
        label="Session de mise en situation",
        queryset=PlaySession.objects.none(),
        to_field_name="code",
        required=False,
        empty_label="Aucune : c'est un appel réel ou un entraînement seul",
        help_text="Les participants de la session pourront lire l'analyse et la commenter.",
    )
    text = forms.CharField(
        label="Coller la transcription",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="Une réplique par ligne, précédée du nom de qui parle : « Sophie : Bonjour, que puis-je pour "
        "vous ? ». L'heure en début de ligne est facultative.",
    )
    file = forms.FileField(
        label="Ou déposer un fichier de transcription",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".txt,.vtt,.trs,text/plain,text/vtt", "class": "fr-upload"}),
        help_text=lazy(
            lambda: (
                f"Texte (.txt), WebVTT (.vtt) ou Transcriber (.trs), {settings.ROLEPLAY_MAX_TRANSCRIPT_KB} ko au plus."
            ),
            str,
        )(),
    )
    format = forms.ChoiceField(label="Format", choices=transcripts.FORMATS, initial="auto")
    advisor = forms.CharField(
        label="Qui est le conseiller ?",
        required=False,
        max_length=200,
        help_text="Le nom tel qu'il est écrit devant vos répliques. Laissé vide, l'analyse le devine ; vous pourrez "
        "le changer sur la page de l'appel.",
    )
    audio = forms.FileField(
        label="Ou déposer un enregistrement audio",
        required=False,
        widget=forms.FileInput(
            attrs={"accept": "audio/*,.mp3,.wav,.m4a,.ogg,.opus,.flac,.webm", "class": "fr-upload"}
        ),
        help_text=lazy(
            lambda: (
                f"MP3, WAV, M4A, OGG… {settings.ROLEPLAY_MAX_AUDIO_MB} Mo au plus. Transcrit sur ce serveur, "
                "jamais envoyé à un service extérieur, puis effacé."
            ),
            str,
        )(),
    )
    stereo = forms.BooleanField(
        label="Un locuteur par canal (enregistrement stéréo de téléphonie)",
        required=False,
        help_text="Chaque voix est alors transcrite à part, en « Locuteur 1 » et « Locuteur 2 ».",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["session"].queryset = PlaySession.objects.for_user(user).select_related("scenario")
        self.fields["session"].label_from_instance = lambda s: (
            f"{s.scenario.title} — {s.created_at:%d/%m/%Y} ({s.code})"
        )
        self.audio_available = speech.available()
        if not self.audio_available:
            del self.fields["audio"], self.fields["stereo"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                self.file_text, self.file_format = transcripts.read_upload(upload)
            except transcripts.InputError as error:
                raise forms.ValidationError(str(error)) from None
        return upload

    def clean_audio(self):
        upload = self.cleaned_data.get("audio")
        if upload:
            try:
                transcripts.check_audio(upload)
            except transcripts.InputError as error:
                raise forms.ValidationError(str(error)) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("text", "file", "audio") if cleaned.get(name) or self.errors.get(name)]
        if not given and not self.errors:
            message = "Collez la transcription ou déposez un fichier."
            if self.audio_available:
                message = "Collez la transcription, ou déposez un fichier de transcription ou un enregistrement."
            self.add_error("text" if "text" not in self.errors else None, message)
        elif len(given) > 1:
            self.add_error(given[1], "Une seule source à la fois : effacez le texte collé ou retirez le fichier.")
        return cleaned

    def save(self):
        """The new transcript; an InputError is attached to the field it is about, and nothing is saved."""
        data = self.cleaned_data
        common = {"title": data["title"], "session": data["session"]}
        try:
            if data.get("audio"):
                return transcripts.start_transcription(self.user, data["audio"], stereo=data.get("stereo"), **common)
            if data.get("file"):
                text = self.file_text
                format = self.file_format if data["format"] == "auto" else data["format"]
                field = "file"
            else:
                text, format, field = data["text"], data["format"], "text"
            return transcripts.create_from_text(self.user, text, format=format, advisor=data["advisor"], **common)
        except transcripts.AdvisorError as error:
            self.add_error("advisor", str(error))
        except transcripts.InputError as error:
            self.add_error("audio" if data.get("audio") else field, str(error))
        return None


class AdvisorForm(BaseForm):
    advisor = forms.ChoiceField(
        label="Qui est le conseiller ?",
        help_text="Le locuteur dont les répliques sont analysées ; à changer si l'analyse s'est trompée.",
    )

    def __init__(self, *args, speakers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].choices = [(name, name) for name in speakers]


class EditForm(BaseForm):
    title = forms.CharField(label="Titre", max_length=200)
    source = forms.CharField(
        label="Transcription",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false"}),
        help_text="Corrigez le texte ou les noms des locuteurs, puis relancez l'analyse.",
    )
    advisor = forms.CharField(
        label="Qui est le conseiller ?",
        required=False,
        max_length=200,
        help_text="Le nom tel qu'il est écrit devant vos répliques ; laissé vide, l'analyse le devine.",
    )


class CommentForm(BaseForm):
    text = forms.CharField(label="Commentaire", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    line = forms.IntegerField(
        label="Sur la ligne n°",
        required=False,
        min_value=1,
        help_text="Facultatif : vide, le commentaire porte sur tout l'appel.",
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        self.fields["line"].max_value = lines
        self.fields["line"].widget.attrs["max"] = lines

    def clean_line(self):
        line = self.cleaned_data.get("line")
        if line is not None and line > self.lines:
            raise forms.ValidationError(f"Cet appel compte {self.lines} lignes.")
        return line

    def save(self, transcript, author):
        return TranscriptComment.objects.create(
            transcript=transcript, author=author, line=self.cleaned_data["line"], text=self.cleaned_data["text"]
        )
