"""Property-based robustness of the forms: whatever a browser (or an attacker) posts, the
answer is never a server error, and a rejected request changes nothing."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acculture.assessments.models import Response
from acculture.assessments.services import assessment_start
from acculture.people.models import LoginAttempt, Person, RoleGrant, StaffImport
from tests.assessments.conftest import make_bank

text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60)
values = st.one_of(
    text, st.integers().map(str), st.just(""), st.sampled_from(["a", "b", "c", "b\x00", "../x", "%00"])
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(email=values, password=values)
def test_the_login_form_never_fails_and_only_records_attempts(client, db, email, password):
    response = client.post(reverse("people:login"), {"email": email, "password": password})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(succeeded=True).count() == 0


@FUZZ
@given(employee_number=values, role=values)
def test_the_role_form_never_fails_and_grants_nothing_unless_valid(client, cast, employee_number, role):
    client.force_login(cast.cdo.user)
    before = RoleGrant.objects.count()
    response = client.post(reverse("people:roles"), {"employee_number": employee_number, "role": role})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert RoleGrant.objects.count() == before


@FUZZ
@given(
    content=st.binary(max_size=300), name=st.sampled_from(["s.csv", "s.xlsx", "s.txt", "s.pdf", "../s.csv"])
)
def test_the_staff_upload_never_fails_and_writes_no_person_before_confirmation(client, cast, content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.hr.user)
    people = Person.objects.count()
    response = client.post(reverse("people:import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code in (302, 400)
    assert Person.objects.count() == people
    if response.status_code == 302:
        assert StaffImport.objects.exists()


@pytest.fixture
def assessment(cast):
    make_bank(codes=("1.1",), per_level=1, levels=(2, 3, 4))
    return assessment_start(person=cast.employee)


@FUZZ
@given(
    position=values,
    item=values,
    answer=st.lists(values, max_size=3),
    dont_know=st.sampled_from(["", "1", "x"]),
)
def test_the_answer_form_never_fails_and_records_at_most_the_current_question(
    client, cast, assessment, position, item, answer, dont_know
):
    client.force_login(cast.employee.user)
    data = {"position": position, "item": item, "answer": answer}
    if dont_know:
        data["dont_know"] = dont_know
    response = client.post(reverse("assessments:question", args=[assessment.pk]), data)
    assert response.status_code in (200, 302, 400)
    assessment.refresh_from_db()
    assert Response.objects.filter(assessment=assessment).count() == assessment.current_position - 1
