"""A bank with certification items, throwaway signing keys, and helpers that walk a
candidate through a session."""

from datetime import timedelta

import pytest
from django.utils import timezone

from acculture.certification import credentials, services
from acculture.certification.models import Candidate, CertificationSession
from acculture.content.models import Item
from tests.assessments.conftest import make_bank, right_answer


@pytest.fixture(scope="session")
def keys_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("keys")
    credentials.keys_generate(directory)
    return directory


@pytest.fixture(autouse=True)
def signing_keys(settings, keys_dir):
    """Never the real keys folder: each test signs with throwaway keys."""
    settings.CERTIFICATION_KEYS_DIR = keys_dir
    settings.CERTIFICATION_MIN_ANSWERS = 6
    settings.BASE_URL = "https://acculture.example.org"
    return keys_dir


@pytest.fixture
def cert_bank(db):
    """Three competences; the level 2–5 single-choice items serve certification, the
    rest practice only."""
    framework = make_bank()
    Item.objects.filter(level__in=(2, 3, 4, 5), type=Item.Type.SINGLE).update(for_certification=True)
    return framework


@pytest.fixture
def session(cast, cert_bank):
    return services.session_create(
        organisation=cast.org, by=cast.proctor.user, framework=cert_bank, starts_at=timezone.now(),
        time_zone="Europe/Paris", place="Room 204", capacity=5,
    )  # fmt: skip


def ready(session, person, by) -> Candidate:
    """Enrol, join with the code, check identity, authorise, start."""
    candidate = services.candidate_enrol(session=session, person=person)
    services.candidate_join(person=person, code=session.candidate_code)
    services.candidate_check(candidate=candidate, by=by)
    services.candidate_authorise(candidate=candidate, by=by)
    return services.candidate_test_start(candidate=candidate)


def answer_all(candidate: Candidate, *, right=True, limit=200) -> Candidate:
    """Answer every question until the engine stops (right answers, or all wrong)."""
    for _ in range(limit):
        candidate.refresh_from_db()
        assessment = candidate.assessment
        assessment.refresh_from_db()
        if candidate.stage != Candidate.Stage.TESTING:
            return candidate
        item = assessment.current_item
        response = right_answer(item)["answer"] if right else "a"
        services.candidate_answer(
            candidate=candidate, position=assessment.current_position, item_code=item.code, response=response
        )
    raise AssertionError("The test never ended")


def yesterday_session(session: CertificationSession) -> CertificationSession:
    CertificationSession.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(days=1))
    session.refresh_from_db()
    return session
