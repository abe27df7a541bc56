import time

from django.urls import reverse

from acculture.certification import credentials
from acculture.certification.demo import demo_build
from acculture.certification.models import Certificate, CertificationSession
from acculture.people import demo
from tests.assessments.conftest import make_bank


def test_the_demo_adds_a_published_session_with_two_certified_people_fast_and_once(db, client):
    make_bank()
    organisation, _accounts = demo.demo_build(size=50)
    started = time.perf_counter()
    line = demo_build(organisation, seed=1)
    assert time.perf_counter() - started < 2
    assert "2 certified people" in line
    session = CertificationSession.objects.get(organisation=organisation)
    assert session.status == CertificationSession.Status.PUBLISHED
    holders = set(Certificate.objects.values_list("person__email", flat=True))
    assert holders == {f"employee@{demo.DEMO_DOMAIN}", f"champion@{demo.DEMO_DOMAIN}"}
    certificate = Certificate.objects.first()
    assert client.get(reverse("verify:certificate", args=[certificate.code])).status_code == 200
    assert credentials.credential_verify(credentials.credential_issue(certificate)).valid
    assert demo_build(organisation, seed=1) is None
    assert Certificate.objects.count() == 2
