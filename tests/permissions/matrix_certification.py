"""Certification: every member of staff joins sessions and sees their own certificates;
proctors run sessions; the CDO reviews, publishes and revokes; verification is public."""

from tests.permissions.common import API_OWNER_ONLY, API_STAFF, LOGIN, STAFF, ApiEntry, Entry, everyone, only

STAFF_PAGE = {**STAFF, "anonymous": LOGIN, "platform_admin": 302}
OWNER_ONLY = {**everyone(404), "anonymous": LOGIN, "platform_admin": 302, "employee": 200}
# The holder's certificate: the holder, and the CDO of the holder's organisation (audited).
HOLDER_OR_REVIEWER = {**OWNER_ONLY, "cdo": 200}
POST_ONLY_STAFF = {**everyone(405), "anonymous": LOGIN, "platform_admin": 302}
SESSION_READERS = {"proctor": 200, "cdo": 200, "outsider": 200}  # their own organisation's list
SESSION_OWNERS = {"proctor": 200, "cdo": 200, "outsider": 404}  # another organisation's: not found

_keys_dir = None


def _signing_keys():
    """Throwaway keys for the whole run: the matrix never touches the configured folder."""
    global _keys_dir
    import tempfile

    from django.conf import settings

    from acculture.certification.credentials import keys_generate

    if _keys_dir is None:
        _keys_dir = tempfile.mkdtemp(prefix="acculture-matrix-keys-")
        keys_generate(_keys_dir)
    settings.CERTIFICATION_KEYS_DIR = _keys_dir


def _framework():
    from acculture.frameworks.models import Framework
    from tests.assessments.conftest import make_bank

    return Framework.objects.filter(code="test").first() or make_bank(
        codes=("1.1",), per_level=1, levels=(2, 3)
    )


def session(cast):
    from django.utils import timezone

    from acculture.certification.models import CertificationSession
    from acculture.certification.services import session_create

    found = CertificationSession.objects.filter(organisation=cast.org, place="Matrix room").first()
    found = found or session_create(
        organisation=cast.org, by=None, framework=_framework(), starts_at=timezone.now(),
        time_zone="Europe/Paris", place="Matrix room", capacity=5,
    )  # fmt: skip
    return {"pk": found.pk}


def candidate(cast):
    from acculture.certification.models import Candidate, CertificationSession

    pk = session(cast)["pk"]
    found, _ = Candidate.objects.get_or_create(
        session=CertificationSession.objects.get(pk=pk), person=cast.employee
    )
    return {"pk": found.pk}


def session_candidate(cast):
    pk = session(cast)["pk"]
    return {"pk": pk, "candidate_pk": candidate(cast)["pk"]}


def session_action(cast):
    return {**session_candidate(cast), "action": "check"}


def incident(cast):
    from acculture.certification.models import Incident

    pk = session(cast)["pk"]
    found = Incident.objects.filter(session_id=pk).first() or Incident.objects.create(
        session_id=pk, category="technical", description="Matrix"
    )
    return {"pk": pk, "incident_pk": found.pk}


def certificate(cast):
    from datetime import date

    from acculture.certification.models import Certificate

    _signing_keys()
    found = Certificate.objects.filter(code="C-MATR4XYZ").first() or Certificate.objects.create(
        person=cast.employee, code="C-MATR4XYZ", framework=_framework(), overall_level="3.4", band="independent",
        levels={"1.1": 3.4}, issued_on=date(2026, 1, 5), expires_on=date(2099, 1, 5),
    )  # fmt: skip
    return {"code": found.code}


def framework_code(cast):
    return {"code": _framework().code}


MATRIX = {
    "certification:index": Entry(STAFF_PAGE),
    # A candidacy is its person's alone: anyone else, of any role, meets "not found".
    "certification:test": Entry(OWNER_ONLY, candidate),
    "certification:test-start": Entry(POST_ONLY_STAFF, candidate),
    "certification:certificate-detail": Entry(HOLDER_OR_REVIEWER, certificate),
    "certification:certificate-pdf": Entry(HOLDER_OR_REVIEWER, certificate, page=False),
    "certification:certificate-credential": Entry(HOLDER_OR_REVIEWER, certificate, page=False),
    "certification:certificate-share": Entry(POST_ONLY_STAFF, certificate),
    # Revoking: the CDO of the holder's organisation; the holder is refused; an outsider never finds it.
    "certification:certificate-revoke": Entry(
        {**everyone(403), "anonymous": LOGIN, "platform_admin": 302, "cdo": 200, "outsider": 404}, certificate
    ),
    "certification:session-list": Entry(only(SESSION_READERS)),
    "certification:session-create": Entry(only({"proctor": 200})),
    "certification:session-detail": Entry(only(SESSION_OWNERS), session),
    "certification:session-enrol": Entry(only({"proctor": 200}), session),
    "certification:session-import": Entry(only({"proctor": 405}), session),
    "certification:candidate-action": Entry(only({"proctor": 405}), session_action),
    "certification:candidate-end": Entry(only({"proctor": 200}), session_candidate),
    "certification:incident-create": Entry(only({"proctor": 200}), session),
    "certification:incident-validate": Entry(only({"proctor": 405}), incident),
    "certification:session-finalise": Entry(only({"proctor": 200}), session),
    "certification:session-publish": Entry(only({"cdo": 405, "outsider": 405}), session),
    # Public: anyone checks a credential or a code, and reads the issuer's profile and keys.
    "certification:credential-check": Entry(everyone(200)),
    "certification:issuer": Entry(everyone(200), page=False),
    "certification:jwks": Entry(everyone(200), page=False),
    "certification:framework": Entry(everyone(200), framework_code),
    "verify:certificate": Entry(everyone(200), certificate),
}

API_MATRIX = {
    ("get", "/api/v1/certification/certificates"): API_STAFF,
    ("get", "/api/v1/certification/certificates/{code}/credential"): ApiEntry(
        {**API_OWNER_ONLY, "employee": 200}, certificate
    ),
    ("get", "/api/v1/certification/verify/{code}"): ApiEntry(everyone(200), certificate),
    # A malformed credential: a clear "not valid", and nothing changes.
    ("post", "/api/v1/certification/verify"): ApiEntry(everyone(200), body={"credential": "a.b.c"}),
}
