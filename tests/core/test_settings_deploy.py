"""The production settings pass Django's deployment checks, and refuse to start when misconfigured."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import envbool, envint, envlist, envsecret

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "USAGE_HMAC_KEY": secrets.token_urlsafe(32),
    "ALLOWED_HOSTS": "ere.example.fr",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def _manage(tmp_path, *args, **env):
    """Run manage.py in a fresh process with only the given ERE settings in its environment."""
    base = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")}
    environment = base | {"VAR_DIR": str(tmp_path), "STATIC_ROOT": str(tmp_path / "static")} | env
    environment = {key: value for key, value in environment.items() if value is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_production_settings_pass_the_deployment_checks(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_secret_key_can_be_read_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(PRODUCTION["SECRET_KEY"] + "\n", encoding="utf-8")
    env = PRODUCTION | {"SECRET_KEY": None, "SECRET_KEY_FILE": str(key_file)}
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage(tmp_path, "check", **(PRODUCTION | {"SECRET_KEY": None}))
    assert result.returncode != 0
    assert "SECRET_KEY est obligatoire quand DEBUG=false" in result.stderr


def test_production_refuses_a_boolean_it_cannot_read(tmp_path):
    result = _manage(tmp_path, "check", **(PRODUCTION | {"DEBUG": "yes"}))
    assert result.returncode != 0
    assert "DEBUG doit valoir true ou false (reçu : 'yes')" in result.stderr


def test_the_deployment_checks_catch_a_missing_host(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **(PRODUCTION | {"ALLOWED_HOSTS": ""}))
    assert result.returncode != 0
    assert "security.W020" in result.stderr


@pytest.mark.parametrize(
    "value,expected",
    [("true", True), ("TRUE", True), ("1", True), (" True ", True), ("false", False), ("False", False), ("0", False)],
)
def test_envbool_reads_true_and_false(monkeypatch, value, expected):
    monkeypatch.setenv("ERE_TEST_FLAG", value)
    assert envbool("ERE_TEST_FLAG", not expected) is expected


@pytest.mark.parametrize("default", [True, False])
def test_envbool_falls_back_on_the_default_when_empty_or_unset(monkeypatch, default):
    monkeypatch.delenv("ERE_TEST_FLAG", raising=False)
    assert envbool("ERE_TEST_FLAG", default) is default
    monkeypatch.setenv("ERE_TEST_FLAG", "")
    assert envbool("ERE_TEST_FLAG", default) is default


@pytest.mark.parametrize("value", ["yes", "no", "oui", "non", "on", "off", "2", "vrai"])
def test_envbool_rejects_anything_else(monkeypatch, value):
    monkeypatch.setenv("ERE_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match=f"ERE_TEST_FLAG doit valoir true ou false \\(reçu : '{value}'\\)"):
        envbool("ERE_TEST_FLAG", True)


def test_envint_rejects_a_non_number(monkeypatch):
    monkeypatch.setenv("ERE_TEST_NUMBER", "cinq")
    with pytest.raises(ImproperlyConfigured, match="ERE_TEST_NUMBER doit être un nombre entier"):
        envint("ERE_TEST_NUMBER", 5)
    monkeypatch.setenv("ERE_TEST_NUMBER", " 12 ")
    assert envint("ERE_TEST_NUMBER", 5) == 12


def test_envlist_splits_on_commas(monkeypatch):
    monkeypatch.setenv("ERE_TEST_LIST", " ere.example.fr, ,www.ere.example.fr ")
    assert envlist("ERE_TEST_LIST") == ["ere.example.fr", "www.ere.example.fr"]


def test_envsecret_prefers_the_file(monkeypatch, tmp_path):
    secret = tmp_path / "password"
    secret.write_text("depuis-le-fichier\n", encoding="utf-8")
    monkeypatch.setenv("ERE_TEST_SECRET", "depuis-la-variable")
    assert envsecret("ERE_TEST_SECRET") == "depuis-la-variable"
    monkeypatch.setenv("ERE_TEST_SECRET_FILE", str(secret))
    assert envsecret("ERE_TEST_SECRET") == "depuis-le-fichier"


def test_it_refuses_to_start_in_production_without_a_pseudonymisation_key(tmp_path):
    result = _manage(tmp_path, "check", **(PRODUCTION | {"USAGE_HMAC_KEY": None}))
    assert result.returncode != 0
    assert "USAGE_HMAC_KEY est obligatoire quand DEBUG=false" in result.stderr
