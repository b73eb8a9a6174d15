"""Twee 3, the text format of Twine stories: parse it into a `Story`, and write a `Story` back. Pure Python.

The format (https://github.com/iftechfoundation/twine-specs/blob/master/twee-3-specification.md):

    :: StoryTitle
    Premier recrutement

    :: StoryData
    {"ifid": "…", "format": "Harlowe", "format-version": "3.3.8", "start": "Accueil"}

    :: Accueil [ouverture] {"position":"100,100","size":"100,100"}
    Bonjour, je voudrais embaucher quelqu'un.
    [[Que recherchez-vous ?->Besoin]]

A passage runs from its header line (`::`, a name, optional `[tags]`, optional JSON metadata) to the next header.
In names and tags, `\\[ \\] \\{ \\} \\\\` stand for the characters themselves; a content line that starts with `::` is
written `\\::`. Links: `[[Cible]]`, `[[texte->Cible]]`, `[[Cible<-texte]]`, `[[texte|Cible]]`.

Our use for role-play scripts (docs/roleplay-scenarios.md): a passage is a moment of the call; its text is what the
interlocutor says (stage directions between `//…//`, or a whole passage tagged `note`); its links are the advisor's
possible answers, each leading to the interlocutor's next reaction; endings carry the tag `fin`, `bonne-fin` or
`mauvaise-fin`. Errors are `TweeError`s with a French message that names the line.
"""

import json
import re
import uuid
from dataclasses import dataclass, field

TITLE = "StoryTitle"
DATA = "StoryData"
DEFAULT_START = "Start"
ENDING_TAGS = ("fin", "bonne-fin", "mauvaise-fin")
NOTE_TAG = "note"

_LINK = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)
_ESCAPABLE = "\\[]{}"


class TweeError(ValueError):
    """A Twee source that cannot be read, with the line (1-based) where the problem is, when there is one."""

    def __init__(self, message, line=None):
        self.message = message
        self.line = line
        super().__init__(f"Ligne {line} : {message}" if line else message)


@dataclass
class Passage:
    name: str
    tags: list = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    text: str = ""
    line: int = field(default=0, compare=False, repr=False)

    @property
    def is_ending(self):
        """An ending: tagged as one, or with no answer to give."""
        return any(tag in ENDING_TAGS for tag in self.tags) or not links(self)


@dataclass
class Link:
    text: str
    target: str
    line: int = field(default=0, compare=False, repr=False)


@dataclass
class Story:
    title: str
    data: dict = field(default_factory=dict)
    passages: list = field(default_factory=list)
    start: str = ""

    def passage(self, name):
        """The passage called `name`, or None."""
        return next((passage for passage in self.passages if passage.name == name), None)


def new_ifid():
    """A story identifier as Twine writes them: an upper-case UUID v4."""
    return str(uuid.uuid4()).upper()


# ---------------------------------------------------------------------------------------------------------------
# Links


def _link(inner):
    # A Harlowe/SugarCube setter (`[[texte|Cible][$x to 1]]`) follows the link: it is not part of the target.
    inner = inner.split("][", 1)[0]
    if "|" in inner:
        text, target = inner.split("|", 1)
    elif "->" in inner:
        text, target = inner.rsplit("->", 1)
    elif "<-" in inner:
        target, text = inner.split("<-", 1)
    else:
        text = target = inner
    return text.strip(), target.strip()


def links(passage):
    """The links of a passage, in reading order: the advisor's possible answers."""
    found = []
    for match in _LINK.finditer(passage.text):
        text, target = _link(match.group(1))
        line = passage.line + 1 + passage.text.count("\n", 0, match.start()) if passage.line else 0
        found.append(Link(text=text, target=target, line=line))
    return found


def prose(passage):
    """The passage's text without its links: what the interlocutor says (lines made only of links are dropped)."""
    lines = []
    for line in passage.text.splitlines():
        stripped = _LINK.sub("", line)
        if stripped.strip() or not line.strip():
            lines.append(stripped.rstrip())
    return "\n".join(lines).strip()


# ---------------------------------------------------------------------------------------------------------------
# Reading


def _unescape(text):
    return re.sub(r"\\(.)", r"\1", text)


def _escape(text):
    return "".join(f"\\{char}" if char in _ESCAPABLE else char for char in text)


def _split_header(header, number):
    """(name, tags, metadata) from what follows `::` on a header line."""
    name_chars, index = [], 0
    while index < len(header):
        char = header[index]
        if char == "\\" and index + 1 < len(header):
            name_chars.append(header[index : index + 2])
            index += 2
            continue
        if char in "[{":
            break
        if char in "]}":
            raise TweeError(f"le nom du passage contient « {char} » : écrivez « \\{char} » pour ce caractère.", number)
        name_chars.append(char)
        index += 1
    name = _unescape("".join(name_chars)).strip()
    rest = header[index:].strip()
    tags = []
    if rest.startswith("["):
        end = _closing(rest, "]")
        if end is None:
            raise TweeError("la liste des étiquettes n'est pas fermée : il manque « ] ».", number)
        tags = [_unescape(tag) for tag in re.split(r"\s+", rest[1:end].strip()) if tag]
        rest = rest[end + 1 :].strip()
    metadata = {}
    if rest:
        if not rest.startswith("{"):
            raise TweeError(f"texte inattendu après le nom du passage : « {rest} ».", number)
        try:
            metadata = json.loads(rest)
        except ValueError as error:
            raise TweeError(f"les métadonnées du passage ne sont pas du JSON valable ({error.msg}).", number) from None
    return name, tags, metadata


def _closing(text, closer):
    """Index of the first unescaped `closer` in text, or None."""
    index = 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == closer:
            return index
        index += 1
    return None


def _read_passages(text):
    passages, current, body = [], None, []

    def close():
        if current is not None:
            current.text = "\n".join(body).rstrip()
            passages.append(current)

    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("::"):
            close()
            name, tags, metadata = _split_header(line[2:], number)
            if not name:
                raise TweeError("un passage n'a pas de nom : écrivez-le après « :: ».", number)
            current, body = Passage(name=name, tags=tags, metadata=metadata, line=number), []
        elif current is not None:
            body.append(line[1:] if line.startswith("\\::") else line)
        # Text before the first passage is ignored, as the specification says.
    close()
    return passages


def parse(text):
    """The `Story` written in `text`; TweeError when it cannot be read or does not hold together."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    passages = _read_passages(text)
    seen = {}
    for passage in passages:
        if passage.name in seen:
            raise TweeError(
                f"le passage « {passage.name} » existe déjà (ligne {seen[passage.name]}) : chaque passage doit "
                "avoir un nom unique.",
                passage.line,
            )
        seen[passage.name] = passage.line
    by_name = {passage.name: passage for passage in passages}

    title_passage = by_name.get(TITLE)
    if title_passage is None or not title_passage.text.strip():
        raise TweeError(
            "le passage « :: StoryTitle » est absent ou vide : il donne le titre de l'histoire.",
            title_passage.line if title_passage else None,
        )
    data = {}
    if (data_passage := by_name.get(DATA)) is not None:
        try:
            data = json.loads(data_passage.text or "{}")
        except ValueError as error:
            line = data_passage.line + error.lineno
            raise TweeError(f"le contenu de « StoryData » n'est pas du JSON valable ({error.msg}).", line) from None
        if not isinstance(data, dict):
            raise TweeError("le contenu de « StoryData » doit être un objet JSON, entre accolades.", data_passage.line)

    story_passages = [passage for passage in passages if passage.name not in (TITLE, DATA)]
    start = data.get("start") or DEFAULT_START
    if not isinstance(start, str) or start not in by_name or start in (TITLE, DATA):
        where = "indiqué dans « StoryData »" if data.get("start") else "par défaut"
        raise TweeError(
            f"le passage de départ « {start} » ({where}) n'existe pas : ajoutez-le, ou indiquez le bon nom dans "
            '« StoryData » ("start").',
            data_passage.line if data_passage is not None else None,
        )
    for passage in story_passages:
        for link in links(passage):
            if link.target not in by_name:
                raise TweeError(
                    f"le lien « {link.text} » du passage « {passage.name} » mène au passage « {link.target} », "
                    "qui n'existe pas.",
                    link.line,
                )
    return Story(title=title_passage.text.strip(), data={**data, "start": start}, passages=story_passages, start=start)


# ---------------------------------------------------------------------------------------------------------------
# Writing


def _header(passage):
    parts = [f":: {_escape(passage.name)}"]
    if passage.tags:
        parts.append("[" + " ".join(_escape(tag) for tag in passage.tags) + "]")
    if passage.metadata:
        parts.append(json.dumps(passage.metadata, ensure_ascii=False, separators=(",", ":")))
    return " ".join(parts)


def _body(text):
    return "\n".join(f"\\{line}" if line.startswith("::") else line for line in text.rstrip().split("\n"))


def serialize(story):
    """The Twee 3 text of `story`; `parse(serialize(story)) == story`."""
    data = dict(story.data)
    if story.start:
        data["start"] = story.start
    chunks = [f":: {TITLE}\n{story.title.strip()}", f":: {DATA}\n{json.dumps(data, ensure_ascii=False, indent=2)}"]
    chunks += [f"{_header(passage)}\n{_body(passage.text)}".rstrip() for passage in story.passages]
    return "\n\n\n".join(chunks) + "\n"
