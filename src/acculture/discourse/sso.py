"""The DiscourseConnect protocol, without Django: checking what Discourse sends, and
signing what goes back.

Discourse sends the browser to `/discourse/sso?sso=<payload>&sig=<signature>`, where the
payload is the Base64 of a query string (`nonce=…&return_sso_url=…`) and the signature
is the hex HMAC-SHA256 of the Base64 text itself with the shared secret. The answer has
the same shape: the Base64 of a query string holding the nonce and the person's details,
signed the same way, sent back to `return_sso_url`.
"""

import base64
import binascii
import hashlib
import hmac
from urllib.parse import parse_qs, urlencode, urlsplit


class BadRequest(ValueError):
    """What Discourse sent cannot be trusted or understood."""


def sign(secret: str, payload: str) -> str:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


def read_request(*, secret: str, sso: str, sig: str) -> dict[str, str]:
    """The fields of a signed request (nonce, return_sso_url…), or BadRequest."""
    if not sso or not sig or not hmac.compare_digest(sign(secret, sso), sig.strip().lower()):
        raise BadRequest("signature")
    try:
        decoded = base64.b64decode("".join(sso.split()), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise BadRequest("payload") from None
    fields = {key: values[0] for key, values in parse_qs(decoded, keep_blank_values=True).items()}
    if not fields.get("nonce") or not fields.get("return_sso_url"):
        raise BadRequest("payload")
    return fields


def return_url_allowed(return_url: str, discourse_url: str) -> bool:
    """Whether `return_url` belongs to the configured Discourse (same scheme, host and
    port, under its path): a signed request cannot send the answer anywhere else."""
    got, want = urlsplit(return_url), urlsplit(discourse_url)
    if (got.scheme, got.netloc.lower()) != (want.scheme, want.netloc.lower()):
        return False
    base = want.path.rstrip("/")
    return got.path == base or got.path.startswith(base + "/")


def answer_url(*, secret: str, return_url: str, fields: dict[str, str]) -> str:
    """The address that carries the signed answer back to Discourse."""
    payload = base64.b64encode(urlencode(fields).encode("utf-8")).decode("ascii")
    separator = "&" if urlsplit(return_url).query else "?"
    return return_url + separator + urlencode({"sso": payload, "sig": sign(secret, payload)})
