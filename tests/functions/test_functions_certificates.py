"""The certificate as evidence: it counts while valid, always, even where an assessment
would not; a revoked or expired one does not."""

from datetime import timedelta

from django.utils import timezone

from acculture.functions.evaluation import Kind, eligibility_for
from tests.functions.conftest import give_certificate, give_result, make_function


def test_a_valid_certificate_meets_a_function_that_requires_one(cast, framework):
    function = make_function(cast.org, framework, overall=3, minimums={"1.1": 3}, evidence="certificate")
    give_result(cast.employee, framework, 1.0, {"1.1": 1.0}, days_ago=1)  # a bad day in practice
    give_certificate(
        cast.employee, framework, 3.4, {"1.1": 3.2}, issued_on=timezone.localdate() - timedelta(days=500)
    )
    found = eligibility_for(cast.employee, function)
    assert found.met and found.evidence.kind == Kind.CERTIFICATE and found.evidence.reference == "C-ABCDEFGH"


def test_a_revoked_certificate_is_not_evidence(cast, framework):
    function = make_function(cast.org, framework, overall=3, evidence="certificate")
    give_certificate(cast.employee, framework, 5.0, {}, issued_on=timezone.localdate() - timedelta(days=10),
                     revoked_at=timezone.now(), revocation_reason="Fraud")  # fmt: skip
    assert eligibility_for(cast.employee, function).guide is None


def test_an_expired_certificate_is_not_evidence(cast, framework):
    function = make_function(cast.org, framework, overall=3, evidence="certificate")
    today = timezone.localdate()
    give_certificate(cast.employee, framework, 5.0, {}, issued_on=today - timedelta(days=1200),
                     expires_on=today - timedelta(days=1))  # fmt: skip
    assert not eligibility_for(cast.employee, function).met


def test_a_certificate_counts_for_a_function_that_accepts_assessments_and_the_smaller_gap_wins(
    cast, framework
):
    function = make_function(cast.org, framework, overall=3, assessment_months=3)
    give_result(cast.employee, framework, 2.0, {}, days_ago=5)
    give_certificate(cast.employee, framework, 3.1, {}, issued_on=timezone.localdate() - timedelta(days=400))
    found = eligibility_for(cast.employee, function)
    assert found.met and found.evidence.kind == Kind.CERTIFICATE


def test_a_certificate_of_another_framework_does_not_count(cast, framework):
    from acculture.frameworks.models import Framework

    other = Framework.objects.create(code="digcomp", version="2.2", name_fr="D", name_en="D", attribution_fr="-",
                                     attribution_en="-", content_hash="x")  # fmt: skip
    function = make_function(cast.org, framework, overall=3, evidence="certificate")
    give_certificate(cast.employee, other, 6.0, {}, issued_on=timezone.localdate())
    assert not eligibility_for(cast.employee, function).met
