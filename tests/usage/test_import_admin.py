"""The admin pages of the import: mapping rules, applications « à rattacher », imports (read only)."""

import pytest
from django.urls import reverse

from ere.usage.enums import ImportStatus, RuleField, RuleKind
from ere.usage.models import MappingRule, RawApplication, UsageImport
from tests.catalog.factories import ToolFactory


@pytest.fixture
def aude(db):
    return ToolFactory(slug="aude", name="AUDE")


@pytest.mark.parametrize("model", ["mappingrule", "rawapplication", "usageimport"])
def test_it_checks_access(client, login, manager, model):
    response = login(manager).get(reverse(f"admin:usage_{model}_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", ["mappingrule", "rawapplication", "usageimport"])
def test_every_list_page_loads(login, admin_user, model):
    assert login(admin_user).get(reverse(f"admin:usage_{model}_changelist")).status_code == 200


def test_rules_are_edited_in_the_list(login, admin_user, aude):
    rule = MappingRule.objects.create(position=10, pattern="aude.exe", tool=aude)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": rule.pk,
        "form-0-position": "5",
        "form-0-field": RuleField.TITLE,
        "form-0-kind": RuleKind.REGEX,
        "form-0-pattern": "^AUDE",
        "form-0-tool": aude.pk,
        "_save": "Enregistrer",
    }
    response = login(admin_user).post(reverse("admin:usage_mappingrule_changelist"), data)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.position, rule.field, rule.kind, rule.pattern) == (5, "title", "regex", "^AUDE")


def test_the_add_page_explains_the_patterns_and_refuses_a_bad_regex(login, admin_user, aude):
    client = login(admin_user)
    assert "sans tenir compte de la casse" in client.get(reverse("admin:usage_mappingrule_add")).content.decode()
    data = {"position": 1, "field": RuleField.APP, "kind": RuleKind.REGEX, "pattern": "(a", "tool": aude.pk}
    response = client.post(reverse("admin:usage_mappingrule_add"), data)
    assert response.status_code == 200
    assert "Expression régulière invalide" in response.content.decode()
    assert not MappingRule.objects.exists()


def test_raw_applications_to_map_are_filtered_and_mapped_from_the_list(login, admin_user, aude):
    todo = RawApplication.objects.create(name="audeclient", events=12)
    RawApplication.objects.create(name="word", events=3, tool=ToolFactory(slug="word"))
    client = login(admin_user)

    response = client.get(reverse("admin:usage_rawapplication_changelist"), {"a_rattacher": "oui"})
    assert [obj.name for obj in response.context["cl"].result_list] == ["audeclient"]

    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": todo.pk,
        "form-0-tool": aude.pk,
        "_save": "Enregistrer",
    }
    response = client.post(reverse("admin:usage_rawapplication_changelist") + "?a_rattacher=oui", data)
    assert response.status_code == 302
    todo.refresh_from_db()
    assert todo.tool == aude
    assert client.get(reverse("admin:usage_rawapplication_add")).status_code == 403


def test_imports_are_read_only(login, admin_user):
    usage_import = UsageImport.objects.create(
        source="poste-42", status=ImportStatus.FAILED, errors=["ligne 2, champ start : date illisible « x »"]
    )
    client = login(admin_user)
    response = client.get(reverse("admin:usage_usageimport_change", args=[usage_import.pk]))
    assert response.status_code == 200
    assert "<li>ligne 2, champ start : date illisible « x »</li>" in response.content.decode()
    assert client.get(reverse("admin:usage_usageimport_add")).status_code == 403
    response = client.post(reverse("admin:usage_usageimport_change", args=[usage_import.pk]), {"source": "autre"})
    assert response.status_code == 403
    assert UsageImport.objects.get().source == "poste-42"
