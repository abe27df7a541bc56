"""Certificates over the REST API: a person's own certificates and credentials, and two
public operations (no sign-in) that verify a code or a presented credential."""

from datetime import date
from typing import Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from acculture.api.schemas import Error, Invalid
from acculture.certification import credentials, selectors
from acculture.certification.models import Certificate

router = Router(tags=["certification"])


class CertificateOut(Schema):
    code: str
    status: str
    framework: str
    overall_level: float
    band: str
    levels: dict[str, float]
    issued_on: date
    expires_on: date
    verification_url: str

    @staticmethod
    def resolve_framework(obj) -> str:
        return obj.framework.code

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.status.value

    @staticmethod
    def resolve_verification_url(obj) -> str:
        return credentials.verification_url(obj)


class PublicCertificateOut(Schema):
    code: str
    status: str = Field(description="valid, expired or revoked")
    issued_on: date
    expires_on: date
    revocation_reason: str
    holder: str | None = Field(None, description="Only when the holder shows it on the public page.")
    overall_level: float | None = None
    levels: dict[str, float] | None = None


class CredentialIn(Schema):
    credential: str = Field(
        description="A VC-JWT (three base64url blocks separated by dots).", max_length=100_000
    )


class VerificationOut(Schema):
    valid: bool
    problems: list[str] = Field(description="Each reason the credential is not valid, in words.")
    algorithm: str
    code: str | None
    status: str | None


def _person(request):
    """The member of staff calling; an account linked to nobody has no certificates."""
    if request.actor.person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    return request.actor.person


@router.get("/certificates", response={200: list[CertificateOut], 404: Error}, summary="My certificates")
def certificates(request):
    return list(selectors.certificates_of(_person(request)))


@router.get(
    "/certificates/{code}/credential",
    response={200: str, 404: Error, 422: Invalid, 503: Error},
    summary="One of my certificates as an Open Badges 3.0 VC-JWT",
)
def credential(request, code: str, alg: Literal["Ed25519", "RS256"] = "Ed25519"):
    certificate = get_object_or_404(Certificate, code=code, person=_person(request))
    try:
        token = credentials.credential_issue(certificate, alg)
    except credentials.KeysMissing:
        raise HttpError(503, "This site has no signing key yet.") from None
    return HttpResponse(token, content_type="application/vc+jwt")


@router.get(
    "/verify/{code}", response={200: PublicCertificateOut, 404: Error}, auth=None, summary="Check a code"
)
def verify_code(request, code: str):
    certificate = Certificate.objects.select_related("person").filter(code=code.strip().upper()).first()
    if certificate is None:
        raise HttpError(404, "No certificate has this code. A code looks like C-7KMPQ4XR.")
    shared = certificate.shared
    return {
        "code": certificate.code,
        "status": certificate.status.value,
        "issued_on": certificate.issued_on,
        "expires_on": certificate.expires_on,
        "revocation_reason": certificate.revocation_reason,
        "holder": certificate.person.full_name if shared else None,
        "overall_level": float(certificate.overall_level) if shared else None,
        "levels": certificate.levels if shared else None,
    }


@router.post(
    "/verify",
    response={200: VerificationOut, 400: Error, 422: Invalid},
    auth=None,
    summary="Verify a presented credential",
)
def verify_credential(request, body: CredentialIn):
    """Signature (Ed25519 or RS256, against the published JWKS), dates and revocation."""
    return credentials.credential_verify(body.credential).as_dict()
