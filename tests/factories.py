import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from casework.models import Case, CaseStatus, CaseType, Person, RiskLevel
from partners.models import Agency, AgencyKind, Membership, Role

factory.Faker._DEFAULT_LOCALE = "en_GB"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"agency{n}")
    name = factory.LazyAttribute(lambda a: f"{a.slug.title()} agency")
    kind = factory.LazyFunction(lambda: AgencyKind.objects.get(code="council"))


def agency_of_kind(slug: str, kind_code: str) -> Agency:
    return AgencyFactory(slug=slug, kind=AgencyKind.objects.get(code=kind_code))


def staff(username: str, agency: Agency, role: str = Role.OFFICER):
    user = UserFactory(username=username)
    Membership.objects.update_or_create(user=user, defaults={"agency": agency, "role": role})
    return get_user_model().objects.get(pk=user.pk)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=18, maximum_age=80)
    address = factory.Faker("street_address")
    postcode = factory.Faker("postcode")


class CaseFactory(factory.django.DjangoModelFactory):
    """A bare case row for read tests; write paths go through the services."""

    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"ICST-2026-{90000 + n:05d}")
    case_type = CaseType.OTHER
    status = CaseStatus.OPEN
    risk_level = RiskLevel.STANDARD
    summary = factory.Faker("sentence")
    address = factory.Faker("street_address")
    ward = "Castle"
    reported_at = factory.LazyFunction(timezone.now)
    opened_at = factory.LazyFunction(timezone.now)
