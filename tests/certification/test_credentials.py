import base64
import json
import os
import stat
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command

from acculture.certification import credentials, services
from tests.certification.certified import certify


@pytest.fixture
def certificate(session, cast):
    return certify(session, cast.employee, cast.proctor)


def _tamper(token: str, change) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(claims)
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


@pytest.mark.parametrize("algorithm", ["Ed25519", "RS256"])
def test_a_credential_signed_with_either_algorithm_verifies(certificate, algorithm):
    token = credentials.credential_issue(certificate, algorithm)
    report = credentials.credential_verify(token)
    assert report.valid, report.problems
    assert report.algorithm == algorithm
    assert report.certificate == certificate


def test_the_credential_is_an_open_badge_aligned_to_the_competences_with_the_levels(certificate):
    claims = credentials.credential_verify(credentials.credential_issue(certificate)).claims
    vc = claims["vc"]
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["jti"] == "https://acculture.example.org/verify/" + certificate.code
    assert claims["iss"] == vc["issuer"]["id"]
    achievement = vc["credentialSubject"]["achievement"]
    assert {a["targetCode"] for a in achievement["alignment"]} >= {"1.1", "1.2", "2.1"}
    results = {r["resultDescription"]: r["value"] for r in vc["credentialSubject"]["result"]}
    assert results["urn:acculture:result:overall"] == str(certificate.overall_level)
    assert results["urn:acculture:result:1.1"] == f"{certificate.levels['1.1']:.1f}"
    assert claims["exp"] > claims["nbf"]


def test_a_tampered_credential_fails_on_its_signature(certificate):
    token = credentials.credential_issue(certificate)
    forged = _tamper(token, lambda c: c["vc"]["credentialSubject"]["result"][0].update(value="8.0"))
    report = credentials.credential_verify(forged)
    assert not report.valid
    assert any("signature does not match" in p for p in report.problems)


def test_a_revoked_certificate_makes_its_credential_fail_with_the_reason(certificate, cast):
    token = credentials.credential_issue(certificate, "RS256")
    services.certificate_revoke(certificate=certificate, by=cast.cdo.user, reason="Identity fraud")
    report = credentials.credential_verify(token)
    assert not report.valid
    assert report.problems == ["The certificate was revoked: Identity fraud"]


def test_an_expired_credential_fails(certificate):
    token = credentials.credential_issue(certificate)
    with time_machine.travel(certificate.expires_on + timedelta(days=2)):
        report = credentials.credential_verify(token)
    assert not report.valid
    assert report.problems == ["The credential has expired."]


@pytest.mark.parametrize("garbage", ["", "hello", "a.b", "a.b.c", "eyJ.eyJ.sig", "x" * 5000])
def test_malformed_input_gets_a_clear_reason_and_never_an_error(db, garbage):
    report = credentials.credential_verify(garbage)
    assert not report.valid and len(report.problems) == 1


def test_a_credential_signed_by_another_key_fails(certificate, tmp_path, settings, keys_dir):
    settings.CERTIFICATION_KEYS_DIR = tmp_path
    credentials.keys_generate(tmp_path)
    foreign = credentials.credential_issue(certificate)
    settings.CERTIFICATION_KEYS_DIR = keys_dir
    assert any("signature" in p for p in credentials.credential_verify(foreign).problems)


def test_the_jwks_publishes_both_public_keys_and_no_private_part(db):
    keys = credentials.jwks()["keys"]
    assert {k["alg"] for k in keys} == {"Ed25519", "RS256"}
    assert all("d" not in k and "p" not in k for k in keys)


def test_the_command_writes_private_keys_once_readable_by_the_owner_only(tmp_path, capsys):
    call_command("certification_keys", "--dir", str(tmp_path))
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["ed25519.jwk.json", "rs256.jwk.json"]
    assert stat.S_IMODE(os.stat(tmp_path / "ed25519.jwk.json").st_mode) == 0o600
    before = (tmp_path / "ed25519.jwk.json").read_text()
    call_command("certification_keys", "--dir", str(tmp_path))
    assert (tmp_path / "ed25519.jwk.json").read_text() == before
    assert "nothing changed" in capsys.readouterr().out


def test_without_keys_the_site_says_how_to_create_them(db, tmp_path, settings):
    settings.CERTIFICATION_KEYS_DIR = tmp_path / "none"
    with pytest.raises(credentials.KeysMissing, match="certification-keys"):
        credentials.jwks()
    assert credentials.credential_verify("a.b.c").problems == [
        "This site has no signing key yet, so it cannot check credentials."
    ]
