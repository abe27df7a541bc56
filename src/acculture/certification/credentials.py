"""Open Badges 3.0 credentials: the organisation's keys, its issuer profile, its JWKS,
and an `OpenBadgeCredential` per certificate as a VC-JWT, signed Ed25519 or RS256.

The format follows Open Badges 3.0 § 8.2 (VC-JWT): the JOSE header names the algorithm
and the key (`kid`, a JWK thumbprint, also listed in the published JWKS); the payload
carries the credential under `vc` with the registered claims `iss`, `sub`, `jti`,
`nbf`, `exp`. The achievement is the certified level on the framework, aligned to each
competence of the framework and to the competences of the frameworks aligned with it
(CRCN ↔ DigComp); the `result` lists the overall level and the level per competence.

Keys live as private JWK files in `settings.CERTIFICATION_KEYS_DIR` (never in the
repository); `acculture certification-keys` creates them.
"""

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.certification.models import Certificate
from acculture.frameworks.models import AlignmentPair, Competence

ALGORITHMS = ("Ed25519", "RS256")
# "EdDSA" is the name RFC 8037 gave Ed25519 before RFC 9864: accepted when verifying.
ACCEPTED = ["Ed25519", "EdDSA", "RS256"]
KEY_FILES = {"Ed25519": "ed25519.jwk.json", "RS256": "rs256.jwk.json"}
CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


class KeysMissing(Exception):
    """No signing key yet: run `acculture certification-keys`."""


# joserfc (and the cryptography it loads) is imported where it is used: it adds most of a
# second to every server's start, and most requests never sign or verify anything.


def keys_generate(directory: Path | None = None, *, force: bool = False) -> list[Path]:
    """Create the missing keys (both, with `force`); returns the files written."""
    from joserfc.jwk import OKPKey, RSAKey

    directory = Path(directory or settings.CERTIFICATION_KEYS_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for alg, name in KEY_FILES.items():
        path = directory / name
        if path.exists() and not force:
            continue
        key = OKPKey.generate_key("Ed25519") if alg == "Ed25519" else RSAKey.generate_key(3072)
        data = {**key.as_dict(private=True), "kid": key.thumbprint(), "alg": alg, "use": "sig"}
        # Written readable by the owner only, before a byte of the key is in it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
        written.append(path)
    _loaded.clear()
    return written


_loaded: dict[str, dict] = {}


def _private_keys() -> dict:
    from joserfc.jwk import OKPKey, RSAKey

    directory = str(settings.CERTIFICATION_KEYS_DIR)
    if directory not in _loaded:
        keys = {}
        for alg, name in KEY_FILES.items():
            path = Path(directory) / name
            if not path.exists():
                raise KeysMissing(
                    f"No signing key at {path}: run `acculture certification-keys` (docs/certification.md)."
                )
            data = json.loads(path.read_text(encoding="utf-8"))
            keys[alg] = (OKPKey if alg == "Ed25519" else RSAKey).import_key(data)
        _loaded[directory] = keys
    return _loaded[directory]


def keys_available() -> bool:
    try:
        _private_keys()
    except KeysMissing:
        return False
    return True


def public_key_set():
    from joserfc.jwk import KeySet

    return KeySet([key for key in _private_keys().values()])


def jwks() -> dict:
    """The public keys, as published at the JWKS address."""
    out = []
    for alg, key in _private_keys().items():
        out.append({**key.as_dict(private=False), "alg": alg, "use": "sig", "kid": key.kid})
    return {"keys": out}


def absolute(path: str) -> str:
    return settings.BASE_URL + path


def issuer_id() -> str:
    return absolute(reverse("certification:issuer"))


def issuer_profile(organisation) -> dict:
    """The OB 3.0 Profile of the issuer (one per organisation, at a stable address)."""
    return {
        "@context": CONTEXTS,
        "id": issuer_id() + (f"?org={organisation.slug}" if organisation else ""),
        "type": ["Profile"],
        "name": organisation.name if organisation else "Acculture",
        "url": settings.BASE_URL,
        "publicKey": absolute(reverse("certification:jwks")),
    }


def competence_url(framework_code: str, code: str) -> str:
    return absolute(reverse("certification:framework", args=[framework_code])) + f"#c-{code}"


def verification_url(certificate: Certificate) -> str:
    return absolute(reverse("verify:certificate", args=[certificate.code]))


def _aligned(certificate: Certificate) -> list[dict]:
    """The framework's competences and, through the alignments, their counterparts (DigComp)."""
    competences = list(Competence.objects.filter(framework=certificate.framework).select_related("framework"))
    pairs = AlignmentPair.objects.filter(source__in=competences).select_related("target__framework")
    alignment = [
        {
            "type": ["Alignment"],
            "targetType": "ceterms:Competency",
            "targetCode": c.code,
            "targetName": c.name_en or c.name_fr,
            "targetFramework": c.framework.name_en or c.framework.code,
            "targetUrl": competence_url(c.framework.code, c.code),
        }
        for c in competences
    ]
    for pair in pairs:
        target = pair.target
        alignment.append(
            {
                "type": ["Alignment"],
                "targetType": "ceterms:Competency",
                "targetCode": target.code,
                "targetName": target.name_en or target.name_fr,
                "targetFramework": target.framework.name_en or target.framework.code,
                "targetUrl": competence_url(target.framework.code, target.code),
            }
        )
    return alignment


def _instant(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def credential_payload(certificate: Certificate) -> dict:
    """The OpenBadgeCredential and its JWT claims."""
    organisation = certificate.person.organisation
    issuer = issuer_profile(organisation)
    valid_from = _instant(certificate.issued_on)
    valid_until = _instant(certificate.expires_on)
    subject_id = f"urn:acculture:certificate:{certificate.code}"
    framework = certificate.framework
    credential = {
        "@context": CONTEXTS,
        "id": verification_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer,
        "validFrom": valid_from.isoformat().replace("+00:00", "Z"),
        "validUntil": valid_until.isoformat().replace("+00:00", "Z"),
        "name": f"{framework.name_en or framework.code} — level {certificate.overall_level}",
        "credentialStatus": {"id": verification_url(certificate), "type": "AccultureVerificationPage"},
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": certificate.person.full_name,
                    "identityType": "name",
                    "hashed": False,
                }
            ],
            "achievement": {
                "id": absolute(reverse("certification:framework", args=[framework.code])),
                "type": ["Achievement"],
                "achievementType": "Certification",
                "name": f"Certified digital skills ({framework.name_en or framework.code})",
                "description": "Digital skills measured in a proctored adaptive test, by competence, on levels 0–8.",
                "criteria": {
                    "narrative": "A proctored certification session; the levels come from the answers that count."
                },
                "alignment": _aligned(certificate),
                "resultDescription": [
                    {
                        "id": "urn:acculture:result:overall",
                        "type": ["ResultDescription"],
                        "name": "Overall level",
                        "resultType": "ext:Level",
                    },
                    *[
                        {
                            "id": f"urn:acculture:result:{code}",
                            "type": ["ResultDescription"],
                            "name": f"Level in {code}",
                            "resultType": "ext:Level",
                            "alignment": [
                                {
                                    "type": ["Alignment"],
                                    "targetCode": code,
                                    "targetName": code,
                                    "targetUrl": competence_url(framework.code, code),
                                }
                            ],
                        }
                        for code in certificate.levels
                    ],
                ],
            },
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": "urn:acculture:result:overall",
                    "value": str(certificate.overall_level),
                    "achievedLevel": certificate.band,
                },
                *[
                    {
                        "type": ["Result"],
                        "resultDescription": f"urn:acculture:result:{code}",
                        "value": f"{level:.1f}",
                    }
                    for code, level in certificate.levels.items()
                ],
            ],
        },
    }
    return {
        "iss": issuer["id"],
        "sub": subject_id,
        "jti": credential["id"],
        "nbf": int(valid_from.timestamp()),
        "iat": int(timezone.now().timestamp()),
        "exp": int(valid_until.timestamp()),
        "vc": credential,
    }


def credential_issue(certificate: Certificate, algorithm: str = "Ed25519") -> str:
    """The certificate as a signed VC-JWT."""
    from joserfc import jwt

    if algorithm not in ALGORITHMS:
        raise ValueError(f"Unknown algorithm {algorithm!r}: use one of {', '.join(ALGORITHMS)}")
    key = _private_keys()[algorithm]
    header = {"alg": algorithm, "typ": "JWT", "kid": key.kid}
    return jwt.encode(header, credential_payload(certificate), key, algorithms=[algorithm])


@dataclass
class Verification:
    """What checking a presented credential found; `valid` only when nothing failed."""

    valid: bool = False
    problems: list[str] = field(default_factory=list)
    certificate: Certificate | None = None
    algorithm: str = ""
    claims: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "valid": self.valid,
            "problems": self.problems,
            "algorithm": self.algorithm,
            "code": self.certificate.code if self.certificate else None,
            "status": self.certificate.status.value if self.certificate else None,
        }


def credential_verify(token: str, *, today: date | None = None) -> Verification:
    """Check a presented VC-JWT: its form, its signature, its dates and the certificate's
    revocation. Each failure is a plain sentence in `problems`."""
    from joserfc import jwt
    from joserfc.errors import BadSignatureError, DecodeError, InvalidKeyIdError, JoseError

    report = Verification()
    token = "".join((token or "").split())
    if token.count(".") != 2:
        report.problems.append(
            _("This is not a credential: a credential is three blocks of letters separated by dots.")
        )
        return report
    try:
        keys = public_key_set()
    except KeysMissing:
        report.problems.append(_("This site has no signing key yet, so it cannot check credentials."))
        return report
    try:
        decoded = jwt.decode(token, keys, algorithms=ACCEPTED)
    except BadSignatureError:
        report.problems.append(
            _(
                "The signature does not match: the credential was changed after it was issued, or not issued here."
            )
        )
        return report
    except InvalidKeyIdError:
        report.problems.append(
            _(
                "The signature cannot be checked: the credential names a key this site never used (not issued here)."
            )
        )
        return report
    except (DecodeError, JoseError, ValueError) as exc:
        report.problems.append(
            _("The credential cannot be read (%(why)s).") % {"why": exc.__class__.__name__}
        )
        return report
    report.algorithm = decoded.header.get("alg", "")
    report.claims = decoded.claims
    now = timezone.now().timestamp()
    if isinstance(decoded.claims.get("nbf"), int) and decoded.claims["nbf"] > now + 60:
        report.problems.append(_("The credential is not valid yet."))
    expired = isinstance(decoded.claims.get("exp"), int) and decoded.claims["exp"] < now
    if expired:
        report.problems.append(_("The credential has expired."))
    jti = str(decoded.claims.get("jti", ""))
    code = jti.rstrip("/").rsplit("/", 1)[-1]
    certificate = Certificate.objects.select_related("person").filter(code=code).first()
    if certificate is None:
        report.problems.append(_("No certificate of this site has this credential's code."))
        return report
    report.certificate = certificate
    status = certificate.status_on(today)
    if status == Certificate.Status.REVOKED:
        report.problems.append(
            _("The certificate was revoked: %(reason)s") % {"reason": certificate.revocation_reason}
        )
    elif status == Certificate.Status.EXPIRED and not expired:
        report.problems.append(_("The certificate has expired."))
    report.valid = not report.problems
    return report
