"""The cast shared by the Django tests: one organisation with an employee, a manager
with a team of five, a champion, a facilitator, a proctor, HR and the CDO; a platform
admin; and an outsider from another organisation."""

from dataclasses import dataclass

import pytest

from acculture.people.models import Organisation, Person, Role, RoleGrant, User

PASSWORD = "a long test password"


@dataclass
class Cast:
    org: Organisation
    other_org: Organisation
    employee: Person
    manager: Person
    champion: Person
    facilitator: Person
    proctor: Person
    hr: Person
    cdo: Person
    outsider: Person
    admin: User

    def person(self, role: str) -> Person | User:
        return getattr(self, role)


def make_person(
    org: Organisation, number: str, first: str, last: str, *, manager=None, level="staff", account=True
):
    person = Person.objects.create(
        organisation=org,
        employee_number=number,
        first_name=first,
        last_name=last,
        email=f"{first.lower()}.{last.lower()}@{org.slug}.example",
        hierarchy_level=level,
        manager=manager,
    )
    if account:
        person.user = User.objects.create_user(person.email, PASSWORD)
        person.save(update_fields=["user"])
    return person


@pytest.fixture
def cast(db) -> Cast:
    org = Organisation.objects.create(name="Agence test", slug="agence")
    other = Organisation.objects.create(name="Autre agence", slug="autre")
    manager = make_person(org, "M001", "Marc", "Manager", level="middle_manager")
    employee = make_person(org, "E001", "Emma", "Employee", manager=manager)
    for i in range(4):
        make_person(org, f"T00{i}", f"Team{i}", "Member", manager=manager, account=False)
    people = {}
    for role in ("champion", "facilitator", "proctor", "hr", "cdo"):
        people[role] = make_person(org, role.upper(), role.capitalize(), "Person")
        RoleGrant.objects.create(person=people[role], role=Role(role))
    outsider = make_person(other, "O001", "Oscar", "Outsider")
    RoleGrant.objects.create(person=outsider, role=Role.CDO)
    admin = User.objects.create_superuser("admin@platform.example", PASSWORD)
    return Cast(
        org=org, other_org=other, employee=employee, manager=manager, outsider=outsider, admin=admin, **people
    )


@pytest.fixture
def login(client):
    """Sign the test client in as someone of the cast."""

    def _login(who):
        user = who if isinstance(who, User) else who.user
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def english():
    """Tests read English messages; the French default is tested on purpose where it matters."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
