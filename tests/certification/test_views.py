import html
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from acculture.certification import credentials
from acculture.certification.models import Candidate, Certificate, CertificationSession
from acculture.people.models import AuditEvent
from tests.certification.certified import certify
from tests.certification.conftest import ready


@pytest.fixture
def certificate(session, cast):
    return certify(session, cast.employee, cast.proctor)


def test_a_proctor_plans_a_session_and_a_bad_date_says_how_to_fix_it(login, cast, cert_bank):
    client = login(cast.proctor)
    url = reverse("certification:session-create")
    data = {
        "date": "2027-03-14",
        "time": "09:30",
        "time_zone": "Europe/Paris",
        "place": "Room 204",
        "capacity": "12",
    }
    bad = client.post(url, {**data, "date": "14 mars"})
    assert bad.status_code == 400
    assert "Enter a real date, for example 14/03/2027." in bad.text
    response = client.post(url, data)
    session = CertificationSession.objects.get()
    assert response.url == reverse("certification:session-enrol", args=[session.pk])
    assert session.local_start.strftime("%Y-%m-%d %H:%M %Z") == "2027-03-14 09:30 CET"
    assert session.organisation == cast.org and session.capacity == 12


def test_the_cdo_cannot_run_a_session_and_another_organisation_never_finds_one(login, cast, session):
    assert login(cast.cdo).get(reverse("certification:session-create")).status_code == 403
    assert (
        login(cast.outsider).get(reverse("certification:session-detail", args=[session.pk])).status_code
        == 404
    )


def test_enrolling_twice_through_the_form_explains_and_changes_nothing(login, cast, session):
    client = login(cast.proctor)
    url = reverse("certification:session-enrol", args=[session.pk])
    assert client.post(url, {"who": "E001", "extra_time_percent": "33"}).status_code == 302
    again = client.post(url, {"who": cast.employee.email.upper()})
    assert again.status_code == 400
    assert "Emma Employee is already enrolled in this session." in again.text
    assert session.candidates.get().extra_time_percent == 33


def _upload(client, session, text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("candidates.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("certification:session-import", args=[session.pk]), {"file": file})


def test_a_candidates_file_enrols_everyone_with_their_accommodations(login, cast, session):
    response = _upload(
        login(cast.proctor),
        session,
        "employee_number;extra_time_percent;accommodation\nE001;33;large screen\nM001;;\n",
    )
    assert response.status_code == 302
    assert {(c.person.employee_number, c.extra_time_percent, c.accommodation) for c in session.candidates.all()} == {
        ("E001", 33, "large screen"), ("M001", 0, ""),
    }  # fmt: skip


def test_an_excel_candidates_file_is_read_like_the_staff_file(login, cast, session):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["employee_number", "extra_time_percent", "accommodation"])
    book.active.append(["E001", 50, "Large screen"])
    data = io.BytesIO()
    book.save(data)
    file = SimpleUploadedFile("candidates.xlsx", data.getvalue())
    response = login(cast.proctor).post(
        reverse("certification:session-import", args=[session.pk]), {"file": file}
    )
    assert response.status_code == 302
    candidate = session.candidates.get()
    assert (candidate.person, candidate.extra_time_percent, candidate.accommodation) == (
        cast.employee, 50, "Large screen",
    )  # fmt: skip


def test_a_bad_row_names_its_line_and_column_and_nothing_is_enrolled(login, cast, session):
    text = "employee_number,extra_time_percent,accommodation\nE001,33,\nM001,lots,\nX999,0,\nE001,0,\n"
    response = _upload(login(cast.proctor), session, text)
    assert response.status_code == 400
    shown = html.unescape(response.text)
    assert "line 3, column extra_time_percent ('lots'): Write a whole number from 0 to 200." in shown
    assert "line 4, column employee_number ('X999'): Nobody in your organisation has this number." in shown
    assert "line 5, column employee_number ('E001'): This person is already enrolled." in shown
    assert not session.candidates.exists()


def test_a_candidate_joins_waits_is_let_in_with_the_proctor_code_and_answers_without_feedback(
    login, cast, session
):
    from acculture.certification import services

    candidate = services.candidate_enrol(session=session, person=cast.employee)
    client = login(cast.employee)
    wrong = client.post(reverse("certification:index"), {"code": "ZZZZZZ"})
    assert wrong.status_code == 400 and "This code matches no session" in wrong.text
    joined = client.post(reverse("certification:index"), {"code": session.candidate_code.lower()})
    assert joined.url == reverse("certification:test", args=[candidate.pk])
    assert "The proctor will now check your identity" in client.get(joined.url).text
    services.candidate_check(candidate=candidate, by=cast.proctor.user)
    start = reverse("certification:test-start", args=[candidate.pk])
    client.post(start, {"proctor_code": "WRONG1"})
    candidate.refresh_from_db()
    assert not candidate.start_authorised
    assert (
        candidate.incidents.get().description == "A wrong proctor code was typed on this candidate's screen."
    )
    client.post(start, {"proctor_code": session.proctor_code.lower()})
    candidate.refresh_from_db()
    assert candidate.stage == Candidate.Stage.TESTING
    page = client.get(joined.url)
    assert "Time left for this question:" in page.text
    assert re.search(r'data-seconds-left="(17\d|180)">(2:5\d|3:00)<', page.text)  # 3 minutes by default
    item = candidate.assessment.current_item
    answered = client.post(joined.url, {"position": 1, "item": item.code, "answer": "b"})
    assert answered.url == joined.url
    follow = client.get(joined.url).text
    assert "Because b." not in follow and "Right" not in follow  # no explanation, no verdict
    assert candidate.assessment.responses.count() == 1


def test_the_practice_pages_never_open_a_certification_test(login, cast, session):
    candidate = ready(session, cast.employee, cast.proctor.user)
    client = login(cast.employee)
    assert client.get(reverse("assessments:question", args=[candidate.assessment.pk])).status_code == 404
    assert client.get(reverse("assessments:results", args=[candidate.assessment.pk])).status_code == 404


def test_the_api_never_answers_a_certification_test_around_the_proctor(login, cast, session):
    candidate = ready(session, cast.employee, cast.proctor.user)
    client = login(cast.employee)
    pk = candidate.assessment.pk
    assert client.get(f"/api/v1/assessments/{pk}/question").status_code == 404
    body = json.dumps({"position": 1, "item": candidate.assessment.current_item.code, "answer": "b"})
    posted = client.post(f"/api/v1/assessments/{pk}/answers", body, content_type="application/json",
                         headers={"Idempotency-Key": "k1"})  # fmt: skip
    assert posted.status_code == 404
    assert not candidate.assessment.responses.exists()
    assert reverse("assessments:question", args=[pk]) not in client.get(reverse("assessments:index")).text


def test_the_board_refreshes_as_a_fragment_and_shows_who_is_where(login, cast, session):
    ready(session, cast.employee, cast.proctor.user)
    client = login(cast.proctor)
    url = reverse("certification:session-detail", args=[session.pk])
    full = client.get(url)
    assert session.candidate_code in full.text and session.proctor_code in full.text
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert 'id="board"' in fragment.text and "Taking the test" in fragment.text
    # The CDO follows the board but never sees the proctor's code.
    assert session.proctor_code not in login(cast.cdo).get(url).text


def test_finalising_twice_from_the_page_changes_nothing(login, cast, session):
    client = login(cast.proctor)
    url = reverse("certification:session-finalise", args=[session.pk])
    client.post(url)
    session.refresh_from_db()
    finalised_at = session.finalised_at
    second = client.post(url, follow=True)
    assert "This session was already finalised: nothing changed." in second.text
    session.refresh_from_db()
    assert session.finalised_at == finalised_at


def test_the_public_page_shows_holder_levels_dates_and_status_without_sign_in(client, certificate):
    page = client.get(f"/verify/{certificate.code}")
    assert page.status_code == 200
    assert "This certificate is valid." in page.text
    assert "Emma Employee" in page.text and "Competence 1.1" in page.text
    assert client.get(f"/verify/{certificate.code.lower()}").status_code == 200


def test_the_holder_hides_their_name_and_levels_from_the_public_page(client, login, cast, certificate):
    login(cast.employee).post(
        reverse("certification:certificate-share", args=[certificate.code]), {"shared": "0"}
    )
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # logging out drops the language cookie
    page = client.get(f"/verify/{certificate.code}")
    assert "This certificate is valid." in page.text
    assert "Emma Employee" not in page.text and "Competence 1.1" not in page.text


@pytest.mark.parametrize("code", ["C-0000OOOO", "nonsense", "C-" + "A" * 200])
def test_a_malformed_or_unknown_code_gets_a_clear_page(client, db, code):
    page = client.get(f"/verify/{code}")
    assert page.status_code == 404
    assert "No certificate has this code" in page.text


def test_a_revoked_certificate_shows_the_reason_on_its_public_page(client, login, cast, certificate):
    cdo = login(cast.cdo)
    url = reverse("certification:certificate-revoke", args=[certificate.code])
    assert cdo.post(url, {"reason": ""}).status_code == 400
    cdo.post(url, {"reason": "Identity fraud"})
    assert AuditEvent.objects.filter(action="certification.revoke", subject=certificate.code).exists()
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # logging out drops the language cookie
    page = client.get(f"/verify/{certificate.code}")
    assert "This certificate was revoked." in page.text and "Identity fraud" in page.text


def test_only_the_holder_and_the_cdo_download_the_pdf(login, cast, certificate):
    url = reverse("certification:certificate-pdf", args=[certificate.code])
    assert login(cast.manager).get(url).status_code == 404
    response = login(cast.employee).get(url)
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_the_check_page_accepts_a_credential_and_refuses_a_tampered_copy(client, certificate):
    token = credentials.credential_issue(certificate, "RS256")
    url = reverse("certification:credential-check")
    assert "This credential is valid." in client.post(url, {"credential": token}).text
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload[:-4]}AAAA.{signature}"
    page = client.post(url, {"credential": tampered})
    assert "This credential is not valid." in page.text
    empty = client.post(url, {"credential": ""})
    assert empty.status_code == 400 and "Paste the text of the credential" in empty.text


def test_the_api_verifies_credentials_and_codes_publicly(client, certificate):
    token = credentials.credential_issue(certificate)
    good = client.post(
        "/api/v1/certification/verify", json.dumps({"credential": token}), content_type="application/json"
    )
    assert good.json() == {
        "valid": True,
        "problems": [],
        "algorithm": "Ed25519",
        "code": certificate.code,
        "status": "valid",
    }
    bad = client.post(
        "/api/v1/certification/verify", json.dumps({"credential": "x.y"}), content_type="application/json"
    )
    assert bad.json()["valid"] is False and bad.json()["problems"]
    assert client.get(f"/api/v1/certification/verify/{certificate.code}").json()["holder"] == "Emma Employee"
    assert client.get("/api/v1/certification/verify/C-NOPE").status_code == 404


def test_the_holder_gets_their_certificates_and_credential_over_the_api(login, cast, certificate):
    client = login(cast.employee)
    listed = client.get("/api/v1/certification/certificates").json()
    assert [c["code"] for c in listed] == [certificate.code]
    token = client.get(f"/api/v1/certification/certificates/{certificate.code}/credential?alg=RS256").text
    assert credentials.credential_verify(token).valid
    assert (
        login(cast.manager)
        .get(f"/api/v1/certification/certificates/{certificate.code}/credential")
        .status_code
        == 404
    )


def test_the_issuer_profile_and_jwks_are_public(client, db):
    issuer = client.get(reverse("certification:issuer")).json()
    assert issuer["type"] == ["Profile"]
    keys = client.get(reverse("certification:jwks")).json()["keys"]
    assert {k["kid"] for k in keys} == {k["kid"] for k in credentials.jwks()["keys"]}


def test_the_home_page_shows_the_certified_level_and_the_proctors_sessions(login, cast, certificate):
    assert f"Your certified level is {certificate.overall_level}" in login(cast.employee).get("/").text
    assert reverse("certification:session-list") in login(cast.proctor).get("/").text


def test_a_cdo_reading_someone_elses_certificate_is_audited(login, cast, certificate):
    assert (
        login(cast.cdo).get(reverse("certification:certificate-detail", args=[certificate.code])).status_code
        == 200
    )
    assert AuditEvent.objects.filter(
        action="certification.certificate_viewed", subject=certificate.code
    ).exists()
    assert Certificate.objects.count() == 1
