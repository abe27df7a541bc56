"""A proctor runs a certification session for two candidates; they pass; the session is
finalised; each downloads a PDF whose QR code opens a valid verification page; the Open
Badges credential verifies and a tampered copy does not."""

import io
from pathlib import Path

import pytest
import segno
from django.utils import timezone
from pypdf import PdfReader

from acculture.certification import credentials
from acculture.certification.pdf import QR_BORDER, QR_SCALE
from acculture.content.models import Item
from tests.assessments.conftest import make_bank, right_answer
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD


@pytest.fixture
def certification_ready(settings, live_server, tmp_path, db):
    framework = make_bank()
    Item.objects.filter(level__in=(2, 3, 4, 5), type=Item.Type.SINGLE).update(for_certification=True)
    credentials.keys_generate(tmp_path)
    settings.CERTIFICATION_KEYS_DIR = tmp_path
    settings.CERTIFICATION_MIN_ANSWERS = 5
    settings.BASE_URL = live_server.url  # the QR code then opens this test's server
    return framework


def qr_url_in(pdf: bytes) -> str:
    """The address the PDF links to, after checking its QR image encodes exactly it."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    (url,) = {a.get_object()["/A"]["/URI"] for a in page["/Annots"] if "/A" in a.get_object()}
    image = page.images[0].image.convert("L")
    expected = segno.make(url, error="m", micro=False).matrix
    centre = QR_SCALE // 2
    seen = [
        [image.getpixel(((c + QR_BORDER) * QR_SCALE + centre, (r + QR_BORDER) * QR_SCALE + centre)) < 128
         for c in range(len(expected))]
        for r in range(len(expected))
    ]  # fmt: skip
    assert seen == [[bool(m) for m in row] for row in expected], "the QR code does not encode the link"
    return url


def join(page, person, code):
    page.set_default_timeout(60_000)  # WeasyPrint and the engine take a while on a busy machine
    sign_in(page, person.email, PASSWORD)
    page.get_by_role("link", name="Join the session on the day").click()  # the home card of the enrolled
    page.get_by_label("Session code").fill(code.lower())
    page.get_by_role("button", name="Join the session").click()
    page.get_by_text("The proctor will now check your identity").wait_for()


def take_the_test(page):
    page.reload()
    page.get_by_role("button", name="Start the test").click()
    for _ in range(60):
        if page.get_by_text("Your test is over").count():
            return
        code = page.locator("input[name=item]").get_attribute("value")
        page.locator(
            f"input[name=answer][value={right_answer(Item.objects.get(code=code))['answer']}]"
        ).check()
        # Wait for the next page itself: wait_for_load_state() right after the click may
        # return on the page being left, whose question the next turn would then answer.
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm my answer").click()
    raise AssertionError("The test never ended")


def test_a_proctor_certifies_two_candidates_whose_certificates_verify_anywhere(
    new_page, cast, certification_ready
):
    proctor = new_page(language="en")
    proctor.set_default_timeout(60_000)  # finalising renders two PDFs' worth of work on a busy machine
    proctor.goto("/healthz", timeout=60_000)  # the server's first answer is slow on a busy machine
    sign_in(proctor, cast.proctor.email, PASSWORD)
    proctor.get_by_role("link", name="Go to the sessions").click()
    proctor.get_by_role("link", name="Plan a session").click()
    proctor.get_by_label("Date of the session").fill(timezone.localdate().isoformat())
    proctor.get_by_label("Start time").fill("08:30")
    proctor.get_by_label("Place", exact=True).fill("Room 204, Lyon site")
    proctor.get_by_label("Number of places").fill("10")
    proctor.get_by_role("button", name="Create the session").click()
    proctor.get_by_label("Employee number or e-mail address of the candidate").fill(
        cast.employee.employee_number
    )
    proctor.get_by_role("button", name="Enrol", exact=True).click()
    proctor.get_by_label("Employee number or e-mail address of the candidate").fill(cast.manager.email)
    proctor.get_by_label("Extra time (%)").fill("33")
    proctor.get_by_role("button", name="Enrol", exact=True).click()
    proctor.get_by_text("Marc Manager is enrolled.").wait_for()
    proctor.get_by_role("link", name="Back to the session").click()
    code = proctor.locator("#candidate-code").inner_text()

    candidates = {}
    for person in (cast.employee, cast.manager):
        candidates[person.first_name] = page = new_page(language="en")
        join(page, person, code)

    proctor.reload()
    for name in candidates:
        proctor.get_by_role("button", name=f"Identity of {name} checked").click()
        proctor.get_by_role("button", name=f"Let {name} start or continue").click()
    for page in candidates.values():
        take_the_test(page)

    proctor.reload()
    proctor.get_by_role("link", name="Finalise the session").click()
    proctor.get_by_role("button", name="Finalise the session").click()
    proctor.get_by_text("The session is finalised and its results are published.").wait_for()
    assert proctor.locator("#board").inner_text().count("Certified") == 2

    for name, page in candidates.items():
        page.get_by_role("link", name="Go to my certification page").click()
        page.get_by_role("link", name="Certificate C-").click()
        with page.expect_download() as pdf:
            page.get_by_role("link", name="Download the certificate (PDF, with a QR code)").click()
        url = qr_url_in(Path(pdf.value.path()).read_bytes())
        with page.expect_download() as badge:
            page.get_by_role(
                "link", name="Download the digital badge (Open Badges 3.0, Ed25519 signature)"
            ).click()
        token = Path(badge.value.path()).read_text(encoding="utf-8")

        anyone = new_page(language="en")  # not signed in: the page a QR code opens
        anyone.goto(url)
        assert "This certificate is valid." in anyone.locator("main").inner_text()
        assert name in anyone.locator("main").inner_text()

        anyone.get_by_role("link", name="Check a digital badge (Open Badges credential)").click()
        anyone.get_by_label("Paste the credential").fill(token)
        anyone.get_by_role("button", name="Check").click()
        assert "This credential is valid." in anyone.locator("#check-result").inner_text()
        header, payload, signature = token.split(".")
        anyone.get_by_label("Paste the credential").fill(f"{header}.{payload[:-6]}AAAAAA.{signature}")
        anyone.get_by_role("button", name="Check").click()
        result = anyone.locator("#check-result").inner_text()
        assert "This credential is not valid." in result and "signature does not match" in result


def test_when_a_questions_time_is_up_the_page_moves_on_by_itself(
    new_page, cast, certification_ready, settings
):
    from acculture.assessments.models import Response
    from acculture.certification import services
    from tests.certification.conftest import ready

    settings.CERTIFICATION_SECONDS_PER_ITEM = 3
    session = services.session_create(
        organisation=cast.org, by=None, framework=certification_ready, starts_at=timezone.now(),
        time_zone="Europe/Paris", place="Room 204", capacity=2,
    )  # fmt: skip
    candidate = ready(session, cast.employee, cast.proctor.user)
    page = new_page(language="en")
    page.set_default_timeout(60_000)
    page.goto("/healthz", timeout=60_000)
    sign_in(page, cast.employee.email, PASSWORD)
    page.goto(f"/certification/test/{candidate.pk}/")
    page.get_by_text("Question 2", exact=True).wait_for()
    first = Response.objects.get(assessment=candidate.assessment, position=1)
    assert first.dont_know  # nothing was chosen: "I don't know" was sent for the candidate
