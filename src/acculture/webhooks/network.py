"""Sending one request to a webhook: only http(s), a short timeout, no redirects, and —
unless ACCULTURE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS says otherwise (the default outside
production) — never to an address of the private network, the machine itself or the
cloud metadata service, so that a webhook cannot be used to reach inside the network.
The name is resolved just before sending; a name that resolves differently a moment
later (DNS rebinding) is a residual risk that an outbound proxy closes for good."""

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 5
MAX_RESPONSE_BYTES = 64 * 1024


class AddressRefused(ValueError):
    """A webhook address Acculture will not send to; the message says why."""


@dataclass
class Outcome:
    status_code: int | None
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_global and not ip.is_multicast


def check_address(url: str, *, allow_private: bool | None = None) -> None:
    """Raise AddressRefused unless `url` is an http(s) address Acculture may send to."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused(_("only http:// and https:// addresses can receive webhooks."))
    if parts.username or parts.password:
        raise AddressRefused(_("put no user name or password in the address."))
    if allow_private is None:
        allow_private = settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS
    if allow_private:
        return
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError):
        raise AddressRefused(_("the name %(host)s cannot be found.") % {"host": parts.hostname}) from None
    for *_rest, sockaddr in found:
        if not _is_public(sockaddr[0]):
            raise AddressRefused(
                _("%(host)s is on a private network (%(address)s).")
                % {"host": parts.hostname, "address": sockaddr[0]}
            )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirect could lead to an address that check_address would refuse: it counts as
    # a failed attempt instead, and the log shows the status code.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """POST `body` to `url`; never raises. The response body is read (a little) and dropped."""
    started = time.monotonic()

    def elapsed() -> int:
        return round((time.monotonic() - started) * 1000)

    try:
        check_address(url)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            response.read(MAX_RESPONSE_BYTES)
            return Outcome(response.status, "", elapsed())
    except urllib.error.HTTPError as exc:
        return Outcome(exc.code, f"HTTP {exc.code} {exc.reason}"[:500], elapsed())
    except AddressRefused as exc:
        return Outcome(None, str(exc)[:500], elapsed())
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Outcome(None, f"{type(exc).__name__}: {reason}"[:500], elapsed())
