"""The forms of live sessions: opening one, joining with a code, choosing a role, the grid, forum theatre."""

from django import forms

from ere.core.forms import BaseForm
from ere.roleplay import sessions
from ere.roleplay.enums import Level, Mode

FACILITATE, OBSERVE = "facilitate", "observe"


class SessionForm(BaseForm):
    """Open a session on a scenario."""

    mode = forms.ChoiceField(
        label="Déroulé",
        choices=Mode.choices,
        initial=Mode.ROLEPLAY,
        widget=forms.RadioSelect,
        help_text="Théâtre forum : la scène est jouée, puis le public propose d'autres répliques et vote.",
        error_messages={"required": "Choisissez le déroulé.", "invalid_choice": "Choisissez un déroulé proposé."},
    )
    duration = forms.IntegerField(
        label="Durée du jeu (en minutes)",
        min_value=1,
        max_value=120,
        help_text="Le minuteur partagé compte ce temps à partir du démarrage ; de 1 à 120 minutes.",
        error_messages={
            "required": "Indiquez la durée du jeu.",
            "invalid": "La durée est un nombre de minutes.",
            "min_value": "Le jeu dure au moins 1 minute.",
            "max_value": "Le jeu dure au plus 120 minutes.",
        },
    )
    my_role = forms.ChoiceField(
        label="Votre rôle",
        choices=[(OBSERVE, "J'anime et je remplis la grille d'observation"), (FACILITATE, "J'anime seulement")],
        initial=OBSERVE,
        widget=forms.RadioSelect,
        help_text="Vous voyez toutes les fiches de rôle : vous ne jouez donc ni le conseiller ni l'interlocuteur.",
        error_messages={"required": "Choisissez votre rôle.", "invalid_choice": "Choisissez un rôle proposé."},
    )


class JoinForm(BaseForm):
    """The short code read aloud or shown on the screen of the room."""

    code = forms.CharField(
        label="Code de la session",
        max_length=40,
        help_text="Six caractères, donnés par l'animateur. Majuscules, espaces et tirets n'ont pas d'importance.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": "Saisissez le code donné par l'animateur."},
    )

    def clean_code(self):
        typed = self.cleaned_data["code"]
        session = sessions.find_open(typed)
        if session is None:
            raise forms.ValidationError(
                # Non-breaking spaces inside the quotes: the code never sits alone on the next line.
                f"Aucune session ouverte avec le code «\u00a0{sessions.normalize_code(typed) or typed}\u00a0». "
                "Vérifiez-le auprès de l'animateur : la session est peut-être terminée."
            )
        self.session = session
        return session.code


class RoleForm(BaseForm):
    role = forms.ChoiceField(
        label="Votre rôle",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez votre rôle.",
            "invalid_choice": "Ce rôle n'est plus libre : choisissez-en un autre.",
        },
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in roles]


class GridForm(BaseForm):
    """The observer's grid: per criterion, a level (1 to 4, optional) and a note. Rendered by hand (the levels'
    descriptors are hints of each radio button); the fields are `level-<id>` and `note-<id>`."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"level-{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.label,
                choices=Level.choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choisissez un niveau de 1 à 4."},
            )
            self.fields[f"note-{criterion.pk}"] = forms.CharField(
                label="Remarque",
                required=False,
                max_length=sessions.NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": f"La remarque fait au plus {sessions.NOTE_MAX_LENGTH} caractères."},
            )

    def values(self):
        """{criterion: (level, note)} from the cleaned data."""
        return {
            criterion: (self.cleaned_data.get(f"level-{criterion.pk}"), self.cleaned_data.get(f"note-{criterion.pk}"))
            for criterion in self.criteria
        }

    def rows(self):
        """Per criterion: its label, levels with their descriptors, the level and note shown, and their errors."""
        rows = []
        for criterion in self.criteria:
            level_field, note_field = self[f"level-{criterion.pk}"], self[f"note-{criterion.pk}"]
            chosen = level_field.value()
            rows.append(
                {
                    "criterion": criterion,
                    "levels": criterion.levels,
                    "chosen": str(chosen) if chosen not in (None, "") else "",
                    "note": note_field.value() or "",
                    "errors": [*level_field.errors, *note_field.errors],
                }
            )
        return rows


class SceneForm(BaseForm):
    scene = forms.CharField(
        label="Scène rejouée",
        required=False,
        max_length=sessions.SCENE_MAX_LENGTH,
        help_text="Le moment de l'échange que le public réécrit : par exemple la réplique du conseiller qui a coincé.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"La scène fait au plus {sessions.SCENE_MAX_LENGTH} caractères."},
    )


class LineForm(BaseForm):
    text = forms.CharField(
        label="Votre réplique",
        max_length=sessions.LINE_MAX_LENGTH,
        help_text=f"Ce que vous diriez à la place : {sessions.LINE_MAX_LENGTH} caractères au plus.",
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": sessions.LINE_MAX_LENGTH}),
        error_messages={
            "required": "Écrivez votre réplique avant de la proposer.",
            "max_length": f"Votre réplique est trop longue : {sessions.LINE_MAX_LENGTH} caractères au plus.",
        },
    )

    def clean_text(self):
        text = " ".join(self.cleaned_data["text"].split())
        if not text:
            raise forms.ValidationError("Écrivez votre réplique avant de la proposer.")
        return text
