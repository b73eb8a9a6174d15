"""`manage.py import_scenarios`: Twee and YAML files, checked first, all or nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from ere.roleplay import demo
from ere.roleplay.models import Scenario

pytestmark = pytest.mark.django_db

SCRIPT = ":: StoryTitle\nUn appel\n\n:: Start\nAllô ?\n[[Bonjour->Fin]]\n\n:: Fin [bonne-fin]\nMerci.\n"


def run(*paths):
    out = io.StringIO()
    call_command("import_scenarios", *[str(path) for path in paths], stdout=out)
    return out.getvalue()


def test_it_imports_twee_and_yaml_files_with_a_progress_line(tmp_path):
    story = tmp_path / "appel.twee"
    story.write_text("\ufeff" + SCRIPT, encoding="utf-8")
    out = run(story, demo.SCENARIOS_DIR / "penurie-btp.yaml")
    assert "[1/2] appel.twee : « Un appel » créée (brouillon)" in out
    assert "[2/2] penurie-btp.yaml : « Une entreprise du bâtiment à court de bras » créée" in out
    assert Scenario.objects.get(slug="penurie-btp").is_published
    assert "mise à jour" in run(story)


def test_one_bad_file_imports_nothing(tmp_path):
    good = tmp_path / "bon.twee"
    good.write_text(SCRIPT)
    bad = tmp_path / "mauvais.twee"
    bad.write_text(SCRIPT.replace("->Fin", "->Ailleurs"))
    with pytest.raises(CommandError, match="mauvais.twee : Ligne 6 : le lien « Bonjour »"):
        run(good, bad)
    assert not Scenario.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"x", "extension inconnue"),
        ("latin.twee", "é".encode("latin-1"), "pas encodé en UTF-8"),
        ("casse.yaml", b"slug: x\n", "casse.yaml : le champ « title » est obligatoire"),
    ],
)
def test_it_explains_what_is_wrong(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="introuvable"):
        run(tmp_path / "absent.twee")
