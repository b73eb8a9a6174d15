import factory

from ere.org.enums import Role, Specialty
from ere.org.models import Agency, ApiClient, Region, Territory, User

TEST_PASSWORD = "mot-de-passe-de-test"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"R{n:02d}")
    name = factory.Sequence(lambda n: f"Direction régionale {n}")


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"DT{n:02d}")
    name = factory.Sequence(lambda n: f"Direction territoriale {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    territory = factory.SubFactory(TerritoryFactory)
    # Far from the fixed agencies of tests/conftest.py (69001, 38001) and of the demo.
    code = factory.Sequence(lambda n: f"{10000 + n}")
    name = factory.Sequence(lambda n: f"Agence {n}")
    city = "Lyon"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        champion = factory.Trait(role=Role.CHAMPION)
        trainer = factory.Trait(role=Role.TRAINER, specialty="", agency=None)
        manager = factory.Trait(role=Role.MANAGER, specialty="")
        territory_manager = factory.Trait(
            role=Role.MANAGER, specialty="", territory_scope=factory.SelfAttribute("agency.territory")
        )
        analyst = factory.Trait(role=Role.ANALYST, specialty="", agency=None)
        admin = factory.Trait(role=Role.ADMIN, specialty="", agency=None, is_staff=True, is_superuser=True)

    email = factory.Sequence(lambda n: f"agent{n}@example.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.AGENT
    specialty = Specialty.EMPLOYERS
    agency = factory.SubFactory(AgencyFactory)
    password = factory.django.Password(TEST_PASSWORD)


class ApiClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiClient

    name = factory.Sequence(lambda n: f"Collecteur {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        client = model_class(*args, **kwargs)
        client.token = client.issue_token()
        client.save()
        return client
